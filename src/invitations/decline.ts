import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { type KeyParams, guard, keyRequest } from '../endpoint/params'
import { sendVoid } from '../endpoint/send'

/**
 * Parameters of `invitationsDecline`.
 *
 * @example
 * const p: InvitationsDeclineParams = { key }
 */
export type InvitationsDeclineParams = KeyParams

/**
 * POST /api/invitations/{key}/decline — Declines an invitation as its invitee (deletes the membership); 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsDecline(inviteeClient, { key })
 */
export const invitationsDecline = (client: Client, params: InvitationsDeclineParams): TaskEither<CvatError, void> =>
  guard('POST', '/api/invitations/{key}/decline', params, () => sendVoid(client, keyRequest('POST', params, '/decline')))
