/**
 * What the engine's views share: the renderer's view of a request, the per-field PATCH scopes
 * (iam/permissions.py get_per_field_update_scopes), the user checks CVAT adds when a body names
 * an owner or assignee (UserPermission.create_scope_view: users.rego `view`), and the Storage
 * fields of projects and tasks.
 */
import type { AuthedEnv } from '../../env'
import { type Or, detail, forbidden, json } from '../../http'
import { hasPerm, isAdmin, tokenAllows } from '../../perms'
import { type Read, choice, failWith, int, nested } from '../fields'
import type { EmulatedStorage, EngineState } from '../model'
import { nextId } from '../model'
import { type Auth, orgHas } from '../perms'
import type { View } from '../render'

/** The renderer's view of a request. */
export const viewOf = (env: AuthedEnv): View => ({ s: env.s, origin: env.origin, version: env.config.serverVersion, user: env.user })

/** The 2.73 read-only access-token rule on top of a rego decision (access_tokens/permissions.py). */
export const allowedBy = (env: AuthedEnv, decision: boolean): boolean => decision && tokenAllows(env.caller, 'other', '', env.req.method)

/** Maps PATCH body keys to scopes; `view` first; an unmapped key is CVAT's 403. */
export const patchScopes = <S extends string>(body: Record<string, unknown>, map: Readonly<Record<string, S>>): Or<ReadonlyArray<S | 'view'>> => {
  const scopes: Array<S | 'view'> = ['view']
  for (const k of Object.keys(body)) {
    const s = map[k]
    if (s === undefined) return detail(403, 'Attempted to update an unknown field')
    if (!scopes.includes(s)) scopes.push(s)
  }
  return scopes
}

/** users.rego `view` for an owner or assignee a body names: yourself, an admin, or any active member of the checked organisation. */
export const mayNameUser = (a: Auth, userId: unknown): boolean =>
  isAdmin(a.user) || (typeof userId === 'number' && userId === a.user.id) || String(userId) === String(a.user.id) || a.role !== undefined

/** The 403 for a refused check. */
export const refuse = forbidden

/** Reads a user id field (IntegerField, nullable); an unknown user is a 400 (CVAT fails on the foreign key). */
export const userIdField = (s: { readonly users: ReadonlyArray<{ readonly id: number }> }) => (v: unknown): Read<number> => {
  const r = int(v)
  if (!r.ok) return r
  return s.users.some((u) => u.id === r.value) ? r : failWith([`Invalid pk "${r.value}" - object does not exist.`])
}

/** A StorageSerializer body: location and cloud_storage_id. */
export interface StorageSpec {
  readonly location?: 'local' | 'cloud_storage'
  readonly cloudStorageId?: number | null
}

/** StorageSerializer (location choice, cloud_storage_id). */
export const storageField: (v: unknown) => Read<StorageSpec> = nested((c) => {
  const location = c.field('location', (x) => choice(x, ['cloud_storage', 'local'] as const))
  const cloudStorageId = c.field('cloud_storage_id', (x) => int(x), { allowNull: true })
  c.field('id', (x) => int(x))
  return { ...(location != null ? { location } : {}), ...(cloudStorageId !== undefined ? { cloudStorageId } : {}) }
})

/**
 * The cloud storages a body or query names (permissions.py: `source_storage.cloud_storage_id`,
 * `target_storage.cloud_storage_id`, `cloud_storage_id`), each checked with cloudstorages.rego
 * `view` in the checked organisation: an unknown one is CVAT's 400, a foreign one 403.
 */
export const cloudStorageChecks = (e: EngineState, a: Auth, ids: ReadonlyArray<unknown>): Or<undefined> => {
  for (const raw of ids) {
    if (!raw) continue
    const cs = e.cloudStorages.find((c) => String(c.id) === String(raw))
    if (!cs) return json(400, ['CloudStorage matching query does not exist.'])
    const owner = cs.ownerId === a.user.id
    const inOrg = a.org !== null && a.org.id === cs.organizationId
    if (!(isAdmin(a.user) || (a.org === null && owner) || (inOrg && a.role !== undefined && owner) || (inOrg && hasPerm(a.user, 'user') && orgHas(a, 'supervisor')))) return forbidden()
  }
  return undefined
}

/** The cloud storage ids a project or task body names. */
export const namedCloudStorages = (b: Record<string, unknown>): unknown[] =>
  ['source_storage', 'target_storage'].map((k) => (typeof b[k] === 'object' && b[k] !== null ? (b[k] as Record<string, unknown>)['cloud_storage_id'] : undefined))

const exists = (e: EngineState, id: number): boolean => e.cloudStorages.some((c) => c.id === id)
const missing = (id: number) => json(400, [`The specified cloud storage ${id} does not exist.`])

/** serializers.py _configure_related_storages: a Storage row per given configuration. */
export const makeStorage = (e: EngineState, spec: StorageSpec | null | undefined): Or<EmulatedStorage | null> => {
  if (!spec) return null
  if (spec.cloudStorageId && !exists(e, spec.cloudStorageId)) return missing(spec.cloudStorageId)
  return { id: nextId(e, 'storage'), location: spec.location ?? 'local', cloudStorageId: spec.cloudStorageId ?? null }
}

/** serializers.py _update_related_storages: a partial configuration changes (or creates) the Storage row. */
export const updateStorage = (e: EngineState, current: EmulatedStorage | null, spec: StorageSpec | null | undefined, kind: 'source_storage' | 'target_storage'): Or<EmulatedStorage | null> => {
  if (!spec) return current
  const id = spec.cloudStorageId
  if (id) {
    if (spec.location && spec.location !== 'cloud_storage') return json(400, [`It is not allowed to specify '${spec.location}' location together with cloud storage id`])
    if (!spec.location && current?.location !== 'cloud_storage') return json(400, [`The configuration of ${kind} is not full`])
    if (!exists(e, id)) return missing(id)
  } else {
    if (spec.location === 'cloud_storage') return json(400, ['Cloud storage was selected as location but its id was not specified'])
    if (!spec.location && current?.location === 'cloud_storage' && 'cloudStorageId' in spec) return json(400, ['It is not allowed to reset a cloud storage id without explicitly resetting a location'])
  }
  const st = current ?? { id: nextId(e, 'storage'), location: 'local' as const, cloudStorageId: null }
  st.location = spec.location ?? st.location
  st.cloudStorageId = id ?? null
  return st
}
