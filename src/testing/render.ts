/**
 * The read serializers: BasicUser and User (cvat/apps/engine/serializers.py), OrganizationRead,
 * MembershipRead, InvitationRead (cvat/apps/organizations/serializers.py) and AccessTokenRead
 * (cvat/apps/access_tokens/serializers.py), each as the matching server generation prints it.
 */
import type { ServerVersion } from './env'
import { isoMicro } from './http'
import type { EmulatedAccessToken, EmulatedInvitation, EmulatedMembership, EmulatedOrganization, EmulatedUser, EmulatorState } from './model'
import { userById } from './model'
import { invitationKey } from './store'

/** BasicUserSerializer. */
export const basicUser = (origin: string, u: EmulatedUser) => ({
  url: `${origin}/api/users/${u.id}`,
  id: u.id,
  username: u.username,
  first_name: u.firstName,
  last_name: u.lastName,
})

/** UserSerializer, with the profile's analytics flag. */
export const fullUser = (origin: string, u: EmulatedUser) => ({
  ...basicUser(origin, u),
  email: u.email,
  groups: u.groups,
  is_staff: u.isStaff,
  is_superuser: u.isSuperuser,
  is_active: u.isActive,
  last_login: u.lastLogin === null ? null : isoMicro(u.lastLogin),
  date_joined: isoMicro(u.dateJoined),
  has_analytics_access: u.hasAnalyticsAccess,
})

/** Staff callers and the user themself get the full User; everyone else BasicUser (engine/views.py UserViewSet.get_serializer_class). */
export const userFor = (origin: string, caller: EmulatedUser, u: EmulatedUser) =>
  caller.isStaff || caller.id === u.id ? fullUser(origin, u) : basicUser(origin, u)

const owner = (s: EmulatorState, origin: string, id: number | null) => {
  const u = userById(s, id)
  return u ? basicUser(origin, u) : null
}

/** OrganizationReadSerializer. */
export const renderOrg = (s: EmulatorState, origin: string, o: EmulatedOrganization) => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  description: o.description,
  created_date: isoMicro(o.createdDate),
  updated_date: isoMicro(o.updatedDate),
  contact: o.contact,
  owner: owner(s, origin, o.ownerId),
})

/** MembershipReadSerializer. */
export const renderMembership = (s: EmulatorState, origin: string, m: EmulatedMembership) => {
  const u = userById(s, m.userId)
  return {
    id: m.id,
    user: u ? basicUser(origin, u) : null,
    organization: m.orgId,
    is_active: m.isActive,
    joined_date: m.joinedDate === null ? null : isoMicro(m.joinedDate),
    role: m.role,
    invitation: invitationKey(s, m.id),
  }
}

/** `null` if no e-mail was ever sent, else whether the expiry window has passed, the boundary instant included (models.py Invitation.expired: `expiration_date <= timezone.now()`). */
export const isExpired = (inv: EmulatedInvitation, now: number, expiryDays: number): boolean | null =>
  inv.sentDate === null ? null : now >= inv.sentDate + expiryDays * 86_400_000

/** InvitationReadSerializer; 2.65+ adds `accepted`. */
export const renderInvitation = (
  s: EmulatorState,
  origin: string,
  inv: EmulatedInvitation,
  m: EmulatedMembership,
  env: { readonly now: number; readonly expiryDays: number; readonly serverVersion: ServerVersion },
) => {
  const invitee = userById(s, m.userId)
  const org = s.organizations.find((o) => o.id === m.orgId)
  return {
    key: inv.key,
    created_date: isoMicro(inv.createdDate),
    owner: owner(s, origin, inv.ownerId),
    role: m.role,
    user: invitee ? basicUser(origin, invitee) : null,
    organization: m.orgId,
    expired: isExpired(inv, env.now, env.expiryDays),
    ...(env.serverVersion === '2.73' ? { accepted: m.isActive } : {}),
    organization_info: { id: m.orgId, slug: org?.slug ?? '' },
  }
}

/** AccessTokenReadSerializer; `value` only when just created. */
export const renderAccessToken = (s: EmulatorState, origin: string, t: EmulatedAccessToken, withValue = false) => ({
  id: t.id,
  name: t.name,
  created_date: isoMicro(t.createdDate),
  updated_date: isoMicro(t.updatedDate),
  expiry_date: t.expiryDate === null ? null : isoMicro(t.expiryDate),
  last_used_date: t.lastUsedDate === null ? null : isoMicro(t.lastUsedDate),
  read_only: t.readOnly,
  owner: owner(s, origin, t.ownerId),
  ...(withValue ? { value: t.value } : {}),
})
