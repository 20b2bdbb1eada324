import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { InvitationRead, InvitationWriteRequest } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'
import { type OrgParams } from '../endpoint/params'

/**
 * Parameters of `invitationsCreate`; the target organisation is the context, never the body.
 *
 * @example
 * const p: InvitationsCreateParams = { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'ann@example.com' } }
 */
export type InvitationsCreateParams = OrgParams & {
  readonly invitationWriteRequest: InvitationWriteRequest
}

const invitationsCreateOperation: Operation<InvitationRead> = {
  method: 'POST',
  path: '/api/invitations',
  org: true,
  body: /*#__PURE__*/ json('invitationWriteRequest', InvitationWriteRequest),
  answer: /*#__PURE__*/ model('InvitationRead', InvitationRead),
}

/**
 * POST /api/invitations — Invites an e-mail address into the organisation named by the context.
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * invitationsCreate(cvat, { invitationWriteRequest: { role: 'worker', email: 'ann@example.com' }, org: 'my-org' })
 */
export const invitationsCreate = (client: Client, params: InvitationsCreateParams): TaskEither<CvatError, InvitationRead> => call(invitationsCreateOperation, client, params)
