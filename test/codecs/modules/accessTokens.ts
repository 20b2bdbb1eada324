// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { AccessTokenRead, AccessTokenReadGuard, AccessTokenReadDecoder } from '../../../src/generated/models/AccessTokenRead'
export { PaginatedAccessTokenReadList, PaginatedAccessTokenReadListGuard, PaginatedAccessTokenReadListDecoder } from '../../../src/generated/models/PaginatedAccessTokenReadList'
export { AccessTokenWriteRequest } from '../../../src/generated/models/AccessTokenWriteRequest'
export { PatchedAccessTokenWriteRequest } from '../../../src/generated/models/PatchedAccessTokenWriteRequest'
