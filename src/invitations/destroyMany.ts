import type * as T from 'fp-ts/Task'
import type { Client } from '../http/client'
import { runBulk } from '../bulk/run'
import { invitationsDestroy } from '../generated/invitations/invitationsDestroy'
import { type KeyOutcome, type KeysParams, keysSpec } from './resendMany'

/**
 * DELETE /api/invitations/{key} (for many keys) — Deletes each invitation with bounded concurrency, one outcome per key, in order; a dry run sends nothing.
 *
 * @example
 * destroyMany(cvat, { org: 'my-org', keys: [inv.key, key], dryRun: true })
 */
export const destroyMany = (client: Client, params: KeysParams): T.Task<ReadonlyArray<KeyOutcome>> => {
  const { org, ...spec } = keysSpec(params)
  return runBulk(client, { ...spec, method: 'DELETE', template: '/api/invitations/{key}', call: (c, key) => invitationsDestroy(c, { ...org, key }) })
}
