/**
 * /api/auth/access_tokens (2.73) — AccessTokensViewSet (cvat/apps/access_tokens/views.py): the
 * list shows the caller's usable tokens; detail requests find any usable token and
 * access_tokens.rego decides (the owner, or an admin); DELETE revokes. A request made with an
 * access token may only list and view tokens (access_token_plugin.access_tokens.rego).
 */
import type { AuthedEnv, Env } from '../env'
import { notAuthenticated } from '../authn'
import { type Or, type Reply, forbidden, invalid, isReply, json, noContent, notFound } from '../http'
import { parseIsoDateTime } from '../isoDate'
import { type ListSpec, listReply } from '../list'
import type { EmulatedAccessToken } from '../model'
import { hasPerm, isAdmin, tokenAllows } from '../perms'
import { renderAccessToken } from '../render'
import { accessTokenUsable, patch, randomString } from '../store'
import { bodyDict, charField, fieldErrors, pathId } from './common'

/** AccessTokensViewSet: search `name`, filters on every date, `read_only`, ordering `-id` (`read_only`'s simple filter: below). */
export const TOKEN_LIST: ListSpec<EmulatedAccessToken> = {
  fields: {
    id: { get: (t) => t.id, kind: 'num' },
    name: { get: (t) => t.name, kind: 'str' },
    read_only: { get: (t) => t.readOnly, kind: 'bool' },
    created_date: { get: (t) => t.createdDate, kind: 'date' },
    updated_date: { get: (t) => t.updatedDate, kind: 'date' },
    expiry_date: { get: (t) => t.expiryDate, kind: 'date' },
    last_used_date: { get: (t) => t.lastUsedDate, kind: 'date' },
  },
  searchFields: ['name'],
  simpleFilters: ['name'],
  orderingFields: ['name', 'id', 'created_date', 'updated_date', 'expiry_date', 'last_used_date', 'read_only'],
  ordering: '-id',
}

// models.py get_usable_keys: not revoked, not expired, not stale; every query of the viewset starts there.
const usable = (env: Env) => (t: EmulatedAccessToken) => accessTokenUsable(t, env.now)

// views.py simple_filters = (name, read_only), applied by django-filter (engine/filters.py
// SimpleFilter on django_filters' BaseFilterSet): read_only is a BooleanFilter whose
// NullBooleanSelect widget reads true/True/2 and false/False/3; anything else does not filter.
const NULL_BOOLEAN_SELECT = /*#__PURE__*/ new Map<string, boolean>([['true', true], ['True', true], ['2', true], ['false', false], ['False', false], ['3', false]])
const readOnlyFilter = (env: Env) => {
  const raw = env.url.searchParams.get('read_only')
  const value = raw === null ? undefined : NULL_BOOLEAN_SELECT.get(raw)
  return (t: EmulatedAccessToken) => value === undefined || t.readOnly === value
}

// access_tokens.rego: admin; list/create with privilege ≥ worker; view/update/delete by the owner.
const allows = (env: AuthedEnv, scope: 'list' | 'create' | 'view' | 'update' | 'delete', t?: EmulatedAccessToken): boolean =>
  (isAdmin(env.user) || (hasPerm(env.user, 'worker') && (t === undefined || t.ownerId === env.user.id))) && tokenAllows(env.caller, 'access_tokens', scope, env.req.method)

/** GET /api/auth/access_tokens */
export const list = (env: AuthedEnv): Reply =>
  allows(env, 'list')
    ? listReply(env, env.s.accessTokens.filter((t) => usable(env)(t) && t.ownerId === env.user.id && readOnlyFilter(env)(t)), TOKEN_LIST, (t) => renderAccessToken(env.s, env.origin, t))
    : forbidden()

