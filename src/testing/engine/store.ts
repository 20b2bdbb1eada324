/**
 * The engine's deletions and their cascades (cvat/apps/engine/models.py on_delete and
 * signals.py): a project takes its tasks and labels; a task its segments, jobs, annotations,
 * labels and its Data (when no other task shares it); a job its segment, annotations and issues;
 * an issue its comments. Deleting a user or an organisation sets the engine's references to null
 * (owner, assignee, organization: SET_NULL).
 */
import type { EmulatedJob, EmulatedProject, EmulatedTask, EngineState } from './model'
import { deleteLabels } from './labels'

const removeWhere = <A>(xs: A[], drop: (a: A) => boolean): void => {
  for (let i = xs.length - 1; i >= 0; i--) if (drop(xs[i] as A)) xs.splice(i, 1)
}

/** Drops annotations (and elements) with these labels from every job (Annotation.label CASCADE). */
export const dropAnnotationsOfLabels = (e: EngineState, ids: ReadonlySet<number>): void => {
  for (const a of e.annotations.values()) {
    a.tags = a.tags.filter((t) => !ids.has(t.label_id))
    a.shapes = a.shapes.filter((s) => !ids.has(s.label_id)).map((s) => (s.elements ? { ...s, elements: s.elements.filter((x) => !ids.has(x.label_id)) } : s))
    a.tracks = a.tracks.filter((t) => !ids.has(t.label_id)).map((t) => (t.elements ? { ...t, elements: t.elements.filter((x) => !ids.has(x.label_id)) } : t))
  }
}

/** Deletes issues (and their comments) matching `drop`. */
const deleteIssues = (e: EngineState, drop: (jobId: number) => boolean): void => {
  const gone = new Set(e.issues.filter((i) => drop(i.jobId)).map((i) => i.id))
  removeWhere(e.comments, (c) => gone.has(c.issueId))
  removeWhere(e.issues, (i) => gone.has(i.id))
}

/** Deletes jobs with their annotations, issues and (when no other job uses it) their segment. */
export const deleteJobs = (e: EngineState, drop: (j: EmulatedJob) => boolean): void => {
  const gone = e.jobs.filter(drop)
  // Job.parent_job CASCADE: consensus replicas go with their parent.
  for (const j of e.jobs) if (j.parentJobId !== null && gone.some((g) => g.id === j.parentJobId) && !gone.includes(j)) gone.push(j)
  const ids = new Set(gone.map((j) => j.id))
  for (const id of ids) e.annotations.delete(id)
  deleteIssues(e, (jobId) => ids.has(jobId))
  removeWhere(e.jobs, (j) => ids.has(j.id))
  const segments = new Set(gone.map((j) => j.segmentId))
  removeWhere(e.segments, (g) => segments.has(g.id) && !e.jobs.some((j) => j.segmentId === g.id))
}

/** Deletes a task: jobs, segments, annotations, its labels, and its Data unless shared. */
export const deleteTask = (e: EngineState, t: EmulatedTask): void => {
  deleteJobs(e, (j) => j.taskId === t.id)
  removeWhere(e.segments, (g) => g.taskId === t.id)
  deleteLabels(e, (l) => l.taskId === t.id, () => undefined)
  removeWhere(e.tasks, (x) => x === t)
  if (t.dataId !== null && !e.tasks.some((x) => x.dataId === t.dataId)) removeWhere(e.data, (d) => d.id === t.dataId)
}

/** Deletes a project with its tasks and labels (Task.project and Label.project CASCADE). */
export const deleteProject = (e: EngineState, p: EmulatedProject): void => {
  for (const t of e.tasks.filter((x) => x.projectId === p.id)) deleteTask(e, t)
  deleteLabels(e, (l) => l.projectId === p.id, () => undefined)
  removeWhere(e.projects, (x) => x === p)
}

/** A user is deleted: everything they owned or were assigned keeps existing with null (SET_NULL). */
export const forgetUser = (e: EngineState, userId: number): void => {
  for (const x of [...e.projects, ...e.tasks]) {
    if (x.ownerId === userId) x.ownerId = null
    if (x.assigneeId === userId) x.assigneeId = null
  }
  for (const j of e.jobs) if (j.assigneeId === userId) j.assigneeId = null
  for (const i of e.issues) {
    if (i.ownerId === userId) i.ownerId = null
    if (i.assigneeId === userId) i.assigneeId = null
  }
  for (const c of e.comments) if (c.ownerId === userId) c.ownerId = null
  for (const c of e.cloudStorages) if (c.ownerId === userId) c.ownerId = null
}

/** An organisation is deleted: its projects and tasks stay, in no organisation (SET_NULL). */
export const forgetOrganization = (e: EngineState, orgId: number): void => {
  for (const x of [...e.projects, ...e.tasks, ...e.cloudStorages]) if (x.organizationId === orgId) x.organizationId = null
}
