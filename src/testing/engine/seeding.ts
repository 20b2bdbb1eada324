/**
 * Seeds the engine from CVAT's own fixtures (tests/python/shared/assets/{projects,tasks,jobs,
 * labels,annotations,issues,comments}.json at cae4e8f7), ids kept, so the emulator holds the
 * database CVAT's REST tests run against. The fixtures hold no media: fixture tasks have a Data
 * record with their size and chunk settings but no frames. Rows naming unknown parents are
 * reported, not thrown.
 */
import type { EmulatorState } from '../model'
import type { EmulatedAttribute, EmulatedLabel, EmulatedStorage, JobAnnotations, LabelType, StatusChoice } from './model'
import { nextId } from './model'
import { newJob } from './segments'

/**
 * Describes a fixture user reference (BasicUser): only the id is read.
 *
 * @example
 * const owner: PersonAsset = { id: 1 }
 */
export type PersonAsset = { readonly id?: number } | null | undefined

/**
 * Describes a fixture Storage (StorageSerializer).
 *
 * @example
 * const local: StorageAsset = { id: 43, location: 'local', cloud_storage_id: null }
 */
export type StorageAsset = { readonly id: number; readonly location: string; readonly cloud_storage_id: number | null } | null | undefined

type Person = PersonAsset
type Storage = StorageAsset

/**
 * Describes a fixture label (or sublabel) as LabelSerializer printed it.
 *
 * @example
 * const car: LabelAsset = { id: 5, name: 'car', project_id: 1, attributes: [] }
 */
export interface LabelAsset {
  readonly id: number
  readonly name: string
  readonly color?: string
  readonly type?: string
  readonly svg?: string
  readonly attributes?: ReadonlyArray<{ readonly id: number; readonly name: string; readonly mutable: boolean; readonly input_type: string; readonly default_value: string; readonly values: ReadonlyArray<string> }>
  readonly sublabels?: ReadonlyArray<LabelAsset>
  readonly project_id?: number
  readonly task_id?: number
}

/**
 * Holds CVAT's engine fixtures, each the `results` array of its file as it is (annotations.json
 * whole: `{job: {id: LabeledData}, task: {…}}`; only the job part is read, tasks derive theirs).
 *
 * @example
 * const engine: EngineAssets = { projects: [], tasks: [], jobs: [], labels: [] } // the `results` of CVAT's fixture files
 */
export interface EngineAssets {
  readonly projects?: ReadonlyArray<{ readonly id: number; readonly name: string; readonly owner?: Person; readonly assignee?: Person; readonly assignee_updated_date?: string | null; readonly bug_tracker?: string; readonly created_date?: string; readonly updated_date?: string; readonly status?: string; readonly organization?: number | null; readonly source_storage?: Storage; readonly target_storage?: Storage; readonly guide_id?: number | null }>
  readonly tasks?: ReadonlyArray<{ readonly id: number; readonly name: string; readonly project_id?: number | null; readonly mode?: string; readonly owner?: Person; readonly assignee?: Person; readonly assignee_updated_date?: string | null; readonly bug_tracker?: string; readonly created_date?: string; readonly updated_date?: string; readonly overlap?: number | null; readonly segment_size?: number; readonly status?: string; readonly data?: number | null; readonly data_chunk_size?: number | null; readonly data_compressed_chunk_type?: string; readonly data_original_chunk_type?: string; readonly size?: number; readonly image_quality?: number; readonly dimension?: string; readonly subset?: string; readonly organization?: number | null; readonly source_storage?: Storage; readonly target_storage?: Storage; readonly validation_mode?: string | null; readonly guide_id?: number | null }>
  readonly jobs?: ReadonlyArray<{ readonly id: number; readonly task_id: number; readonly assignee?: Person; readonly assignee_updated_date?: string | null; readonly status?: string; readonly stage?: string; readonly state?: string; readonly type?: string; readonly parent_job_id?: number | null; readonly created_date?: string; readonly updated_date?: string; readonly start_frame?: number; readonly stop_frame?: number; readonly frame_count?: number }>
  readonly labels?: ReadonlyArray<LabelAsset>
  readonly annotations?: { readonly job?: Readonly<Record<string, unknown>> }
  readonly issues?: ReadonlyArray<{ readonly id: number; readonly job: number; readonly frame?: number; readonly position?: ReadonlyArray<number>; readonly owner?: Person; readonly assignee?: Person; readonly resolved?: boolean; readonly created_date?: string; readonly updated_date?: string }>
  readonly cloudstorages?: ReadonlyArray<{ readonly id: number; readonly owner?: Person; readonly organization?: number | null }>
  readonly comments?: ReadonlyArray<{ readonly id: number; readonly issue: number; readonly owner?: Person; readonly message?: string; readonly created_date?: string; readonly updated_date?: string }>
}

