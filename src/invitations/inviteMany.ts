import type * as T from 'fp-ts/Task'
import type { Client } from '../http/client'
import type { InvitationRead } from '../generated/models/InvitationRead'
import type { InvitationWriteRequest } from '../generated/models/InvitationWriteRequest'
import type { CvatError, ErrorBody } from '../errors'
import type { OrgParams } from '../endpoint/params'
import { type BulkOptions, type BulkOutcome, readBulk, runBulk } from '../bulk/run'
import { invitationsCreate } from '../generated/invitations/invitationsCreate'

/**
 * Parameters of `inviteMany`: the rows, the organisation context, and the bulk options.
 *
 * @example
 * const p: InviteManyParams = { org: 'acme', concurrency: 2, skipExisting: true, invitations: [{ email: 'a@example.com', role: 'worker' }] }
 */
export type InviteManyParams = OrgParams & BulkOptions & {
  readonly invitations: ReadonlyArray<InvitationWriteRequest>
  /** Report "already a member / already invited" as a `Skipped` outcome (reason `existing`), not a failure. */
  readonly skipExisting?: boolean
}

/**
 * Pairs one input row with what happened to it.
 *
 * @example
 * const failed = (outcomes: ReadonlyArray<InviteOutcome>) => outcomes.filter((o) => o._tag === 'Failed').map((o) => o.input.email)
 */
export type InviteOutcome = BulkOutcome<InvitationWriteRequest, InvitationRead>

const messagesOf = (body: ErrorBody): ReadonlyArray<string> =>
  body._tag === 'Messages'
    ? body.messages
    : body._tag === 'Message'
      ? [body.message]
      : body._tag === 'Detail'
        ? [body.detail]
        : body._tag === 'FieldErrors'
          ? Object.values(body.fields).flat()
          : []

// CVAT answers one 400 for both an existing member and a pending invitation:
// ["The user is a member of the organization already."]
const isExisting = (e: CvatError): boolean =>
  e._tag === 'StatusError' && e.status === 400 && messagesOf(e.body).some((m) => /\bmember\b.*\balready\b/i.test(m))

/**
 * POST /api/invitations (for many rows) — Invites each row with bounded concurrency and reports one outcome per row, in order: a repeated address (case-insensitive) is a `Skipped` duplicate, one failure never sinks the batch, and a dry run sends nothing.
 *
 * @example
 * inviteMany(cvat, { org: 'my-org', invitations: [{ email: 'a@x.org', role: 'worker' }, { email: 'b@x.org', role: 'supervisor' }], onProgress: (p) => console.error(`${p.done}/${p.total}`) })
 */
export const inviteMany = (client: Client, params: InviteManyParams): T.Task<ReadonlyArray<InviteOutcome>> => {
  // Plain JavaScript may pass anything: no params, unreadable ones, no rows, rows that are not objects.
  const read = readBulk<InviteManyParams, { items: ReadonlyArray<InvitationWriteRequest>; options: BulkOptions; skipExisting?: boolean; org: OrgParams }>(
    params,
    ({ invitations, concurrency, onProgress, dryRun, skipExisting, ...org }) => ({
      items: Array.isArray(invitations) ? [...invitations] : [],
      options: { concurrency, onProgress, dryRun },
      skipExisting,
      org,
    }),
    { items: [], options: {}, skipExisting: false, org: {} },
  )
  return runBulk(client, {
    items: read.items,
    identity: (i) => (typeof i?.email === 'string' ? i.email.trim().toLowerCase() : undefined),
    options: read.options,
    method: 'POST',
    template: '/api/invitations',
    call: (c, i) => invitationsCreate(c, { ...read.org, invitationWriteRequest: i }),
    ...(read.skipExisting === true ? { existing: isExisting } : {}),
  })
}
