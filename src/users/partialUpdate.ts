import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MetaUser, PatchedUserRequest } from '../codecs/users'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, optionalJsonBody, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `usersPartialUpdate`.
 *
 * @example
 * const p: UsersPartialUpdateParams = { id: 7, patchedUserRequest: { first_name: 'Ann' } }
 */
export interface UsersPartialUpdateParams extends IdParams {
  readonly patchedUserRequest?: PatchedUserRequest
}

/**
 * PATCH /api/users/{id} — Updates a user (yourself: username and names only; staff: every writable field).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * usersPartialUpdate(cvat, { id: 7, patchedUserRequest: { first_name: 'Ann', last_name: 'Lee' } })
 */
export const usersPartialUpdate = (client: Client, params: UsersPartialUpdateParams): TaskEither<CvatError, MetaUser> =>
  guard('PATCH', '/api/users/{id}', params, () =>
    send(client, optionalJsonBody(idRequest('PATCH', '/api/users/{id}', params), 'patchedUserRequest', PatchedUserRequest, params?.patchedUserRequest), 'MetaUser', MetaUser),
  )
