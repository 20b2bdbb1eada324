/**
 * /api/tasks — TaskViewSet (cvat/apps/engine/views.py lines 952–1125): the list is narrowed by
 * tasks.rego `filter`; a detail request finds any task (404 only for an unknown id) and
 * tasks.rego `allow` decides in the task's own organisation. Writes go through
 * TaskWriteSerializer (serializers.py lines 2265–2485): labels inline unless the task is in a
 * project, which then lends it its labels.
 */
import type { AuthedEnv } from '../../env'
import { type Or, type Reply, forbidden, invalid, isReply, json, noContent, notFound } from '../../http'
import { type ListSpec, listReply } from '../../list'
import { userById } from '../../model'
import { bodyDict, pathId } from '../../views/common'
import { collector, int, list as listOf, str } from '../fields'
import { type LabelSpec, createLabels, deleteLabels, labelSpec, updateLabels } from '../labels'
import type { EmulatedLabel, EmulatedTask } from '../model'
import { dataOf, nextId } from '../model'
import { type TaskScope, authAt, authIn, listFilter, projectAllows, taskAllows } from '../perms'
import { renderTask } from '../render'
import { involves, projectOfTask, projectResource, taskResource } from '../resources'
import { deleteTask, dropAnnotationsOfLabels } from '../store'
import { allowedBy, cloudStorageChecks, makeStorage, mayNameUser, namedCloudStorages, patchScopes, storageField, updateStorage, userIdField, viewOf } from './shared'

/** TaskViewSet: search and simple filters over its lookup fields, ordering `-id`. */
export const TASK_LIST = (env: AuthedEnv): ListSpec<EmulatedTask> => {
  const e = env.s.engine
  const search = ['project_name', 'name', 'owner', 'status', 'assignee', 'subset', 'mode', 'dimension', 'tracker_link', 'validation_mode']
  return {
    fields: {
      project_name: { get: (t) => projectOfTask(e, t)?.name ?? null, kind: 'str' },
      name: { get: (t) => t.name, kind: 'str' },
      owner: { get: (t) => userById(env.s, t.ownerId)?.username ?? null, kind: 'str' },
      status: { get: (t) => t.status, kind: 'str' },
      assignee: { get: (t) => userById(env.s, t.assigneeId)?.username ?? null, kind: 'str' },
      subset: { get: (t) => t.subset, kind: 'str' },
      mode: { get: (t) => t.mode, kind: 'str' },
      dimension: { get: (t) => t.dimension, kind: 'str' },
      tracker_link: { get: (t) => t.bugTracker, kind: 'str' },
      validation_mode: { get: (t) => dataOf(e, t)?.validationMode ?? null, kind: 'str' },
      id: { get: (t) => t.id, kind: 'num' },
      project_id: { get: (t) => t.projectId, kind: 'num' },
      updated_date: { get: (t) => t.updatedDate, kind: 'date' },
    },
    searchFields: search,
    simpleFilters: [...search, 'project_id'],
    orderingFields: [...search, 'id', 'project_id', 'updated_date'],
    ordering: '-id',
  }
}

/** tasks.rego `allow` for one scope, in the task's organisation. */
export const taskMay = (env: AuthedEnv, scope: TaskScope, t: EmulatedTask): boolean =>
  allowedBy(env, taskAllows(scope, authAt(env.s, env.user, t.organizationId), taskResource(env.s.engine, t), env.config.serverVersion))

/** The task of a path id, or Django's 404. */
export const findTask = (env: AuthedEnv, raw: string): Or<EmulatedTask> => {
  const id = pathId(raw)
  return env.s.engine.tasks.find((t) => t.id === id) ?? notFound('Task')
}

/** GET /api/tasks */
export const list = (env: AuthedEnv): Reply => {
  const keep = listFilter(authIn(env.s, env.user, env.ctx), env.ctx)
  if (!keep) return forbidden()
  const e = env.s.engine
  const rows = e.tasks.filter((t) => keep({ orgId: t.organizationId, mine: involves(env.user.id, t, projectOfTask(e, t)) }))
  const v = viewOf(env)
  return listReply(env, rows, TASK_LIST(env), (t) => renderTask(v, t))
}

