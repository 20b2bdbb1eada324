import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { InvitationRead, InvitationWriteRequest } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { type OrgParams, guard, jsonBody, orgRequest } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `invitationsCreate`; the target organisation is the context, never the body.
 *
 * @example
 * const p: InvitationsCreateParams = { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'ann@example.com' } }
 */
export type InvitationsCreateParams = OrgParams & {
  readonly invitationWriteRequest: InvitationWriteRequest
}

/**
 * POST /api/invitations — Invites an e-mail address into the organisation named by the context.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsCreate(cvat, { invitationWriteRequest: { role: 'worker', email: 'ann@example.com' }, org: 'my-org' })
 */
export const invitationsCreate = (client: Client, params: InvitationsCreateParams): TaskEither<CvatError, InvitationRead> =>
  guard('POST', '/api/invitations', params, () =>
    send(client, jsonBody(orgRequest('POST', '/api/invitations', params), 'invitationWriteRequest', InvitationWriteRequest, params.invitationWriteRequest), 'InvitationRead', InvitationRead),
  )
