// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { MembershipRead, MembershipReadGuard, MembershipReadDecoder } from '../../../src/generated/models/MembershipRead'
export { PaginatedMembershipReadList, PaginatedMembershipReadListGuard, PaginatedMembershipReadListDecoder } from '../../../src/generated/models/PaginatedMembershipReadList'
export { PatchedMembershipWriteRequest } from '../../../src/generated/models/PatchedMembershipWriteRequest'
