/**
 * /api/projects — ProjectViewSet (cvat/apps/engine/views.py lines 342–390): only the list is
 * narrowed by projects.rego `filter`; a detail request finds any project (404 only for an unknown
 * id) and projects.rego `allow` decides, checked in the project's own organisation. Writes go
 * through ProjectWriteSerializer (serializers.py lines 2520–2600) and render as ProjectRead.
 */
import type { AuthedEnv } from '../../env'
import { type Or, type Reply, forbidden, isReply, json, noContent, notFound } from '../../http'
import { type ListSpec, listReply } from '../../list'
import { userById } from '../../model'
import { pathId } from '../../views/common'
import { collector, list as listOf, str } from '../fields'
import { createLabels, labelSpec, updateLabels } from '../labels'
import type { EmulatedProject } from '../model'
import { nextId } from '../model'
import { type ProjectScope, authAt, authIn, listFilter, projectAllows } from '../perms'
import { renderProject } from '../render'
import { involves, projectResource } from '../resources'
import { deleteProject, dropAnnotationsOfLabels } from '../store'
import { allowedBy, cloudStorageChecks, makeStorage, mayNameUser, namedCloudStorages, patchScopes, storageField, updateStorage, userIdField, viewOf } from './shared'
import { bodyDict } from '../../views/common'

/** ProjectViewSet: search name/owner/assignee/status, filters + id/updated_date, ordering `-id`. */
export const PROJECT_LIST = (env: AuthedEnv): ListSpec<EmulatedProject> => ({
  fields: {
    name: { get: (p) => p.name, kind: 'str' },
    owner: { get: (p) => userById(env.s, p.ownerId)?.username ?? null, kind: 'str' },
    assignee: { get: (p) => userById(env.s, p.assigneeId)?.username ?? null, kind: 'str' },
    status: { get: (p) => p.status, kind: 'str' },
    id: { get: (p) => p.id, kind: 'num' },
    updated_date: { get: (p) => p.updatedDate, kind: 'date' },
  },
  searchFields: ['name', 'owner', 'assignee', 'status'],
  simpleFilters: ['name', 'owner', 'assignee', 'status'],
  orderingFields: ['name', 'owner', 'assignee', 'status', 'id', 'updated_date'],
  ordering: '-id',
})

const allows = (env: AuthedEnv, scope: ProjectScope, p: EmulatedProject): boolean =>
  allowedBy(env, projectAllows(scope, authAt(env.s, env.user, p.organizationId), projectResource(p), env.config.serverVersion))

/** The project of a path id, or Django's 404 (the detail queryset is not filtered). */
export const findProject = (env: AuthedEnv, raw: string): Or<EmulatedProject> => {
  const id = pathId(raw)
  return env.s.engine.projects.find((p) => p.id === id) ?? notFound('Project')
}

/** GET /api/projects */
export const list = (env: AuthedEnv): Reply => {
  const keep = listFilter(authIn(env.s, env.user, env.ctx), env.ctx)
  if (!keep) return forbidden()
  const rows = env.s.engine.projects.filter((p) => keep({ orgId: p.organizationId, mine: involves(env.user.id, p) }))
  const v = viewOf(env)
  return listReply(env, rows, PROJECT_LIST(env), (p) => renderProject(v, p))
}

// ProjectWriteSerializer fields.
const validate = (env: AuthedEnv, b: Record<string, unknown>, partial: boolean) => {
  const c = collector(b)
  const name = c.field('name', (v) => str(v, { maxLength: 256 }), { required: !partial })
  const bugTracker = c.field('bug_tracker', (v) => str(v, { maxLength: 2000, allowBlank: true }))
  const labels = c.field('labels', (v) => listOf(v, labelSpec({ version: env.config.serverVersion }), { nested: true })) ?? []
  const ownerId = c.field('owner_id', userIdField(env.s), { allowNull: true })
  const assigneeId = c.field('assignee_id', userIdField(env.s), { allowNull: true })
  const sourceStorage = c.field('source_storage', storageField)
  const targetStorage = c.field('target_storage', storageField)
  return c.failed() ? json(400, c.errors) : { name, bugTracker, labels, ownerId, assigneeId, sourceStorage, targetStorage, hasLabels: 'labels' in b }
}