// TaskWriteSerializer fields (overlap, segment_size and consensus_replicas are write-once).
const validate = (env: AuthedEnv, b: Record<string, unknown>, partial: boolean) => {
  const c = collector(b)
  const name = c.field('name', (v) => str(v, { maxLength: 256 }), { required: !partial })
  const projectId = c.field('project_id', (v) => int(v), { allowNull: true })
  const ownerId = c.field('owner_id', userIdField(env.s), { allowNull: true })
  const assigneeId = c.field('assignee_id', userIdField(env.s), { allowNull: true })
  const bugTracker = c.field('bug_tracker', (v) => str(v, { maxLength: 2000, allowBlank: true }))
  const overlap = partial ? undefined : c.field('overlap', (v) => int(v, { min: 0, max: 2147483647 }), { allowNull: true })
  const segmentSize = partial ? undefined : c.field('segment_size', (v) => int(v, { min: 0, max: 2147483647 }))
  const labels = c.field('labels', (v) => listOf(v, labelSpec({ version: env.config.serverVersion }), { nested: true }))
  const subset = c.field('subset', (v) => str(v, { maxLength: 64, allowBlank: true }))
  const sourceStorage = c.field('source_storage', storageField, { allowNull: true })
  const targetStorage = c.field('target_storage', storageField, { allowNull: true })
  const replicas = partial ? undefined : c.field('consensus_replicas', (v) => int(v, { min: 0 }))
  if (replicas && (replicas === 1 || replicas > 11))
    c.errors['consensus_replicas'] = [`Consensus replicas must be 0 or a positive number more than 1 and less than 12, got ${replicas}`]
  return c.failed() ? json(400, c.errors) : { name, projectId, ownerId, assigneeId, bugTracker, overlap, segmentSize, labels, subset, sourceStorage, targetStorage, replicas }
}

/** POST /api/tasks: `create`, or `create@project` with the project's view check; labels or a project, not both. */
export const create = (env: AuthedEnv): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const e = env.s.engine
  const a = authIn(env.s, env.user, env.ctx)
  const orgId = a.org?.id ?? null
  const rawProject = b['project_id'] ?? b['project']
  const version = env.config.serverVersion
  if (rawProject) {
    // permissions.py TaskPermission.get_resource / ProjectPermission.create_scope_view: an unknown project is a 400.
    const project = e.projects.find((p) => String(p.id) === String(rawProject))
    if (!project) return invalid('Project matching query does not exist.')
    if (!allowedBy(env, taskAllows('create@project', a, { ownerId: env.user.id, assigneeId: null, orgId, project: { ownerId: project.ownerId, assigneeId: project.assigneeId } }, version))) return forbidden()
    if (!projectAllows('view', a, projectResource(project), version)) return forbidden()
  } else if (!allowedBy(env, taskAllows('create', a, { ownerId: env.user.id, assigneeId: null, orgId, project: null }, version))) return forbidden()
  for (const named of [b['owner_id'] ?? b['owner'], b['assignee_id'] ?? b['assignee']]) if (named && !mayNameUser(a, named)) return forbidden()
  const clouds = cloudStorageChecks(e, a, namedCloudStorages(b))
  if (clouds) return clouds
  const v = validate(env, b, false)
  if (isReply(v)) return v
  const labels = v.labels ?? []
  if (labels.length === 0 && !v.projectId) return invalid('Label set or project_id must be present')
  if (labels.length > 0 && v.projectId) return invalid('Project must have only one of Label set or project_id')
  const project = v.projectId ? e.projects.find((p) => p.id === v.projectId) : undefined
  if (v.projectId && !project) return invalid(`The specified project #${v.projectId} does not exist.`)
  if (project && project.organizationId !== orgId) return invalid('The task and its project should be in the same organization.')
  const source = makeStorage(e, v.sourceStorage)
  const target = makeStorage(e, v.targetStorage)
  if (isReply(source)) return source
  if (isReply(target)) return target
  const t: EmulatedTask = {
    id: nextId(e, 'task'),
    name: v.name ?? '',
    projectId: project?.id ?? null,
    mode: '',
    ownerId: env.user.id,
    assigneeId: v.assigneeId ?? null,
    assigneeUpdatedDate: v.assigneeId ? env.now : null,
    bugTracker: v.bugTracker ?? '',
    createdDate: env.now,
    updatedDate: env.now,
    overlap: v.overlap ?? null,
    segmentSize: v.segmentSize ?? 0,
    status: 'annotation',
    dataId: null,
    dimension: '2d',
    subset: v.subset ?? '',
    organizationId: orgId,
    sourceStorage: source,
    targetStorage: target,
    consensusReplicas: v.replicas ?? 0,
    guideId: null,
  }
  const snapshot = e.labels.length
  const bad = createLabels(e, { taskId: t.id }, labels)
  if (bad) {
    e.labels.splice(snapshot)
    return bad
  }
  e.tasks.push(t)
  if (project) project.updatedDate = env.now
  return json(201, renderTask(viewOf(env), t))
}

