import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AcceptInvitationRead } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { type KeyParams, guard, keyRequest } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `invitationsAccept`.
 *
 * @example
 * const p: InvitationsAcceptParams = { key }
 */
export type InvitationsAcceptParams = KeyParams

/**
 * POST /api/invitations/{key}/accept — Accepts an invitation as its invitee; answers the organisation's slug.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsAccept(inviteeClient, { key })
 */
export const invitationsAccept = (client: Client, params: InvitationsAcceptParams): TaskEither<CvatError, AcceptInvitationRead> =>
  guard('POST', '/api/invitations/{key}/accept', params, () => send(client, keyRequest('POST', params, '/accept'), 'AcceptInvitationRead', AcceptInvitationRead))
