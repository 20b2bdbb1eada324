import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Client } from '../client'
import type { CvatError } from '../errors'
import { type KeyParams, keyRequest } from '../internal/params'
import { sendVoid } from '../internal/send'

/** Parameters of `invitationsDecline`. */
export type InvitationsDeclineParams = KeyParams

/**
 * POST /api/invitations/{key}/decline — Declines an invitation as its invitee (deletes the membership); 204.
 *
 * @example
 * invitationsDecline(inviteeClient, { key })
 */
export const invitationsDecline = (client: Client, params: InvitationsDeclineParams): TE.TaskEither<CvatError, void> =>
  pipe(TE.fromEither(keyRequest('POST', params, '/decline')), TE.flatMap((req) => sendVoid(client, req)))
