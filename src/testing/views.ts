/**
 * How the server sees an invitation: its rendering as `InvitationRead`, who may do what with it
 * (CVAT's permission table) and the fields its `filter` can use.
 */
import type { EmulatedInvitation, EmulatedMembership, EmulatedUser, EmulatorState } from './model'
import { activeRole } from './model'

/** Everything about one invitation, joined. */
export interface Joined {
  readonly invitation: EmulatedInvitation
  readonly membership: EmulatedMembership
  readonly invitee: EmulatedUser
  readonly owner: EmulatedUser | undefined
  readonly orgSlug: string
}

/** Lookup tables for one request, so joining n invitations costs O(n). */
export interface Index {
  readonly users: ReadonlyMap<number, EmulatedUser>
  readonly memberships: ReadonlyMap<number, EmulatedMembership>
  readonly orgSlugs: ReadonlyMap<number, string>
}

/** Builds the lookup tables. */
export const indexState = (s: EmulatorState): Index => ({
  users: new Map(s.users.map((u) => [u.id, u])),
  memberships: new Map(s.memberships.map((m) => [m.id, m])),
  orgSlugs: new Map(s.organizations.map((o) => [o.id, o.slug])),
})

/** Joins an invitation with its membership, users and organisation. */
export const join = (s: EmulatorState, invitation: EmulatedInvitation, idx: Index = indexState(s)): Joined | undefined => {
  const membership = idx.memberships.get(invitation.membershipId)
  const invitee = membership && idx.users.get(membership.userId)
  const orgSlug = membership && idx.orgSlugs.get(membership.orgId)
  if (!membership || !invitee || orgSlug === undefined) return undefined
  const owner = invitation.ownerId === null ? undefined : idx.users.get(invitation.ownerId)
  return { invitation, membership, invitee, owner, orgSlug }
}

/** `null` if no e-mail was ever sent, else whether the expiry window has passed. */
export const isExpired = (inv: EmulatedInvitation, now: number, expiryDays: number): boolean | null =>
  inv.sentDate === null ? null : now > inv.sentDate + expiryDays * 86_400_000

// CVAT prints microseconds: 2023-09-15T07:53:52.116000Z.
const isoMicro = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z')

const basicUser = (origin: string, u: EmulatedUser) => ({
  url: `${origin}/api/users/${u.id}`,
  id: u.id,
  username: u.username,
  first_name: u.firstName,
  last_name: u.lastName,
})

/** Renders the `InvitationRead` body. */
export const render = (j: Joined, origin: string, now: number, expiryDays: number) => ({
  key: j.invitation.key,
  created_date: isoMicro(j.invitation.createdDate),
  owner: j.owner ? basicUser(origin, j.owner) : null,
  role: j.membership.role,
  user: basicUser(origin, j.invitee),
  organization: j.membership.orgId,
  expired: isExpired(j.invitation, now, expiryDays),
  organization_info: { id: j.membership.orgId, slug: j.orgSlug },
})

/** The fields `filter` may use. */
export const filterFields = (j: Joined): Record<string, unknown> => ({
  owner: j.owner?.username ?? null,
  user_id: j.invitee.id,
  accepted: j.membership.isActive,
})

/** Owners and maintainers of the organisation, and admins. */
export const managesOrg = (s: EmulatorState, user: EmulatedUser, orgId: number): boolean => {
  const role = activeRole(s, user.id, orgId)
  return user.isAdmin || role === 'owner' || role === 'maintainer'
}

const isOwnInvitation = (user: EmulatedUser, j: Joined): boolean =>
  j.invitation.ownerId === user.id || j.invitee.id === user.id

/** Resend, delete, update: the inviter, org owners/maintainers, admins. */
export const canManage = (s: EmulatorState, user: EmulatedUser, j: Joined): boolean =>
  j.invitation.ownerId === user.id || managesOrg(s, user, j.membership.orgId)

/** Accept, decline: the invitee and admins. */
export const canRespond = (user: EmulatedUser, j: Joined): boolean => user.isAdmin || j.invitee.id === user.id

/**
 * View (and so list): the inviter, the invitee, org owners/maintainers, admins. Built once per
 * request, so a list checks each invitation against a set rather than the memberships table.
 */
export const viewer = (s: EmulatorState, user: EmulatedUser): ((j: Joined) => boolean) => {
  const managed = new Set(
    s.memberships.filter((m) => m.userId === user.id && m.isActive && (m.role === 'owner' || m.role === 'maintainer')).map((m) => m.orgId),
  )
  return (j) => user.isAdmin || isOwnInvitation(user, j) || managed.has(j.membership.orgId)
}
