// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
export { User, UserGuard, UserDecoder } from '../../../src/generated/models/User'
export { MetaUser, MetaUserGuard, MetaUserDecoder } from '../../../src/generated/models/MetaUser'
export { PaginatedMetaUserList, PaginatedMetaUserListGuard, PaginatedMetaUserListDecoder } from '../../../src/generated/models/PaginatedMetaUserList'
export { PatchedUserRequest } from '../../../src/generated/models/PatchedUserRequest'