const time = (iso: string | null | undefined, fallback: number): number => (iso ? Date.parse(iso) || fallback : fallback)
const maybeTime = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) || null : null)
const userId = (s: EmulatorState, p: Person): number | null => (p?.id !== undefined && s.users.some((u) => u.id === p.id) ? p.id : null)
const orgId = (s: EmulatorState, id: number | null | undefined): number | null => (id != null && s.organizations.some((o) => o.id === id) ? id : null)
const pick = <C extends string>(v: unknown, choices: ReadonlyArray<C>, fallback: C): C => choices.find((c) => c === v) ?? fallback
const STATUS: ReadonlyArray<StatusChoice> = ['annotation', 'validation', 'completed']

const storage = (s: EmulatorState, st: Storage): EmulatedStorage | null => {
  if (!st) return null
  nextId(s.engine, 'storage', st.id)
  return { id: st.id, location: st.location === 'cloud_storage' ? 'cloud_storage' : 'local', cloudStorageId: st.cloud_storage_id ?? null }
}

const attributes = (s: EmulatorState, l: LabelAsset): EmulatedAttribute[] =>
  (l.attributes ?? []).map((a) => {
    nextId(s.engine, 'attribute', a.id)
    return { id: a.id, name: a.name, mutable: a.mutable, inputType: pick(a.input_type, ['checkbox', 'radio', 'number', 'text', 'select'] as const, 'text'), defaultValue: a.default_value, values: [...a.values] }
  })

const LABEL_TYPES: ReadonlyArray<LabelType> = ['any', 'cuboid', 'ellipse', 'mask', 'points', 'polygon', 'polyline', 'rectangle', 'skeleton', 'tag', 'interval']

const addLabel = (s: EmulatorState, l: LabelAsset, owner: { readonly projectId: number | null; readonly taskId: number | null }, parentId: number | null): void => {
  const label: EmulatedLabel = { id: nextId(s.engine, 'label', l.id), name: l.name, color: l.color ?? '', type: pick(l.type, LABEL_TYPES, 'any'), ...owner, parentId, attributes: attributes(s, l), svg: l.svg ?? null }
  s.engine.labels.push(label)
  for (const sub of l.sublabels ?? []) addLabel(s, sub, owner, l.id)
}

// Annotation ids keep the tables' counters ahead of every seeded row.
const countIds = (s: EmulatorState, a: JobAnnotations): void => {
  const e = s.engine
  const shapes = (xs: ReadonlyArray<JobAnnotations['shapes'][number]>) => xs.forEach((x) => (nextId(e, 'shape', x.id), shapes(x.elements ?? [])))
  const tracks = (xs: ReadonlyArray<JobAnnotations['tracks'][number]>) => xs.forEach((x) => (nextId(e, 'track', x.id), x.shapes.forEach((y) => nextId(e, 'trackedShape', y.id)), tracks(x.elements ?? [])))
  a.tags.forEach((x) => nextId(e, 'tag', x.id))
  shapes(a.shapes)
  tracks(a.tracks)
}

