import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead, AccessTokenWriteRequest } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `authCreateAccessTokens`.
 *
 * @example
 * const p: AuthCreateAccessTokensParams = { accessTokenWriteRequest: { name: 'ci', read_only: true, expiry_date: null } }
 */
export interface AuthCreateAccessTokensParams {
  readonly accessTokenWriteRequest: AccessTokenWriteRequest
}

const authCreateAccessTokensOperation: Operation<AccessTokenRead> = {
  method: 'POST',
  path: '/api/auth/access_tokens',
  body: /*#__PURE__*/ json('accessTokenWriteRequest', AccessTokenWriteRequest),
  answer: /*#__PURE__*/ model('AccessTokenRead', AccessTokenRead),
  secrets: ['value'],
}

/**
 * POST /api/auth/access_tokens — Creates a personal access token; the answer carries its secret `value` this once (send it with `bearerAuth`); 201.
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authCreateAccessTokens(cvat, { accessTokenWriteRequest: { name: 'nightly import', read_only: true } })
 */
export const authCreateAccessTokens = (client: Client, params: AuthCreateAccessTokensParams): TaskEither<CvatError, AccessTokenRead> => call(authCreateAccessTokensOperation, client, params)
