// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { MembershipRead, MembershipReadGuard, MembershipReadDecoder } from '../generated/models/MembershipRead'
export { PaginatedMembershipReadList, PaginatedMembershipReadListGuard, PaginatedMembershipReadListDecoder } from '../generated/models/PaginatedMembershipReadList'
export { PatchedMembershipWriteRequest } from '../generated/models/PatchedMembershipWriteRequest'
