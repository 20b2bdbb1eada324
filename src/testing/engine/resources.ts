/**
 * The `resource` part of the OPA input for each engine object, as cvat/apps/engine/permissions.py
 * get_resource builds it: the object's people, its organisation, and its parents' people.
 */
import type { EmulatedJob, EmulatedLabel, EmulatedProject, EmulatedTask, EngineState } from './model'
import type { JobResource, ProjectResource, TaskResource } from './perms'

/** The task's project, if it is in one. */
export const projectOfTask = (e: EngineState, t: EmulatedTask): EmulatedProject | undefined =>
  t.projectId === null ? undefined : e.projects.find((p) => p.id === t.projectId)

/** ProjectPermission.get_resource. */
export const projectResource = (p: EmulatedProject): ProjectResource => ({ ownerId: p.ownerId, assigneeId: p.assigneeId, orgId: p.organizationId })

/** TaskPermission.get_resource. */
export const taskResource = (e: EngineState, t: EmulatedTask): TaskResource => {
  const p = projectOfTask(e, t)
  return { ownerId: t.ownerId, assigneeId: t.assigneeId, orgId: t.organizationId, project: p ? { ownerId: p.ownerId, assigneeId: p.assigneeId } : null }
}

/** JobPermission.get_resource: the organisation is the project's when the task is in one. */
export const jobResource = (e: EngineState, j: EmulatedJob): JobResource | undefined => {
  const t = e.tasks.find((x) => x.id === j.taskId)
  if (!t) return undefined
  const p = projectOfTask(e, t)
  return { assigneeId: j.assigneeId, orgId: p ? p.organizationId : t.organizationId, task: { ownerId: t.ownerId, assigneeId: t.assigneeId }, project: p ? { ownerId: p.ownerId, assigneeId: p.assigneeId } : null }
}

/** The project or task a label belongs to (a sublabel: its parent's). */
export const ownerOfLabel = (e: EngineState, l: EmulatedLabel): { readonly project?: EmulatedProject; readonly task?: EmulatedTask } => {
  if (l.projectId !== null) {
    const project = e.projects.find((p) => p.id === l.projectId)
    return project ? { project } : {}
  }
  const task = e.tasks.find((t) => t.id === l.taskId)
  return task ? { task } : {}
}

/** Whether the user owns or is assigned the object or one of its parents (the "mine" half of the list filters). */
export const involves = (userId: number, ...people: ReadonlyArray<{ readonly ownerId?: number | null; readonly assigneeId?: number | null } | null | undefined>): boolean =>
  people.some((p) => p !== null && p !== undefined && (p.ownerId === userId || p.assigneeId === userId))
