import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { RestAuthDetail } from '../codecs/auth'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'

const authCreateLogoutOperation: Operation<RestAuthDetail> = {
  method: 'POST',
  path: '/api/auth/logout',
  answer: /*#__PURE__*/ model('RestAuthDetail', RestAuthDetail),
}

/**
 * POST /api/auth/logout — Logs out: deletes the caller's API token (every client using it stops working) and ends the session.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Anonymous callers get the same 200.
 *
 * @example
 * authCreateLogout(cvat)
 */
export const authCreateLogout = (client: Client): TaskEither<CvatError, RestAuthDetail> => call(authCreateLogoutOperation, client)