const isLabeledData = (v: unknown): v is JobAnnotations & { readonly version?: number } =>
  typeof v === 'object' && v !== null && ['tags', 'shapes', 'tracks'].every((k) => Array.isArray((v as Record<string, unknown>)[k]))

/** Seeds projects, tasks (with Data), segments and jobs, labels, job annotations, issues and comments. */
export const seedEngine = (s: EmulatorState, a: EngineAssets, now: number, problems: string[]): void => {
  const e = s.engine
  for (const c of [...(a.cloudstorages ?? [])].sort((x, y) => x.id - y.id)) e.cloudStorages.push({ id: c.id, ownerId: userId(s, c.owner), organizationId: orgId(s, c.organization) })
  for (const p of [...(a.projects ?? [])].sort((x, y) => x.id - y.id))
    e.projects.push({
      id: nextId(e, 'project', p.id), name: p.name, ownerId: userId(s, p.owner), assigneeId: userId(s, p.assignee), assigneeUpdatedDate: maybeTime(p.assignee_updated_date), bugTracker: p.bug_tracker ?? '',
      status: pick(p.status, STATUS, 'annotation'), organizationId: orgId(s, p.organization), sourceStorage: storage(s, p.source_storage), targetStorage: storage(s, p.target_storage),
      createdDate: time(p.created_date, now), updatedDate: time(p.updated_date, now), guideId: p.guide_id ?? null,
    })
  for (const t of [...(a.tasks ?? [])].sort((x, y) => x.id - y.id)) {
    if (t.project_id != null && !e.projects.some((p) => p.id === t.project_id)) problems.push(`task ${t.id}: unknown project ${t.project_id}`)
    const replicas = (a.jobs ?? []).filter((j) => j.task_id === t.id && j.type === 'consensus_replica')
    const parents = new Set(replicas.map((j) => j.parent_job_id))
    e.tasks.push({
      id: nextId(e, 'task', t.id), name: t.name, projectId: t.project_id != null && e.projects.some((p) => p.id === t.project_id) ? t.project_id : null, mode: pick(t.mode, ['', 'annotation', 'interpolation'] as const, ''),
      ownerId: userId(s, t.owner), assigneeId: userId(s, t.assignee), assigneeUpdatedDate: maybeTime(t.assignee_updated_date), bugTracker: t.bug_tracker ?? '',
      createdDate: time(t.created_date, now), updatedDate: time(t.updated_date, now), overlap: t.overlap ?? null, segmentSize: t.segment_size ?? 0, status: pick(t.status, STATUS, 'annotation'),
      dataId: t.data ?? null, dimension: t.dimension === '3d' ? '3d' : '2d', subset: t.subset ?? '', organizationId: orgId(s, t.organization),
      sourceStorage: storage(s, t.source_storage), targetStorage: storage(s, t.target_storage), consensusReplicas: parents.size > 0 ? Math.round(replicas.length / parents.size) : 0, guideId: t.guide_id ?? null,
    })
    if (t.data != null) {
      const chunk = (v: string | undefined) => pick(v, ['video', 'imageset', 'list'] as const, 'imageset')
      const size = t.size ?? 0
      e.data.push({
        id: nextId(e, 'data', t.data), chunkSize: t.data_chunk_size ?? null, size, imageQuality: t.image_quality ?? 70, startFrame: 0, stopFrame: Math.max(0, size - 1), frameFilter: '',
        compressedChunkType: chunk(t.data_compressed_chunk_type), originalChunkType: chunk(t.data_original_chunk_type), storageMethod: 'cache', storage: 'local', cloudStorageId: null, sortingMethod: 'lexicographical',
        deletedFrames: [], validationMode: t.validation_mode === 'gt' || t.validation_mode === 'gt_pool' ? t.validation_mode : null, frames: [],
      })
    }
  }
  // Parents first: a consensus replica shares its parent's segment.
  const jobs = [...(a.jobs ?? [])].sort((x, y) => (x.parent_job_id === null ? 0 : 1) - (y.parent_job_id === null ? 0 : 1) || x.id - y.id)
  for (const j of jobs) {
    if (!e.tasks.some((t) => t.id === j.task_id)) {
      problems.push(`job ${j.id}: unknown task ${j.task_id}`)
      continue
    }
    const parent = j.parent_job_id != null ? e.jobs.find((x) => x.id === j.parent_job_id) : undefined
    let segmentId = parent?.segmentId
    if (segmentId === undefined) {
      const gt = j.type === 'ground_truth'
      const seg = { id: nextId(e, 'segment'), taskId: j.task_id, startFrame: j.start_frame ?? 0, stopFrame: j.stop_frame ?? 0, type: gt ? ('specific_frames' as const) : ('range' as const), frames: [], ...(gt && j.frame_count !== undefined ? { frameCount: j.frame_count } : {}) }
      e.segments.push(seg)
      segmentId = seg.id
    }
    const job = newJob(e, segmentId, j.task_id, pick(j.type, ['annotation', 'ground_truth', 'consensus_replica'] as const, 'annotation'), parent?.id ?? null, time(j.created_date, now), j.id)
    Object.assign(job, {
      assigneeId: userId(s, j.assignee), assigneeUpdatedDate: maybeTime(j.assignee_updated_date), status: pick(j.status, STATUS, 'annotation'),
      stage: pick(j.stage, ['annotation', 'validation', 'acceptance'] as const, 'annotation'), state: pick(j.state, ['new', 'in progress', 'completed', 'rejected'] as const, 'new'), updatedDate: time(j.updated_date, now),
    })
  }
  e.jobs.sort((x, y) => x.id - y.id)
  for (const l of [...(a.labels ?? [])].sort((x, y) => x.id - y.id)) {
    const owner = { projectId: l.project_id ?? null, taskId: l.task_id ?? null }
    if (!(owner.projectId !== null ? e.projects.some((p) => p.id === owner.projectId) : e.tasks.some((t) => t.id === owner.taskId))) problems.push(`label ${l.id}: unknown project or task`)
    else addLabel(s, l, owner, null)
  }
  for (const [id, data] of Object.entries(a.annotations?.job ?? {})) {
    if (!e.jobs.some((j) => String(j.id) === id) || !isLabeledData(data)) problems.push(`annotations of job ${id}: unknown job or not LabeledData`)
    else {
      try {
        const copy: JobAnnotations = JSON.parse(JSON.stringify({ tags: data.tags, shapes: data.shapes, tracks: data.tracks }))
        e.annotations.set(Number(id), copy)
        countIds(s, copy)
      } catch {
        problems.push(`annotations of job ${id}: nested too deeply to copy`)
      }
    }
  }
  for (const i of [...(a.issues ?? [])].sort((x, y) => x.id - y.id)) {
    if (!e.jobs.some((j) => j.id === i.job)) problems.push(`issue ${i.id}: unknown job ${i.job}`)
    else e.issues.push({ id: nextId(e, 'issue', i.id), jobId: i.job, frame: i.frame ?? 0, position: [...(i.position ?? [])], ownerId: userId(s, i.owner), assigneeId: userId(s, i.assignee), resolved: i.resolved ?? false, createdDate: time(i.created_date, now), updatedDate: time(i.updated_date, now) })
  }
  for (const c of [...(a.comments ?? [])].sort((x, y) => x.id - y.id)) {
    if (!e.issues.some((i) => i.id === c.issue)) problems.push(`comment ${c.id}: unknown issue ${c.issue}`)
    else e.comments.push({ id: nextId(e, 'comment', c.id), issueId: c.issue, ownerId: userId(s, c.owner), message: c.message ?? '', createdDate: time(c.created_date, now), updatedDate: time(c.updated_date, now) })
  }
}

