/**
 * /api/memberships — MembershipViewSet (cvat/apps/organizations/views.py): only the list is
 * narrowed by memberships.rego `filter`; a detail request finds any membership (404 only for an
 * unknown id) and memberships.rego `allow`, run in the membership's own organisation, decides.
 */
import type { RoleEnum } from '../../generated/models/RoleEnum'
import { ctxOrg } from '../context'
import type { AuthedEnv } from '../env'
import { type Or, type Reply, detail, forbidden, isReply, json, noContent, notFound } from '../http'
import { type ListSpec, listReply } from '../list'
import { type EmulatedMembership, userById } from '../model'
import { isAdmin, isMember, isStaff, membershipAllows, orgAuth, tokenAllows } from '../perms'
import { renderMembership } from '../render'
import { deleteMemberships } from '../store'
import { bodyDict, pathId } from './common'

const ROLES: ReadonlyArray<string> = ['worker', 'supervisor', 'maintainer', 'owner']

/** MembershipViewSet: filters user/role + id, ordering `-id`; search user and role on 2.26, user only on 2.73 (each generation's schema). */
export const MEMBERSHIP_LIST = (env: AuthedEnv): ListSpec<EmulatedMembership> => ({
  fields: {
    id: { get: (m) => m.id, kind: 'num' },
    user: { get: (m) => userById(env.s, m.userId)?.username ?? null, kind: 'str' },
    role: { get: (m) => m.role, kind: 'str' },
  },
  searchFields: env.config.serverVersion === '2.26' ? ['user', 'role'] : ['user'],
  simpleFilters: ['user', 'role'],
  orderingFields: ['user', 'role', 'id'],
  ordering: '-id',
})

/** GET /api/memberships: in an organisation only members may list; staff also see pending ones. */
export const list = (env: AuthedEnv): Reply => {
  const { s, user, ctx } = env
  const org = ctxOrg(ctx)
  const auth = org && orgAuth(s, user, org)
  if (org && !isAdmin(user) && !isMember(auth)) return forbidden()
  const visible = (m: EmulatedMembership): boolean => {
    if (!org) return isAdmin(user) || (m.userId === user.id && m.isActive)
    return m.orgId === org.id && (isAdmin(user) || isStaff(user, auth) || m.isActive)
  }
  // iam/filters.py OrganizationFilterBackend: `org=` (present, empty) narrows to no organisation.
  const rows = ctx.kind === 'personal' ? [] : s.memberships.filter(visible)
  return listReply(env, rows, MEMBERSHIP_LIST(env), (m) => renderMembership(s, env.origin, m))
}

const found = (env: AuthedEnv, raw: string): Or<EmulatedMembership> => {
  const id = pathId(raw)
  return env.s.memberships.find((m) => m.id === id) ?? notFound('Membership')
}

const check = (env: AuthedEnv, m: EmulatedMembership, scope: 'view' | 'change:role' | 'delete'): boolean => {
  const org = env.s.organizations.find((o) => o.id === m.orgId)
  return org !== undefined && membershipAllows(env.user, scope, m, orgAuth(env.s, env.user, org)) && tokenAllows(env.caller, 'other', scope, env.req.method)
}

/** GET /api/memberships/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const m = found(env, raw)
  if (isReply(m)) return m
  return check(env, m, 'view') ? json(200, renderMembership(env.s, env.origin, m)) : forbidden()
}

/** PATCH /api/memberships/{id}: scopes `view` plus `change:role` per body key; other keys are a 403 (iam/permissions.py). */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const m = found(env, raw)
  if (isReply(m)) return m
  const b = bodyDict(env)
  if (isReply(b)) return b
  if (Object.keys(b).some((k) => k !== 'role')) return detail(403, 'Attempted to update an unknown field')
  if (!check(env, m, 'view') || ('role' in b && !check(env, m, 'change:role'))) return forbidden()
  const role = b['role']
  if (role !== undefined) {
    if (typeof role !== 'string' || !ROLES.includes(role)) return json(400, { role: [`"${String(role)}" is not a valid choice.`] })
    m.role = role as RoleEnum
  }
  return json(200, renderMembership(env.s, env.origin, m))
}

/** DELETE /api/memberships/{id}: removes a member (or leaves); the invitation goes with it. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const m = found(env, raw)
  if (isReply(m)) return m
  if (!check(env, m, 'delete')) return forbidden()
  deleteMemberships(env.s, (x) => x === m)
  return noContent
}
