import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, guard } from '../endpoint/params'
import { sendVoid } from '../endpoint/send'

/**
 * Parameters of `usersDestroy`.
 *
 * @example
 * const p: UsersDestroyParams = { id: 7 }
 */
export type UsersDestroyParams = IdParams

/**
 * DELETE /api/users/{id} — Deletes a user account (yourself, or anyone as an admin) and its memberships; 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * usersDestroy(cvat, { id: 7 })
 */
export const usersDestroy = (client: Client, params: UsersDestroyParams): TaskEither<CvatError, void> =>
  guard('DELETE', '/api/users/{id}', params, () =>
    sendVoid(client, idRequest('DELETE', '/api/users/{id}', params)),
  )
