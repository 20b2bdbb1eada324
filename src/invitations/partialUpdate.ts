import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { InvitationRead, PatchedInvitationWriteRequest } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'
import { type KeyParams } from '../endpoint/params'

/**
 * Parameters of `invitationsPartialUpdate`.
 *
 * @example
 * const p: InvitationsPartialUpdateParams = { key, patchedInvitationWriteRequest: { role: 'worker' } }
 */
export type InvitationsPartialUpdateParams = KeyParams & {
  readonly patchedInvitationWriteRequest?: PatchedInvitationWriteRequest
}

const invitationsPartialUpdateOperation: Operation<InvitationRead> = {
  method: 'PATCH',
  path: '/api/invitations/{key}',
  text: ['key'],
  org: true,
  body: /*#__PURE__*/ json('patchedInvitationWriteRequest', PatchedInvitationWriteRequest, true),
  answer: /*#__PURE__*/ model('InvitationRead', InvitationRead),
}

/**
 * PATCH /api/invitations/{key} — Sends a partial update (servers never change role or e-mail; use `invitationsAccept` to accept).
 *
 * Servers: CVAT 2.26–2.69 (removed in 2.70: newer servers answer 405).
 *
 * @example
 * invitationsPartialUpdate(cvat, { key, patchedInvitationWriteRequest: { role: 'supervisor' } })
 */
export const invitationsPartialUpdate = ( client: Client, params: InvitationsPartialUpdateParams, ): TaskEither<CvatError, InvitationRead> => call(invitationsPartialUpdateOperation, client, params)
