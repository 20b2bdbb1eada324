import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PasswordChangeRequest, RestAuthDetail } from '../codecs/auth'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authCreatePasswordChange`.
 *
 * @example
 * const p: AuthCreatePasswordChangeParams = { passwordChangeRequest: { old_password: 'old one', new_password1: 'new and long', new_password2: 'new and long' } }
 */
export interface AuthCreatePasswordChangeParams {
  readonly passwordChangeRequest: PasswordChangeRequest
}

/**
 * POST /api/auth/password/change — Changes the caller's password (the old one, and the new one twice).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * authCreatePasswordChange(cvat, { passwordChangeRequest: { old_password: 'old one', new_password1: 'new and long', new_password2: 'new and long' } })
 */
export const authCreatePasswordChange = (client: Client, params: AuthCreatePasswordChangeParams): TaskEither<CvatError, RestAuthDetail> =>
  guard('POST', '/api/auth/password/change', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/auth/password/change'), 'passwordChangeRequest', PasswordChangeRequest, params?.passwordChangeRequest), 'RestAuthDetail', RestAuthDetail),
  )
