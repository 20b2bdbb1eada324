/**
 * Annotations stored per job, as cvat/apps/dataset_manager/task.py JobAnnotation keeps them:
 * label and attribute ids checked against the task's labels, ids given out (or kept when sent,
 * a taken one being PostgreSQL's duplicate-key 400), track frames corrected, default attribute
 * values filled in on read, `version` always 0 (task.py: "FIXME: should be removed").
 */
import { type Or, invalid, isReply, json } from '../http'
import type { InData, InShape, InTrack, InTrackedShape } from './labeledData'
import type { AttributeVal, EmulatedJob, EmulatedLabel, EmulatedTask, EngineState, JobAnnotations, Shape, Tag, Track, TrackedShape } from './model'
import { dataOf, labelsOfTask, nextId } from './model'

/** An empty LabeledData body (version 0). */
export const emptyData = (): JobAnnotations => ({ tags: [], shapes: [], tracks: [] })

const stored = (e: EngineState, jobId: number): JobAnnotations => {
  let a = e.annotations.get(jobId)
  if (!a) e.annotations.set(jobId, (a = emptyData()))
  return a
}

/** Every label a job's annotations may use: its task's (or project's) labels and their sublabels. */
export const labelsFor = (e: EngineState, t: EmulatedTask): Map<number, EmulatedLabel> => {
  const top = labelsOfTask(e, t)
  const ids = new Set(top.map((l) => l.id))
  return new Map(e.labels.filter((l) => ids.has(l.id) || (l.parentId !== null && ids.has(l.parentId))).map((l) => [l.id, l]))
}

type Kind = 'all' | 'mutable' | 'immutable'

// JobAnnotation._validate_label_for_existence / _validate_attribute_for_existence.
const check = (labels: Map<number, EmulatedLabel>, labelId: number, attrs: ReadonlyArray<AttributeVal>, kind: Kind): Or<undefined> => {
  const label = labels.get(labelId)
  if (!label) return invalid(`label_id \`${labelId}\` is invalid`)
  for (const a of attrs) {
    const spec = label.attributes.find((x) => x.id === a.spec_id)
    if (!spec || (kind === 'mutable' && !spec.mutable) || (kind === 'immutable' && spec.mutable)) return invalid(`spec_id \`${a.spec_id}\` is invalid`)
  }
  return undefined
}

export const validate = (labels: Map<number, EmulatedLabel>, d: InData): Or<undefined> => {
  for (const t of d.tags) {
    const r = check(labels, t.label_id, t.attributes, 'all')
    if (r) return r
  }
  const shapes = (xs: ReadonlyArray<InShape>): Or<undefined> => {
    for (const s of xs) {
      const r = check(labels, s.label_id, s.attributes, 'all') ?? shapes(s.elements ?? [])
      if (r) return r
    }
    return undefined
  }
  const tracks = (xs: ReadonlyArray<InTrack>): Or<undefined> => {
    for (const t of xs) {
      const r = check(labels, t.label_id, t.attributes, 'immutable') ?? t.shapes.map((s) => check(labels, t.label_id, s.attributes, 'mutable')).find(isReply) ?? tracks(t.elements ?? [])
      if (r) return r
    }
    return undefined
  }
  return shapes(d.shapes) ?? tracks(d.tracks)
}

type Table = 'tag' | 'shape' | 'track' | 'trackedShape'
const TABLES: Readonly<Record<Table, string>> = { tag: 'engine_labeledimage', shape: 'engine_labeledshape', track: 'engine_labeledtrack', trackedShape: 'engine_trackedshape' }

// Every id in use per table, across all jobs (primary keys are global).
const usedIds = (e: EngineState): Record<Table, Set<number>> => {
  const used: Record<Table, Set<number>> = { tag: new Set(), shape: new Set(), track: new Set(), trackedShape: new Set() }
  const shapes = (xs: ReadonlyArray<Shape>) => xs.forEach((s) => (used.shape.add(s.id), shapes(s.elements ?? [])))
  const tracks = (xs: ReadonlyArray<Track>) => xs.forEach((t) => (used.track.add(t.id), t.shapes.forEach((s) => used.trackedShape.add(s.id)), tracks(t.elements ?? [])))
  for (const a of e.annotations.values()) {
    a.tags.forEach((t) => used.tag.add(t.id))
    shapes(a.shapes)
    tracks(a.tracks)
  }
  return used
}

