import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, guard } from '../endpoint/params'
import { sendVoid } from '../endpoint/send'

/**
 * Parameters of `membershipsDestroy`.
 *
 * @example
 * const p: MembershipsDestroyParams = { id: 12 }
 */
export type MembershipsDestroyParams = IdParams

/**
 * DELETE /api/memberships/{id} — Removes a member from an organisation (or leaves it, for your own membership), with its invitation; 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * membershipsDestroy(cvat, { id: 12 })
 */
export const membershipsDestroy = (client: Client, params: MembershipsDestroyParams): TaskEither<CvatError, void> =>
  guard('DELETE', '/api/memberships/{id}', params, () =>
    sendVoid(client, idRequest('DELETE', '/api/memberships/{id}', params)),
  )
