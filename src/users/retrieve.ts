import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MetaUser } from '../codecs/users'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `usersRetrieve`.
 *
 * @example
 * const p: UsersRetrieveParams = { id: 7 }
 */
export type UsersRetrieveParams = IdParams

const usersRetrieveOperation: Operation<MetaUser> = {
  method: 'GET',
  path: '/api/users/{id}',
  answer: /*#__PURE__*/ model('MetaUser', MetaUser),
}

/**
 * GET /api/users/{id} — Fetches one user: yourself, or (as an active member of the context organisation, or an admin) anyone.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). The context comes from the `organization` middleware.
 *
 * @example
 * usersRetrieve(pipe(cvat, organization('my-org')), { id: 7 })
 */
export const usersRetrieve = (client: Client, params: UsersRetrieveParams): TaskEither<CvatError, MetaUser> => call(usersRetrieveOperation, client, params)
