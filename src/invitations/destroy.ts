import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { type KeyParams, guard, keyRequest } from '../endpoint/params'
import { sendVoid } from '../endpoint/send'

/**
 * Parameters of `invitationsDestroy`.
 *
 * @example
 * const p: InvitationsDestroyParams = { key, org: 'acme' }
 */
export type InvitationsDestroyParams = KeyParams

/**
 * DELETE /api/invitations/{key} — Deletes an invitation (and its pending membership); 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsDestroy(cvat, { key, org: 'my-org' })
 */
export const invitationsDestroy = (client: Client, params: InvitationsDestroyParams): TaskEither<CvatError, void> =>
  guard('DELETE', '/api/invitations/{key}', params, () => sendVoid(client, keyRequest('DELETE', params)))
