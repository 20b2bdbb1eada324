import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { RegisterSerializerEx, RegisterSerializerExRequest } from '../codecs/auth'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `authCreateRegister`.
 *
 * @example
 * const p: AuthCreateRegisterParams = { registerSerializerExRequest: { username: 'annlee', email: 'ann@example.com', password1: 'long enough', password2: 'long enough' } }
 */
export interface AuthCreateRegisterParams {
  readonly registerSerializerExRequest: RegisterSerializerExRequest
}

const authCreateRegisterOperation: Operation<RegisterSerializerEx> = {
  method: 'POST',
  path: '/api/auth/register',
  body: /*#__PURE__*/ json('registerSerializerExRequest', RegisterSerializerExRequest),
  answer: /*#__PURE__*/ model('RegisterSerializerEx', RegisterSerializerEx),
  secrets: ['password1', 'password2', 'key'],
}

/**
 * POST /api/auth/register — Creates an account (servers with basic IAM only); `key` is its token, or null while the e-mail awaits verification; 201.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreateRegister(cvat, { registerSerializerExRequest: { username: 'annlee', email: 'ann@example.com', password1: 'correct horse', password2: 'correct horse' } })
 */
export const authCreateRegister = (client: Client, params: AuthCreateRegisterParams): TaskEither<CvatError, RegisterSerializerEx> => call(authCreateRegisterOperation, client, params)
