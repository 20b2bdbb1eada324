/**
 * /api/invitations — InvitationViewSet (cvat/apps/organizations/views.py): every action works on
 * the queryset narrowed by invitations.rego `filter` for the request's context, so an invisible
 * invitation is a 404; invitations.rego `allow`, run in the invitation's own organisation, then
 * decides (403). Create takes its organisation from the context, never from the body.
 */
import type { RoleEnum } from '../../generated/models/RoleEnum'
import { ctxOrg } from '../context'
import type { AuthedEnv } from '../env'
import { type Or, type Reply, forbidden, isReply, json, noContent, notFound } from '../http'
import { type ListSpec, listReply } from '../list'
import { type EmulatedInvitation, type EmulatedMembership, userById } from '../model'
import { hasPerm, invitationAllows, invitationCreateAllows, isAdmin, isMember, isStaff, orgAuth, tokenAllows } from '../perms'
import { renderInvitation } from '../render'
import { acceptMembership, addMembership, deleteInvitation, placeholderUser, randomString } from '../store'
import { bodyDict, isEmail } from './common'

const ROLES: ReadonlyArray<string> = ['worker', 'supervisor', 'maintainer', 'owner']

/** An invitation with its membership. */
export interface Row {
  readonly inv: EmulatedInvitation
  readonly m: EmulatedMembership
}

/**
 * InvitationViewSet: search `owner` (username), `user_id` and `accepted` in `filter`; newest first.
 * As each generation's schema reads it off the viewset (org-admin.openapi.yml, org-admin.v2.73.0):
 * 2.26 has the simple filter `owner` and orders by owner, created_date; 2.73 adds the simple
 * filters `accepted` and `user_id` and orders by them too. (2.73 also lists `id` in filter_fields;
 * InvitationRead has no id, so it is not modelled.)
 */
export const INVITATION_LIST = (env: AuthedEnv): ListSpec<Row> => ({
  fields: {
    owner: { get: (r) => userById(env.s, r.inv.ownerId)?.username ?? null, kind: 'str' },
    user_id: { get: (r) => r.m.userId, kind: 'num' },
    accepted: { get: (r) => r.m.isActive, kind: 'bool' },
    created_date: { get: (r) => r.inv.createdDate, kind: 'date' },
  },
  filterFields: ['owner', 'user_id', 'accepted'],
  searchFields: ['owner'],
  ...(env.config.serverVersion === '2.26'
    ? { simpleFilters: ['owner'], orderingFields: ['owner', 'created_date'] }
    : { simpleFilters: ['owner', 'accepted', 'user_id'], orderingFields: ['owner', 'user_id', 'accepted', 'created_date'] }),
  ordering: '-created_date',
})

const rows = (env: AuthedEnv): Row[] => {
  const byId = new Map(env.s.memberships.map((m) => [m.id, m]))
  return env.s.invitations.flatMap((inv) => {
    const m = byId.get(inv.membershipId)
    return m ? [{ inv, m }] : []
  })
}

/** invitations.rego `filter` for the request's context. */
const visible = (env: AuthedEnv): ((r: Row) => boolean) => {
  const { s, user } = env
  const org = ctxOrg(env.ctx)
  const own = (r: Row) => r.inv.ownerId === user.id || r.m.userId === user.id
  if (!org) return (r) => isAdmin(user) || own(r)
  const seesAll = isAdmin(user) || (isStaff(user, orgAuth(s, user, org)) && hasPerm(user, 'user'))
  return (r) => r.m.orgId === org.id && (seesAll || own(r))
}

/** Renders one invitation as the configured server generation does. */
export const rendered = (env: AuthedEnv, r: Row, status = 200): Reply =>
  json(status, renderInvitation(env.s, env.origin, r.inv, r.m, { now: env.now, expiryDays: env.config.expiryDays, serverVersion: env.config.serverVersion }))

