import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PasswordResetConfirmRequest, RestAuthDetail } from '../codecs/auth'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authCreatePasswordResetConfirm`.
 *
 * @example
 * const p: AuthCreatePasswordResetConfirmParams = { passwordResetConfirmRequest: { uid: 'MTA', token: 'c2a-6f1e', new_password1: 'new and long', new_password2: 'new and long' } }
 */
export interface AuthCreatePasswordResetConfirmParams {
  readonly passwordResetConfirmRequest: PasswordResetConfirmRequest
}

/**
 * POST /api/auth/password/reset/confirm — Sets a new password with the `uid` and `token` from a reset e-mail.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreatePasswordResetConfirm(cvat, { passwordResetConfirmRequest: { uid: 'MTA', token: 'c2a-6f1e', new_password1: 'new and long', new_password2: 'new and long' } })
 */
export const authCreatePasswordResetConfirm = (
  client: Client,
  params: AuthCreatePasswordResetConfirmParams,
): TaskEither<CvatError, RestAuthDetail> =>
  guard('POST', '/api/auth/password/reset/confirm', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/auth/password/reset/confirm'), 'passwordResetConfirmRequest', PasswordResetConfirmRequest, params?.passwordResetConfirmRequest), 'RestAuthDetail', RestAuthDetail),
  )
