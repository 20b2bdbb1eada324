/**
 * The invitation operations other than list: create, retrieve, partial update, destroy, and the
 * accept, decline and resend actions, with CVAT's checks in CVAT's order.
 */
import type { RoleEnum } from '../codecs/common'
import type { Env } from './env'
import { type Reply, detail, forbidden, json, noContent, notFound } from './http'
import { type EmulatedUser, type EmulatorState, activeRole, credentialsOf } from './model'
import { type Joined, canManage, canRespond, isExpired, join, managesOrg, render, viewer } from './views'

const ROLES: ReadonlyArray<string> = ['worker', 'supervisor', 'maintainer', 'owner']
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Makes a 64-character key of letters and digits, as CVAT does. */
export const newKey = (random: () => number): string =>
  Array.from({ length: 64 }, () => ALNUM[Math.floor(random() * ALNUM.length)]).join('')

/** Adds a placeholder user for an e-mail nobody has registered (username = the e-mail). */
export const placeholderUser = (s: EmulatorState, email: string): EmulatedUser => {
  const user: EmulatedUser = {
    id: ++s.ids.user,
    username: email,
    email,
    firstName: '',
    lastName: '',
    isAdmin: false,
    isPlaceholder: true,
    ...credentialsOf(email),
  }
  s.users.push(user)
  return user
}

const fieldErrors = (body: unknown, partial: boolean): Record<string, string[]> => {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const errors: Record<string, string[]> = {}
  if (b['role'] === undefined) {
    if (!partial) errors['role'] = ['This field is required.']
  } else if (typeof b['role'] !== 'string' || !ROLES.includes(b['role'])) errors['role'] = [`"${String(b['role'])}" is not a valid choice.`]
  if (b['email'] === undefined) {
    if (!partial) errors['email'] = ['This field is required.']
  } else if (typeof b['email'] !== 'string' || b['email'] === '') errors['email'] = ['This field may not be blank.']
  else if (!EMAIL.test(b['email'])) errors['email'] = ['Enter a valid email address.']
  return errors
}

const rendered = (env: Env, j: Joined, status = 200): Reply => json(status, render(j, env.origin, env.now, env.config.expiryDays))

const emailFailure = (): Reply => json(500, 'Email backend is not configured.')

/** POST /api/invitations */
export const create = (env: Env): Reply => {
  const { s, user, ctx, body, config } = env
  if (ctx.kind !== 'org' || !managesOrg(s, user, ctx.org.id)) return forbidden()
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return json(400, { non_field_errors: ['Invalid data. Expected a dictionary, but got ' + (Array.isArray(body) ? 'list' : typeof body) + '.'] })
  const errors = fieldErrors(body, false)
  if (Object.keys(errors).length > 0) return json(400, errors)
  const { role, email } = body as { role: RoleEnum; email: string }
  const callerRole = user.isAdmin ? 'owner' : activeRole(s, user.id, ctx.org.id)
  if (role === 'owner' || (callerRole === 'maintainer' && role === 'maintainer')) return forbidden()
  const existing = s.users.find((u) => u.email.toLowerCase() === email.toLowerCase())
  if (existing && s.memberships.some((m) => m.userId === existing.id && m.orgId === ctx.org.id))
    return json(400, ['The user is a member of the organization already.'])
  const invitee = existing ?? placeholderUser(s, email)
  const addAtOnce = !config.confirmInvitations && !invitee.isPlaceholder
  const membership = { id: ++s.ids.membership, userId: invitee.id, orgId: ctx.org.id, role, isActive: addAtOnce }
  s.memberships.push(membership)
  const invitation = { key: newKey(config.random), membershipId: membership.id, ownerId: user.id, createdDate: env.now, sentDate: null as number | null }
  s.invitations.push(invitation)
  if (!addAtOnce) {
    // The rows are saved before the e-mail is attempted, as in CVAT.
    if (!config.emailBackend) return emailFailure()
    invitation.sentDate = env.now
  }
  const j = join(s, invitation)
  return j ? rendered(env, j, 201) : notFound()
}

