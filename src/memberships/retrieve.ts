import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MembershipRead } from '../codecs/memberships'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `membershipsRetrieve`.
 *
 * @example
 * const p: MembershipsRetrieveParams = { id: 12 }
 */
export type MembershipsRetrieveParams = IdParams

const membershipsRetrieveOperation: Operation<MembershipRead> = {
  method: 'GET',
  path: '/api/memberships/{id}',
  answer: /*#__PURE__*/ model('MembershipRead', MembershipRead),
}

/**
 * GET /api/memberships/{id} — Fetches one membership (checked against its own organisation: 403 when you may not see it).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * membershipsRetrieve(cvat, { id: 12 })
 */
export const membershipsRetrieve = (client: Client, params: MembershipsRetrieveParams): TaskEither<CvatError, MembershipRead> => call(membershipsRetrieveOperation, client, params)
