/**
 * `cvat-fp invitations list|invite|resend|cleanup`: reads with `invitationsListAll` and the typed
 * `pendingInvitations` filter, writes with `inviteMany`, `resendMany` and `destroyMany`, so a
 * dry run is the library's dry run: it reads, and sends no write request at all.
 */
import { readFileSync } from 'node:fs'
import {
  type BulkOutcome,
  type Client,
  type InvitationRead,
  type InvitationWriteRequest,
  type RoleEnum,
  destroyMany,
  filterString,
  formatError,
  inviteMany,
  invitationsListAll,
  pendingInvitations,
  resendMany,
} from '../index'
import { type Exit, type Fault, type Io, type Usage, faultOf, isFault, isUsage, parseAge, parseConcurrency, progress, table, usage } from './context'

const ROLES: ReadonlyArray<string> = ['worker', 'supervisor', 'maintainer', 'owner']
const isRole = (r: string): r is RoleEnum => ROLES.includes(r)

/** The flags of `invitations …`, as util.parseArgs returns them. */
export interface InvitationFlags {
  readonly org?: string
  readonly pending?: boolean
  readonly expired?: boolean
  readonly 'older-than'?: string
  readonly role?: string
  readonly csv?: string
  readonly 'skip-existing'?: boolean
  readonly concurrency?: string
  readonly 'dry-run'?: boolean
  readonly json?: boolean
}

// `accepted` is in the answer from CVAT 2.65 on; older servers say it only through the filter,
// so the table asks for the pending ones too and calls the rest accepted.
const statusOf = (pending: ReadonlySet<string>) => (i: InvitationRead): string =>
  !pending.has(i.key) ? 'accepted' : i.expired === true ? 'expired' : 'pending'

const listed = async (client: Client, org: string, pending: boolean): Promise<ReadonlyArray<InvitationRead> | Fault> => {
  const r = await invitationsListAll(client, { org, pageSize: 100, ...(pending ? { filter: filterString(pendingInvitations) } : {}) })()
  return r._tag === 'Right' ? r.right : faultOf(r.left)
}

const olderThan = (io: Io, ms: number | undefined) => (i: InvitationRead) => ms === undefined || Date.parse(i.created_date ?? '') <= io.now() - ms

/** `invitations list`: a table for people, the invitations as JSON for machines. */
export const list = async (io: Io, client: Client, f: InvitationFlags & { org: string }): Promise<Exit | Fault> => {
  const r = await listed(client, f.org, f.pending === true)
  if (isFault(r)) return r
  if (f.json) return io.out(`${JSON.stringify(r, null, 2)}\n`), 0
  const pending = f.pending === true ? r : await listed(client, f.org, true)
  if (isFault(pending)) return pending
  const status = statusOf(new Set(pending.map((i) => i.key)))
  const rows = r.map((i) => [i.key, i.user.username, i.role, i.owner?.username ?? '-', (i.created_date ?? '').slice(0, 10), status(i)])
  io.out(`${table(['KEY', 'USER', 'ROLE', 'INVITED BY', 'CREATED', 'STATUS'], rows)}\n${r.length} invitation${r.length === 1 ? '' : 's'}\n`)
  return 0
}

/** Reads `email,role` lines (header optional); a bad line is a usage error naming it. */
export const parseCsv = (text: string): ReadonlyArray<InvitationWriteRequest> | Usage => {
  const rows: InvitationWriteRequest[] = []
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || (i === 0 && /^"?email"?\s*,/i.test(line))) continue
    const [email = '', role = '', ...rest] = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
    if (email === '' || !isRole(role) || rest.length > 0) return usage(`CSV line ${i + 1}: expected "email,role" with role one of ${ROLES.join(', ')}, got ${JSON.stringify(line)}`)
    rows.push({ email, role })
  }
  return rows
}

const who = (input: unknown): string => (typeof input === 'string' ? input : String((input as { email?: unknown } | null)?.email))

const describeOutcome = (o: BulkOutcome<unknown, unknown>, verb: string): string => {
  switch (o._tag) {
    case 'Done': {
      const inv = o.value as InvitationRead | undefined
      return `${verb.padEnd(8)} ${who(o.input)}${inv?.key ? ` as ${inv.role} (key ${inv.key})` : ''}`
    }
    case 'Failed':
      return `failed   ${who(o.input)}: ${formatError(o.error)}`
    case 'Skipped':
      return `skipped  ${who(o.input)}: ${o.reason === 'duplicate' ? `same as row ${(o.firstRow ?? 0) + 1}` : 'already a member or invited'}`
    case 'NotSent':
      return `not sent ${who(o.input)}: throttled by the server${o.retryAfter === undefined ? '' : `, retry in ${o.retryAfter} s`}`
    case 'WouldSend':
      return `would    ${o.request.method} ${o.request.url}${o.request.body === undefined ? '' : ` ${JSON.stringify(o.request.body)}`}`
  }
}

