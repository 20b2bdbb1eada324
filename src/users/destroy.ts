import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `usersDestroy`.
 *
 * @example
 * const p: UsersDestroyParams = { id: 7 }
 */
export type UsersDestroyParams = IdParams

const usersDestroyOperation: Operation<void> = {
  method: 'DELETE',
  path: '/api/users/{id}',
  answer: nothing,
}

/**
 * DELETE /api/users/{id} — Deletes a user account (yourself, or anyone as an admin) and its memberships; 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * usersDestroy(cvat, { id: 7 })
 */
export const usersDestroy = (client: Client, params: UsersDestroyParams): TaskEither<CvatError, void> => call(usersDestroyOperation, client, params)
