/**
 * Turns seeds into server state: plain descriptions (users, organisations with members,
 * invitations) and CVAT's own fixtures (the `results` arrays of tests/python/shared/assets/*.json)
 * as they are. Entries naming unknown users or organisations are reported, not thrown.
 */
import type { RoleEnum } from '../generated/models/RoleEnum'
import { type EngineAssets, seedEngine } from './engine/seeding'
import type { EmulatorConfig } from './env'
import { type EmulatedUser, type EmulatorState, type Group, credentialsOf, emptyState, findOrg, findUser } from './model'
import { acceptMembership, addMembership, addOrganization, addUser, placeholderUser, randomString } from './store'

/**
 * Describes a user to seed; the emulator derives the rest.
 *
 * @example
 * const zoe: UserSeed = { username: 'zoe', email: 'zoe@lab.test', isAdmin: true }
 */
export interface UserSeed {
  readonly username: string
  readonly email?: string
  readonly firstName?: string
  readonly lastName?: string
  /** Shorthand for groups ['admin'], is_staff and is_superuser. */
  readonly isAdmin?: boolean
  /** IAM groups (default ['user']). */
  readonly groups?: ReadonlyArray<Group>
  readonly isActive?: boolean
  readonly password?: string
}

/**
 * Describes an organisation, its owner, and its members by username.
 *
 * @example
 * const lab: OrganizationSeed = { slug: 'lab', owner: 'zoe', members: [{ username: 'otto', role: 'worker' }] }
 */
export interface OrganizationSeed {
  readonly slug: string
  readonly name?: string
  readonly owner: string
  readonly members?: ReadonlyArray<{ readonly username: string; readonly role: Exclude<RoleEnum, 'owner'> }>
}

/**
 * Describes an invitation to create at start-up.
 *
 * @example
 * const old: InvitationSeed = { org: 'acme', owner: 'olga', invitee: 'new@example.com', role: 'worker', sentDate: Date.parse('2020-01-01') }
 */
export interface InvitationSeed {
  readonly org: string
  readonly owner: string | null
  /** A username, or an e-mail (an unknown one makes a placeholder user). */
  readonly invitee: string
  readonly role: RoleEnum
  readonly key?: string
  readonly accepted?: boolean
  /** Epoch ms; default: the emulator's clock. */
  readonly createdDate?: number
  /** Epoch ms or null (never e-mailed); default: `createdDate`. */
  readonly sentDate?: number | null
}

/**
 * Holds CVAT's fixtures (tests/python/shared/assets/{users,organizations,memberships,invitations}.json
 * and the engine's, see `EngineAssets`), each the `results` array of its file, as it is.
 *
 * @example
 * const users: NonNullable<CvatAssets['users']> = [] // the `results` of tests/python/shared/assets/users.json
 * const emulator = createCvatEmulator({ defaultSeed: false, assets: { users } })
 */
export interface CvatAssets extends EngineAssets {
  readonly users?: ReadonlyArray<{ readonly id: number; readonly username: string; readonly email: string; readonly first_name: string; readonly last_name: string; readonly groups: ReadonlyArray<string>; readonly is_staff: boolean; readonly is_superuser: boolean; readonly is_active: boolean; readonly date_joined?: string | null; readonly last_login?: string | null; readonly has_analytics_access?: boolean }>
  readonly organizations?: ReadonlyArray<{ readonly id: number; readonly slug: string; readonly name: string; readonly description?: string; readonly contact?: unknown; readonly owner: { readonly id?: number } | null; readonly created_date?: string }>
  readonly memberships?: ReadonlyArray<{ readonly id: number; readonly user: { readonly id?: number } | null; readonly organization: number; readonly role: RoleEnum; readonly is_active: boolean; readonly joined_date?: string | null }>
  readonly invitations?: ReadonlyArray<{ readonly key: string; readonly created_date: string; readonly owner: { readonly id?: number } | null; readonly user: { readonly id?: number }; readonly organization: number; readonly expired?: boolean | null }>
}

/** Gives a seeded user the deterministic credentials of `credentialsOf`. */
const withCredentials = (s: EmulatorState, config: EmulatorConfig, user: EmulatedUser, now: number): void => {
  const c = credentialsOf(user.username)
  s.tokens.set(c.token, user.id)
  s.sessions.set(c.sessionId, { userId: user.id, csrfToken: c.csrfToken })
  if (config.serverVersion === '2.73')
    s.accessTokens.push({ id: ++s.ids.accessToken, ownerId: user.id, value: c.accessToken, name: 'seed', readOnly: false, expiryDate: null, createdDate: now, updatedDate: now, lastUsedDate: null, revoked: false })
}

const GROUPS: ReadonlyArray<string> = ['admin', 'user', 'worker']
// iam migration 0001_remove_business_group moved `business` users to `user`.
const groupsOf = (gs: ReadonlyArray<string>): Group[] => [...new Set(gs.map((g) => (g === 'business' ? 'user' : g)).filter((g): g is Group => GROUPS.includes(g)))]
const time = (iso: string | null | undefined, fallback: number): number => (iso ? Date.parse(iso) : fallback)

