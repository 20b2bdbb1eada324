/**
 * `cvat-fp tasks ls | create | frames`, as cvat-cli's (commands_tasks.py at 2.73.0): `create`
 * takes the same options (our dashes, or cvat-cli's underscores) and prints the new task's id;
 * the data goes by `tasksCreateFromData`, so local files travel by CVAT's upload protocol and a
 * task whose data fails is deleted again (or kept with `--keep-on-failure`).
 */
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type DataRequest,
  type Download,
  type TaskRead,
  type UploadFile,
  TaskWriteRequest,
  listAll,
  tasksCreateFromData,
  tasksImportAnnotations,
  tasksList,
  tasksRetrieveData,
} from '../index'
import { bytes, progressBar } from './bar'
import { type Session, type Values, count, flag, idArg, text } from './command'
import { type Exit, type Fault, type Io, type Usage, cell, faultOf, isFault, isUsage, table, usage } from './context'
import { checkedBy, labelsArg, openLocal, save } from './files'
import { report, workflowFault } from './resources'

/** `tasks ls`: every task you can see (in `--org`'s context when given), as a table or JSON. */
export const tasksLs = async (s: Session, plan: { readonly projectId?: number }): Promise<Exit | Fault> => {
  const r = await listAll(tasksList, s.client, { ...s.org, pageSize: 100, ...(plan.projectId === undefined ? {} : { projectId: plan.projectId }) })()
  if (r._tag === 'Left') return faultOf(r.left)
  if (s.json) return report(s, '', r.right)
  const rows = r.right.map((t: TaskRead) => [String(t.id), cell(t.name ?? '', 40), t.project_id == null ? '-' : String(t.project_id), t.status ?? '-', String(t.size ?? 0), String(t.jobs?.count ?? 0), cell(t.owner?.username ?? '-', 16)])
  s.io.out(`${table(['ID', 'NAME', 'PROJECT', 'STATUS', 'FRAMES', 'JOBS', 'OWNER'], rows)}\n${r.right.length} task${r.right.length === 1 ? '' : 's'}\n`)
  return 0
}

/** Parses `tasks ls [--project-id N]`. */
export const parseTasksLs = (_io: Io, v: Values): { readonly projectId?: number } | Usage => {
  const projectId = count(v, 'project-id')
  return isUsage(projectId) ? projectId : projectId === undefined ? {} : { projectId }
}

const RESOURCE_TYPES = ['local', 'remote', 'share'] as const
type ResourceType = (typeof RESOURCE_TYPES)[number]
const isResourceType = (t: string | undefined): t is ResourceType => RESOURCE_TYPES.some((r) => r === t)
const SORTING = ['lexicographical', 'natural', 'predefined', 'random'] as const

interface CreatePlan {
  readonly spec: TaskWriteRequest
  readonly data: Omit<DataRequest, 'client_files' | 'server_files' | 'remote_files'>
  readonly kind: ResourceType
  readonly files: ReadonlyArray<UploadFile>
  readonly urls: ReadonlyArray<string>
  readonly annotations?: { readonly file: UploadFile; readonly path: string; readonly format: string }
  readonly keep: boolean
}

// The integer flags, to the request that takes each: the task's, or the data's.
const TASK_INTS = { 'segment-size': 'segment_size', overlap: 'overlap', 'project-id': 'project_id' } as const
const DATA_INTS = { 'image-quality': 'image_quality', 'chunk-size': 'chunk_size', 'start-frame': 'start_frame', 'stop-frame': 'stop_frame', 'cloud-storage-id': 'cloud_storage_id' } as const
// Frame numbers and the overlap start at 0; every other count at 1.
const ZERO_ALLOWED: ReadonlyArray<string> = ['overlap', 'start-frame', 'stop-frame']

/** Parses `tasks create NAME RESOURCE…` with cvat-cli's options; files are opened, nothing is sent. */
export const parseCreate = async (io: Io, v: Values, args: ReadonlyArray<string>): Promise<CreatePlan | Usage> => {
  const [name, ...given] = args
  if (name === undefined || name === '') return usage('give the task NAME and its files (or URLs, or share paths)')
  // cvat-cli writes the resource type as a word after the name: `tasks create NAME local FILE…`.
  const typed = text(v, 'resource-type')
  const positional = typed === undefined && given.length > 1 && isResourceType(given[0]) ? given[0] : undefined
  const kind = typed ?? positional ?? 'local'
  if (!isResourceType(kind)) return usage(`--resource-type must be one of ${RESOURCE_TYPES.join(', ')}, got ${JSON.stringify(kind)}`)
  const resources = positional === undefined ? given : given.slice(1)
  if (resources.length === 0) return usage(`give the task's ${kind === 'local' ? 'files' : kind === 'remote' ? 'URLs' : 'paths on the server share'}`)
  const spec: Record<string, unknown> = { name }
  const data: Record<string, unknown> = {}
  const ints = [...Object.entries(TASK_INTS).map(([f, wire]) => [f, wire, spec] as const), ...Object.entries(DATA_INTS).map(([f, wire]) => [f, wire, data] as const)]
  for (const [f, wire, into] of ints) {
    const n = ZERO_ALLOWED.includes(f) && text(v, f) === '0' ? 0 : count(v, f)
    if (isUsage(n)) return n
    if (n !== undefined) into[wire] = n
  }
  const quality = data['image_quality']
  if (typeof quality === 'number' && quality > 100) return usage(`--image-quality takes 1 to 100, got ${quality}`)
  const step = count(v, 'frame-step')
  if (isUsage(step)) return step
  if (step !== undefined) data['frame_filter'] = `step=${step}`
  const sorting = text(v, 'sorting-method')
  if (sorting !== undefined && !SORTING.some((x) => x === sorting)) return usage(`--sorting-method must be one of ${SORTING.join(', ')}, got ${JSON.stringify(sorting)}`)
  if (sorting !== undefined) data['sorting_method'] = sorting
  for (const f of ['copy-data', 'use-cache', 'use-zip-chunks'] as const) if (flag(v, f)) data[f.replace(/-/g, '_')] = true
  const pattern = text(v, 'filename-pattern')
  if (pattern !== undefined) data['filename_pattern'] = pattern
  const bug = text(v, 'bug-tracker')
  if (bug !== undefined) spec['bug_tracker'] = bug
  const labels = labelsArg(io, text(v, 'labels'))
  if (isUsage(labels)) return labels
  if (labels.labels !== undefined) spec['labels'] = labels.labels
  // CVAT refuses a task with neither labels nor a project (cvat-cli's help says the same).
  if ((labels.labels ?? []).length === 0 && spec['project_id'] === undefined) return usage('a task needs --labels or --project-id')
  const checked = checkedBy('task', TaskWriteRequest, spec)
  if (isUsage(checked)) return checked
  const files = kind === 'local' ? await openLocal(io, resources) : []
  if (isUsage(files)) return files
  const annotationPath = text(v, 'annotation-path')
  const annotation = annotationPath === undefined || annotationPath === '' ? [] : await openLocal(io, [annotationPath])
  if (isUsage(annotation)) return annotation
  return {
    spec: checked,
    data,
    kind,
    files,
    urls: kind === 'local' ? [] : resources,
    ...(annotation[0] === undefined || annotationPath === undefined ? {} : { annotations: { file: annotation[0], path: annotationPath, format: text(v, 'annotation-format') ?? 'CVAT 1.1' } }),
    keep: flag(v, 'keep-on-failure'),
  }
}