/** GET /api/tasks/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const t = findTask(env, raw)
  if (isReply(t)) return t
  return taskMay(env, 'view', t) ? json(200, renderTask(viewOf(env), t)) : forbidden()
}

const SCOPES: Readonly<Record<string, TaskScope>> = {
  owner_id: 'update:owner',
  assignee_id: 'update:assignee',
  project_id: 'update:project',
  name: 'update:desc',
  labels: 'update:desc',
  bug_tracker: 'update:desc',
  subset: 'update:desc',
  source_storage: 'update:associated_storage',
  target_storage: 'update:associated_storage',
}

/**
 * TaskWriteSerializer.validate and update for `project_id`: every label (renamed by the request
 * if it says so) must exist by name in the target project; annotations move to those labels and
 * attributes (matched by name, values and input type); the task's own labels go.
 */
const moveToProject = (env: AuthedEnv, t: EmulatedTask, projectId: number, renames: ReadonlyArray<LabelSpec>): Reply | undefined => {
  const e = env.s.engine
  const target = e.projects.find((p) => p.id === projectId)
  if (!target) return invalid(`Cannot find project with ID ${projectId}`)
  const targetLabels = e.labels.filter((l) => l.projectId === target.id)
  const old = e.labels.filter((l) => (t.projectId !== null ? l.projectId === t.projectId : l.taskId === t.id))
  const nameOf = (l: EmulatedLabel) => renames.find((r) => r.id === l.id)?.name ?? l.name
  const parentName = (l: EmulatedLabel) => old.find((x) => x.id === l.parentId)?.name
  const mapping = new Map<number, EmulatedLabel>()
  for (const l of old) {
    const match = targetLabels.find((x) => x.name === nameOf(l) && (l.parentId === null ? x.parentId === null : targetLabels.find((p) => p.id === x.parentId)?.name === parentName(l)))
    if (!match) return invalid('All task or project label names must be mapped to the target project')
    mapping.set(l.id, match)
  }
  const other = e.tasks.find((x) => x.projectId === target.id && x !== t)
  if (other && other.dimension !== t.dimension) return invalid(`Dimension (${t.dimension}) of the task must be the same as other tasks in project (${other.dimension})`)
  const specMap = new Map<number, number>()
  for (const l of old) {
    const to = mapping.get(l.id)!
    for (const a of l.attributes) {
      const same = to.attributes.find((x) => x.name === a.name && x.inputType === a.inputType && x.values.join('\n') === a.values.join('\n'))
      if (!same) return invalid(`Target project does not have "${l.name}" label with "${a.name}" attribute`)
      specMap.set(a.id, same.id)
    }
  }
  const relabel = <A extends { readonly label_id?: number; readonly attributes: ReadonlyArray<{ readonly spec_id: number; readonly value: string }> }>(x: A): A => ({
    ...x,
    ...(x.label_id !== undefined ? { label_id: mapping.get(x.label_id)?.id ?? x.label_id } : {}),
    attributes: x.attributes.map((a) => ({ ...a, spec_id: specMap.get(a.spec_id) ?? a.spec_id })),
  })
  for (const j of e.jobs.filter((x) => x.taskId === t.id)) {
    const a = e.annotations.get(j.id)
    if (!a) continue
    const shape = (s: (typeof a.shapes)[number]): typeof s => ({ ...relabel(s), ...(s.elements ? { elements: s.elements.map(shape) } : {}) })
    const track = (x: (typeof a.tracks)[number]): typeof x => ({ ...relabel(x), shapes: x.shapes.map(relabel), ...(x.elements ? { elements: x.elements.map(track) } : {}) })
    e.annotations.set(j.id, { tags: a.tags.map(relabel), shapes: a.shapes.map(shape), tracks: a.tracks.map(track) })
  }
  if (t.projectId === null) deleteLabels(e, (l) => l.taskId === t.id, () => undefined)
  t.projectId = target.id
  return undefined
}

