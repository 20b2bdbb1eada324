/**
 * A task's annotations, as cvat/apps/dataset_manager/task.py TaskAnnotation and annotation.py
 * (AnnotationIR.slice, AnnotationManager.merge) serve them: the annotation jobs' (plus the
 * ground-truth job's in `gt_pool` validation), sliced to each job's frames on write and merged on
 * read. Two simplifications: polygons and polylines cut at a job boundary hold their last keyframe
 * (CVAT reshapes them point by point), and objects in an overlap are united when equal (CVAT
 * matches them by IoU).
 */
import { type Or, invalid, isReply } from '../http'
import { type PatchAction, emptyData, labelsFor, readJob, validate, writeJob } from './annotations'
import type { InData, InTrack, InTrackedShape } from './labeledData'
import type { EmulatedJob, EmulatedTask, EngineState, JobAnnotations, Track } from './model'
import { dataOf, segmentOf } from './model'

/** The jobs holding a task's annotations (TaskAnnotation.__init__): annotation jobs, plus the ground-truth job in gt_pool mode. */
export const taskJobs = (e: EngineState, task: EmulatedTask): EmulatedJob[] => {
  const pool = dataOf(e, task)?.validationMode === 'gt_pool'
  return e.jobs.filter((j) => j.taskId === task.id && (j.type === 'annotation' || (pool && j.type === 'ground_truth'))).sort((a, b) => a.id - b.id)
}

const sameGeometry = (a: { readonly label_id?: number; readonly frame: number }, b: { readonly label_id?: number; readonly frame: number }): boolean => {
  const strip = (x: object) => JSON.stringify({ ...x, id: 0, attributes: [], elements: [], shapes: [] })
  return strip(a) === strip(b)
}

// TrackManager._modify_unmatched_object: a track still visible at the next job's start ends there (outside), its elements too.
const closeTrack = (t: Track, end: number): Track => {
  const last = t.shapes[t.shapes.length - 1]
  if (!last || last.outside) return t
  return { ...t, shapes: [...t.shapes, { ...last, frame: end, outside: true }], ...(t.elements ? { elements: t.elements.map((x) => closeTrack(x, end)) } : {}) }
}

// TrackManager._unite_objects: the earlier track takes the other's keyframes by frame.
const unite = (a: Track, b: Track): Track => {
  const first = a.frame <= b.frame ? a : b
  const shapes = new Map(a.shapes.map((s) => [s.frame, s]))
  for (const s of b.shapes) if (!shapes.has(s.frame)) shapes.set(s.frame, s)
  return { ...first, frame: Math.min(a.frame, b.frame), shapes: [...shapes.values()].sort((x, y) => x.frame - y.frame) }
}

const mergeTracks = (into: JobAnnotations, incoming: ReadonlyArray<Track>, start: number, overlap: number): void => {
  const end = start + overlap
  // TrackManager._get_objects_by_frame: old tracks still visible (or ending) at the job's start.
  const olds = into.tracks.flatMap((t, i) => {
    const last = t.shapes[t.shapes.length - 1]
    return last && (last.frame >= start || !last.outside) ? [i] : []
  })
  const inter = incoming.filter((t) => t.frame < end)
  into.tracks.push(...incoming.filter((t) => t.frame >= end))
  const matched = new Set<number>()
  for (const t of olds.length > 0 ? inter : []) {
    const i = olds.find((k) => !matched.has(k) && into.tracks[k]!.label_id === t.label_id && into.tracks[k]!.shapes.some((s) => t.shapes.some((x) => x.frame === s.frame && sameGeometry(s, x))))
    if (i === undefined) into.tracks.push(t)
    else {
      matched.add(i)
      into.tracks[i] = unite(into.tracks[i]!, t)
    }
  }
  if (olds.length === 0) into.tracks.push(...inter)
  for (const i of olds) if (!matched.has(i)) into.tracks[i] = closeTrack(into.tracks[i]!, end)
}

/** AnnotationManager.merge, simplified: tags and shapes before `start + overlap` are dropped when an equal one is there; tracks are united or closed. */
const merge = (into: JobAnnotations, d: JobAnnotations, start: number, overlap: number): void => {
  const keep = <A extends { readonly frame: number }>(olds: ReadonlyArray<A>, x: A) => x.frame >= start + overlap || !olds.some((o) => o.frame >= start && sameGeometry(o, x))
  into.tags.push(...d.tags.filter((t) => keep(into.tags, t)))
  into.shapes.push(...d.shapes.filter((s) => keep(into.shapes, s)))
  mergeTracks(into, d.tracks, start, overlap)
}

/** Reads a task's annotations: its jobs' merged in job order, with the task's overlap. */
export const readTask = (e: EngineState, task: EmulatedTask): JobAnnotations => {
  const out = emptyData()
  for (const j of taskJobs(e, task)) merge(out, readJob(e, task, j), segmentOf(e, j)?.startFrame ?? 0, task.overlap ?? 0)
  return out
}

// AnnotationIR._is_track_inside: a track is in a range if it is visible somewhere in it.
const trackInside = (t: InTrack, start: number, stop: number): boolean => {
  if (t.elements && t.elements.length > 0) return t.elements.some((x) => trackInside(x, start, stop))
  let prev: InTrackedShape | undefined
  for (const s of t.shapes) {
    if (s.frame === start && s.outside) {
      prev = s
      continue
    }
    if (prev && !prev.outside && Math.min(s.frame, stop) - Math.max(prev.frame, start) >= 0) return true
    prev = s
  }
  return prev !== undefined && !prev.outside && prev.frame <= stop
}

type Keyed = InTrackedShape & { readonly keyframe: boolean }

