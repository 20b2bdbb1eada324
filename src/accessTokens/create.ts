import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead, AccessTokenWriteRequest } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authCreateAccessTokens`.
 *
 * @example
 * const p: AuthCreateAccessTokensParams = { accessTokenWriteRequest: { name: 'ci', read_only: true, expiry_date: null } }
 */
export interface AuthCreateAccessTokensParams {
  readonly accessTokenWriteRequest: AccessTokenWriteRequest
}

/**
 * POST /api/auth/access_tokens — Creates a personal access token; the answer carries its secret `value` this once (send it with `bearerAuth`); 201.
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authCreateAccessTokens(cvat, { accessTokenWriteRequest: { name: 'nightly import', read_only: true } })
 */
export const authCreateAccessTokens = (client: Client, params: AuthCreateAccessTokensParams): TaskEither<CvatError, AccessTokenRead> =>
  guard('POST', '/api/auth/access_tokens', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/auth/access_tokens'), 'accessTokenWriteRequest', AccessTokenWriteRequest, params?.accessTokenWriteRequest), 'AccessTokenRead', AccessTokenRead),
  )
