import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MembershipRead } from '../codecs/memberships'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `membershipsRetrieve`.
 *
 * @example
 * const p: MembershipsRetrieveParams = { id: 12 }
 */
export type MembershipsRetrieveParams = IdParams

/**
 * GET /api/memberships/{id} — Fetches one membership (checked against its own organisation: 403 when you may not see it).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * membershipsRetrieve(cvat, { id: 12 })
 */
export const membershipsRetrieve = (client: Client, params: MembershipsRetrieveParams): TaskEither<CvatError, MembershipRead> =>
  guard('GET', '/api/memberships/{id}', params, () =>
    send(client, idRequest('GET', '/api/memberships/{id}', params), 'MembershipRead', MembershipRead),
  )
