import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PasswordResetSerializerExRequest, RestAuthDetail } from '../codecs/auth'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authCreatePasswordReset`.
 *
 * @example
 * const p: AuthCreatePasswordResetParams = { passwordResetSerializerExRequest: { email: 'ann@example.com' } }
 */
export interface AuthCreatePasswordResetParams {
  readonly passwordResetSerializerExRequest: PasswordResetSerializerExRequest
}

/**
 * POST /api/auth/password/reset — Asks CVAT to e-mail a password-reset link to an address.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreatePasswordReset(cvat, { passwordResetSerializerExRequest: { email: 'ann@example.com' } })
 */
export const authCreatePasswordReset = (client: Client, params: AuthCreatePasswordResetParams): TaskEither<CvatError, RestAuthDetail> =>
  guard('POST', '/api/auth/password/reset', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/auth/password/reset'), 'passwordResetSerializerExRequest', PasswordResetSerializerExRequest, params?.passwordResetSerializerExRequest), 'RestAuthDetail', RestAuthDetail),
  )
