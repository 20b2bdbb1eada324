import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AcceptInvitationRead } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type KeyParams } from '../endpoint/params'

/**
 * Parameters of `invitationsAccept`.
 *
 * @example
 * const p: InvitationsAcceptParams = { key }
 */
export type InvitationsAcceptParams = KeyParams

const invitationsAcceptOperation: Operation<AcceptInvitationRead> = {
  method: 'POST',
  path: '/api/invitations/{key}/accept',
  text: ['key'],
  org: true,
  answer: /*#__PURE__*/ model('AcceptInvitationRead', AcceptInvitationRead),
}

/**
 * POST /api/invitations/{key}/accept — Accepts an invitation as its invitee; answers the organisation's slug.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsAccept(inviteeClient, { key })
 */
export const invitationsAccept = (client: Client, params: InvitationsAcceptParams): TaskEither<CvatError, AcceptInvitationRead> => call(invitationsAcceptOperation, client, params)
