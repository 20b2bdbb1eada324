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
  invitationsDestroy,
  invitationsListAll,
  listAll,
  membershipsDestroy,
  membershipsList,
  pendingInvitations,
  resendMany,
} from '../index'
import { type Exit, type Fault, type Io, type Usage, cell, faultOf, isFault, isUsage, parseAge, parseConcurrency, progress, table, usage } from './context'

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
  readonly 'remove-membership'?: boolean
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

// A key is 64 characters: people see its first 8, scripts get it whole with --json.
const shortKey = (key: string): string => (key.length > 9 ? `${key.slice(0, 8)}…` : key)

/** `invitations list`: a table for people, the invitations as JSON for machines. */
export const list = async (io: Io, client: Client, f: InvitationFlags & { org: string }): Promise<Exit | Fault> => {
  const r = await listed(client, f.org, f.pending === true)
  if (isFault(r)) return r
  if (f.json) return io.out(`${JSON.stringify(r, null, 2)}\n`), 0
  const pending = f.pending === true ? r : await listed(client, f.org, true)
  if (isFault(pending)) return pending
  const status = statusOf(new Set(pending.map((i) => i.key)))
  // 100 columns: KEY 9, USER 32, ROLE 10, INVITED BY 16, CREATED 10, STATUS 8, gaps 10.
  const rows = r.map((i) => [shortKey(i.key), cell(i.user.username, 32), i.role, cell(i.owner?.username ?? '-', 16), (i.created_date ?? '').slice(0, 10), status(i)])
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

// Who a row is about, in words: an invitation's person, role and state; a new invitation's address and role.
interface Subject {
  readonly user: string
  readonly role: string
  readonly status?: string
}
type Describe = (input: unknown) => Subject
const ofRow: Describe = (input) => {
  const row = input as { email?: unknown; role?: unknown } | null
  return { user: String(row?.email), role: String(row?.role) }
}
const phrase = (s: Subject, keyed: boolean): string => (keyed ? `the invitation of ${s.user} (${s.role}${s.status === undefined ? '' : `, ${s.status}`})` : `${s.user} as ${s.role}`)

interface Verbs {
  /** What a dry run would do ("invite", "resend", "delete"), and what was done ("invited", …). */
  readonly would: string
  readonly done: string
  /** Keyed: rows are invitations by key; else rows are new invitations. */
  readonly keyed: boolean
  /** Said after the person, when the action takes more than the invitation. */
  readonly extra?: string
}

const requestOf = (r: { method: string; url: string; body?: unknown }) => `${r.method} ${r.url}${r.body === undefined ? '' : ` ${JSON.stringify(r.body)}`}`

const describeOutcome = (o: BulkOutcome<unknown, unknown>, v: Verbs, subject: Describe, org: string): string => {
  const s = phrase(subject(o.input), v.keyed)
  const extra = v.extra === undefined ? '' : ` ${v.extra}`
  switch (o._tag) {
    case 'Done': {
      const inv = o.value as InvitationRead | undefined
      return `${v.done.padEnd(8)} ${s}${v.keyed ? '' : ` to ${org}`}${extra}${inv?.key ? ` (key ${shortKey(inv.key)})` : ''}`
    }
    case 'Failed':
      return `failed   ${s}: ${formatError(o.error)}`
    case 'Skipped':
      return `skipped  ${s}: ${o.reason === 'duplicate' ? `same as row ${(o.firstRow ?? 0) + 1}` : 'already a member or invited'}`
    case 'NotSent':
      return `not sent ${s}: throttled by the server${o.retryAfter === undefined ? '' : `, retry in ${o.retryAfter} s`}`
    case 'WouldSend':
      return `would ${v.would} ${s} ${v.keyed ? 'in' : 'to'} ${org}${extra}: ${requestOf(o.request)}`
  }
}

const jsonOutcome = (o: BulkOutcome<unknown, unknown>, subject: Describe) => ({
  row: o.row,
  input: o.input,
  ...subject(o.input),
  outcome: o._tag,
  ...(o._tag === 'Done' && o.value !== undefined ? { value: o.value } : {}),
  ...(o._tag === 'Failed' ? { error: formatError(o.error) } : {}),
  ...('retryAfter' in o && o.retryAfter !== undefined ? { retryAfter: o.retryAfter } : {}),
  ...(o._tag === 'Skipped' ? { reason: o.reason, ...(o.firstRow === undefined ? {} : { firstRow: o.firstRow }) } : {}),
  ...(o._tag === 'WouldSend' ? { request: o.request } : {}),
})

/**
 * Prints the outcomes and the one-line summary; exit 1 when some row failed or, throttled, was not
 * sent. Rows never sent are counted as such, not as failures: nothing went wrong with them.
 */
const report = (io: Io, f: InvitationFlags & { org: string }, outcomes: ReadonlyArray<BulkOutcome<unknown, unknown>>, v: Verbs, subject: Describe = ofRow): Exit => {
  const count = (tag: string) => outcomes.filter((o) => o._tag === tag).length
  const summary = { total: outcomes.length, [v.done]: count('Done'), wouldSend: count('WouldSend'), skipped: count('Skipped'), failed: count('Failed'), notSent: count('NotSent') }
  if (f.json) io.out(`${JSON.stringify({ dryRun: f['dry-run'] === true, summary, outcomes: outcomes.map((o) => jsonOutcome(o, subject)) }, null, 2)}\n`)
  else {
    outcomes.forEach((o) => io.out(`${describeOutcome(o, v, subject, f.org)}\n`))
    const done = f['dry-run'] ? `${summary.wouldSend} would be sent (dry run, nothing sent)` : `${summary[v.done]} ${v.done}`
    const notSent = summary.notSent > 0 ? `, ${summary.notSent} not sent (throttled)` : ''
    io.out(`${done}, ${summary.skipped} skipped, ${summary.failed} failed${notSent}, of ${summary.total}\n`)
  }
  return summary.failed + summary.notSent > 0 ? 1 : 0
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
  return report(io, f, outcomes, { would: 'invite', done: 'invited', keyed: false })
}

// Deleting an invitation leaves its pending membership (CVAT's rule: the membership is the
// invitation's parent), which keeps the person "pending": a plain re-invite is then a 400.
// Deleting the membership takes the invitation with it (on_delete CASCADE).
const withMemberships = async (
  client: Client,
  f: InvitationFlags & { org: string },
  chosen: ReadonlyArray<InvitationRead>,
  onProgress: (p: { done: number; failed: number; total: number }) => void,
): Promise<ReadonlyArray<BulkOutcome<string, void>> | Fault> => {
  const memberships = await listAll(membershipsList, client, { org: f.org, pageSize: 100 })()
  if (memberships._tag === 'Left') return faultOf(memberships.left)
  const pendingOf = new Map(memberships.right.filter((m) => m.is_active === false).map((m) => [m.user.id, m.id]))
  const outcomes: Array<BulkOutcome<string, void>> = []
  let failed = 0
  for (const [row, i] of chosen.entries()) {
    const id = i.user.id === undefined ? undefined : pendingOf.get(i.user.id)
    // No pending membership to find (already gone, or not ours to see): delete the invitation alone.
    const planned = id === undefined ? { method: 'DELETE', url: `/api/invitations/${i.key}?org=${encodeURIComponent(f.org)}` } : { method: 'DELETE', url: `/api/memberships/${id}` }
    let outcome: BulkOutcome<string, void>
    if (f['dry-run']) outcome = { row, input: i.key, _tag: 'WouldSend', request: planned }
    else {
      const r = await (id === undefined ? invitationsDestroy(client, { key: i.key, org: f.org }) : membershipsDestroy(client, { id }))()
      outcome = r._tag === 'Right' ? { row, input: i.key, _tag: 'Done', value: undefined } : { row, input: i.key, _tag: 'Failed', error: r.left }
    }
    if (outcome._tag === 'Failed') failed++
    outcomes.push(outcome)
    onProgress({ done: row + 1, failed, total: chosen.length })
  }
  return outcomes
}

/** `invitations resend` and `invitations cleanup`: list, select, then act on each key. */
export const bulkByKey = async (io: Io, client: Client, f: InvitationFlags & { org: string }, action: 'resend' | 'cleanup'): Promise<Exit | Usage | Fault> => {
  const age = parseAge('--older-than', f['older-than'])
  const concurrency = parseConcurrency(f.concurrency)
  if (isUsage(age)) return age
  if (isUsage(concurrency)) return concurrency
  if (action === 'cleanup' && f.expired !== true && age === undefined) return usage('cleanup deletes: say which, with --expired and/or --older-than')
  // Cleanup only ever touches invitations nobody accepted: an accepted one is the membership's history.
  const onlyPending = action === 'cleanup' || f.pending === true
  const all = await listed(client, f.org, onlyPending)
  if (isFault(all)) return all
  const pending = onlyPending ? all : await listed(client, f.org, true)
  if (isFault(pending)) return pending
  const state = statusOf(new Set(pending.map((i) => i.key)))
  const chosen = all.filter(olderThan(io, age)).filter((i) => action === 'resend' || f.expired !== true || i.expired === true)
  const byKey = new Map(chosen.map((i) => [i.key, i]))
  const subject: Describe = (key) => {
    const i = byKey.get(String(key))
    return i === undefined ? { user: String(key), role: '?' } : { user: i.user.username, role: i.role, status: state(i) }
  }
  const bar = progress(io)
  const removing = action === 'cleanup' && f['remove-membership'] === true
  const options = { org: f.org, keys: chosen.map((i) => i.key), concurrency, dryRun: f['dry-run'] === true, onProgress: bar.update }
  const outcomes = removing ? await withMemberships(client, f, chosen, bar.update) : await (action === 'resend' ? resendMany(client, options) : destroyMany(client, options))()
  bar.finish()
  if (isFault(outcomes)) return outcomes
  const verbs: Verbs = action === 'resend' ? { would: 'resend', done: 'resent', keyed: true } : { would: 'delete', done: 'deleted', keyed: true, ...(removing ? { extra: 'with its pending membership' } : {}) }
  return report(io, f, outcomes, verbs, subject)
}