/** PATCH /api/tasks/{id}: per-field scopes; labels change only on tasks outside projects; `project_id` moves the task. */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const t = findTask(env, raw)
  if (isReply(t)) return t
  const b = bodyDict(env)
  if (isReply(b)) return b
  const scopes = patchScopes(b, SCOPES)
  if (isReply(scopes)) return scopes
  if (!scopes.every((s) => taskMay(env, s, t))) return forbidden()
  const e = env.s.engine
  const a = authAt(env.s, env.user, t.organizationId)
  for (const named of [b['owner_id'], b['assignee_id']]) if (named && !mayNameUser(a, named)) return forbidden()
  const rawProject = b['project_id']
  if (rawProject) {
    const project = e.projects.find((p) => String(p.id) === String(rawProject))
    if (!project) return invalid('Project matching query does not exist.')
    if (!projectAllows('view', a, projectResource(project), env.config.serverVersion)) return forbidden()
  }
  const clouds = cloudStorageChecks(e, a, namedCloudStorages(b))
  if (clouds) return clouds
  const v = validate(env, b, true)
  if (isReply(v)) return v
  const source = updateStorage(e, t.sourceStorage, v.sourceStorage, 'source_storage')
  const target = updateStorage(e, t.targetStorage, v.targetStorage, 'target_storage')
  if (isReply(source)) return source
  if (isReply(target)) return target
  const previous = projectOfTask(e, t)
  if (t.projectId === null) {
    const bad = updateLabels(e, { taskId: t.id }, v.labels ?? [], (ids) => dropAnnotationsOfLabels(e, ids))
    if (bad) return bad
  }
  if (v.projectId != null && v.projectId !== t.projectId) {
    const moved = moveToProject(env, t, v.projectId, v.labels ?? [])
    if (moved) return moved
  }
  if (v.name != null) t.name = v.name
  if (v.ownerId !== undefined) t.ownerId = v.ownerId
  if (v.bugTracker != null) t.bugTracker = v.bugTracker
  if (v.subset != null) t.subset = v.subset
  if (v.assigneeId !== undefined && v.assigneeId !== t.assigneeId) {
    t.assigneeId = v.assigneeId
    t.assigneeUpdatedDate = env.now
  }
  t.sourceStorage = source
  t.targetStorage = target
  t.updatedDate = env.now
  // perform_update touches the old and the new project; update_child_objects_on_labels_update the jobs.
  for (const p of [previous, projectOfTask(e, t)]) if (p) p.updatedDate = env.now
  if (v.labels !== undefined && t.projectId === null) for (const j of e.jobs.filter((x) => x.taskId === t.id)) j.updatedDate = env.now
  return json(200, renderTask(viewOf(env), t))
}

/** DELETE /api/tasks/{id}: jobs, annotations, labels and data go with it; its project is touched. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const t = findTask(env, raw)
  if (isReply(t)) return t
  if (!taskMay(env, 'delete', t)) return forbidden()
  const project = projectOfTask(env.s.engine, t)
  deleteTask(env.s.engine, t)
  if (project) project.updatedDate = env.now
  return noContent
}