const jsonOutcome = (o: BulkOutcome<unknown, unknown>) => ({
  row: o.row,
  input: o.input,
  outcome: o._tag,
  ...(o._tag === 'Done' && o.value !== undefined ? { value: o.value } : {}),
  ...(o._tag === 'Failed' ? { error: formatError(o.error) } : {}),
  ...('retryAfter' in o && o.retryAfter !== undefined ? { retryAfter: o.retryAfter } : {}),
  ...(o._tag === 'Skipped' ? { reason: o.reason, ...(o.firstRow === undefined ? {} : { firstRow: o.firstRow }) } : {}),
  ...(o._tag === 'WouldSend' ? { request: o.request } : {}),
})

/** Prints the outcomes and the one-line summary; exit 1 when some row failed. */
const report = (io: Io, f: InvitationFlags, outcomes: ReadonlyArray<BulkOutcome<unknown, unknown>>, verb: string): Exit => {
  const count = (...tags: ReadonlyArray<string>) => outcomes.filter((o) => tags.includes(o._tag)).length
  const summary = { total: outcomes.length, [verb]: count('Done'), wouldSend: count('WouldSend'), skipped: count('Skipped'), failed: count('Failed', 'NotSent') }
  if (f.json) io.out(`${JSON.stringify({ dryRun: f['dry-run'] === true, summary, outcomes: outcomes.map(jsonOutcome) }, null, 2)}\n`)
  else {
    outcomes.forEach((o) => io.out(`${describeOutcome(o, verb)}\n`))
    const done = f['dry-run'] ? `${summary.wouldSend} would be sent (dry run, nothing sent)` : `${summary[verb]} ${verb}`
    io.out(`${done}, ${summary.skipped} skipped, ${summary.failed} failed, of ${summary.total}\n`)
  }
  return summary.failed > 0 ? 1 : 0
}

/** `invitations invite`: the rows from `--role ROLE EMAIL…` or `--csv FILE`. */
export const invite = async (io: Io, client: Client, f: InvitationFlags & { org: string }, emails: ReadonlyArray<string>): Promise<Exit | Usage> => {
  const concurrency = parseConcurrency(f.concurrency)
  if (isUsage(concurrency)) return concurrency
  if ((f.csv === undefined) === (emails.length === 0)) return usage('give either --role ROLE EMAIL… or --csv FILE')
  let rows: ReadonlyArray<InvitationWriteRequest> | Usage
  if (f.csv !== undefined) {
    if (f.role !== undefined) return usage('--role goes with e-mail addresses; a CSV names the role per line')
    let text: string
    try {
      text = readFileSync(f.csv, 'utf8')
    } catch (e) {
      return usage(`cannot read ${f.csv}: ${(e as { code?: string }).code ?? 'error'}`)
    }
    rows = parseCsv(text)
  } else {
    const role = f.role
    rows = role === undefined || !isRole(role) ? usage(`--role must be one of ${ROLES.join(', ')}`) : emails.map((email) => ({ email, role }))
  }
  if (isUsage(rows)) return rows
  const bar = progress(io)
  const outcomes = await inviteMany(client, {
    org: f.org,
    invitations: rows,
    concurrency,
    skipExisting: f['skip-existing'] === true,
    dryRun: f['dry-run'] === true,
    onProgress: bar.update,
  })()
  bar.finish()
  return report(io, f, outcomes, 'invited')
}

/** `invitations resend` and `invitations cleanup`: list, select, then act on each key. */
export const bulkByKey = async (io: Io, client: Client, f: InvitationFlags & { org: string }, action: 'resend' | 'cleanup'): Promise<Exit | Usage | Fault> => {
  const age = parseAge('--older-than', f['older-than'])
  const concurrency = parseConcurrency(f.concurrency)
  if (isUsage(age)) return age
  if (isUsage(concurrency)) return concurrency
  if (action === 'cleanup' && f.expired !== true && age === undefined) return usage('cleanup deletes: say which, with --expired and/or --older-than')
  // Cleanup only ever touches invitations nobody accepted: an accepted one is the membership's history.
  const all = await listed(client, f.org, action === 'cleanup' || f.pending === true)
  if (isFault(all)) return all
  const chosen = all.filter(olderThan(io, age)).filter((i) => action === 'resend' || f.expired !== true || i.expired === true)
  const bar = progress(io)
  const options = { org: f.org, keys: chosen.map((i) => i.key), concurrency, dryRun: f['dry-run'] === true, onProgress: bar.update }
  const outcomes = await (action === 'resend' ? resendMany(client, options) : destroyMany(client, options))()
  bar.finish()
  return report(io, f, outcomes, action === 'resend' ? 'resent' : 'deleted')
}