/** `tasks create`: creates the task, uploads and waits; prints the id (cvat-cli's output), or the task with --json. */
export const tasksCreate = async (s: Session, plan: CreatePlan): Promise<Exit | Fault> => {
  const bar = progressBar(s.io, s.json)
  const options = { onProgress: bar.onProgress, signal: s.signal, keepTaskOnFailure: plan.keep }
  const base = { spec: plan.spec, dataParams: plan.data, ...s.org }
  const created = await (plan.kind === 'local'
    ? tasksCreateFromData(s.client, { ...base, resources: plan.files }, options)
    : tasksCreateFromData(s.client, { ...base, resourceType: plan.kind, resources: plan.urls }, options))()
  if (created._tag === 'Left') return bar.finish(), workflowFault(created.left)
  const task = created.right
  if (plan.annotations !== undefined) {
    const a = plan.annotations
    const imported = await tasksImportAnnotations(s.client, { id: task.id, format: a.format, file: a.file }, options)()
    if (imported._tag === 'Left') return bar.finish(), workflowFault(imported.left)
  }
  bar.finish()
  return report(s, String(task.id), task)
}

// A frame's extension from its type, as Python's mimetypes.guess_extension gives it to cvat-sdk.
const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/gif': '.gif', 'image/bmp': '.bmp', 'image/tiff': '.tiff' }
const extensionOf = (d: Download): string => EXTENSIONS[(d.contentType ?? '').split(';')[0]!.trim().toLowerCase()] ?? '.bin'

interface FramesPlan {
  readonly id: number
  readonly frames: ReadonlyArray<number>
  readonly dir: string
  readonly quality: 'original' | 'compressed'
}

/** Parses `tasks frames TASK_ID FRAME… [--outdir DIR] [--quality original|compressed]`. */
export const parseFrames = (io: Io, v: Values, args: ReadonlyArray<string>): FramesPlan | Usage => {
  const [first, ...rest] = args
  const id = idArg('TASK_ID', first)
  if (isUsage(id)) return id
  if (rest.length === 0) return usage('give the frame numbers to download')
  const frames: number[] = []
  for (const f of rest) {
    if (!/^\d{1,9}$/.test(f)) return usage(`a frame number is an integer from 0, got ${JSON.stringify(f)}`)
    frames.push(Number(f))
  }
  const quality = text(v, 'quality') ?? 'original'
  if (quality !== 'original' && quality !== 'compressed') return usage(`--quality must be original or compressed, got ${JSON.stringify(quality)}`)
  const dir = resolve(io.cwd, text(v, 'outdir') ?? '')
  try {
    mkdirSync(dir, { recursive: true })
  } catch (e) {
    return usage(`cannot make ${text(v, 'outdir')} (${String((e as { code?: unknown }).code ?? 'error')})`)
  }
  return { id, frames, dir, quality }
}

/** `tasks frames`: saves each frame as task_<ID>_frame_<NNNNNN>.<ext>, as cvat-cli names them. */
export const tasksFrames = async (s: Session, plan: FramesPlan): Promise<Exit | Fault> => {
  const saved: Array<{ frame: number; path: string; bytes: number }> = []
  for (const frame of plan.frames) {
    const got = await tasksRetrieveData(s.client, { id: plan.id, type: 'frame', number: frame, quality: plan.quality })()
    if (got._tag === 'Left') return faultOf(got.left)
    const name = `task_${plan.id}_frame_${String(frame).padStart(6, '0')}${extensionOf(got.right)}`
    const r = await save(got.right, { dir: plan.dir, file: name }, name, undefined, s.signal)
    if (isFault(r)) return r
    saved.push({ frame, ...r })
    if (!s.json) s.io.out(`saved ${r.path} (${bytes(r.bytes)})\n`)
  }
  if (s.json) s.io.out(`${JSON.stringify({ id: plan.id, frames: saved }, null, 2)}\n`)
  return 0
}
