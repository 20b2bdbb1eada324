// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { OrganizationRead, OrganizationReadGuard, OrganizationReadDecoder } from '../../../src/generated/models/OrganizationRead'
export { PaginatedOrganizationReadList, PaginatedOrganizationReadListGuard, PaginatedOrganizationReadListDecoder } from '../../../src/generated/models/PaginatedOrganizationReadList'
export { OrganizationWriteRequest } from '../../../src/generated/models/OrganizationWriteRequest'
export { PatchedOrganizationWriteRequest } from '../../../src/generated/models/PatchedOrganizationWriteRequest'
