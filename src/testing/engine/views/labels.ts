/**
 * /api/labels — LabelViewSet (cvat/apps/engine/views.py lines 2648–2760, permissions.py
 * LabelPermission): a list by `job_id`, `task_id` or `project_id` checks that object's `view`
 * and lists its top-level labels; a plain list applies labels.rego `filter`. A label's own
 * actions borrow its project's or task's rules (`view`, else `update:desc`); sublabels change
 * only through their parent.
 */
import type { AuthedEnv } from '../../env'
import { type Or, type Reply, forbidden, invalid, isReply, json, noContent, notFound } from '../../http'
import { type ListSpec, listReply } from '../../list'
import { bodyDict, pathId } from '../../views/common'
import { labelSpec, updateLabels, deleteLabels } from '../labels'
import type { EmulatedLabel } from '../model'
import { authAt, authIn, listFilter, projectAllows, taskAllows } from '../perms'
import { renderLabel } from '../render'
import { involves, ownerOfLabel, projectOfTask, projectResource, taskResource } from '../resources'
import { dropAnnotationsOfLabels } from '../store'
import { findJob, jobMay } from './jobs'
import { findProject } from './projects'
import { findTask, taskMay } from './tasks'
import { allowedBy } from './shared'

/** LabelViewSet: search name/parent, filters + id/type/color/parent_id, ordering `id`. */
export const LABEL_LIST = (env: AuthedEnv): ListSpec<EmulatedLabel> => ({
  fields: {
    name: { get: (l) => l.name, kind: 'str' },
    parent: { get: (l) => env.s.engine.labels.find((p) => p.id === l.parentId)?.name ?? null, kind: 'str' },
    id: { get: (l) => l.id, kind: 'num' },
    type: { get: (l) => l.type, kind: 'str' },
    color: { get: (l) => l.color, kind: 'str' },
    parent_id: { get: (l) => l.parentId, kind: 'num' },
  },
  searchFields: ['name', 'parent'],
  simpleFilters: ['name', 'parent', 'type', 'color', 'parent_id'],
  orderingFields: ['name', 'parent', 'id', 'type', 'color', 'parent_id'],
  ordering: 'id',
})

const orgOf = (env: AuthedEnv, l: EmulatedLabel): number | null => {
  const o = ownerOfLabel(env.s.engine, l)
  return o.project?.organizationId ?? o.task?.organizationId ?? null
}

// Which labels a `job_id`, `task_id` or `project_id` names, after that object's `view` check.
const ownerScope = (env: AuthedEnv, key: string, raw: string): Or<{ readonly projectId: number | null; readonly taskId: number | null }> => {
  const e = env.s.engine
  if (key === 'project_id') {
    const p = findProject(env, raw)
    if (isReply(p)) return p
    return allowedBy(env, projectAllows('view', authAt(env.s, env.user, p.organizationId), projectResource(p), env.config.serverVersion)) ? { projectId: p.id, taskId: null } : forbidden()
  }
  const t = key === 'task_id' ? findTask(env, raw) : (() => {
    const j = findJob(env, raw)
    if (isReply(j)) return j
    return jobMay(env, 'view', j) ? (e.tasks.find((x) => x.id === j.taskId) ?? notFound('Task')) : forbidden()
  })()
  if (isReply(t)) return t
  if (key === 'task_id' && !taskMay(env, 'view', t)) return forbidden()
  return { projectId: t.projectId, taskId: t.id }
}

