import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'
import { type KeyParams } from '../endpoint/params'

/**
 * Parameters of `invitationsDecline`.
 *
 * @example
 * const p: InvitationsDeclineParams = { key }
 */
export type InvitationsDeclineParams = KeyParams

const invitationsDeclineOperation: Operation<void> = {
  method: 'POST',
  path: '/api/invitations/{key}/decline',
  text: ['key'],
  org: true,
  answer: nothing,
}

/**
 * POST /api/invitations/{key}/decline — Declines an invitation as its invitee (deletes the membership); 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsDecline(inviteeClient, { key })
 */
export const invitationsDecline = (client: Client, params: InvitationsDeclineParams): TaskEither<CvatError, void> => call(invitationsDeclineOperation, client, params)
