import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { InvitationRead, PatchedInvitationWriteRequest } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { type KeyParams, guard, keyRequest, optionalJsonBody } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `invitationsPartialUpdate`.
 *
 * @example
 * const p: InvitationsPartialUpdateParams = { key, patchedInvitationWriteRequest: { role: 'worker' } }
 */
export type InvitationsPartialUpdateParams = KeyParams & {
  readonly patchedInvitationWriteRequest?: PatchedInvitationWriteRequest
}

/**
 * PATCH /api/invitations/{key} — Sends a partial update (servers never change role or e-mail; use `invitationsAccept` to accept).
 *
 * Servers: CVAT 2.26–2.69 (removed in 2.70: newer servers answer 405).
 *
 * @example
 * invitationsPartialUpdate(cvat, { key, patchedInvitationWriteRequest: { role: 'supervisor' } })
 */
export const invitationsPartialUpdate = (
  client: Client,
  params: InvitationsPartialUpdateParams,
): TaskEither<CvatError, InvitationRead> =>
  guard('PATCH', '/api/invitations/{key}', params, () =>
    send(client, optionalJsonBody(keyRequest('PATCH', params), 'patchedInvitationWriteRequest', PatchedInvitationWriteRequest, params.patchedInvitationWriteRequest), 'InvitationRead', InvitationRead),
  )
