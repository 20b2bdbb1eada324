import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { MetaUser } from '../codecs/users'
import type { CvatError } from '../errors'
import { bareRequest } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * GET /api/users/self — Fetches the user the client is authenticated as (the full `User` for yourself).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * usersRetrieveSelf(cvat)
 */
export const usersRetrieveSelf = (client: Client): TaskEither<CvatError, MetaUser> =>
  send(client, bareRequest('GET', '/api/users/self'), 'MetaUser', MetaUser)
