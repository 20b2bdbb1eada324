// The organisation domain's codecs under the names they had before the generator: each is the
// generated model (src/generated/models, `npm run generate`), re-exported.
import { RoleEnum } from '../generated/models/RoleEnum'
import * as D from './decoder'
import { Int } from './primitives'
export { InvitationRead, InvitationReadGuard, InvitationReadDecoder } from '../generated/models/InvitationRead'
export { InvitationWriteRequest } from '../generated/models/InvitationWriteRequest'
export { PatchedInvitationWriteRequest } from '../generated/models/PatchedInvitationWriteRequest'
export { AcceptInvitationRead, AcceptInvitationReadGuard, AcceptInvitationReadDecoder } from '../generated/models/AcceptInvitationRead'
export { PaginatedInvitationReadList, PaginatedInvitationReadListGuard, PaginatedInvitationReadListDecoder } from '../generated/models/PaginatedInvitationReadList'

// The seed schema's `InvitationWrite` is no component of CVAT's schemas (servers answer create and
// update with InvitationRead), so it stays written here: role and e-mail, and its read-only fields.

/**
 * Decodes the seed schema's `InvitationWrite` (role and e-mail plus read-only fields).
 *
 * @example
 * InvitationWrite.decode({ role: 'worker', email: 'ann@example.com', key: 'k', organization: 1 })
 */
export const InvitationWrite = /*#__PURE__*/ D.intersect(/*#__PURE__*/ D.partial({ key: D.string, created_date: D.string, owner: Int, organization: Int }))(
  /*#__PURE__*/ D.struct({ role: RoleEnum, email: D.string }),
)
/**
 * Types the seed schema's `InvitationWrite` model.
 *
 * @example
 * const seed: InvitationWrite = { role: 'worker', email: 'ann@example.com' }
 */
export type InvitationWrite = D.TypeOf<typeof InvitationWrite>
