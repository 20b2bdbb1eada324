/**
 * /api/organizations — OrganizationViewSet (cvat/apps/organizations/views.py): every action,
 * detail ones included, works on the queryset narrowed by organizations.rego `filter`, so an
 * organisation the caller cannot see is a 404; then the rego `allow` decides (403).
 */
import type { AuthedEnv } from '../env'
import { type Or, type Reply, forbidden, isReply, json, noContent, notFound } from '../http'
import type { ListSpec } from '../list'
import { listReply } from '../list'
import { type EmulatedOrganization, userById } from '../model'
import { type OrgAuth, orgAllows, orgAuth, orgVisible, tokenAllows } from '../perms'
import { renderOrg } from '../render'
import { forgetOrganization } from '../engine/store'
import { addOrganization, deleteOrganization, patch } from '../store'
import { bodyDict, charField, fieldErrors, pathId } from './common'

/** OrganizationViewSet: search name/owner/slug, filters + id, ordering `-id`. */
export const ORG_LIST = (env: AuthedEnv): ListSpec<EmulatedOrganization> => ({
  fields: {
    id: { get: (o) => o.id, kind: 'num' },
    name: { get: (o) => o.name, kind: 'str' },
    slug: { get: (o) => o.slug, kind: 'str' },
    owner: { get: (o) => userById(env.s, o.ownerId)?.username ?? null, kind: 'str' },
  },
  searchFields: ['name', 'owner', 'slug'],
  simpleFilters: ['name', 'owner', 'slug'],
  orderingFields: ['name', 'owner', 'id', 'slug'],
  ordering: '-id',
})

const SLUG = /^[-a-zA-Z0-9_]+$/

// organizations.rego, then (2.73) the read-only access-token rule.
const allows = (env: AuthedEnv, scope: 'create' | 'view' | 'update' | 'delete', a: OrgAuth | undefined): boolean =>
  orgAllows(env.user, scope, a) && tokenAllows(env.caller, 'other', scope, env.req.method)

const visibleOrg = (env: AuthedEnv, raw: string): Or<EmulatedOrganization> => {
  const id = pathId(raw)
  const org = id === undefined ? undefined : env.s.organizations.find((o) => o.id === id && orgVisible(env.s, env.user)(o))
  return org ?? notFound('Organization')
}

// OrganizationWriteSerializer: slug (≤16, validate_slug, unique), name (≤64), description, contact.
const validate = (env: AuthedEnv, b: Record<string, unknown>, partial: boolean, self?: EmulatedOrganization) => {
  const errors: Record<string, string[]> = {}
  const slug = charField(b, 'slug', errors, { required: !partial, maxLength: 16 })
  // DRF's SlugField message (straight quotes): ModelSerializer drops Django's validate_slug
  // (rest_framework/utils/field_mapping.py get_field_kwargs). Field.run_validators collects every
  // validator's message, so a slug too long and invalid gets both, the length one first.
  const invalid = 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'
  const raw = typeof b['slug'] === 'string' ? b['slug'].trim() : ''
  if (raw.length > 16 && !SLUG.test(raw)) errors['slug'] = [...(errors['slug'] ?? []), invalid]
  if (slug !== undefined && errors['slug'] === undefined) {
    if (!SLUG.test(slug)) errors['slug'] = [invalid]
    else if (env.s.organizations.some((o) => o.slug === slug && o !== self)) errors['slug'] = ['organization with this slug already exists.']
  }
  const name = charField(b, 'name', errors, { maxLength: 64, allowBlank: true })
  const description = charField(b, 'description', errors, { allowBlank: true })
  const problem = fieldErrors(errors)
  return isReply(problem) ? problem : { slug, name, description, contact: b['contact'] }
}

/** GET /api/organizations */
export const list = (env: AuthedEnv): Reply =>
  listReply(env, env.s.organizations.filter(orgVisible(env.s, env.user)), ORG_LIST(env), (o) => renderOrg(env.s, env.origin, o))

/** POST /api/organizations: permission (privilege ≥ user) before validation; the creator owns it. */
export const create = (env: AuthedEnv): Reply => {
  if (!allows(env, 'create', undefined)) return forbidden()
  const b = bodyDict(env)
  if (isReply(b)) return b
  const v = validate(env, b, false)
  if (isReply(v)) return v
  const slug = v.slug ?? ''
  // views.py perform_create: an empty name becomes the slug.
  const org = addOrganization(env.s, { slug, name: v.name || slug, description: v.description ?? '', contact: v.contact ?? {}, ownerId: env.user.id }, env.now)
  return json(201, renderOrg(env.s, env.origin, org))
}

/** GET /api/organizations/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const org = visibleOrg(env, raw)
  if (isReply(org)) return org
  return allows(env, 'view', orgAuth(env.s, env.user, org)) ? json(200, renderOrg(env.s, env.origin, org)) : forbidden()
}

/** PATCH /api/organizations/{id}: admin, the owner, or a maintainer (privilege ≥ worker). */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const org = visibleOrg(env, raw)
  if (isReply(org)) return org
  if (!allows(env, 'update', orgAuth(env.s, env.user, org))) return forbidden()
  const b = bodyDict(env)
  if (isReply(b)) return b
  const v = validate(env, b, true, org)
  if (isReply(v)) return v
  patch(org, { slug: v.slug, name: v.name, description: v.description, contact: v.contact, updatedDate: env.now })
  return json(200, renderOrg(env.s, env.origin, org))
}

/** DELETE /api/organizations/{id}: admin or the owner; memberships and invitations go with it. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const org = visibleOrg(env, raw)
  if (isReply(org)) return org
  if (!allows(env, 'delete', orgAuth(env.s, env.user, org))) return forbidden()
  deleteOrganization(env.s, org)
  forgetOrganization(env.s.engine, org.id)
  return noContent
}