// TrackManager.get_interpolated_shapes: every frame from the track's start to `end` (exclusive);
// boxes, ellipses, cuboids, skeletons and single points move linearly between keyframes, other
// shapes (polygons, polylines) hold the previous keyframe (CVAT reshapes them point by point).
const interpolated = (t: InTrack, end: number): Keyed[] => {
  const out: Keyed[] = []
  const linear = (a: InTrackedShape, b: InTrackedShape) =>
    a.type === b.type && (['rectangle', 'ellipse', 'cuboid', 'skeleton'].includes(a.type) || (a.type === 'points' && a.points?.length === 2)) && a.points?.length === b.points?.length
  let prev: Keyed | undefined
  let cut = false
  for (const shape of [...t.shapes].sort((x, y) => x.frame - y.frame)) {
    if (prev && !prev.outside)
      for (let f = prev.frame + 1; f < shape.frame && f < end; f++) {
        const k = (f - prev.frame) / (shape.frame - prev.frame)
        const from = prev
        out.push({ ...from, id: null, frame: f, keyframe: false, ...(linear(from, shape) ? { points: (from.points ?? []).map((x, i) => x + ((shape.points ?? [])[i]! - x) * k), rotation: from.rotation + (shape.rotation - from.rotation) * k } : {}) })
      }
    if ((cut = shape.frame >= end)) break
    prev = { ...shape, keyframe: true }
    out.push(prev)
  }
  // The last keyframe before `end` carries on to it, unless a later keyframe was interpolated towards.
  if (prev && !prev.outside && !cut) for (let f = prev.frame + 1; f < end; f++) out.push({ ...prev, id: null, frame: f, keyframe: false })
  return out.filter((x) => x.frame >= t.frame && (x.keyframe || !x.outside))
}

// AnnotationIR._slice_track: keyframes in range (leading outside ones dropped); when some fall
// outside, the interpolated first frame leads and the interpolated last frame closes the range.
const sliceTrack = (t: InTrack, start: number, stop: number): InTrack => {
  const inRange = <A extends { readonly frame: number; readonly outside: boolean }>(xs: ReadonlyArray<A>): A[] => {
    const kept = xs.filter((x) => x.frame >= start && x.frame <= stop)
    const lead = kept.findIndex((x) => !x.outside)
    return lead < 0 ? [] : kept.slice(lead)
  }
  let shapes: InTrackedShape[] = inRange(t.shapes)
  if (shapes.length < t.shapes.length) {
    const scoped = inRange(interpolated(t, stop + 1))
    const first = scoped[0]
    const last = scoped[scoped.length - 1]
    if (first && last) {
      const lastKey = Math.max(...t.shapes.map((x) => x.frame))
      const strip = ({ keyframe: _k, ...x }: Keyed): InTrackedShape => x
      if (!first.keyframe) shapes = [strip(first), ...shapes]
      const tail = shapes[shapes.length - 1]
      if (lastKey >= stop && JSON.stringify(last.points) !== JSON.stringify(tail?.points)) shapes = [...shapes, strip(last)]
      else if (last.keyframe && last.outside && (tail === undefined || last.frame > tail.frame)) shapes = [...shapes, strip(last)]
    }
  }
  return { ...t, frame: shapes[0]?.frame ?? t.frame, shapes, ...(t.elements ? { elements: t.elements.map((x) => sliceTrack(x, start, stop)) } : {}) }
}

/** AnnotationIR.slice: the part of a body inside a job's frames. */
export const sliceData = (d: InData, start: number, stop: number): InData => ({
  tags: d.tags.filter((t) => t.frame >= start && t.frame <= stop),
  shapes: d.shapes.filter((s) => s.frame >= start && s.frame <= stop),
  tracks: d.tracks.filter((t) => trackInside(t, start, stop)).map((t) => sliceTrack(t, start, stop)).filter((t) => t.shapes.length > 0),
})

/**
 * TaskAnnotation._preprocess_input_annotations_for_gt_pool_task: a honeypot task takes no tracks,
 * and only a PUT or a `create` may touch its validation frames (CVAT then copies them into the
 * honeypots, which the emulator, holding no placeholder frames, does not).
 */
const gtPoolProblem = (e: EngineState, task: EmulatedTask, d: InData, action: PatchAction | 'put'): ReturnType<typeof invalid> | undefined => {
  if (dataOf(e, task)?.validationMode !== 'gt_pool') return undefined
  if (d.tracks.length > 0) return invalid('Tracks are not supported when task validation mode is gt_pool')
  const gt = e.jobs.find((j) => j.taskId === task.id && j.type === 'ground_truth')
  const g = gt && segmentOf(e, gt)
  if (!g || action === 'put' || action === 'create') return undefined
  const inPool = (x: { readonly frame: number }) => x.frame >= g.startFrame && x.frame <= g.stopFrame
  return d.tags.some(inPool) || d.shapes.some(inPool) ? invalid('Annotations on validation frames can only be edited via task import or the GT job') : undefined
}

/** Writes a task's annotations job by job (TaskAnnotation._patch_data); answers the merged result. */
export const writeTask = (e: EngineState, task: EmulatedTask, d: InData, action: PatchAction | 'put', now: number): Or<JobAnnotations> => {
  if (action !== 'delete') {
    const bad = validate(labelsFor(e, task), d)
    if (bad) return bad
  }
  const pool = gtPoolProblem(e, task, d, action)
  if (pool) return pool
  const out = emptyData()
  for (const j of taskJobs(e, task)) {
    const g = segmentOf(e, j)
    const start = g?.startFrame ?? 0
    const part = writeJob(e, task, j, sliceData(d, start, g?.stopFrame ?? 0), action, now)
    if (isReply(part)) return part
    merge(out, part, start, task.overlap ?? 0)
  }
  return out
}
