import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { LoginSerializerExRequest, Token } from '../codecs/auth'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authCreateLogin`.
 *
 * @example
 * const p: AuthCreateLoginParams = { loginSerializerExRequest: { username: 'ann', password: 's3cret' } }
 */
export interface AuthCreateLoginParams {
  readonly loginSerializerExRequest: LoginSerializerExRequest
}

/**
 * POST /api/auth/login — Exchanges a username (or e-mail) and password for an API token, the same key on every login until logout.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Bad credentials: a 400 `StatusError`. See `login` for a ready client.
 *
 * @example
 * authCreateLogin(cvat, { loginSerializerExRequest: { username: 'ann', password: 's3cret' } })
 */
export const authCreateLogin = (client: Client, params: AuthCreateLoginParams): TaskEither<CvatError, Token> =>
  guard('POST', '/api/auth/login', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/auth/login'), 'loginSerializerExRequest', LoginSerializerExRequest, params?.loginSerializerExRequest), 'Token', Token),
  )
