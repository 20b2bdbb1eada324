/**
 * What an export job produces from the emulator's tables (dataset_manager/task.py,
 * project.py, bindings.py TaskData/JobData/ProjectData): the `meta` block of the XML (task, job
 * or project meta and `dumped`), the per-frame view of each task, and the zip with CVAT's file
 * name (utils.py build_annotations_file_name); and what an import job does with a file: read it,
 * resolve labels, and replace the annotations (import_mode "replace").
 */
import type { EmulatorState } from '../../model'
import type { EmulatedJob, EmulatedProject, EmulatedTask, JobAnnotations } from '../model'
import { dataOf, labelsOfTask, segmentOf } from '../model'
import { readJob, writeJob } from '../annotations'
import { readTask, writeTask } from '../taskAnnotations'
import type { InData } from '../labeledData'
import { frameStep } from '../segments'
import { type Outcome, exceptionText } from '../requests/queue'
import { frameBytes, framesOf } from '../data/serve'
import type { AuthedEnv } from '../../env'
import { writeZip } from '../zip/zip'
import type { Kv } from './cvatXml'
import { exportFrames } from './frames'
import { type ResolvedData, isFailure, resolve } from './imported'
import { type ExportPart, exportFiles, importFile } from './registry'

/** Python's str(datetime) in UTC: "2026-01-01 10:00:00.123000+00:00" (no fraction when zero). */
export const pyDate = (ms: number): string => {
  const iso = new Date(ms).toISOString()
  const frac = iso.slice(20, 23)
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac === '000' ? '' : `.${frac}000`}+00:00`
}

const person = (s: EmulatorState, id: number | null): string | Kv => {
  const u = s.users.find((x) => x.id === id)
  return u ? [['username', u.username], ['email', u.email]] : ''
}

const labelsKv = (s: EmulatorState, t: EmulatedTask): Kv => {
  const labels = [...labelsOfTask(s.engine, t)].sort((a, b) => a.id - b.id)
  const all = [...labels, ...s.engine.labels.filter((l) => l.parentId !== null && labels.some((p) => p.id === l.parentId) && !labels.includes(l))].sort((a, b) => a.id - b.id)
  return all.map((l) => [
    'label',
    [
      ['name', l.name],
      ['color', l.color],
      ['type', l.type],
      ['attributes', l.attributes.map((a) => ['attribute', [['name', a.name], ['mutable', a.mutable ? 'True' : 'False'], ['input_type', a.inputType], ['default_value', a.defaultValue], ['values', a.values.join('\n')]]] as const)],
      ...(l.parentId !== null ? ([['parent', all.find((p) => p.id === l.parentId)?.name ?? '']] as const) : []),
      ...(l.type === 'skeleton' ? ([['svg', l.svg ?? '']] as const) : []),
    ],
  ])
}

const segmentsKv = (env: AuthedEnv, t: EmulatedTask, only?: EmulatedJob): Kv =>
  env.s.engine.segments
    .filter((g) => g.taskId === t.id)
    .flatMap((g) => {
      const j = env.s.engine.jobs.filter((x) => x.segmentId === g.id).sort((a, b) => a.id - b.id)[0]
      if (!j || j.type !== 'annotation' || (only && only.segmentId !== g.id)) return []
      return [['segment', [['id', String(g.id)], ['start', String(g.startFrame)], ['stop', String(g.stopFrame)], ['url', `${env.origin}/api/jobs/${only?.id ?? j.id}`]]] as const]
    })

/** TaskData.meta_for_task (with labels). */
export const taskMeta = (env: AuthedEnv, t: EmulatedTask): Kv => {
  const data = dataOf(env.s.engine, t)
  return [
    ['id', String(t.id)],
    ['name', t.name],
    ['size', String(data?.size ?? 0)],
    ['mode', t.mode],
    ['overlap', String(t.overlap ?? 'None')],
    ['bugtracker', t.bugTracker],
    ['created', pyDate(t.createdDate)],
    ['updated', pyDate(t.updatedDate)],
    ['subset', t.subset || 'default'],
    ['start_frame', String(data?.startFrame ?? 0)],
    ['stop_frame', String(data?.stopFrame ?? 0)],
    ['frame_filter', data?.frameFilter ?? ''],
    ['segments', segmentsKv(env, t)],
    ['owner', person(env.s, t.ownerId)],
    ['assignee', person(env.s, t.assigneeId)],
    ['labels', labelsKv(env.s, t)],
  ]
}

const jobMeta = (env: AuthedEnv, t: EmulatedTask, j: EmulatedJob): Kv => {
  const data = dataOf(env.s.engine, t)
  const g = segmentOf(env.s.engine, j)
  const step = data ? frameStep(data) : 1
  return [
    ['id', String(j.id)],
    ['size', String(g ? g.stopFrame - g.startFrame + 1 : 0)],
    ['mode', t.mode],
    ['overlap', String(t.overlap ?? 'None')],
    ['bugtracker', t.bugTracker],
    ['created', pyDate(t.createdDate)],
    ['updated', pyDate(j.updatedDate)],
    ['subset', t.subset || 'default'],
    ['start_frame', String((data?.startFrame ?? 0) + (g?.startFrame ?? 0) * step)],
    ['stop_frame', String((data?.startFrame ?? 0) + (g?.stopFrame ?? 0) * step)],
    ['frame_filter', data?.frameFilter ?? ''],
    ['segments', segmentsKv(env, t, j)],
    ['owner', person(env.s, t.ownerId)],
    ['assignee', person(env.s, j.assigneeId)],
    ['labels', labelsKv(env.s, t)],
  ]
}

const partOf = (env: AuthedEnv, t: EmulatedTask, a: JobAnnotations, start: number, stop: number, subset: string): ExportPart => {
  const data = dataOf(env.s.engine, t)
  const step = data ? frameStep(data) : 1
  const labels = [...labelsOfTask(env.s.engine, t), ...env.s.engine.labels.filter((l) => l.parentId !== null)]
  const frames = exportFrames({ labels, frames: data ? framesOf(data) : [], annotations: a, start, stop, deleted: new Set(data?.deletedFrames ?? []), abs: (i) => (data?.startFrame ?? 0) + i * step })
  return { frames, subset, taskId: t.id, image: (idx) => (data ? frameBytes(env, data, idx)?.bytes : undefined) }
}

/** What an export is of. */
export type ExportTarget = { readonly kind: 'task'; readonly t: EmulatedTask } | { readonly kind: 'job'; readonly j: EmulatedJob; readonly t: EmulatedTask } | { readonly kind: 'project'; readonly p: EmulatedProject }

/** The "%Y_%m_%d_%H_%M_%S" stamp of an object's last update. */
export const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, '_')

/** Runs an export job: the archive and its file name (2.73 names by id; 2.26 by name for tasks and projects). */
export const runExport = (env: AuthedEnv, target: ExportTarget, format: string, saveImages: boolean): Outcome => {
  const e = env.s.engine
  const now = env.config.now()
  let meta: Kv
  let parts: ExportPart[]
  let labels
  if (target.kind === 'project') {
    const tasks = e.tasks.filter((t) => t.projectId === target.p.id && dataOf(e, t)).sort((a, b) => a.id - b.id)
    const subsets = [...new Set(tasks.map((t) => t.subset || 'default'))]
    meta = [['project', [['id', String(target.p.id)], ['name', target.p.name], ['bugtracker', target.p.bugTracker], ['created', pyDate(target.p.createdDate)], ['updated', pyDate(target.p.updatedDate)], ['tasks', tasks.map((t) => ['task', taskMeta(env, t).filter(([k]) => k !== 'labels')] as const)], ['subsets', subsets.join('\n')], ['owner', person(env.s, target.p.ownerId)], ['assignee', person(env.s, target.p.assigneeId)], ['labels', tasks[0] ? labelsKv(env.s, tasks[0]) : []]]], ['dumped', pyDate(now)]]
    parts = tasks.map((t) => partOf(env, t, readTask(e, t), 0, (dataOf(e, t)?.size ?? 1) - 1, t.subset || 'default'))
    labels = e.labels.filter((l) => l.projectId === target.p.id).sort((a, b) => a.id - b.id)
  } else {
    const t = target.t
    const data = dataOf(e, t)
    if (target.kind === 'job') {
      const g = segmentOf(e, target.j)
      meta = [['job', jobMeta(env, t, target.j)], ['dumped', pyDate(now)]]
      parts = [partOf(env, t, readJob(e, t, target.j), g?.startFrame ?? 0, g?.stopFrame ?? -1, t.subset || 'default')]
    } else {
      meta = [['task', taskMeta(env, t)], ['dumped', pyDate(now)]]
      parts = [partOf(env, t, readTask(e, t), 0, (data?.size ?? 0) - 1, t.subset || 'default')]
    }
    labels = [...labelsOfTask(e, t)].sort((a, b) => a.id - b.id)
  }
  const files = exportFiles(format, labels, meta, parts, saveImages, target.kind === 'project')
  const id = target.kind === 'project' ? target.p.id : target.kind === 'job' ? target.j.id : target.t.id
  const name = target.kind === 'project' ? target.p.name : target.kind === 'job' ? target.j.id : target.t.name
  const updated = target.kind === 'project' ? target.p.updatedDate : target.kind === 'job' ? target.j.updatedDate : target.t.updatedDate
  const ident = env.config.serverVersion === '2.73' ? id : name
  const filename = `${target.kind}_${ident}_${saveImages ? 'dataset' : 'annotations'}_${stamp(updated)}_${format}.zip`.toLowerCase()
  return { ok: true, file: { bytes: writeZip(files, now), filename } }
}

const toIn = (r: ResolvedData): InData => ({
  tags: r.tags.map((t) => ({ id: null, ...t })),
  shapes: r.shapes.map((s) => ({ id: null, ...s, elements: s.elements.map((x) => ({ id: null, ...x, elements: [] })) })),
  tracks: r.tracks.map((t) => ({ id: null, frame: t.frame, label_id: t.label_id, group: t.group, source: t.source, attributes: t.attributes, shapes: t.shapes.map((s) => ({ id: null, type: s.type, occluded: s.occluded, outside: s.outside, z_order: s.z_order, rotation: s.rotation, points: s.points, frame: s.frame, attributes: s.attributes })) })),
})

/** Runs an annotation import into a task or a job: read, resolve, replace. */
export const runImport = (env: AuthedEnv, target: { readonly t: EmulatedTask; readonly j?: EmulatedJob }, format: string, bytes: Uint8Array, maxBytes: number, subset?: string): Outcome => {
  const e = env.s.engine
  const t = target.t
  const data = dataOf(e, t)
  const frames = data ? framesOf(data) : []
  const step = data ? frameStep(data) : 1
  const stem = (n: string) => n.replace(/\.[^./]*$/, '')
  // bindings.py match_dm_item: the file name (without extension), then the frame number in `id`.
  const match = (name: string, id: string | undefined, sub?: string): number | undefined | null => {
    // A project import reads one subset per task: other subsets' images are skipped.
    if (subset !== undefined && sub !== undefined && sub !== subset) return null
    const i = frames.findIndex((f) => stem(f.name) === stem(name))
    if (i >= 0) return i
    const n = id ?? stem(name)
    if (!/^\d+$/.test(n)) return undefined
    const rel = (Number(n) - (data?.startFrame ?? 0)) / step
    return Number.isInteger(rel) && rel >= 0 && rel < frames.length ? rel : undefined
  }
  const read = importFile(format, bytes, match, maxBytes, subset)
  if (isFailure(read)) return { ok: false, message: read.message }
  const labels = [...labelsOfTask(e, t), ...e.labels.filter((l) => l.parentId !== null)]
  const resolved = resolve(read, labels)
  if (isFailure(resolved)) return { ok: false, message: resolved.message }
  const now = env.config.now()
  const written = target.j ? writeJob(e, t, target.j, toIn(resolved), 'put', now) : writeTask(e, t, toIn(resolved), 'put', now)
  return '_tag' in written ? { ok: false, message: exceptionText('rest_framework.exceptions.ValidationError', JSON.stringify(written.body)) } : { ok: true }
}
