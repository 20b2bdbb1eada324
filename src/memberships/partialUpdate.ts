import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MembershipRead, PatchedMembershipWriteRequest } from '../codecs/memberships'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, optionalJsonBody, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `membershipsPartialUpdate`.
 *
 * @example
 * const p: MembershipsPartialUpdateParams = { id: 12, patchedMembershipWriteRequest: { role: 'supervisor' } }
 */
export interface MembershipsPartialUpdateParams extends IdParams {
  readonly patchedMembershipWriteRequest?: PatchedMembershipWriteRequest
}

/**
 * PATCH /api/memberships/{id} — Changes a member's role (owners: anyone but themselves and the owner; maintainers: supervisors and workers).
 *
 * Servers: CVAT ≥ 2.26 (every supported version). This, not an invitation's PATCH, is how a role changes.
 *
 * @example
 * membershipsPartialUpdate(cvat, { id: 12, patchedMembershipWriteRequest: { role: 'maintainer' } })
 */
export const membershipsPartialUpdate = (
  client: Client,
  params: MembershipsPartialUpdateParams,
): TaskEither<CvatError, MembershipRead> =>
  guard('PATCH', '/api/memberships/{id}', params, () =>
    send(client, optionalJsonBody(idRequest('PATCH', '/api/memberships/{id}', params), 'patchedMembershipWriteRequest', PatchedMembershipWriteRequest, params?.patchedMembershipWriteRequest), 'MembershipRead', MembershipRead),
  )
