import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { bareRequest } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * GET /api/auth/access_tokens/self — Fetches the personal access token this request is authenticated with (only with `bearerAuth`).
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authRetrieveAccessTokensSelf(pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), bearerAuth('my-personal-access-token')))
 */
export const authRetrieveAccessTokensSelf = (client: Client): TaskEither<CvatError, AccessTokenRead> =>
  send(client, bareRequest('GET', '/api/auth/access_tokens/self'), 'AccessTokenRead', AccessTokenRead)
