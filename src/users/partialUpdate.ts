import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MetaUser, PatchedUserRequest } from '../codecs/users'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `usersPartialUpdate`.
 *
 * @example
 * const p: UsersPartialUpdateParams = { id: 7, patchedUserRequest: { first_name: 'Ann' } }
 */
export interface UsersPartialUpdateParams extends IdParams {
  readonly patchedUserRequest?: PatchedUserRequest
}

const usersPartialUpdateOperation: Operation<MetaUser> = {
  method: 'PATCH',
  path: '/api/users/{id}',
  body: /*#__PURE__*/ json('patchedUserRequest', PatchedUserRequest, true),
  answer: /*#__PURE__*/ model('MetaUser', MetaUser),
}

/**
 * PATCH /api/users/{id} — Updates a user (yourself: username and names only; staff: every writable field).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * usersPartialUpdate(cvat, { id: 7, patchedUserRequest: { first_name: 'Ann', last_name: 'Lee' } })
 */
export const usersPartialUpdate = (client: Client, params: UsersPartialUpdateParams): TaskEither<CvatError, MetaUser> => call(usersPartialUpdateOperation, client, params)
