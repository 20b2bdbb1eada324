import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { InvitationRead } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { type KeyParams, guard, keyRequest } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `invitationsRetrieve`.
 *
 * @example
 * const p: InvitationsRetrieveParams = { key, org: 'acme' }
 */
export type InvitationsRetrieveParams = KeyParams

/**
 * GET /api/invitations/{key} — Fetches one invitation by its key.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsRetrieve(cvat, { key: inv.key, org: 'my-org' })
 */
export const invitationsRetrieve = (client: Client, params: InvitationsRetrieveParams): TaskEither<CvatError, InvitationRead> =>
  guard('GET', '/api/invitations/{key}', params, () => send(client, keyRequest('GET', params), 'InvitationRead', InvitationRead))
