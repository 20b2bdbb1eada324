/**
 * CVAT's rego rules as predicates. "Privilege" is the caller's highest IAM group
 * (cvat/apps/iam/rules/utils.rego); "role" their *active* membership role in the organisation
 * the check runs in — the object's own organisation for memberships and invitations
 * (iam_organization_field), the request's context otherwise (cvat/apps/iam/permissions.py).
 */
import type { RoleEnum } from '../generated/models/RoleEnum'
import type { EmulatedInvitation, EmulatedMembership, EmulatedOrganization, EmulatedUser, EmulatorState, Group } from './model'
import { activeRole } from './model'

const RANK: Readonly<Record<Group, number>> = { admin: 0, user: 75, worker: 100 }

/** The highest IAM group, or null (cvat/apps/iam/middleware.py: privilege). */
export const privilege = (u: EmulatedUser): Group | null =>
  u.groups.reduce<Group | null>((best, g) => (Object.prototype.hasOwnProperty.call(RANK, g) && (best === null || RANK[g] < RANK[best]) ? g : best), null)

/** utils.rego has_perm: the privilege is at least `group`. */
export const hasPerm = (u: EmulatedUser, group: Group): boolean => {
  const p = privilege(u)
  return p !== null && RANK[p] <= RANK[group]
}

/** utils.rego is_admin. */
export const isAdmin = (u: EmulatedUser): boolean => privilege(u) === 'admin'

/** What rego's organizations package knows of the caller in one organisation. */
export interface OrgAuth {
  readonly org: EmulatedOrganization
  readonly role: RoleEnum | undefined
}

/** The caller seen from an organisation. */
export const orgAuth = (s: EmulatorState, u: EmulatedUser, org: EmulatedOrganization): OrgAuth => ({ org, role: activeRole(s, u.id, org.id) })

/** organizations.rego is_owner: role owner AND the organisation's owner. */
export const isOwner = (u: EmulatedUser, a: OrgAuth | undefined): boolean => a?.role === 'owner' && a.org.ownerId === u.id
/** organizations.rego is_staff: owner or maintainer. */
export const isStaff = (u: EmulatedUser, a: OrgAuth | undefined): boolean => isOwner(u, a) || a?.role === 'maintainer'
/** organizations.rego is_member. */
export const isMember = (a: OrgAuth | undefined): boolean => a?.role !== undefined

/** organizations.rego: who may do what with an organisation (auth org = the organisation itself). */
export const orgAllows = (u: EmulatedUser, scope: 'create' | 'view' | 'update' | 'delete', a: OrgAuth | undefined): boolean => {
  if (isAdmin(u)) return true
  const resourceOwner = a !== undefined && a.org.ownerId === u.id
  switch (scope) {
    case 'create': // 2.26: utils.has_perm(utils.USER)
      return hasPerm(u, 'user')
    case 'view':
      return resourceOwner || isMember(a)
    case 'update':
      return hasPerm(u, 'worker') && (resourceOwner || a?.role === 'maintainer')
    case 'delete':
      return hasPerm(u, 'worker') && resourceOwner
  }
}

/** organizations.rego filter: orgs the caller owns or is an active member of (admin: all). */
export const orgVisible = (s: EmulatorState, u: EmulatedUser) => {
  const active = new Set(s.memberships.filter((m) => m.userId === u.id && m.isActive).map((m) => m.orgId))
  return (o: EmulatedOrganization): boolean => isAdmin(u) || o.ownerId === u.id || active.has(o.id)
}

/** memberships.rego on one membership (auth org = the membership's organisation). */
export const membershipAllows = (u: EmulatedUser, scope: 'view' | 'change:role' | 'delete', m: EmulatedMembership, a: OrgAuth): boolean => {
  if (isAdmin(u)) return true
  const self = m.userId === u.id
  if (scope === 'view') return isStaff(u, a) || (m.isActive && isMember(a))
  const maintainerMay = hasPerm(u, 'user') && a.role === 'maintainer' && m.role !== 'owner' && m.role !== 'maintainer' && !self
  const ownerMay = hasPerm(u, 'user') && isOwner(u, a) && !self && m.role !== 'owner'
  const leaving = scope === 'delete' && m.isActive && isMember(a) && self && m.role !== 'owner' && hasPerm(u, 'worker')
  return maintainerMay || ownerMay || leaving
}

/** invitations.rego on one invitation (auth org = the invitation's organisation). */
export const invitationAllows = (
  u: EmulatedUser,
  scope: 'view' | 'resend' | 'delete' | 'accept' | 'decline',
  inv: EmulatedInvitation,
  invitee: number,
  a: OrgAuth,
): boolean => {
  if (isAdmin(u)) return true
  const resourceOwner = inv.ownerId === u.id
  switch (scope) {
    case 'view':
      return (hasPerm(u, 'user') && isStaff(u, a)) || resourceOwner || invitee === u.id
    case 'resend':
    case 'delete':
      return (hasPerm(u, 'user') && isStaff(u, a)) || (hasPerm(u, 'worker') && resourceOwner)
    case 'accept':
    case 'decline':
      return invitee === u.id
  }
}

/** invitations.rego create: owners (any role but owner) and maintainers (worker/supervisor), privilege ≥ user. */
export const invitationCreateAllows = (u: EmulatedUser, role: unknown, a: OrgAuth): boolean =>
  isAdmin(u) ||
  (hasPerm(u, 'user') && role !== 'owner' && (isOwner(u, a) || (a.role === 'maintainer' && role !== 'maintainer')))

/** users.rego: view yourself, or anyone while an active member of the context org; update/delete yourself. */
export const userAllows = (u: EmulatedUser, scope: 'view' | 'update' | 'delete', target: EmulatedUser, ctx: OrgAuth | undefined): boolean =>
  isAdmin(u) || target.id === u.id || (scope === 'view' && isMember(ctx))

/**
 * The 2.73 access-token plugins (cvat/apps/access_tokens/permissions.py): for users and access
 * tokens only `list` and `view` pass (access_token_plugin.*.rego); elsewhere a read-only token
 * may not use unsafe methods (AccessTokenReadOnlyDefaultPermission).
 */
export const tokenAllows = (
  caller: { readonly accessToken?: { readonly readOnly: boolean } },
  pkg: 'users' | 'access_tokens' | 'other',
  scope: string,
  method: string,
): boolean => {
  if (caller.accessToken === undefined) return true
  if (pkg !== 'other') return scope === 'list' || scope === 'view'
  return !(caller.accessToken.readOnly && !['GET', 'HEAD', 'OPTIONS'].includes(method))
}