const seedAssets = (s: EmulatorState, config: EmulatorConfig, a: CvatAssets, now: number, problems: string[]): void => {
  for (const u of [...(a.users ?? [])].sort((x, y) => x.id - y.id)) {
    const user = addUser(s, { id: u.id, username: u.username, email: u.email, password: config.password, firstName: u.first_name, lastName: u.last_name, groups: groupsOf(u.groups), isStaff: u.is_staff, isSuperuser: u.is_superuser, isActive: u.is_active, dateJoined: time(u.date_joined, now), lastLogin: u.last_login ? Date.parse(u.last_login) : null, ...(u.has_analytics_access === undefined ? {} : { hasAnalyticsAccess: u.has_analytics_access }) }, now)
    withCredentials(s, config, user, now)
  }
  for (const o of [...(a.organizations ?? [])].sort((x, y) => x.id - y.id)) {
    const org = addOrganization(s, { id: o.id, slug: o.slug, name: o.name, description: o.description ?? '', contact: o.contact ?? {}, ownerId: o.owner?.id ?? null }, time(o.created_date, now), false)
    org.updatedDate = org.createdDate
  }
  for (const m of [...(a.memberships ?? [])].sort((x, y) => x.id - y.id)) {
    if (m.user?.id === undefined || !s.users.some((u) => u.id === m.user?.id) || !s.organizations.some((o) => o.id === m.organization)) problems.push(`membership ${m.id}: unknown user or organization`)
    else addMembership(s, { id: m.id, userId: m.user.id, orgId: m.organization, role: m.role, isActive: m.is_active, joinedDate: m.joined_date ? Date.parse(m.joined_date) : null })
  }
  for (const i of a.invitations ?? []) {
    const m = s.memberships.find((x) => x.userId === i.user.id && x.orgId === i.organization)
    if (!m) problems.push(`invitation ${i.key}: no membership of user ${String(i.user.id)} in organization ${i.organization}`)
    else {
      const created = Date.parse(i.created_date)
      // `expired` is all the fixture says of the send date: null = never sent, false = sent now.
      s.invitations.push({ key: i.key, membershipId: m.id, ownerId: i.owner?.id ?? null, createdDate: created, sentDate: i.expired === null ? null : i.expired === false ? now : created })
    }
  }
  seedEngine(s, a, now, problems)
}

const seedPlain = (s: EmulatorState, config: EmulatorConfig, seed: { readonly users: ReadonlyArray<UserSeed>; readonly organizations: ReadonlyArray<OrganizationSeed>; readonly invitations: ReadonlyArray<InvitationSeed> }, now: number, problems: string[]): void => {
  for (const u of seed.users) {
    const admin = u.isAdmin ?? false
    const user = addUser(s, { username: u.username, email: u.email ?? `${u.username}@cvat.test`, password: u.password ?? credentialsOf(u.username).password, firstName: u.firstName ?? '', lastName: u.lastName ?? '', groups: u.groups ?? [admin ? 'admin' : 'user'], isStaff: admin, isSuperuser: admin, isActive: u.isActive ?? true }, now)
    withCredentials(s, config, user, now)
  }
  for (const o of seed.organizations) {
    const owner = findUser(s, o.owner)
    if (!owner) {
      problems.push(`organization ${o.slug}: unknown owner ${o.owner}`)
      continue
    }
    const org = addOrganization(s, { slug: o.slug, name: o.name ?? o.slug, ownerId: owner.id }, now)
    for (const m of o.members ?? []) {
      const user = findUser(s, m.username)
      if (!user) problems.push(`organization ${o.slug}: unknown member ${m.username}`)
      else addMembership(s, { userId: user.id, orgId: org.id, role: m.role, isActive: true, joinedDate: now })
    }
  }
  // Seeded invitations are a second apart, oldest first, ending now.
  seed.invitations.forEach((inv, i) => {
    const org = findOrg(s, inv.org)
    const owner = inv.owner === null ? null : findUser(s, inv.owner)
    const invitee = findUser(s, inv.invitee) ?? (inv.invitee.includes('@') ? placeholderUser(s, inv.invitee, now) : undefined)
    if (!org || owner === undefined || !invitee) return void problems.push(`invitation of ${inv.invitee} to ${inv.org}: unknown organization or user`)
    const created = inv.createdDate ?? now - (seed.invitations.length - i) * 1000
    const m = addMembership(s, { userId: invitee.id, orgId: org.id, role: inv.role, isActive: false })
    if (inv.accepted) acceptMembership(m, created)
    s.invitations.push({ key: inv.key ?? randomString(config.random), membershipId: m.id, ownerId: owner === null ? null : owner.id, createdDate: created, sentDate: inv.sentDate === undefined ? created : inv.sentDate })
  })
}

/** Builds the state: fixtures first (their ids kept), then plain seeds. */
export const seedState = (
  config: EmulatorConfig,
  seed: { readonly assets?: CvatAssets; readonly users: ReadonlyArray<UserSeed>; readonly organizations: ReadonlyArray<OrganizationSeed>; readonly invitations: ReadonlyArray<InvitationSeed> },
): { readonly state: EmulatorState; readonly problems: ReadonlyArray<string> } => {
  const state = emptyState()
  const problems: string[] = []
  const now = config.now()
  if (seed.assets) seedAssets(state, config, seed.assets, now, problems)
  seedPlain(state, config, seed, now, problems)
  return { state, problems }
}
