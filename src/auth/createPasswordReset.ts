import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PasswordResetSerializerExRequest, RestAuthDetail } from '../codecs/auth'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `authCreatePasswordReset`.
 *
 * @example
 * const p: AuthCreatePasswordResetParams = { passwordResetSerializerExRequest: { email: 'ann@example.com' } }
 */
export interface AuthCreatePasswordResetParams {
  readonly passwordResetSerializerExRequest: PasswordResetSerializerExRequest
}

const authCreatePasswordResetOperation: Operation<RestAuthDetail> = {
  method: 'POST',
  path: '/api/auth/password/reset',
  body: /*#__PURE__*/ json('passwordResetSerializerExRequest', PasswordResetSerializerExRequest),
  answer: /*#__PURE__*/ model('RestAuthDetail', RestAuthDetail),
}

/**
 * POST /api/auth/password/reset — Asks CVAT to e-mail a password-reset link to an address.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreatePasswordReset(cvat, { passwordResetSerializerExRequest: { email: 'ann@example.com' } })
 */
export const authCreatePasswordReset = (client: Client, params: AuthCreatePasswordResetParams): TaskEither<CvatError, RestAuthDetail> => call(authCreatePasswordResetOperation, client, params)
