/**
 * How a task's frames become segments and jobs once its data are processed, as
 * cvat/apps/engine/task.py does it (_generate_segment_params, _create_segments_and_jobs, and the
 * tail of _create_thread that fixes `chunk_size`, `stop_frame` and `mode`). Part 2 (uploads)
 * calls `attachFrames` after reading the media; seeding and the demo call it too.
 */
import { type EmulatedData, type EmulatedFrame, type EmulatedJob, type EmulatedTask, type EngineState, dataOf, nextId } from './model'

/** A segment to create: a range of relative frames, both ends included. */
export interface PlannedSegment {
  readonly start: number
  readonly stop: number
}

/** The segmentation task.py settles on: the task's final `segment_size` and `overlap`, and the ranges. */
export interface SegmentPlan {
  readonly segmentSize: number
  readonly overlap: number
  readonly segments: ReadonlyArray<PlannedSegment>
}

/**
 * Cuts `size` frames as _generate_segment_params does (task.py lines 147–196): a segment size of
 * 0 or more than the frames means one segment; overlap defaults to 5 for video
 * (`interpolation`), 0 for images, and is at most half a segment; segments start every
 * `segment_size - overlap` frames while frames remain beyond the overlap.
 */
export const planSegments = (size: number, task: { readonly segmentSize: number; readonly overlap: number | null; readonly mode: string }): SegmentPlan => {
  const segmentSize = task.segmentSize === 0 || task.segmentSize > size ? size : task.segmentSize
  const overlap = Math.min(task.overlap ?? (task.mode === 'interpolation' ? 5 : 0), Math.floor(segmentSize / 2))
  const step = segmentSize - overlap
  const segments: PlannedSegment[] = []
  // range(0, size - overlap, step); a step of 0 happens only with no frames (size 0).
  if (step > 0) for (let start = 0; start < size - overlap; start += step) segments.push({ start, stop: Math.min(start + segmentSize - 1, size - 1) })
  return { segmentSize, overlap, segments }
}

/** Cuts by a job_file_mapping (task.py lines 151–171): one segment per job, consecutive; size and overlap become 0. */
export const planFromMapping = (jobSizes: ReadonlyArray<number>): SegmentPlan => {
  const segments: PlannedSegment[] = []
  let start = 0
  for (const n of jobSizes) {
    segments.push({ start, stop: start + n - 1 })
    start += n
  }
  return { segmentSize: 0, overlap: 0, segments }
}

/**
 * Creates the segments and jobs of a plan (task.py _create_segments_and_jobs): one annotation job
 * per segment plus `consensus_replicas` replica jobs sharing its segment; the task keeps the
 * plan's segment size and overlap.
 */
export const createSegmentsAndJobs = (e: EngineState, task: EmulatedTask, plan: SegmentPlan, now: number): EmulatedJob[] => {
  task.segmentSize = plan.segmentSize
  task.overlap = plan.overlap
  const made: EmulatedJob[] = []
  for (const p of plan.segments) {
    const segment = { id: nextId(e, 'segment'), taskId: task.id, startFrame: p.start, stopFrame: p.stop, type: 'range' as const, frames: [] }
    e.segments.push(segment)
    const job = newJob(e, segment.id, task.id, 'annotation', null, now)
    made.push(job)
    for (let i = 0; i < task.consensusReplicas; i++) made.push(newJob(e, segment.id, task.id, 'consensus_replica', job.id, now))
  }
  return made
}

/** Adds a job with the model's defaults (status annotation, stage annotation, state new). */
export const newJob = (e: EngineState, segmentId: number, taskId: number, type: EmulatedJob['type'], parentJobId: number | null, now: number, id?: number): EmulatedJob => {
  const job: EmulatedJob = { id: nextId(e, 'job', id), segmentId, taskId, assigneeId: null, assigneeUpdatedDate: null, status: 'annotation', stage: 'annotation', state: 'new', type, parentJobId, createdDate: now, updatedDate: now }
  e.jobs.push(job)
  return job
}

/** What a data request sets on the Data record before processing (DataSerializer; models.py defaults). */
export interface DataParams {
  readonly imageQuality: number
  readonly chunkSize?: number | null
  readonly startFrame?: number
  readonly stopFrame?: number
  readonly frameFilter?: string
  readonly sortingMethod?: EmulatedData['sortingMethod']
  readonly storage?: EmulatedData['storage']
  readonly storageMethod?: EmulatedData['storageMethod']
  readonly cloudStorageId?: number | null
}

/** Creates the task's Data record (views.py TaskViewSet.data → upload_finished: `Data` saved, task.data set). */
export const createData = (e: EngineState, task: EmulatedTask, p: DataParams, id?: number): EmulatedData => {
  const data: EmulatedData = {
    id: nextId(e, 'data', id),
    chunkSize: p.chunkSize ?? null,
    size: 0,
    imageQuality: p.imageQuality,
    startFrame: p.startFrame ?? 0,
    stopFrame: p.stopFrame ?? 0,
    frameFilter: p.frameFilter ?? '',
    compressedChunkType: 'imageset',
    originalChunkType: 'imageset',
    storageMethod: p.storageMethod ?? 'file_system',
    storage: p.storage ?? 'local',
    cloudStorageId: p.cloudStorageId ?? null,
    sortingMethod: p.sortingMethod ?? 'lexicographical',
    deletedFrames: [],
    validationMode: null,
    frames: [],
  }
  e.data.push(data)
  task.dataId = data.id
  return data
}

/** The frame step of `frame_filter` ("step=N"; models.py Data.get_frame_step). */
export const frameStep = (d: { readonly frameFilter: string }): number => {
  const m = /step\s*=\s*([1-9]\d*)/.exec(d.frameFilter)
  return m ? Number(m[1]) : 1
}

/** The chunk size CVAT picks for images when none was asked for (task.py lines 999–1011). */
export const defaultChunkSize = (first: { readonly width: number; readonly height: number } | undefined): number => {
  const area = first ? first.width * first.height : 0
  return area > 0 ? Math.max(2, Math.min(72, Math.floor((36 * 1920 * 1080) / area))) : 36
}

/**
 * Attaches processed image frames (already filtered by start/stop/step and sorted) to a task
 * and cuts its jobs: `mode` becomes 'annotation', `size`, `chunk_size` and `stop_frame` are
 * settled as task.py settles them, then segments and jobs are created. `jobSizes` is a
 * job_file_mapping's job lengths, when the request had one.
 */
export const attachFrames = (e: EngineState, task: EmulatedTask, frames: ReadonlyArray<EmulatedFrame>, now: number, jobSizes?: ReadonlyArray<number>): EmulatedJob[] => {
  const data = dataOf(e, task)
  if (data === undefined) return []
  data.frames = [...frames]
  data.size = frames.length
  data.compressedChunkType = 'imageset'
  data.originalChunkType = 'imageset'
  task.mode = 'annotation'
  data.chunkSize ??= defaultChunkSize(frames[0])
  // task.py lines 1391–1396: stop_frame 0 means "to the end".
  const last = data.startFrame + Math.max(0, data.size - 1) * frameStep(data)
  data.stopFrame = data.stopFrame === 0 ? last : Math.min(data.stopFrame, last)
  task.updatedDate = now
  return createSegmentsAndJobs(e, task, jobSizes ? planFromMapping(jobSizes) : planSegments(data.size, task), now)
}