/** Postgres's text for a duplicate primary key, which CVAT returns as a 400 string (views.py: IntegrityError). */
const duplicate = (table: Table, id: number) => json(400, `duplicate key value violates unique constraint "${TABLES[table]}_pkey"\nDETAIL:  Key (id)=(${id}) already exists.\n`)

// JobAnnotation._correct_frame_of_tracked_shapes: a track starts at its first keyframe, or gets an outside one.
const correctFrames = (t: InTrack, parentFrame?: number): InTrack => {
  const frame = parentFrame !== undefined && parentFrame < t.frame ? parentFrame : t.frame
  const sorted = [...t.shapes].sort((a, b) => a.frame - b.frame)
  const first = sorted[0]
  let shapes: InTrackedShape[] = t.shapes
  let start = frame
  if (first && frame < first.frame) {
    if (first.type === 'skeleton') shapes = t.shapes.map((s) => (s === first ? { ...s, frame } : s))
    else shapes = [...t.shapes, { ...first, id: null, frame, outside: true }]
  } else if (first && first.frame < frame) start = first.frame
  return { ...t, frame: start, shapes, ...(t.elements ? { elements: t.elements.map((x) => correctFrames(x, start)) } : {}) }
}

/** Creates annotations in a job (JobAnnotation._create): ids kept when sent, else new; returns what was created. */
const create = (e: EngineState, job: EmulatedJob, d: InData): Or<JobAnnotations> => {
  const used = usedIds(e)
  let clash: Or<undefined>
  const id = (table: Table, given: number | null): number => {
    if (given !== null && used[table].has(given)) clash ??= duplicate(table, given)
    const out = given ?? nextId(e, table)
    if (given !== null) nextId(e, table, Math.max(given, e.ids[table]))
    used[table].add(out)
    return out
  }
  const tags: Tag[] = d.tags.map((t) => ({ ...t, id: id('tag', t.id) }))
  const shape = (s: InShape, top: boolean): Shape => {
    const { elements, ...rest } = s
    return { ...rest, points: s.points ?? [], id: id('shape', s.id), ...(elements?.length || top ? { elements: (elements ?? []).map((x) => shape(x, false)) } : {}) }
  }
  const tracked = (s: InTrackedShape): TrackedShape => ({ ...s, points: s.points ?? [], id: id('trackedShape', s.id) })
  const track = (t: InTrack, top: boolean): Track => {
    const { elements, ...rest } = t
    return { ...rest, id: id('track', t.id), shapes: t.shapes.map(tracked), ...(elements?.length || top ? { elements: (elements ?? []).map((x) => track(x, false)) } : {}) }
  }
  const made = { tags, shapes: d.shapes.map((s) => shape(s, true)), tracks: d.tracks.map((t) => track(correctFrames(t), true)) }
  if (clash) return clash
  const a = stored(e, job.id)
  a.tags.push(...made.tags)
  a.shapes.push(...made.shapes)
  a.tracks.push(...made.tracks)
  return made
}

const isEmpty = (d: { readonly tags: ReadonlyArray<unknown>; readonly shapes: ReadonlyArray<unknown>; readonly tracks: ReadonlyArray<unknown> }) =>
  d.tags.length === 0 && d.shapes.length === 0 && d.tracks.length === 0

// JobAnnotation._set_updated_date: the job, its task and its project are touched.
const touch = (e: EngineState, job: EmulatedJob, now: number) => {
  job.updatedDate = now
  const t = e.tasks.find((x) => x.id === job.taskId)
  if (t) t.updatedDate = now
  const p = t && e.projects.find((x) => x.id === t.projectId)
  if (p) p.updatedDate = now
}

/** Removes objects by id from a job (JobAnnotation._delete with data: a shape's elements go with it). */
const removeIds = (a: JobAnnotations, d: { readonly tags: ReadonlyArray<{ readonly id: number | null }>; readonly shapes: ReadonlyArray<{ readonly id: number | null }>; readonly tracks: ReadonlyArray<{ readonly id: number | null }> }) => {
  const ids = (xs: ReadonlyArray<{ readonly id: number | null }>) => new Set(xs.map((x) => x.id))
  const tags = ids(d.tags)
  const shapes = ids(d.shapes)
  const tracks = ids(d.tracks)
  a.tags = a.tags.filter((t) => !tags.has(t.id))
  a.shapes = a.shapes.filter((s) => !shapes.has(s.id)).map((s) => (s.elements ? { ...s, elements: s.elements.filter((x) => !shapes.has(x.id)) } : s))
  a.tracks = a.tracks.filter((t) => !tracks.has(t.id)).map((t) => (t.elements ? { ...t, elements: t.elements.filter((x) => !tracks.has(x.id)) } : t))
}