// rest_framework/fields.py BooleanField: these (strings in any case) and nothing else; `null`
// only where allow_null, which read_only does not have (models.py BooleanField(default=True)).
const TRUE_VALUES: ReadonlyArray<unknown> = ['t', 'y', 'yes', 'true', 'on', '1', 1, true]
const FALSE_VALUES: ReadonlyArray<unknown> = ['f', 'n', 'no', 'false', 'off', '0', 0, false]
const booleanField = (v: unknown): boolean | string => {
  const key = typeof v === 'string' ? v.toLowerCase() : v
  return TRUE_VALUES.includes(key) ? true : FALSE_VALUES.includes(key) ? false : v === null ? 'This field may not be null.' : 'Must be a valid boolean.'
}

const validate = (b: Record<string, unknown>, partial: boolean) => {
  const errors: Record<string, string[]> = {}
  const name = charField(b, 'name', errors, { required: !partial, maxLength: 50 })
  // A DateTimeField with allow_null and DRF's ISO_8601 input format only. A date in the past is
  // accepted; the token is simply never usable (models.py get_usable_keys).
  const expiry = b['expiry_date']
  const expiryDate = expiry === undefined || expiry === null ? expiry : (parseIsoDateTime(expiry) ?? Number.NaN)
  if (Number.isNaN(expiryDate)) errors['expiry_date'] = ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].']
  const readOnly = b['read_only'] === undefined ? undefined : booleanField(b['read_only'])
  if (typeof readOnly === 'string') errors['read_only'] = [readOnly]
  const problem = fieldErrors(errors)
  return isReply(problem) ? problem : { name, expiryDate: expiryDate as number | null | undefined, readOnly: readOnly as boolean | undefined }
}

/** POST /api/auth/access_tokens: the raw value is in this answer only. */
export const create = (env: AuthedEnv): Reply => {
  if (!allows(env, 'create')) return forbidden()
  const b = bodyDict(env)
  if (isReply(b)) return b
  const v = validate(b, false)
  if (isReply(v)) return v
  // AccessTokenWriteSerializer.create counts the caller's usable tokens after validation.
  const held = env.s.accessTokens.filter((t) => t.ownerId === env.user.id && usable(env)(t)).length
  if (env.config.maxAccessTokens >= 0 && held >= env.config.maxAccessTokens) return invalid('You have reached the maximum allowed number of Personal Access Tokens for a user')
  const id = ++env.s.ids.accessToken
  const t: EmulatedAccessToken = { id, ownerId: env.user.id, value: `${randomString(env.config.random, 8)}.${randomString(env.config.random, 32)}`, name: v.name ?? '', readOnly: v.readOnly ?? true, expiryDate: v.expiryDate ?? null, createdDate: env.now, updatedDate: env.now, lastUsedDate: null, revoked: false }
  env.s.accessTokens.push(t)
  return json(201, renderAccessToken(env.s, env.origin, t, true))
}

const found = (env: AuthedEnv, raw: string, scope: 'view' | 'update' | 'delete'): Or<EmulatedAccessToken> => {
  const id = pathId(raw)
  const t = env.s.accessTokens.find((x) => x.id === id && usable(env)(x))
  if (!t) return notFound('AccessToken')
  return allows(env, scope, t) ? t : forbidden()
}

/** GET /api/auth/access_tokens/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const t = found(env, raw, 'view')
  return isReply(t) ? t : json(200, renderAccessToken(env.s, env.origin, t))
}

/** PATCH /api/auth/access_tokens/{id} */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const t = found(env, raw, 'update')
  if (isReply(t)) return t
  const b = bodyDict(env)
  if (isReply(b)) return b
  const v = validate(b, true)
  if (isReply(v)) return v
  patch(t, { name: v.name, expiryDate: v.expiryDate, readOnly: v.readOnly, updatedDate: env.now })
  return json(200, renderAccessToken(env.s, env.origin, t))
}

/** DELETE /api/auth/access_tokens/{id}: revokes. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const t = found(env, raw, 'delete')
  if (isReply(t)) return t
  t.revoked = true
  t.updatedDate = env.now
  return noContent
}

/** GET /api/auth/access_tokens/self: only a Bearer request gets past its single authenticator (routes.ts). */
export const self = (env: Env): Reply => {
  const t = env.caller?.accessToken
  if (!t) return notAuthenticated(['bearer'])
  return json(200, renderAccessToken(env.s, env.origin, t))
}
