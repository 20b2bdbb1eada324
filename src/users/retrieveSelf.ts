import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MetaUser } from '../codecs/users'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'

const usersRetrieveSelfOperation: Operation<MetaUser> = {
  method: 'GET',
  path: '/api/users/self',
  answer: /*#__PURE__*/ model('MetaUser', MetaUser),
}

/**
 * GET /api/users/self — Fetches the user the client is authenticated as (the full `User` for yourself).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * usersRetrieveSelf(cvat)
 */
export const usersRetrieveSelf = (client: Client): TaskEither<CvatError, MetaUser> => call(usersRetrieveSelfOperation, client)
