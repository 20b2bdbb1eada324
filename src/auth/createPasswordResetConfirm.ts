import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PasswordResetConfirmRequest, RestAuthDetail } from '../codecs/auth'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `authCreatePasswordResetConfirm`.
 *
 * @example
 * const p: AuthCreatePasswordResetConfirmParams = { passwordResetConfirmRequest: { uid: 'MTA', token: 'c2a-6f1e', new_password1: 'new and long', new_password2: 'new and long' } }
 */
export interface AuthCreatePasswordResetConfirmParams {
  readonly passwordResetConfirmRequest: PasswordResetConfirmRequest
}

const authCreatePasswordResetConfirmOperation: Operation<RestAuthDetail> = {
  method: 'POST',
  path: '/api/auth/password/reset/confirm',
  body: /*#__PURE__*/ json('passwordResetConfirmRequest', PasswordResetConfirmRequest),
  answer: /*#__PURE__*/ model('RestAuthDetail', RestAuthDetail),
  secrets: ['new_password1', 'new_password2', 'token', 'uid'],
}

/**
 * POST /api/auth/password/reset/confirm — Sets a new password with the `uid` and `token` from a reset e-mail.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreatePasswordResetConfirm(cvat, { passwordResetConfirmRequest: { uid: 'MTA', token: 'c2a-6f1e', new_password1: 'new and long', new_password2: 'new and long' } })
 */
export const authCreatePasswordResetConfirm = ( client: Client, params: AuthCreatePasswordResetConfirmParams, ): TaskEither<CvatError, RestAuthDetail> => call(authCreatePasswordResetConfirmOperation, client, params)