/** POST /api/projects: privilege ≥ user, and supervisor or more in an organisation; owner is the caller, organisation the context. */
export const create = (env: AuthedEnv): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const a = authIn(env.s, env.user, env.ctx)
  const assignee = b['assignee_id'] ?? b['assignee']
  const orgId = a.org?.id ?? null
  if (!allowedBy(env, projectAllows('create', a, { ownerId: env.user.id, assigneeId: null, orgId }, env.config.serverVersion))) return forbidden()
  for (const named of [b['owner_id'] ?? b['owner'], assignee]) if (named && !mayNameUser(a, named)) return forbidden()
  const clouds = cloudStorageChecks(env.s.engine, a, namedCloudStorages(b))
  if (clouds) return clouds
  const v = validate(env, b, false)
  if (isReply(v)) return v
  const e = env.s.engine
  const source = makeStorage(e, v.sourceStorage)
  const target = makeStorage(e, v.targetStorage)
  if (isReply(source)) return source
  if (isReply(target)) return target
  const p: EmulatedProject = {
    id: nextId(e, 'project'),
    name: v.name ?? '',
    ownerId: env.user.id,
    assigneeId: v.assigneeId ?? null,
    assigneeUpdatedDate: v.assigneeId ? env.now : null,
    bugTracker: v.bugTracker ?? '',
    status: 'annotation',
    organizationId: orgId,
    sourceStorage: source,
    targetStorage: target,
    createdDate: env.now,
    updatedDate: env.now,
    guideId: null,
  }
  const snapshot = e.labels.length
  const bad = createLabels(e, { projectId: p.id }, v.labels)
  if (bad) {
    e.labels.splice(snapshot)
    return bad
  }
  e.projects.push(p)
  return json(201, renderProject(viewOf(env), p))
}

/** GET /api/projects/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const p = findProject(env, raw)
  if (isReply(p)) return p
  return allows(env, 'view', p) ? json(200, renderProject(viewOf(env), p)) : forbidden()
}

const SCOPES: Readonly<Record<string, ProjectScope>> = {
  owner_id: 'update:owner',
  assignee_id: 'update:assignee',
  name: 'update:desc',
  labels: 'update:desc',
  bug_tracker: 'update:desc',
  organization: 'update:organization',
  source_storage: 'update:associated_storage',
  target_storage: 'update:associated_storage',
}

/** PATCH /api/projects/{id}: every field's own scope (plus `view`) must pass. */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const p = findProject(env, raw)
  if (isReply(p)) return p
  const b = bodyDict(env)
  if (isReply(b)) return b
  const scopes = patchScopes(b, SCOPES)
  if (isReply(scopes)) return scopes
  if (!scopes.every((s) => allows(env, s, p))) return forbidden()
  const a = authAt(env.s, env.user, p.organizationId)
  for (const named of [b['owner_id'], b['assignee_id']]) if (named && !mayNameUser(a, named)) return forbidden()
  const clouds = cloudStorageChecks(env.s.engine, a, namedCloudStorages(b))
  if (clouds) return clouds
  const v = validate(env, b, true)
  if (isReply(v)) return v
  const e = env.s.engine
  const source = updateStorage(e, p.sourceStorage, v.sourceStorage, 'source_storage')
  const target = updateStorage(e, p.targetStorage, v.targetStorage, 'target_storage')
  if (isReply(source)) return source
  if (isReply(target)) return target
  const bad = updateLabels(e, { projectId: p.id }, v.labels, (ids) => dropAnnotationsOfLabels(e, ids))
  if (bad) return bad
  if (v.name != null) p.name = v.name
  if (v.bugTracker != null) p.bugTracker = v.bugTracker
  if (v.ownerId !== undefined) p.ownerId = v.ownerId
  if (v.assigneeId !== undefined && v.assigneeId !== p.assigneeId) {
    p.assigneeId = v.assigneeId
    p.assigneeUpdatedDate = env.now
  }
  p.sourceStorage = source
  p.targetStorage = target
  p.updatedDate = env.now
  // update_child_objects_on_labels_update: tasks and jobs are touched too.
  if (v.hasLabels)
    for (const t of e.tasks.filter((x) => x.projectId === p.id)) {
      t.updatedDate = env.now
      for (const j of e.jobs.filter((x) => x.taskId === t.id)) j.updatedDate = env.now
    }
  return json(200, renderProject(viewOf(env), p))
}

/** DELETE /api/projects/{id}: its tasks, jobs, labels and annotations go with it. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const p = findProject(env, raw)
  if (isReply(p)) return p
  if (!allows(env, 'delete', p)) return forbidden()
  deleteProject(env.s.engine, p)
  return noContent
}
