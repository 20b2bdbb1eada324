/**
 * The seed schema's `InvitationWrite`, which is no component of CVAT's schemas (servers answer
 * create and update with `InvitationRead`), so it is hand-written here rather than generated:
 * role and e-mail, and its read-only fields. Its role decoder is written beside it because the
 * codecs sit below the generated models; test/codecs/invitations.test.ts holds its values and
 * message equal to the generated `RoleEnum`'s.
 */
import * as D from './decoder'
import { Int } from './primitives'

const ROLES: ReadonlyArray<unknown> = ['worker', 'supervisor', 'maintainer', 'owner']

// Fails as the generated RoleEnum does (`"worker" | "supervisor" | …`), the message written only on failure.
const Role: D.Decoder<unknown, 'worker' | 'supervisor' | 'maintainer' | 'owner'> = {
  decode: (u) =>
    u === 'worker' || u === 'supervisor' || u === 'maintainer' || u === 'owner' ? D.success(u) : D.failure(u, ROLES.map((r) => JSON.stringify(r)).join(' | ')),
}

/**
 * Decodes the seed schema's `InvitationWrite` (role and e-mail plus read-only fields).
 *
 * @example
 * InvitationWrite.decode({ role: 'worker', email: 'ann@example.com', key: 'k', organization: 1 })
 */
export const InvitationWrite = /*#__PURE__*/ D.intersect(/*#__PURE__*/ D.partial({ key: D.string, created_date: D.string, owner: Int, organization: Int }))(
  /*#__PURE__*/ D.struct({ role: Role, email: D.string }),
)
/**
 * Types the seed schema's `InvitationWrite` model.
 *
 * @example
 * const seed: InvitationWrite = { role: 'worker', email: 'ann@example.com' }
 */
export type InvitationWrite = D.TypeOf<typeof InvitationWrite>
