import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { RegisterSerializerEx, RegisterSerializerExRequest } from '../codecs/auth'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authCreateRegister`.
 *
 * @example
 * const p: AuthCreateRegisterParams = { registerSerializerExRequest: { username: 'annlee', email: 'ann@example.com', password1: 'long enough', password2: 'long enough' } }
 */
export interface AuthCreateRegisterParams {
  readonly registerSerializerExRequest: RegisterSerializerExRequest
}

/**
 * POST /api/auth/register — Creates an account (servers with basic IAM only); `key` is its token, or null while the e-mail awaits verification; 201.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreateRegister(cvat, { registerSerializerExRequest: { username: 'annlee', email: 'ann@example.com', password1: 'correct horse', password2: 'correct horse' } })
 */
export const authCreateRegister = (client: Client, params: AuthCreateRegisterParams): TaskEither<CvatError, RegisterSerializerEx> =>
  guard('POST', '/api/auth/register', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/auth/register'), 'registerSerializerExRequest', RegisterSerializerExRequest, params?.registerSerializerExRequest), 'RegisterSerializerEx', RegisterSerializerEx),
  )
