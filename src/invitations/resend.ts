import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'
import { type KeyParams } from '../endpoint/params'

/**
 * Parameters of `invitationsResend`.
 *
 * @example
 * const p: InvitationsResendParams = { key, org: 'acme' }
 */
export type InvitationsResendParams = KeyParams

const invitationsResendOperation: Operation<void> = {
  method: 'POST',
  path: '/api/invitations/{key}/resend',
  text: ['key'],
  org: true,
  answer: nothing,
}

/**
 * POST /api/invitations/{key}/resend — Sends the invitation e-mail again and restarts its expiry; 204 (throttled: 429).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsResend(cvat, { key, org: 'my-org' })
 */
export const invitationsResend = (client: Client, params: InvitationsResendParams): TaskEither<CvatError, void> => call(invitationsResendOperation, client, params)