/** GET /api/invitations: inside an organisation, only its active members may list. */
export const list = (env: AuthedEnv): Reply => {
  const org = ctxOrg(env.ctx)
  if (org && !isAdmin(env.user) && !isMember(orgAuth(env.s, env.user, org))) return forbidden()
  const items = env.ctx.kind === 'personal' ? [] : rows(env).filter(visible(env))
  return listReply(env, items, INVITATION_LIST(env), (r) => renderInvitation(env.s, env.origin, r.inv, r.m, { now: env.now, expiryDays: env.config.expiryDays, serverVersion: env.config.serverVersion }))
}

/** Finds the invitation in the visible queryset (404), then checks `scope` in its organisation (403). */
export const target = (env: AuthedEnv, key: string, scope: 'view' | 'resend' | 'delete' | 'accept' | 'decline'): Or<Row> => {
  const r = rows(env).find((x) => x.inv.key === key && visible(env)(x))
  if (!r) return notFound()
  const org = env.s.organizations.find((o) => o.id === r.m.orgId)
  const ok = org !== undefined && invitationAllows(env.user, scope, r.inv, r.m.userId, orgAuth(env.s, env.user, org))
  return ok && tokenAllows(env.caller, 'other', scope, env.req.method) ? r : forbidden()
}

/** GET /api/invitations/{key} */
export const retrieve = (env: AuthedEnv, key: string): Reply => {
  const r = target(env, key, 'view')
  return isReply(r) ? r : rendered(env, r)
}

/** DELETE /api/invitations/{key}: the invitation goes; its membership stays as it was. */
export const destroy = (env: AuthedEnv, key: string): Reply => {
  const r = target(env, key, 'delete')
  if (isReply(r)) return r
  deleteInvitation(env.s, r.inv)
  return noContent
}

const emailFailure = (): Reply => json(500, 'Email backend is not configured.')

// InvitationWriteSerializer: role (a RoleEnum choice) and email (Django's EmailValidator).
const fieldProblems = (b: Record<string, unknown>): Record<string, string[]> => {
  const errors: Record<string, string[]> = {}
  const role = b['role']
  if (role === undefined) errors['role'] = ['This field is required.']
  else if (typeof role !== 'string' || !ROLES.includes(role)) errors['role'] = [`"${String(role)}" is not a valid choice.`]
  const email = b['email']
  if (email === undefined) errors['email'] = ['This field is required.']
  else if (email === null) errors['email'] = ['This field may not be null.']
  else if (typeof email !== 'string' || email.trim() === '') errors['email'] = ['This field may not be blank.']
  else if (!isEmail(email.trim())) errors['email'] = ['Enter a valid email address.']
  return errors
}

/** POST /api/invitations: permission (which reads `role` from the body) before validation. */
export const create = (env: AuthedEnv): Reply => {
  const { s, user, config } = env
  const b = bodyDict(env)
  if (isReply(b)) return b
  const org = ctxOrg(env.ctx)
  if (!org || !invitationCreateAllows(user, b['role'], orgAuth(s, user, org)) || !tokenAllows(env.caller, 'other', 'create', 'POST')) return forbidden()
  const errors = fieldProblems(b)
  if (Object.keys(errors).length > 0) return json(400, errors)
  const role = b['role'] as RoleEnum
  const email = (b['email'] as string).trim()
  const existing = s.users.find((u) => u.email.toLowerCase() === email.toLowerCase())
  // serializers.py: Membership get_or_create — any membership, pending or not, is "already".
  if (existing && s.memberships.some((m) => m.userId === existing.id && m.orgId === org.id))
    return json(400, ['The user is a member of the organization already.'])
  const invitee = existing ?? placeholderUser(s, email, env.now)
  const addAtOnce = !config.confirmInvitations && !invitee.isPlaceholder
  const m = addMembership(s, { userId: invitee.id, orgId: org.id, role, isActive: false })
  const inv: EmulatedInvitation = { key: randomString(config.random), membershipId: m.id, ownerId: user.id, createdDate: env.now, sentDate: null }
  s.invitations.push(inv)
  if (addAtOnce) acceptMembership(m, env.now)
  else {
    // The rows are saved before the e-mail is attempted, as in CVAT.
    if (!config.emailBackend) return emailFailure()
    inv.sentDate = env.now
  }
  return rendered(env, { inv, m }, 201)
}
