/**
 * The engine's read serializers (cvat/apps/engine/serializers.py at cae4e8f7: ProjectRead,
 * TaskRead, JobRead, Label, Issue, Comment, Storage), each as the server generation prints it:
 * 2.73 adds `organization_id` to projects and tasks, `project_name`/`media_type`/
 * `data_cloud_storage_id` to tasks, `task_name`/`project_name`/`media_type`/`replicas_count`
 * to jobs (release 2.73.0's serializers.py).
 */
import type { ServerVersion } from '../env'
import { isoMicro } from '../http'
import { type EmulatedUser, type EmulatorState, userById } from '../model'
import { basicUser } from '../render'
import type { EmulatedComment, EmulatedIssue, EmulatedJob, EmulatedLabel, EmulatedProject, EmulatedStorage, EmulatedTask } from './model'
import { dataOf, segmentOf } from './model'
import { authAt, projectAllows, taskAllows } from './perms'
import { frameStep } from './segments'
import { projectOfTask, projectResource, taskResource } from './resources'

/** What a renderer needs: the state, the server's origin and generation, and the caller (some fields depend on what they may view). */
export interface View {
  readonly s: EmulatorState
  readonly origin: string
  readonly version: ServerVersion
  readonly user: EmulatedUser
}

const person = (v: View, id: number | null) => {
  const u = userById(v.s, id)
  return u ? basicUser(v.origin, u) : null
}
const date = (ms: number | null) => (ms === null ? null : isoMicro(ms))

/** StorageSerializer. */
export const renderStorage = (st: EmulatedStorage | null) => (st === null ? null : { id: st.id, location: st.location, cloud_storage_id: st.cloudStorageId })

/** ProjectReadSerializer: `task_subsets` and `dimension` come from its tasks (to_representation). */
export const renderProject = (v: View, p: EmulatedProject) => {
  // Newest task first, which is the order CVAT's fixtures show (the query has no ORDER BY).
  const tasks = v.s.engine.tasks.filter((t) => t.projectId === p.id).sort((a, b) => b.id - a.id)
  return {
    url: `${v.origin}/api/projects/${p.id}`,
    id: p.id,
    name: p.name,
    owner: person(v, p.ownerId),
    assignee: person(v, p.assigneeId),
    guide_id: p.guideId,
    bug_tracker: p.bugTracker,
    task_subsets: [...new Set(tasks.map((t) => t.subset).filter((x) => x !== ''))],
    created_date: isoMicro(p.createdDate),
    updated_date: isoMicro(p.updatedDate),
    status: p.status,
    dimension: tasks.find((t) => t.dimension)?.dimension ?? null,
    organization: p.organizationId,
    ...(v.version === '2.73' ? { organization_id: p.organizationId } : {}),
    target_storage: renderStorage(p.targetStorage),
    source_storage: renderStorage(p.sourceStorage),
    tasks: { count: tasks.length, url: `${v.origin}/api/tasks?project_id=${p.id}` },
    labels: { url: `${v.origin}/api/labels?project_id=${p.id}` },
    assignee_updated_date: date(p.assigneeUpdatedDate),
  }
}

/** models.py TaskQuerySet.with_job_summary: all jobs, completed = acceptance+completed, validation = stage validation. */
const jobSummary = (v: View, t: EmulatedTask) => {
  const jobs = v.s.engine.jobs.filter((j) => j.taskId === t.id)
  return {
    completed: jobs.filter((j) => j.state === 'completed' && j.stage === 'acceptance').length,
    count: jobs.length,
    url: `${v.origin}/api/jobs?task_id=${t.id}`,
    validation: jobs.filter((j) => j.stage === 'validation').length,
  }
}

/**
 * TaskReadSerializer. Without data the `data.*` fields are skipped (DRF SkipField: task 12 of the
 * fixtures); 2.73 serves `data` as null then, drops chunk fields and `image_quality` when there is
 * no media type, and names the project only for callers who may view it.
 */
export const renderTask = (v: View, t: EmulatedTask) => {
  const d = dataOf(v.s.engine, t)
  const project = projectOfTask(v.s.engine, t)
  const newer = v.version === '2.73'
  const mediaType = d ? 'image' : ''
  const projectVisible = project !== undefined && projectAllows('view', authAt(v.s, v.user, project.organizationId), projectResource(project), v.version)
  return {
    url: `${v.origin}/api/tasks/${t.id}`,
    id: t.id,
    name: t.name,
    project_id: t.projectId,
    ...(newer ? { project_name: projectVisible ? project.name : null } : {}),
    mode: t.mode,
    owner: person(v, t.ownerId),
    assignee: person(v, t.assigneeId),
    bug_tracker: t.bugTracker,
    created_date: isoMicro(t.createdDate),
    updated_date: isoMicro(t.updatedDate),
    overlap: t.overlap,
    segment_size: t.segmentSize,
    status: t.status,
    ...(d ? { data_chunk_size: d.chunkSize, data_compressed_chunk_type: d.compressedChunkType, data_original_chunk_type: d.originalChunkType } : {}),
    ...(newer && d ? { data_cloud_storage_id: d.cloudStorageId } : {}),
    guide_id: t.guideId,
    ...(d ? { size: d.size, image_quality: d.imageQuality } : {}),
    ...(d ? { data: d.id } : newer ? { data: null } : {}),
    dimension: t.dimension,
    ...(newer ? { media_type: mediaType, organization_id: t.organizationId } : {}),
    subset: t.subset,
    organization: t.organizationId,
    target_storage: renderStorage(t.targetStorage),
    source_storage: renderStorage(t.sourceStorage),
    jobs: jobSummary(v, t),
    labels: { url: `${v.origin}/api/labels?task_id=${t.id}` },
    assignee_updated_date: date(t.assigneeUpdatedDate),
    validation_mode: d?.validationMode ?? null,
    consensus_enabled: t.consensusReplicas > 0,
  }
}

