import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'
import { type KeyParams } from '../endpoint/params'

/**
 * Parameters of `invitationsDestroy`.
 *
 * @example
 * const p: InvitationsDestroyParams = { key, org: 'acme' }
 */
export type InvitationsDestroyParams = KeyParams

const invitationsDestroyOperation: Operation<void> = {
  method: 'DELETE',
  path: '/api/invitations/{key}',
  text: ['key'],
  org: true,
  answer: nothing,
}

/**
 * DELETE /api/invitations/{key} — Deletes an invitation (and its pending membership); 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsDestroy(cvat, { key, org: 'my-org' })
 */
export const invitationsDestroy = (client: Client, params: InvitationsDestroyParams): TaskEither<CvatError, void> => call(invitationsDestroyOperation, client, params)
