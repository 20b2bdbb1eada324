/**
 * The engine's tables as CVAT's models.py holds them (cvat/apps/engine/models.py at cae4e8f7):
 * projects, tasks with their Data record, segments and jobs, labels with attributes and
 * sublabels, annotations per job, issues and comments. Times are epoch milliseconds; names are
 * camelCase, the wire names live in the renderers.
 */
import type { JobAnnotations } from './annotationModel'
import type { EmulatedData, EmulatedJob, EmulatedSegment, StatusChoice } from './dataModel'

export type { StatusChoice } from './dataModel'

/**
 * Stores a Storage row (models.py Storage): where a project's or task's imports and exports live.
 *
 * @example
 * const local: EmulatedStorage = { id: 1, location: 'local', cloudStorageId: null }
 */
export interface EmulatedStorage {
  readonly id: number
  location: 'local' | 'cloud_storage'
  cloudStorageId: number | null
}

/**
 * Stores an AttributeSpec (models.py: name ≤ 64, input_type, default_value ≤ 128, values as a list).
 *
 * @example
 * const colour: EmulatedAttribute = { id: 1, name: 'colour', mutable: false, inputType: 'select', defaultValue: 'red', values: ['red', 'blue'] }
 */
export interface EmulatedAttribute {
  readonly id: number
  name: string
  mutable: boolean
  inputType: 'checkbox' | 'radio' | 'number' | 'text' | 'select'
  defaultValue: string
  values: string[]
}

/**
 * Names CVAT's label types (models.py LabelType; `interval` from 2.73).
 *
 * @example
 * const box: LabelType = 'rectangle'
 */
export type LabelType = 'any' | 'cuboid' | 'ellipse' | 'mask' | 'points' | 'polygon' | 'polyline' | 'rectangle' | 'skeleton' | 'tag' | 'interval'

/**
 * Stores a Label: on a project or on a task (never both), or a sublabel of a skeleton (`parentId`).
 *
 * @example
 * const ofProject = (s: EmulatorState, id: number) => s.engine.labels.filter((l) => l.projectId === id && l.parentId === null)
 */
export interface EmulatedLabel {
  readonly id: number
  name: string
  color: string
  type: LabelType
  readonly projectId: number | null
  readonly taskId: number | null
  readonly parentId: number | null
  attributes: EmulatedAttribute[]
  /** The skeleton's SVG (models.py Skeleton.svg); `null` for other labels. */
  svg: string | null
}


/**
 * Stores a Project.
 *
 * @example
 * const mine = (s: EmulatorState, userId: number) => s.engine.projects.filter((p) => p.ownerId === userId)
 */
export interface EmulatedProject {
  readonly id: number
  name: string
  /** `null` once the owner is deleted (on_delete=SET_NULL). */
  ownerId: number | null
  assigneeId: number | null
  assigneeUpdatedDate: number | null
  bugTracker: string
  status: StatusChoice
  organizationId: number | null
  sourceStorage: EmulatedStorage | null
  targetStorage: EmulatedStorage | null
  readonly createdDate: number
  updatedDate: number
  guideId: number | null
}

/**
 * Stores a Task. `mode` is '' until data are attached ('annotation' for images, 'interpolation' for video).
 *
 * @example
 * const withoutData = (s: EmulatorState) => s.engine.tasks.filter((t) => t.dataId === null)
 */
export interface EmulatedTask {
  readonly id: number
  name: string
  projectId: number | null
  mode: '' | 'annotation' | 'interpolation'
  ownerId: number | null
  assigneeId: number | null
  assigneeUpdatedDate: number | null
  bugTracker: string
  readonly createdDate: number
  updatedDate: number
  /** `null` until data are attached and no overlap was asked for (TaskRead `overlap` allows null). */
  overlap: number | null
  segmentSize: number
  status: StatusChoice
  dataId: number | null
  dimension: '2d' | '3d'
  subset: string
  organizationId: number | null
  sourceStorage: EmulatedStorage | null
  targetStorage: EmulatedStorage | null
  consensusReplicas: number
  guideId: number | null
}