/** models.py Segment.frame_count: the range clipped to the data's stop frame, or the chosen frames. */
const frameCount = (v: View, j: EmulatedJob, t: EmulatedTask): number => {
  const g = segmentOf(v.s.engine, j)
  if (!g) return 0
  if (g.frameCount !== undefined) return g.frameCount
  if (g.type === 'specific_frames') return g.frames.length
  const d = dataOf(v.s.engine, t)
  if (!d) return g.stopFrame - g.startFrame + 1
  const step = frameStep(d)
  const first = d.startFrame + g.startFrame * step
  const last = Math.min(d.startFrame + g.stopFrame * step, d.stopFrame)
  return last < first ? 0 : Math.floor((last - first) / step) + 1
}

/**
 * JobReadSerializer. The task's storages show only to callers who may view the task
 * (to_representation); 2.26 prints the task's `consensus_replicas` on annotation jobs, 2.73 the
 * number of replica jobs.
 */
export const renderJob = (v: View, j: EmulatedJob) => {
  const e = v.s.engine
  const t = e.tasks.find((x) => x.id === j.taskId)
  if (!t) return undefined
  const g = segmentOf(e, j)
  const d = dataOf(e, t)
  const project = projectOfTask(e, t)
  const newer = v.version === '2.73'
  const taskVisible = taskAllows('view', authAt(v.s, v.user, t.organizationId), taskResource(e, t), v.version)
  const projectVisible = project !== undefined && projectAllows('view', authAt(v.s, v.user, project.organizationId), projectResource(project), v.version)
  const replicas = e.jobs.filter((x) => x.parentJobId === j.id).length
  return {
    url: `${v.origin}/api/jobs/${j.id}`,
    id: j.id,
    task_id: t.id,
    ...(newer ? { task_name: taskVisible ? t.name : null } : {}),
    project_id: t.projectId,
    ...(newer ? { project_name: projectVisible ? project.name : null } : {}),
    assignee: person(v, j.assigneeId),
    guide_id: (project ?? t).guideId,
    dimension: t.dimension,
    mode: t.mode,
    ...(newer ? { media_type: d ? 'image' : '' } : {}),
    bug_tracker: t.bugTracker || (project?.bugTracker ?? null),
    status: j.status,
    stage: j.stage,
    state: j.state,
    frame_count: frameCount(v, j, t),
    start_frame: g?.startFrame ?? 0,
    stop_frame: g?.stopFrame ?? 0,
    data_chunk_size: d?.chunkSize ?? null,
    data_compressed_chunk_type: g?.type === 'specific_frames' ? 'imageset' : (d?.compressedChunkType ?? null),
    data_original_chunk_type: d?.originalChunkType ?? null,
    created_date: isoMicro(j.createdDate),
    updated_date: isoMicro(j.updatedDate),
    issues: { count: e.issues.filter((i) => i.jobId === j.id).length, url: `${v.origin}/api/issues?job_id=${j.id}` },
    labels: { url: `${v.origin}/api/labels?job_id=${j.id}` },
    type: j.type,
    organization: t.organizationId,
    target_storage: taskVisible ? renderStorage(t.targetStorage) : null,
    source_storage: taskVisible ? renderStorage(t.sourceStorage) : null,
    assignee_updated_date: date(j.assigneeUpdatedDate),
    parent_job_id: j.parentJobId,
    consensus_replicas: newer ? replicas : j.type === 'annotation' ? t.consensusReplicas : 0,
    ...(newer ? { replicas_count: replicas } : {}),
  }
}

const renderAttribute = (a: EmulatedLabel['attributes'][number]) => ({ id: a.id, name: a.name, mutable: a.mutable, input_type: a.inputType, default_value: a.defaultValue, values: a.values })

/** SublabelSerializer: a skeleton's element. */
const renderSublabel = (l: EmulatedLabel) => ({ id: l.id, name: l.name, color: l.color, attributes: l.attributes.map(renderAttribute), type: l.type, has_parent: l.parentId !== null })

/** LabelSerializer: `svg` only on skeletons, `project_id`/`task_id` only when set (to_representation). */
export const renderLabel = (s: EmulatorState, l: EmulatedLabel) => ({
  id: l.id,
  name: l.name,
  color: l.color,
  attributes: l.attributes.map(renderAttribute),
  type: l.type,
  ...(l.type === 'skeleton' ? { svg: l.svg ?? '' } : {}),
  sublabels: s.engine.labels.filter((x) => x.parentId === l.id).map(renderSublabel),
  ...(l.projectId !== null ? { project_id: l.projectId } : {}),
  ...(l.taskId !== null ? { task_id: l.taskId } : {}),
  parent_id: l.parentId,
  has_parent: l.parentId !== null,
})

/** IssueReadSerializer. */
export const renderIssue = (v: View, i: EmulatedIssue) => ({
  id: i.id,
  frame: i.frame,
  position: i.position,
  job: i.jobId,
  owner: person(v, i.ownerId),
  assignee: person(v, i.assigneeId),
  created_date: isoMicro(i.createdDate),
  updated_date: isoMicro(i.updatedDate),
  resolved: i.resolved,
  comments: { count: v.s.engine.comments.filter((c) => c.issueId === i.id).length, url: `${v.origin}/api/comments?issue_id=${i.id}` },
})

/** CommentReadSerializer. */
export const renderComment = (v: View, c: EmulatedComment) => ({
  id: c.id,
  issue: c.issueId,
  owner: person(v, c.ownerId),
  message: c.message,
  created_date: isoMicro(c.createdDate),
  updated_date: isoMicro(c.updatedDate),
})

