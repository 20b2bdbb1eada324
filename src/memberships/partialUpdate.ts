import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MembershipRead, PatchedMembershipWriteRequest } from '../codecs/memberships'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `membershipsPartialUpdate`.
 *
 * @example
 * const p: MembershipsPartialUpdateParams = { id: 12, patchedMembershipWriteRequest: { role: 'supervisor' } }
 */
export interface MembershipsPartialUpdateParams extends IdParams {
  readonly patchedMembershipWriteRequest?: PatchedMembershipWriteRequest
}

const membershipsPartialUpdateOperation: Operation<MembershipRead> = {
  method: 'PATCH',
  path: '/api/memberships/{id}',
  body: /*#__PURE__*/ json('patchedMembershipWriteRequest', PatchedMembershipWriteRequest, true),
  answer: /*#__PURE__*/ model('MembershipRead', MembershipRead),
}

/**
 * PATCH /api/memberships/{id} — Changes a member's role (owners: anyone but themselves and the owner; maintainers: supervisors and workers).
 *
 * Servers: CVAT ≥ 2.26 (every supported version). This, not an invitation's PATCH, is how a role changes.
 *
 * @example
 * membershipsPartialUpdate(cvat, { id: 12, patchedMembershipWriteRequest: { role: 'maintainer' } })
 */
export const membershipsPartialUpdate = ( client: Client, params: MembershipsPartialUpdateParams, ): TaskEither<CvatError, MembershipRead> => call(membershipsPartialUpdateOperation, client, params)
