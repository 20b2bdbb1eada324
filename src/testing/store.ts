/**
 * Model operations: every write the views make goes through here, with CVAT's cascades
 * (cvat/apps/organizations/models.py on_delete, cvat/apps/engine/models.py owner SET_NULL).
 */
import type { RoleEnum } from '../generated/models/RoleEnum'
import {
  type EmulatedAccessToken,
  type EmulatedInvitation,
  type EmulatedMembership,
  type EmulatedOrganization,
  type EmulatedUser,
  type EmulatorState,
  type Group,
  invitationOf,
} from './model'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Makes a random string of letters and digits, as Django's get_random_string does. */
export const randomString = (random: () => number, length = 64): string =>
  Array.from({ length }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join('')

/** ACCESS_TOKEN_STALE_PERIOD (cvat/apps/access_tokens/default_settings.py): 6 × 30 days. */
export const ACCESS_TOKEN_STALE_MS = 180 * 86_400_000

/**
 * Whether an access token may be used (access_tokens/models.py get_usable_keys): not revoked, not
 * past its expiry date, and used (or, never used, created) within the stale period.
 */
export const accessTokenUsable = (t: EmulatedAccessToken, now: number): boolean =>
  !t.revoked && (t.expiryDate === null || t.expiryDate >= now) && (t.lastUsedDate ?? t.createdDate) + ACCESS_TOKEN_STALE_MS >= now

/** Makes a DRF token key: 40 hex digits (rest_framework/authtoken/models.py generate_key). */
export const tokenKey = (random: () => number): string =>
  Array.from({ length: 40 }, () => Math.floor(random() * 16).toString(16)).join('')

/** The fields a new user takes. */
export interface NewUser {
  readonly username: string
  readonly email: string
  readonly password: string
  readonly firstName?: string
  readonly lastName?: string
  readonly groups?: ReadonlyArray<Group>
  readonly isStaff?: boolean
  readonly isSuperuser?: boolean
  readonly isActive?: boolean
  readonly isPlaceholder?: boolean
  readonly id?: number
  readonly dateJoined?: number
  readonly lastLogin?: number | null
  readonly hasAnalyticsAccess?: boolean
}

/** Adds a user; new users join group `user` (cvat/apps/iam/signals.py create_user). */
export const addUser = (s: EmulatorState, u: NewUser, now: number): EmulatedUser => {
  const id = u.id ?? s.ids.user + 1
  s.ids.user = Math.max(s.ids.user, id)
  const user: EmulatedUser = {
    id,
    username: u.username,
    email: u.email,
    firstName: u.firstName ?? '',
    lastName: u.lastName ?? '',
    groups: [...(u.groups ?? ['user'])],
    isStaff: u.isStaff ?? false,
    isSuperuser: u.isSuperuser ?? false,
    isActive: u.isActive ?? true,
    password: u.password,
    dateJoined: u.dateJoined ?? now,
    lastLogin: u.lastLogin ?? null,
    hasAnalyticsAccess: u.hasAnalyticsAccess ?? (u.groups ?? ['user']).includes('admin'),
    isPlaceholder: u.isPlaceholder ?? false,
  }
  s.users.push(user)
  return user
}

/**
 * Adds CVAT's dummy user for an e-mail nobody has registered (cvat/apps/iam/utils.py
 * get_dummy_user: username = the e-mail, no usable password, no groups).
 */
export const placeholderUser = (s: EmulatorState, email: string, now: number): EmulatedUser =>
  addUser(s, { username: email, email, password: '', groups: [], isPlaceholder: true }, now)

/** Adds a membership. */
export const addMembership = (
  s: EmulatorState,
  m: { readonly userId: number; readonly orgId: number; readonly role: RoleEnum; readonly isActive: boolean; readonly id?: number; readonly joinedDate?: number | null },
): EmulatedMembership => {
  const id = m.id ?? s.ids.membership + 1
  s.ids.membership = Math.max(s.ids.membership, id)
  const membership: EmulatedMembership = { id, userId: m.userId, orgId: m.orgId, role: m.role, isActive: m.isActive, joinedDate: m.joinedDate ?? null }
  s.memberships.push(membership)
  return membership
}

/**
 * Creates an organisation; its creator becomes the owner with an active `owner` membership and
 * no invitation (cvat/apps/organizations/serializers.py OrganizationWriteSerializer.create).
 */
export const addOrganization = (
  s: EmulatorState,
  o: { readonly slug: string; readonly name: string; readonly description?: string; readonly contact?: unknown; readonly ownerId: number | null; readonly id?: number },
  now: number,
  withOwnerMembership = true,
): EmulatedOrganization => {
  const id = o.id ?? s.ids.org + 1
  s.ids.org = Math.max(s.ids.org, id)
  const org: EmulatedOrganization = { id, slug: o.slug, name: o.name, description: o.description ?? '', contact: o.contact ?? {}, ownerId: o.ownerId, createdDate: now, updatedDate: now }
  s.organizations.push(org)
  if (withOwnerMembership && o.ownerId !== null) addMembership(s, { userId: o.ownerId, orgId: id, role: 'owner', isActive: true, joinedDate: now })
  return org
}

const removeWhere = <A>(xs: A[], drop: (a: A) => boolean): void => {
  for (let i = xs.length - 1; i >= 0; i--) if (drop(xs[i] as A)) xs.splice(i, 1)
}

/** Deletes an invitation; its membership stays as it was (Invitation.membership is the FK side). */
export const deleteInvitation = (s: EmulatorState, inv: EmulatedInvitation): void => removeWhere(s.invitations, (i) => i === inv)

/** Deletes memberships and, by CASCADE, their invitations. */
export const deleteMemberships = (s: EmulatorState, drop: (m: EmulatedMembership) => boolean): void => {
  const gone = new Set(s.memberships.filter(drop).map((m) => m.id))
  removeWhere(s.invitations, (i) => gone.has(i.membershipId))
  removeWhere(s.memberships, (m) => gone.has(m.id))
}

/** Deletes an organisation, its memberships and their invitations (Membership.organization CASCADE). */
export const deleteOrganization = (s: EmulatorState, org: EmulatedOrganization): void => {
  deleteMemberships(s, (m) => m.orgId === org.id)
  removeWhere(s.organizations, (o) => o === org)
}

/**
 * Deletes a user: their memberships (and so invitations addressed to them), tokens, sessions and
 * access tokens go; organisations and invitations they own keep existing with owner null.
 */
export const deleteUser = (s: EmulatorState, user: EmulatedUser): void => {
  deleteMemberships(s, (m) => m.userId === user.id)
  for (const o of s.organizations) if (o.ownerId === user.id) o.ownerId = null
  for (const i of s.invitations) if (i.ownerId === user.id) i.ownerId = null
  for (const [k, id] of [...s.tokens]) if (id === user.id) s.tokens.delete(k)
  for (const [k, v] of [...s.sessions]) if (v.userId === user.id) s.sessions.delete(k)
  removeWhere(s.accessTokens, (t) => t.ownerId === user.id)
  removeWhere(s.users, (u) => u === user)
}

/** Accepts an invitation: the membership becomes active and joins now (models.py Invitation.accept). */
export const acceptMembership = (m: EmulatedMembership, now: number): void => {
  m.isActive = true
  m.joinedDate = now
}

/** The user's DRF token, created on first use (dj-rest-auth `get_or_create`). */
export const tokenFor = (s: EmulatorState, userId: number, random: () => number): string => {
  for (const [k, id] of s.tokens) if (id === userId) return k
  const key = tokenKey(random)
  s.tokens.set(key, userId)
  return key
}

/** Logs out: deletes the user's token (dj-rest-auth LogoutView, REST_SESSION_LOGIN) and the session. */
export const logout = (s: EmulatorState, userId: number, sessionId: string | undefined): void => {
  for (const [k, id] of [...s.tokens]) if (id === userId) s.tokens.delete(k)
  if (sessionId !== undefined) s.sessions.delete(sessionId)
}

/** Applies a partial update: the fields given change, the absent ones (undefined) stay (DRF partial=True). */
export const patch = <T extends object>(target: T, fields: { readonly [K in keyof T]?: T[K] | undefined }): void => {
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (target as Record<string, unknown>)[k] = v
}

/** The invitation key of a membership, or null. */
export const invitationKey = (s: EmulatorState, membershipId: number): string | null => invitationOf(s, membershipId)?.key ?? null