export type { AttributeVal, JobAnnotations, Shape, Tag, Track, TrackedShape } from './annotationModel'
export type { EmulatedData, EmulatedFrame, EmulatedJob, EmulatedSegment } from './dataModel'

/**
 * Stores an Issue on a job (models.py Issue) with its position and state.
 *
 * @example
 * const open = (s: EmulatorState) => s.engine.issues.filter((i) => !i.resolved)
 */
export interface EmulatedIssue {
  readonly id: number
  readonly jobId: number
  frame: number
  position: number[]
  ownerId: number | null
  assigneeId: number | null
  resolved: boolean
  readonly createdDate: number
  updatedDate: number
}

/**
 * Stores a Comment on an issue (models.py Comment).
 *
 * @example
 * const on = (s: EmulatorState, issueId: number) => s.engine.comments.filter((c) => c.issueId === issueId)
 */
export interface EmulatedComment {
  readonly id: number
  readonly issueId: number
  ownerId: number | null
  message: string
  readonly createdDate: number
  updatedDate: number
}

/**
 * Stores what the permission checks need of a cloud storage (models.py CloudStorage: owner and
 * organisation, both SET_NULL); the emulator serves no cloud storage endpoints.
 *
 * @example
 * const mine = (s: EmulatorState, userId: number) => s.engine.cloudStorages.filter((c) => c.ownerId === userId)
 */
export interface EmulatedCloudStorage {
  readonly id: number
  ownerId: number | null
  organizationId: number | null
}

/**
 * Holds the engine's tables and the last id given out per table.
 *
 * @example
 * const projects = createCvatEmulator().state.engine.projects
 */
export interface EngineState {
  readonly projects: EmulatedProject[]
  readonly tasks: EmulatedTask[]
  readonly data: EmulatedData[]
  readonly segments: EmulatedSegment[]
  readonly jobs: EmulatedJob[]
  readonly labels: EmulatedLabel[]
  /** Job id → its annotations; a job with none has no entry. */
  readonly annotations: Map<number, JobAnnotations>
  readonly issues: EmulatedIssue[]
  readonly comments: EmulatedComment[]
  readonly cloudStorages: EmulatedCloudStorage[]
  readonly ids: {
    project: number
    task: number
    data: number
    segment: number
    job: number
    label: number
    attribute: number
    storage: number
    /** Annotation rows: tags (LabeledImage), shapes (LabeledShape), tracks and tracked shapes. */
    tag: number
    shape: number
    track: number
    trackedShape: number
    issue: number
    comment: number
  }
}

/** Creates empty engine tables. */
export const emptyEngine = (): EngineState => ({
  projects: [],
  tasks: [],
  data: [],
  segments: [],
  jobs: [],
  labels: [],
  annotations: new Map(),
  issues: [],
  comments: [],
  cloudStorages: [],
  ids: { project: 0, task: 0, data: 0, segment: 0, job: 0, label: 0, attribute: 0, storage: 0, tag: 0, shape: 0, track: 0, trackedShape: 0, issue: 0, comment: 0 },
})

/** Gives out the next id of a table, or records a given one (seeded rows keep their ids). */
export const nextId = (e: EngineState, table: keyof EngineState['ids'], given?: number): number => {
  const id = given ?? e.ids[table] + 1
  e.ids[table] = Math.max(e.ids[table], id)
  return id
}

/** Finds a task's Data record. */
export const dataOf = (e: EngineState, t: EmulatedTask): EmulatedData | undefined =>
  t.dataId === null ? undefined : e.data.find((d) => d.id === t.dataId)

/** Finds a job's segment. */
export const segmentOf = (e: EngineState, j: EmulatedJob): EmulatedSegment | undefined => e.segments.find((g) => g.id === j.segmentId)

/** Finds the top-level labels a task uses: its project's when it is in one (models.py Task.get_labels). */
export const labelsOfTask = (e: EngineState, t: EmulatedTask): EmulatedLabel[] =>
  e.labels.filter((l) => (t.projectId !== null ? l.projectId === t.projectId : l.taskId === t.id))
