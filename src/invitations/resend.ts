import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { type KeyParams, guard, keyRequest } from '../endpoint/params'
import { sendVoid } from '../endpoint/send'

/**
 * Parameters of `invitationsResend`.
 *
 * @example
 * const p: InvitationsResendParams = { key, org: 'acme' }
 */
export type InvitationsResendParams = KeyParams

/**
 * POST /api/invitations/{key}/resend — Sends the invitation e-mail again and restarts its expiry; 204 (throttled: 429).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsResend(cvat, { key, org: 'my-org' })
 */
export const invitationsResend = (client: Client, params: InvitationsResendParams): TaskEither<CvatError, void> =>
  guard('POST', '/api/invitations/{key}/resend', params, () => sendVoid(client, keyRequest('POST', params, '/resend')))
