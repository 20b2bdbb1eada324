// The organisation domain's codecs as the module src/codecs/invitations.ts held them before the
// generator: the generated models re-exported, for the codec tests that walk a module's exports.
export { InvitationRead, InvitationReadGuard, InvitationReadDecoder } from '../../../src/generated/models/InvitationRead'
export { InvitationWriteRequest } from '../../../src/generated/models/InvitationWriteRequest'
export { PatchedInvitationWriteRequest } from '../../../src/generated/models/PatchedInvitationWriteRequest'
export { AcceptInvitationRead, AcceptInvitationReadGuard, AcceptInvitationReadDecoder } from '../../../src/generated/models/AcceptInvitationRead'
export { PaginatedInvitationReadList, PaginatedInvitationReadListGuard, PaginatedInvitationReadListDecoder } from '../../../src/generated/models/PaginatedInvitationReadList'

export { InvitationWrite } from '../../../src/codecs/invitationWrite'
