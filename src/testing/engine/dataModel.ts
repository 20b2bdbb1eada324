/**
 * A task's data and the work cut from it (cvat/apps/engine/models.py Data, Image, Segment, Job):
 * the Data record with its frames in task order, the segments that split them, and the jobs on
 * those segments. segments.ts fills them in as task.py does.
 */
/**
 * Names the deprecated status of projects, tasks and jobs (models.py StatusChoice).
 *
 * @example
 * const done: StatusChoice = 'completed'
 */
export type StatusChoice = 'annotation' | 'validation' | 'completed'

/**
 * Stores one frame of a task's media (models.py Image: path, frame, width, height).
 *
 * @example
 * const frame: EmulatedFrame = { name: 'images/0001.png', width: 640, height: 480 }
 */
export interface EmulatedFrame {
  readonly name: string
  readonly width: number
  readonly height: number
}

/**
 * Stores a task's Data record (models.py Data) and, once media are processed, its frames in order.
 *
 * @example
 * const frames = (s: EmulatorState, dataId: number) => s.engine.data.find((d) => d.id === dataId)?.frames ?? []
 */
export interface EmulatedData {
  readonly id: number
  /** `null` until processing computes it (task.py: from the first image's area). */
  chunkSize: number | null
  size: number
  imageQuality: number
  startFrame: number
  stopFrame: number
  frameFilter: string
  compressedChunkType: 'video' | 'imageset' | 'list'
  originalChunkType: 'video' | 'imageset' | 'list'
  storageMethod: 'cache' | 'file_system'
  storage: 'cloud_storage' | 'local' | 'share'
  cloudStorageId: number | null
  sortingMethod: 'lexicographical' | 'natural' | 'predefined' | 'random'
  deletedFrames: number[]
  /** ValidationLayout.mode, when the task was created with validation. */
  validationMode: 'gt' | 'gt_pool' | null
  /** The frames, in task order; empty for fixture tasks (the fixtures hold no media). */
  frames: EmulatedFrame[]
}

/**
 * Stores a Segment: a range of a task's frames (or a set of them) that one job covers.
 *
 * @example
 * const length = (g: EmulatedSegment) => (g.type === 'range' ? g.stopFrame - g.startFrame + 1 : g.frames.length)
 */
export interface EmulatedSegment {
  readonly id: number
  readonly taskId: number
  readonly startFrame: number
  readonly stopFrame: number
  readonly type: 'range' | 'specific_frames'
  /** The frames of a `specific_frames` segment (a ground-truth job); empty for a range. */
  readonly frames: ReadonlyArray<number>
  /** Frames in this segment, when a fixture says so and it cannot be derived (no media). */
  readonly frameCount?: number
}

/**
 * Stores a Job: annotation work on one segment.
 *
 * @example
 * const ofTask = (s: EmulatorState, taskId: number) => s.engine.jobs.filter((j) => j.taskId === taskId)
 */
export interface EmulatedJob {
  readonly id: number
  readonly segmentId: number
  /** The segment's task, kept here so lookups need no join. */
  readonly taskId: number
  assigneeId: number | null
  assigneeUpdatedDate: number | null
  status: StatusChoice
  stage: 'annotation' | 'validation' | 'acceptance'
  state: 'new' | 'in progress' | 'completed' | 'rejected'
  readonly type: 'annotation' | 'ground_truth' | 'consensus_replica'
  readonly parentJobId: number | null
  readonly createdDate: number
  updatedDate: number
}
