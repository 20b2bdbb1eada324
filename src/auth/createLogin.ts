import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { LoginSerializerExRequest, Token } from '../codecs/auth'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `authCreateLogin`.
 *
 * @example
 * const p: AuthCreateLoginParams = { loginSerializerExRequest: { username: 'ann', password: 's3cret' } }
 */
export interface AuthCreateLoginParams {
  readonly loginSerializerExRequest: LoginSerializerExRequest
}

const authCreateLoginOperation: Operation<Token> = {
  method: 'POST',
  path: '/api/auth/login',
  body: /*#__PURE__*/ json('loginSerializerExRequest', LoginSerializerExRequest),
  answer: /*#__PURE__*/ model('Token', Token),
  secrets: ['password', 'key'],
}

/**
 * POST /api/auth/login — Exchanges a username (or e-mail) and password for an API token, the same key on every login until logout.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Bad credentials: a 400 `StatusError`. See `login` for a ready client.
 *
 * @example
 * authCreateLogin(cvat, { loginSerializerExRequest: { username: 'ann', password: 's3cret' } })
 */
export const authCreateLogin = (client: Client, params: AuthCreateLoginParams): TaskEither<CvatError, Token> => call(authCreateLoginOperation, client, params)