/** Finds the invitation named in the path within the context, and checks the caller's right. */
export const target = (env: Env, key: string, allowed: (j: Joined) => boolean): Joined | Reply => {
  const inv = env.s.invitations.find((i) => i.key === key)
  const j = inv && join(env.s, inv)
  if (!j) return notFound()
  if (env.ctx.kind === 'personal' || (env.ctx.kind === 'org' && env.ctx.org.id !== j.membership.orgId)) return notFound()
  return allowed(j) ? j : forbidden()
}

const isReply = (x: Joined | Reply): x is Reply => 'status' in x

/** GET /api/invitations/{key} */
export const retrieve = (env: Env, key: string): Reply => {
  const j = target(env, key, viewer(env.s, env.user))
  return isReply(j) ? j : rendered(env, j)
}

const acceptJoined = (env: Env, j: Joined): Reply | undefined => {
  if (isExpired(j.invitation, env.now, env.config.expiryDays))
    return json(400, 'Your invitation is expired. Please contact organization owner to renew it.')
  if (j.membership.isActive) return json(400, 'Your invitation is already accepted.')
  j.membership.isActive = true
  return undefined
}

/** PATCH /api/invitations/{key}: never changes role or e-mail; `?accepted` accepts instead. */
export const partialUpdate = (env: Env, key: string): Reply => {
  const accepting = env.url.searchParams.has('accepted')
  const j = target(env, key, (x) => (accepting ? canRespond(env.user, x) : canManage(env.s, env.user, x)))
  if (isReply(j)) return j
  if (env.body !== undefined) {
    const errors = fieldErrors(env.body, true)
    if (Object.keys(errors).length > 0) return json(400, errors)
  }
  if (accepting) {
    const refused = acceptJoined(env, j)
    if (refused) return refused
  }
  return rendered(env, j)
}

const remove = (s: EmulatorState, j: Joined, membershipToo: boolean): void => {
  s.invitations.splice(s.invitations.indexOf(j.invitation), 1)
  if (membershipToo) s.memberships.splice(s.memberships.indexOf(j.membership), 1)
}

/** DELETE /api/invitations/{key}: the invitation goes, and its membership if still pending. */
export const destroy = (env: Env, key: string): Reply => {
  const j = target(env, key, (x) => canManage(env.s, env.user, x))
  if (isReply(j)) return j
  remove(env.s, j, !j.membership.isActive)
  return noContent
}

/** POST /api/invitations/{key}/accept */
export const accept = (env: Env, key: string): Reply => {
  const j = target(env, key, (x) => canRespond(env.user, x))
  if (isReply(j)) return j
  return acceptJoined(env, j) ?? json(200, { organization_slug: j.orgSlug })
}

/** POST /api/invitations/{key}/decline: deletes the membership (and so the invitation), even an accepted one. */
export const decline = (env: Env, key: string): Reply => {
  const j = target(env, key, (x) => canRespond(env.user, x))
  if (isReply(j)) return j
  remove(env.s, j, true)
  return noContent
}

/** POST /api/invitations/{key}/resend: throttled per user; restarts the expiry window. */
export const resend = (env: Env, key: string): Reply => {
  const j = target(env, key, (x) => canManage(env.s, env.user, x))
  if (isReply(j)) return j
  const { resendLimit, resendWindowMs } = env.config
  const recent = (env.s.resends.get(env.user.id) ?? []).filter((t) => t > env.now - resendWindowMs)
  if (recent.length >= resendLimit) {
    const wait = Math.max(1, Math.ceil(((recent[0] ?? env.now) + resendWindowMs - env.now) / 1000))
    return detail(429, `Request was throttled. Expected available in ${wait} seconds.`, { 'retry-after': String(wait) })
  }
  env.s.resends.set(env.user.id, [...recent, env.now])
  if (j.membership.isActive) return json(400, 'This invitation is already accepted.')
  if (!env.config.emailBackend) return emailFailure()
  j.invitation.sentDate = env.now
  return noContent
}
