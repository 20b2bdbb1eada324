import type * as T from 'fp-ts/Task'
import type { Client } from '../http/client'
import type { OrgParams } from '../endpoint/params'
import { type BulkOptions, type BulkOutcome, readBulk, runBulk } from '../bulk/run'
import { invitationsResend } from '../generated/invitations/invitationsResend'

/**
 * Parameters of `resendMany` and `destroyMany`: the invitation keys, the context, the bulk options.
 *
 * @example
 * const p: KeysParams = { org: 'acme', keys: ['k1', 'k2'], concurrency: 2, dryRun: true }
 */
export type KeysParams = OrgParams & BulkOptions & {
  readonly keys: ReadonlyArray<string>
}

/**
 * Pairs one key with what happened to it.
 *
 * @example
 * const throttled = (outcomes: ReadonlyArray<KeyOutcome>) => outcomes.some((o) => (o._tag === 'Failed' || o._tag === 'NotSent') && o.retryAfter !== undefined)
 */
export type KeyOutcome = BulkOutcome<string, void>

/** Splits bulk parameters from plain JavaScript (which may pass anything) into keys, options and context. */
export const keysSpec = (
  params: KeysParams,
): { items: ReadonlyArray<string>; identity: (k: string) => string | undefined; options: BulkOptions; org: OrgParams } => {
  const read = readBulk<KeysParams, { items: ReadonlyArray<string>; options: BulkOptions; org: OrgParams }>(
    params,
    ({ keys, concurrency, onProgress, dryRun, ...org }) => ({ items: Array.isArray(keys) ? [...keys] : [], options: { concurrency, onProgress, dryRun }, org }),
    { items: [], options: {}, org: {} },
  )
  return { ...read, identity: (k: string) => (typeof k === 'string' && k !== '' ? k : undefined) }
}

/**
 * POST /api/invitations/{key}/resend (for many keys) — Resends each invitation with bounded concurrency, one outcome per key; after CVAT's throttle (429) nothing more is sent and the rest are `NotSent` with its `retryAfter`.
 *
 * @example
 * resendMany(cvat, { org: 'my-org', keys: [inv.key], concurrency: 2 })
 */
export const resendMany = (client: Client, params: KeysParams): T.Task<ReadonlyArray<KeyOutcome>> => {
  const { org, ...spec } = keysSpec(params)
  return runBulk(client, { ...spec, method: 'POST', template: '/api/invitations/{key}/resend', call: (c, key) => invitationsResend(c, { ...org, key }) })
}
