import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PasswordChangeRequest, RestAuthDetail } from '../codecs/auth'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `authCreatePasswordChange`.
 *
 * @example
 * const p: AuthCreatePasswordChangeParams = { passwordChangeRequest: { old_password: 'old one', new_password1: 'new and long', new_password2: 'new and long' } }
 */
export interface AuthCreatePasswordChangeParams {
  readonly passwordChangeRequest: PasswordChangeRequest
}

const authCreatePasswordChangeOperation: Operation<RestAuthDetail> = {
  method: 'POST',
  path: '/api/auth/password/change',
  body: /*#__PURE__*/ json('passwordChangeRequest', PasswordChangeRequest),
  answer: /*#__PURE__*/ model('RestAuthDetail', RestAuthDetail),
  secrets: ['old_password', 'new_password1', 'new_password2'],
}

/**
 * POST /api/auth/password/change — Changes the caller's password (the old one, and the new one twice).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreatePasswordChange(cvat, { passwordChangeRequest: { old_password: 'old one', new_password1: 'new and long', new_password2: 'new and long' } })
 */
export const authCreatePasswordChange = (client: Client, params: AuthCreatePasswordChangeParams): TaskEither<CvatError, RestAuthDetail> => call(authCreatePasswordChangeOperation, client, params)
