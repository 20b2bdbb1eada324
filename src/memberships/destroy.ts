import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `membershipsDestroy`.
 *
 * @example
 * const p: MembershipsDestroyParams = { id: 12 }
 */
export type MembershipsDestroyParams = IdParams

const membershipsDestroyOperation: Operation<void> = {
  method: 'DELETE',
  path: '/api/memberships/{id}',
  answer: nothing,
}

/**
 * DELETE /api/memberships/{id} — Removes a member from an organisation (or leaves it, for your own membership), with its invitation; 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * membershipsDestroy(cvat, { id: 12 })
 */
export const membershipsDestroy = (client: Client, params: MembershipsDestroyParams): TaskEither<CvatError, void> => call(membershipsDestroyOperation, client, params)
