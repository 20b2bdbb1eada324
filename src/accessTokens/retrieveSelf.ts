import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'

const authRetrieveAccessTokensSelfOperation: Operation<AccessTokenRead> = {
  method: 'GET',
  path: '/api/auth/access_tokens/self',
  answer: /*#__PURE__*/ model('AccessTokenRead', AccessTokenRead),
  secrets: ['value'],
}

/**
 * GET /api/auth/access_tokens/self — Fetches the personal access token this request is authenticated with (only with `bearerAuth`).
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authRetrieveAccessTokensSelf(pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), bearerAuth('my-personal-access-token')))
 */
export const authRetrieveAccessTokensSelf = (client: Client): TaskEither<CvatError, AccessTokenRead> => call(authRetrieveAccessTokensSelfOperation, client)
