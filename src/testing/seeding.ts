/**
 * Turns seed descriptions (users, organisations with members, invitations) into server state.
 * Entries naming unknown users or organisations are reported, not thrown.
 */
import type { EmulatorConfig } from './env'
import { newKey, placeholderUser } from './actions'
import {
  type EmulatedUser,
  type EmulatorState,
  type InvitationSeed,
  type OrganizationSeed,
  type UserSeed,
  credentialsOf,
  findOrg,
  findUser,
} from './model'

const addUser = (s: EmulatorState, u: UserSeed): void => {
  const user: EmulatedUser = {
    id: ++s.ids.user,
    username: u.username,
    email: u.email ?? `${u.username}@cvat.test`,
    firstName: u.firstName ?? '',
    lastName: u.lastName ?? '',
    isAdmin: u.isAdmin ?? false,
    isPlaceholder: false,
    ...credentialsOf(u.username),
    ...(u.password === undefined ? {} : { password: u.password }),
  }
  s.users.push(user)
}

const addOrg = (s: EmulatorState, o: OrganizationSeed, problems: string[]): void => {
  const owner = findUser(s, o.owner)
  if (!owner) return void problems.push(`organization ${o.slug}: unknown owner ${o.owner}`)
  const org = { id: ++s.ids.org, slug: o.slug, name: o.name ?? o.slug, ownerId: owner.id }
  s.organizations.push(org)
  s.memberships.push({ id: ++s.ids.membership, userId: owner.id, orgId: org.id, role: 'owner', isActive: true })
  for (const m of o.members ?? []) {
    const user = findUser(s, m.username)
    if (!user) problems.push(`organization ${o.slug}: unknown member ${m.username}`)
    else s.memberships.push({ id: ++s.ids.membership, userId: user.id, orgId: org.id, role: m.role, isActive: true })
  }
}

const addInvitation = (s: EmulatorState, config: EmulatorConfig, inv: InvitationSeed, createdDate: number, problems: string[]): void => {
  const org = findOrg(s, inv.org)
  const owner = inv.owner === null ? null : findUser(s, inv.owner)
  const invitee = findUser(s, inv.invitee) ?? (inv.invitee.includes('@') ? placeholderUser(s, inv.invitee) : undefined)
  if (!org || owner === undefined || !invitee) return void problems.push(`invitation of ${inv.invitee} to ${inv.org}: unknown organization or user`)
  const membership = { id: ++s.ids.membership, userId: invitee.id, orgId: org.id, role: inv.role, isActive: inv.accepted ?? false }
  s.memberships.push(membership)
  const created = inv.createdDate ?? createdDate
  s.invitations.push({
    key: inv.key ?? newKey(config.random),
    membershipId: membership.id,
    ownerId: owner === null ? null : owner.id,
    createdDate: created,
    sentDate: inv.sentDate === undefined ? created : inv.sentDate,
  })
}

/** Builds the state from seeds; seeded invitations are a second apart, oldest first, ending now. */
export const seedState = (
  config: EmulatorConfig,
  seed: {
    readonly users: ReadonlyArray<UserSeed>
    readonly organizations: ReadonlyArray<OrganizationSeed>
    readonly invitations: ReadonlyArray<InvitationSeed>
  },
): { readonly state: EmulatorState; readonly problems: ReadonlyArray<string> } => {
  const state: EmulatorState = { users: [], organizations: [], memberships: [], invitations: [], resends: new Map(), signatures: new Map(), ids: { user: 0, org: 0, membership: 0 } }
  const problems: string[] = []
  seed.users.forEach((u) => addUser(state, u))
  seed.organizations.forEach((o) => addOrg(state, o, problems))
  const now = config.now()
  seed.invitations.forEach((inv, i) => addInvitation(state, config, inv, now - (seed.invitations.length - i) * 1000, problems))
  return { state, problems }
}
