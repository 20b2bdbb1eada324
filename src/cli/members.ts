/**
 * `cvat-fp orgs list` and `cvat-fp members list|set-role|remove`, on `organizationsList`,
 * `membershipsList`, `membershipsPartialUpdate` and `membershipsDestroy`. A dry run reads (to find
 * the membership) and prints the write it would send, sending none.
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import { type Client, type CvatError, type MembershipRead, type RoleEnum, listAll, membershipsDestroy, membershipsList, membershipsPartialUpdate, organizationsList } from '../index'
import { type Exit, type Fault, type Io, type Usage, cell, fault, faultOf, isFault, table, usage } from './context'

/** The flags of `orgs …` and `members …`, as util.parseArgs returns them. */
export interface MemberFlags {
  readonly org?: string
  readonly 'dry-run'?: boolean
  readonly json?: boolean
}

// Every page (by number, from our own base URL, bounded), or the failure as one formatted line.
const allOf = async <A>(task: TaskEither<CvatError, ReadonlyArray<A>>): Promise<ReadonlyArray<A> | Fault> => {
  const r = await task()
  return r._tag === 'Right' ? r.right : faultOf(r.left)
}

const print = <A>(io: Io, json: boolean | undefined, items: ReadonlyArray<A>, header: ReadonlyArray<string>, row: (a: A) => ReadonlyArray<string>, noun: string): Exit => {
  if (json) io.out(`${JSON.stringify(items, null, 2)}\n`)
  else io.out(`${table(header, items.map(row))}\n${items.length} ${noun}${items.length === 1 ? '' : 's'}\n`)
  return 0
}

/** `orgs list`: the organisations the caller owns or belongs to. */
export const orgsList = async (io: Io, client: Client, f: MemberFlags): Promise<Exit | Fault> => {
  const orgs = await allOf(listAll(organizationsList, client, { pageSize: 100 }))
  if (isFault(orgs)) return orgs
  return print(io, f.json, orgs, ['SLUG', 'NAME', 'OWNER', 'ID'], (o) => [cell(o.slug, 16), cell(o.name ?? '', 40), cell(o.owner?.username ?? '-', 24), String(o.id)], 'organisation')
}

const membersOf = (client: Client, org: string, user?: string) =>
  allOf(listAll(membershipsList, client, { org, pageSize: 100, ...(user === undefined ? {} : { user }) }))

/** `members list`: who belongs to the organisation, with role and state. */
export const membersList = async (io: Io, client: Client, f: MemberFlags & { org: string }): Promise<Exit | Fault> => {
  const members = await membersOf(client, f.org)
  if (isFault(members)) return members
  const state = (m: MembershipRead) => (m.is_active === false ? 'pending' : 'active')
  return print(io, f.json, members, ['USER', 'ROLE', 'STATE', 'JOINED', 'ID'], (m) => [cell(m.user.username, 48), m.role ?? '-', state(m), (m.joined_date ?? '').slice(0, 10), String(m.id)], 'member')
}

// CVAT's rules check who may change a membership, never the new role (SERVER.md): owner is accepted too.
/** The roles `members set-role` accepts; its help lists exactly these. */
export const ROLES: ReadonlyArray<string> = ['worker', 'supervisor', 'maintainer', 'owner']
const isRole = (r: string | undefined): r is RoleEnum => ROLES.includes(r ?? '')

/** `members set-role USERNAME ROLE` and `members remove USERNAME`: find the membership, then change it. */
export const memberChange = async (io: Io, client: Client, f: MemberFlags & { org: string }, args: ReadonlyArray<string>, action: 'set-role' | 'remove'): Promise<Exit | Usage | Fault> => {
  const [username, role, ...extra] = args
  const wanted = action === 'set-role' ? 2 : 1
  if (username === undefined || args.length !== wanted || extra.length > 0) return usage(action === 'set-role' ? 'give USERNAME ROLE' : 'give USERNAME')
  if (action === 'set-role' && !isRole(role)) return usage(`ROLE must be one of ${ROLES.join(', ')}`)
  const found = await membersOf(client, f.org, username)
  if (isFault(found)) return found
  // The simple `user` filter matches exactly, yet a server may match loosely: pick the exact one.
  const member = found.find((m) => m.user.username === username)
  if (member === undefined) return fault('NotFound', `no member ${JSON.stringify(username)} in ${f.org}`)
  const body = action === 'set-role' && isRole(role) ? { role } : undefined
  const planned = { method: action === 'set-role' ? 'PATCH' : 'DELETE', url: `/api/memberships/${member.id}`, ...(body ? { body } : {}) }
  // In words a person checks before saying yes: who, from what to what, where; the request beside it.
  const from = member.role ?? '?'
  const change = body ? `change ${username} (${from} → ${body.role}) in ${f.org}` : `remove ${username} from ${f.org}`
  const described = { user: username, org: f.org, role: from, ...(body ? { newRole: body.role } : {}) }
  if (f['dry-run']) {
    io.out(f.json ? `${JSON.stringify({ dryRun: true, ...described, member, request: planned })}\n` : `would ${change}: ${planned.method} ${planned.url}${body ? ` ${JSON.stringify(body)}` : ''}\n`)
    return 0
  }
  const r = await (body ? membershipsPartialUpdate(client, { id: member.id, patchedMembershipWriteRequest: body }) : membershipsDestroy(client, { id: member.id }))()
  if (r._tag === 'Left') return faultOf(r.left)
  io.out(f.json ? `${JSON.stringify({ dryRun: false, ...described, member, request: planned })}\n` : `${body ? 'changed' : 'removed'}${change.slice(change.indexOf(' '))}\n`)
  return 0
}
