// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { User, UserGuard, UserDecoder } from '../generated/models/User'
export { MetaUser, MetaUserGuard, MetaUserDecoder } from '../generated/models/MetaUser'
export { PaginatedMetaUserList, PaginatedMetaUserListGuard, PaginatedMetaUserListDecoder } from '../generated/models/PaginatedMetaUserList'
export { PatchedUserRequest } from '../generated/models/PatchedUserRequest'