/** GET /api/labels */
export const list = (env: AuthedEnv): Reply => {
  const q = env.url.searchParams
  const e = env.s.engine
  const given = (['job_id', 'task_id', 'project_id'] as const).filter((k) => q.has(k))
  if (given.length > 1) return invalid('job_id, task_id and project_id parameters cannot be used together')
  let rows: EmulatedLabel[]
  if (given.length === 1) {
    // views.py: Job/Task/Project.objects.get (an unknown id fails there; the emulator answers 404), then that object's `view`.
    const raw = q.get(given[0]!) ?? ''
    const scope = ownerScope(env, given[0]!, raw)
    if (isReply(scope)) return scope
    const { projectId, taskId } = scope
    rows = e.labels.filter((l) => l.parentId === null && (projectId !== null ? l.projectId === projectId : l.taskId === taskId))
    // OrganizationFilterBackend still narrows by the context.
    const ctx = env.ctx
    if (ctx.kind !== 'any') rows = rows.filter((l) => orgOf(env, l) === (ctx.kind === 'org' ? ctx.org.id : null))
  } else {
    const keep = listFilter(authIn(env.s, env.user, env.ctx), env.ctx)
    if (!keep) return forbidden()
    rows = e.labels.filter((l) => {
      const o = ownerOfLabel(e, l)
      const project = o.project ?? (o.task && projectOfTask(e, o.task))
      return l.parentId === null && keep({ orgId: orgOf(env, l), mine: involves(env.user.id, o.task, project) })
    })
  }
  return listReply(env, rows, LABEL_LIST(env), (l) => renderLabel(env.s, l))
}

const findLabel = (env: AuthedEnv, raw: string): Or<EmulatedLabel> => {
  const id = pathId(raw)
  return env.s.engine.labels.find((l) => l.id === id) ?? notFound('Label')
}

// LabelPermission.create: the owning project's or task's `view`, or `update:desc` for changes.
const mayOwner = (env: AuthedEnv, l: EmulatedLabel, change: boolean): boolean => {
  const o = ownerOfLabel(env.s.engine, l)
  const version = env.config.serverVersion
  if (o.project) return allowedBy(env, projectAllows(change ? 'update:desc' : 'view', authAt(env.s, env.user, o.project.organizationId), projectResource(o.project), version))
  if (o.task) return allowedBy(env, taskAllows(change ? 'update:desc' : 'view', authAt(env.s, env.user, o.task.organizationId), taskResource(env.s.engine, o.task), version))
  return false
}

/** GET /api/labels/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const l = findLabel(env, raw)
  if (isReply(l)) return l
  return mayOwner(env, l, false) ? json(200, renderLabel(env.s, l)) : forbidden()
}

// The owner and its children are touched (update_child_objects_on_labels_update).
const touchOwner = (env: AuthedEnv, l: EmulatedLabel): void => {
  const e = env.s.engine
  const o = ownerOfLabel(e, l)
  const tasks = o.project ? e.tasks.filter((t) => t.projectId === o.project?.id) : o.task ? [o.task] : []
  if (o.project) o.project.updatedDate = env.now
  for (const t of tasks) {
    t.updatedDate = env.now
    for (const j of e.jobs.filter((x) => x.taskId === t.id)) j.updatedDate = env.now
  }
}

/** PATCH /api/labels/{id}: as a one-label PATCH of its project or task (LabelSerializer.update with local=True). */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const l = findLabel(env, raw)
  if (isReply(l)) return l
  if (!mayOwner(env, l, true)) return forbidden()
  const b = bodyDict(env)
  if (isReply(b)) return b
  const spec = labelSpec({ local: true, version: env.config.serverVersion })(b)
  if (!spec.ok) return json(400, spec.error)
  if (l.parentId !== null) return invalid('Sublabels cannot be modified this way. Please send a PATCH request with updated parent label data instead.')
  const e = env.s.engine
  const parent = l.projectId !== null ? { projectId: l.projectId } : { taskId: l.taskId ?? 0 }
  const bad = updateLabels(e, parent, [{ ...spec.value, id: l.id, name: spec.value.name ?? l.name }], (ids) => dropAnnotationsOfLabels(e, ids))
  if (bad) return bad
  touchOwner(env, l)
  return json(200, renderLabel(env.s, l))
}

/** DELETE /api/labels/{id}: top-level labels only; their annotations and sublabels go too. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const l = findLabel(env, raw)
  if (isReply(l)) return l
  if (!mayOwner(env, l, true)) return forbidden()
  if (l.parentId !== null) return invalid('Sublabels cannot be deleted this way. Please send a PATCH request with updated parent label data instead.')
  touchOwner(env, l)
  const e = env.s.engine
  deleteLabels(e, (x) => x === l, (ids) => dropAnnotationsOfLabels(e, ids))
  return noContent
}
