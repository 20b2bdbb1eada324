/**
 * /api/users — UserViewSet (cvat/apps/engine/views.py): only the list is narrowed by users.rego
 * `filter`; a detail request finds any user (404 only for an unknown id) and users.rego `allow`
 * decides. Staff callers and the user themself (on safe methods) get the full User.
 */
import { ctxOrg } from '../context'
import type { AuthedEnv } from '../env'
import { type Or, type Reply, forbidden, isReply, json, noContent, notFound } from '../http'
import { type ListSpec, listReply } from '../list'
import type { EmulatedUser, Group } from '../model'
import { isAdmin, isMember, orgAuth, tokenAllows, userAllows } from '../perms'
import { basicUser, fullUser } from '../render'
import { forgetUser } from '../engine/store'
import { deleteUser, patch } from '../store'
import { bodyDict, charField, fieldErrors, isEmail, pathId } from './common'

/** UserViewSet: search username/first/last name, `is_active` filter, ordering `-id`. */
export const USER_LIST: ListSpec<EmulatedUser> = {
  fields: {
    id: { get: (u) => u.id, kind: 'num' },
    username: { get: (u) => u.username, kind: 'str' },
    first_name: { get: (u) => u.firstName, kind: 'str' },
    last_name: { get: (u) => u.lastName, kind: 'str' },
    is_active: { get: (u) => u.isActive, kind: 'bool' },
  },
  searchFields: ['username', 'first_name', 'last_name'],
  simpleFilters: ['username', 'first_name', 'last_name', 'is_active'],
  orderingFields: ['username', 'first_name', 'last_name', 'id', 'is_active'],
  ordering: '-id',
}

const BASIC_FIELDS = ['url', 'id', 'username', 'first_name', 'last_name']
const STAFF_FIELDS = [...BASIC_FIELDS, 'email', 'groups', 'is_staff', 'is_superuser', 'is_active', 'last_login', 'date_joined']
const GROUPS: ReadonlyArray<string> = ['admin', 'user', 'worker']

/**
 * GET /api/users: yourself without a context (admin: all); in an organisation, its members (pending
 * too); with a context given but empty (`?org=`), only those of them with no membership at all
 * (iam/filters.py OrganizationFilterBackend on 2.26, utils.rego add_organization_filter on 2.73:
 * `memberships__organization` is null).
 */
export const list = (env: AuthedEnv): Reply => {
  const { s, user } = env
  const org = ctxOrg(env.ctx)
  if (org && !isAdmin(user) && !isMember(orgAuth(s, user, org))) return forbidden()
  const inOrg = org && new Set(s.memberships.filter((m) => m.orgId === org.id).map((m) => m.userId))
  const outsideEvery = (u: EmulatedUser) => env.ctx.kind !== 'personal' || !s.memberships.some((m) => m.userId === u.id)
  const rows = s.users.filter((u) => (inOrg ? inOrg.has(u.id) : (isAdmin(user) || u.id === user.id) && outsideEvery(u)))
  return listReply(env, rows, USER_LIST, (u) => (user.isStaff ? fullUser(env.origin, u) : basicUser(env.origin, u)))
}

const found = (env: AuthedEnv, raw: string): Or<EmulatedUser> => {
  const id = pathId(raw)
  return env.s.users.find((u) => u.id === id) ?? notFound('User')
}

const allowed = (env: AuthedEnv, scope: 'view' | 'update' | 'delete', target: EmulatedUser): boolean => {
  const org = ctxOrg(env.ctx)
  return userAllows(env.user, scope, target, org && orgAuth(env.s, env.user, org)) && tokenAllows(env.caller, 'users', scope, env.req.method)
}

/** GET /api/users/self */
export const self = (env: AuthedEnv): Reply => json(200, fullUser(env.origin, env.user))

/** GET /api/users/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const u = found(env, raw)
  if (isReply(u)) return u
  if (!allowed(env, 'view', u)) return forbidden()
  return json(200, env.user.isStaff || u.id === env.user.id ? fullUser(env.origin, u) : basicUser(env.origin, u))
}

const USERNAME = /^[\w.@+-]+$/u

// BasicUserSerializer.validate (non-staff) or UserSerializer (staff), then the model's validators.
const validate = (env: AuthedEnv, target: EmulatedUser, b: Record<string, unknown>): Or<Record<string, unknown>> => {
  const known = env.user.isStaff ? STAFF_FIELDS : BASIC_FIELDS
  const unknown = Object.keys(b).filter((k) => !known.includes(k))
  if (unknown.length > 0) {
    const set = `{${unknown.map((k) => `'${k}'`).join(', ')}}`
    const sensitive = unknown.some((k) => ['is_staff', 'is_superuser', 'groups'].includes(k))
    return json(400, { non_field_errors: [sensitive ? `You do not have permissions to access some of these fields: ${set}` : `Got unknown fields: ${set}`] })
  }
  const errors: Record<string, string[]> = {}
  const username = charField(b, 'username', errors, { maxLength: 150 })
  if (username !== undefined && errors['username'] === undefined) {
    if (!USERNAME.test(username)) errors['username'] = ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.']
    else if (env.s.users.some((u) => u.username === username && u !== target)) errors['username'] = ['A user with that username already exists.']
  }
  charField(b, 'first_name', errors, { maxLength: 150, allowBlank: true })
  charField(b, 'last_name', errors, { maxLength: 150, allowBlank: true })
  const email = charField(b, 'email', errors, { allowBlank: true })
  if (email && errors['email'] === undefined && !isEmail(email)) errors['email'] = ['Enter a valid email address.']
  for (const flag of ['is_staff', 'is_superuser', 'is_active'])
    if (flag in b && typeof b[flag] !== 'boolean') errors[flag] = ['Must be a valid boolean.']
  const groups = b['groups']
  if (groups !== undefined) {
    const bad = Array.isArray(groups) ? groups.find((g) => typeof g !== 'string' || !GROUPS.includes(g)) : groups
    if (!Array.isArray(groups)) errors['groups'] = [`Expected a list of items but got type "${typeof groups}".`]
    else if (bad !== undefined) errors['groups'] = [`Object with name=${String(bad)} does not exist.`]
  }
  const problem = fieldErrors(errors)
  return isReply(problem) ? problem : b
}

/** PATCH /api/users/{id}: yourself or an admin; non-staff may set only names and get BasicUser back. */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const u = found(env, raw)
  if (isReply(u)) return u
  if (!allowed(env, 'update', u)) return forbidden()
  const b = bodyDict(env)
  if (isReply(b)) return b
  const v = validate(env, u, b)
  if (isReply(v)) return v
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : undefined)
  const flag = (k: string) => (typeof v[k] === 'boolean' ? (v[k] as boolean) : undefined)
  patch(u, {
    username: str('username'),
    firstName: str('first_name'),
    lastName: str('last_name'),
    email: str('email'),
    isStaff: flag('is_staff'),
    isSuperuser: flag('is_superuser'),
    isActive: flag('is_active'),
    groups: Array.isArray(v['groups']) ? (v['groups'] as Group[]) : undefined,
  })
  return json(200, env.user.isStaff ? fullUser(env.origin, u) : basicUser(env.origin, u))
}

/** DELETE /api/users/{id}: yourself or an admin; memberships go, owned things keep existing. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const u = found(env, raw)
  if (isReply(u)) return u
  if (!allowed(env, 'delete', u)) return forbidden()
  deleteUser(env.s, u)
  forgetUser(env.s.engine, u.id)
  return noContent
}