/** The PATCH actions (dataset_manager/task.py PatchAction). */
export type PatchAction = 'create' | 'update' | 'delete'

/** Writes one job's annotations: PUT (replace), or PATCH create/update/delete; answers what CVAT answers. */
export const writeJob = (e: EngineState, task: EmulatedTask, job: EmulatedJob, d: InData, action: PatchAction | 'put', now: number): Or<JobAnnotations> => {
  if (action !== 'delete') {
    // JobAnnotation._validate_input_annotations: honeypot tasks take no tracks.
    if (d.tracks.length > 0 && dataOf(e, task)?.validationMode === 'gt_pool') return invalid('Tracks are not supported when task validation mode is gt_pool')
    const bad = validate(labelsFor(e, task), d)
    if (bad) return bad
  }
  const a = stored(e, job.id)
  const before = { tags: a.tags, shapes: a.shapes, tracks: a.tracks }
  if (action === 'put') Object.assign(a, emptyData())
  if (action === 'update' || action === 'delete') removeIds(a, d)
  const out: Or<JobAnnotations> = action === 'delete' ? { tags: d.tags as Tag[], shapes: d.shapes as Shape[], tracks: d.tracks as Track[] } : create(e, job, d)
  if (isReply(out)) {
    Object.assign(a, before)
    return out
  }
  if (!isEmpty(out) || (action === 'put' && !isEmpty(before))) touch(e, job, now)
  return out
}

/** Deletes every annotation of a job (delete_job_data). */
export const clearJob = (e: EngineState, job: EmulatedJob, now: number): void => {
  const a = e.annotations.get(job.id)
  if (a && !isEmpty(a)) touch(e, job, now)
  e.annotations.delete(job.id)
}

// JobAnnotation._extend_attributes: missing attributes get the label's default values.
const extend = (attrs: ReadonlyArray<AttributeVal>, defaults: ReadonlyArray<AttributeVal>): AttributeVal[] => [...attrs, ...defaults.filter((d) => !attrs.some((a) => a.spec_id === d.spec_id))]

const defaults = (labels: Map<number, EmulatedLabel>, labelId: number, kind: Kind): AttributeVal[] =>
  (labels.get(labelId)?.attributes ?? []).filter((a) => kind === 'all' || a.mutable === (kind === 'mutable')).map((a) => ({ spec_id: a.id, value: a.defaultValue }))

const byFrame = <A extends { readonly frame: number }>(xs: ReadonlyArray<A>): A[] => xs.map((x, i) => ({ x, i })).sort((p, q) => p.x.frame - q.x.frame || p.i - q.i).map((p) => p.x)

/** Reads a job's annotations as GET serves them (JobAnnotation.init_from_db): sorted by frame, tracks by id, default attributes filled in. */
export const readJob = (e: EngineState, task: EmulatedTask, job: EmulatedJob): JobAnnotations => {
  const a = e.annotations.get(job.id) ?? emptyData()
  const labels = labelsFor(e, task)
  const shape = (s: Shape): Shape => ({ ...s, attributes: extend(s.attributes, defaults(labels, s.label_id, 'all')), ...(s.type === 'skeleton' ? { points: [] } : {}), ...(s.elements ? { elements: s.elements.map(shape) } : {}) })
  const track = (t: Track): Track => {
    let carried = defaults(labels, t.label_id, 'mutable')
    const shapes = byFrame(t.shapes).map((s) => {
      const attributes = extend(s.attributes, carried)
      carried = attributes
      return { ...s, attributes, ...(s.type === 'skeleton' ? { points: [] } : {}) }
    })
    return { ...t, attributes: extend(t.attributes, defaults(labels, t.label_id, 'immutable')), shapes, ...(t.elements ? { elements: t.elements.map(track) } : {}) }
  }
  return {
    tags: byFrame(a.tags).map((t) => ({ ...t, attributes: extend(t.attributes, defaults(labels, t.label_id, 'all')) })),
    shapes: byFrame(a.shapes).map(shape),
    tracks: [...a.tracks].sort((p, q) => p.id - q.id).map(track),
  }
}
