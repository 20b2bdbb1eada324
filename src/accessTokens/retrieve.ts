import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authRetrieveAccessTokens`.
 *
 * @example
 * const p: AuthRetrieveAccessTokensParams = { id: 3 }
 */
export type AuthRetrieveAccessTokensParams = IdParams

/**
 * GET /api/auth/access_tokens/{id} — Fetches one of your personal access tokens (without its secret value).
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authRetrieveAccessTokens(cvat, { id: 3 })
 */
export const authRetrieveAccessTokens = (client: Client, params: AuthRetrieveAccessTokensParams): TaskEither<CvatError, AccessTokenRead> =>
  guard('GET', '/api/auth/access_tokens/{id}', params, () =>
    send(client, idRequest('GET', '/api/auth/access_tokens/{id}', params), 'AccessTokenRead', AccessTokenRead),
  )
