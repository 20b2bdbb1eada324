import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `authRetrieveAccessTokens`.
 *
 * @example
 * const p: AuthRetrieveAccessTokensParams = { id: 3 }
 */
export type AuthRetrieveAccessTokensParams = IdParams

const authRetrieveAccessTokensOperation: Operation<AccessTokenRead> = {
  method: 'GET',
  path: '/api/auth/access_tokens/{id}',
  answer: /*#__PURE__*/ model('AccessTokenRead', AccessTokenRead),
  secrets: ['value'],
}

/**
 * GET /api/auth/access_tokens/{id} — Fetches one of your personal access tokens (without its secret value).
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authRetrieveAccessTokens(cvat, { id: 3 })
 */
export const authRetrieveAccessTokens = (client: Client, params: AuthRetrieveAccessTokensParams): TaskEither<CvatError, AccessTokenRead> => call(authRetrieveAccessTokensOperation, client, params)
