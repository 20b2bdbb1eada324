import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { InvitationRead } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type KeyParams } from '../endpoint/params'

/**
 * Parameters of `invitationsRetrieve`.
 *
 * @example
 * const p: InvitationsRetrieveParams = { key, org: 'acme' }
 */
export type InvitationsRetrieveParams = KeyParams

const invitationsRetrieveOperation: Operation<InvitationRead> = {
  method: 'GET',
  path: '/api/invitations/{key}',
  text: ['key'],
  org: true,
  answer: /*#__PURE__*/ model('InvitationRead', InvitationRead),
}

/**
 * GET /api/invitations/{key} — Fetches one invitation by its key.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsRetrieve(cvat, { key: inv.key, org: 'my-org' })
 */
export const invitationsRetrieve = (client: Client, params: InvitationsRetrieveParams): TaskEither<CvatError, InvitationRead> => call(invitationsRetrieveOperation, client, params)
