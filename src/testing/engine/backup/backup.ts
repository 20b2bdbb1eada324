/**
 * Task and project backups in cvat/apps/engine/backup.py's layout. A task backup holds
 * task.json (the task's name, bug_tracker, status, subset and labels, `version` "1.0", the data
 * parameters and the jobs' status, type and frame range), annotations.json (each job's
 * LabeledData with label and attribute names instead of ids) and data/ (the task's images); a
 * project backup holds project.json and one task_<n>/ directory per task with data. Restoring
 * (TaskImporter / ProjectImporter) recreates labels, data (frames re-read from data/, in the
 * archive's order when the sorting was random or predefined), segments from the jobs' ranges,
 * job statuses and annotations. The media manifest (manifest.jsonl) is not written: the
 * emulator restores from the archive's order instead.
 */
import type { AuthedEnv } from '../../env'
import { isReply } from '../../http'
import { readJob, writeJob } from '../annotations'
import { taskJobs } from '../taskAnnotations'
import { list } from '../fields'
import type { InData } from '../labeledData'
import { createLabels, labelSpec } from '../labels'
import type { EmulatedLabel, EmulatedProject, EmulatedTask, JobAnnotations } from '../model'
import { dataOf, labelsOfTask, nextId, segmentOf } from '../model'
import { renderLabel } from '../render'
import { createData } from '../segments'
import { frameBytes, framesOf } from '../data/serve'
import { createTaskData } from '../data/process'
import { DATA_DEFAULTS, dataState } from '../data/state'
import { type Outcome, exceptionText } from '../requests/queue'
import { newFile, emptyDir, append } from '../upload/store'
import { type ZipInput, unzipAll, writeZip } from '../zip/zip'
import { stamp } from '../formats/build'

const enc = new TextEncoder()
const LABEL_KEYS = ['name', 'color', 'attributes', 'type', 'svg', 'sublabels']

const labelJson = (env: AuthedEnv, l: EmulatedLabel): Record<string, unknown> => {
  const r = renderLabel(env.s, l) as Record<string, unknown>
  const pick = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => LABEL_KEYS.includes(k)))
  const attrs = (as: unknown) => (as as Array<Record<string, unknown>>).map((a) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'id')))
  return { ...pick(r), attributes: attrs(r['attributes']), sublabels: (r['sublabels'] as Array<Record<string, unknown>>).map((s) => ({ ...pick(s), attributes: attrs(s['attributes']) })) }
}

// _prepare_annotations: ids dropped, label_id → label, spec_id → name.
const annotationsJson = (labels: ReadonlyArray<EmulatedLabel>, a: JobAnnotations, v73: boolean): Record<string, unknown> => {
  const label = (id: number) => labels.find((l) => l.id === id)?.name ?? ''
  const attrName = (id: number) => labels.flatMap((l) => l.attributes).find((x) => x.id === id)?.name ?? ''
  const attrs = (as: ReadonlyArray<{ spec_id: number; value: string }>) => as.map((x) => ({ value: x.value, name: attrName(x.spec_id) }))
  const shape = (s: Record<string, unknown>): Record<string, unknown> => {
    const { id: _i, label_id, attributes, elements, ...rest } = s as Record<string, unknown> & { label_id: number; attributes: Array<{ spec_id: number; value: string }>; elements?: Array<Record<string, unknown>> }
    void _i
    return { ...rest, attributes: attrs(attributes), ...(elements ? { elements: elements.map(shape) } : {}), label: label(label_id) }
  }
  const tracked = (s: Record<string, unknown>) => {
    const { id: _i, attributes, ...rest } = s as Record<string, unknown> & { attributes: Array<{ spec_id: number; value: string }> }
    void _i
    return { ...rest, attributes: attrs(attributes) }
  }
  return {
    version: 0,
    tags: a.tags.map((t) => shape(t as unknown as Record<string, unknown>)),
    shapes: a.shapes.map((s) => shape(s as unknown as Record<string, unknown>)),
    tracks: a.tracks.map((t) => {
      const { shapes, ...rest } = shape(t as unknown as Record<string, unknown>) as Record<string, unknown> & { shapes: Array<Record<string, unknown>> }
      return { ...rest, shapes: (t.shapes as unknown as Array<Record<string, unknown>>).map(tracked) }
    }),
    ...(v73 ? { intervals: [] } : {}),
  }
}

/** The files of one task's backup, under `dir` ("" or "task_<n>/"). */
export const taskBackupFiles = (env: AuthedEnv, t: EmulatedTask, dir = ''): ZipInput[] => {
  const e = env.s.engine
  const data = dataOf(e, t)
  if (!data) return []
  const labels = [...labelsOfTask(e, t)].sort((a, b) => a.id - b.id)
  const all = [...labels, ...e.labels.filter((l) => l.parentId !== null && labels.some((p) => p.id === l.parentId))]
  const jobs = taskJobs(e, t)
  const task = {
    name: t.name,
    bug_tracker: t.bugTracker,
    status: t.status,
    subset: t.subset,
    labels: labels.filter((l) => l.parentId === null).map((l) => labelJson(env, l)),
    ...(t.consensusReplicas > 0 ? { consensus_replicas: t.consensusReplicas } : {}),
    version: '1.0',
    data: {
      chunk_size: data.chunkSize,
      image_quality: data.imageQuality,
      start_frame: data.startFrame,
      stop_frame: data.stopFrame,
      ...(data.frameFilter ? { frame_filter: data.frameFilter } : {}),
      storage_method: data.storageMethod,
      storage: data.storage,
      sorting_method: data.sortingMethod,
      chunk_type: data.compressedChunkType,
      deleted_frames: [...data.deletedFrames],
      ...(t.segmentSize === 0 ? { custom_segments: true } : {}),
    },
    jobs: jobs.map((j) => {
      const g = segmentOf(e, j)
      return { status: j.status, type: j.type, start_frame: g?.startFrame ?? 0, stop_frame: g?.stopFrame ?? 0, ...(t.segmentSize === 0 && g ? { files: framesOf(data).slice(g.startFrame, g.stopFrame + 1).map((f) => f.name) } : {}) }
    }),
  }
  const annotations = jobs.map((j) => annotationsJson(all, readJob(e, t, j), env.config.serverVersion === '2.73'))
  const media = framesOf(data).flatMap((f, idx) => {
    const b = frameBytes(env, data, idx)
    return b ? [{ name: `${dir}data/${f.name}`, bytes: b.bytes }] : []
  })
  return [...media, { name: `${dir}task.json`, bytes: enc.encode(JSON.stringify(task)) }, { name: `${dir}annotations.json`, bytes: enc.encode(JSON.stringify(annotations)) }]
}

/** Runs a backup job: the archive and its name (build_backup_file_name). */
export const runBackup = (env: AuthedEnv, target: { readonly t?: EmulatedTask; readonly p?: EmulatedProject }): Outcome => {
  const now = env.config.now()
  if (target.t) {
    if (!dataOf(env.s.engine, target.t)) return { ok: false, message: exceptionText('AttributeError', "'NoneType' object has no attribute 'storage_method'") }
    return { ok: true, file: { bytes: writeZip(taskBackupFiles(env, target.t), now), filename: `task_${target.t.name}_backup_${stamp(target.t.updatedDate)}.zip`.toLowerCase() } }
  }
  const p = target.p as EmulatedProject
  const labels = env.s.engine.labels.filter((l) => l.projectId === p.id && l.parentId === null).sort((a, b) => a.id - b.id)
  const project = { name: p.name, bug_tracker: p.bugTracker, status: p.status, labels: labels.map((l) => labelJson(env, l)), version: '1.0' }
  const tasks = env.s.engine.tasks.filter((t) => t.projectId === p.id).sort((a, b) => a.id - b.id)
  const files = [{ name: 'project.json', bytes: enc.encode(JSON.stringify(project)) }, ...tasks.flatMap((t, i) => taskBackupFiles(env, t, `task_${i}/`))]
  return { ok: true, file: { bytes: writeZip(files, now), filename: `project_${p.name}_backup_${stamp(p.updatedDate)}.zip`.toLowerCase() } }
}

const KEY = (name: string) => exceptionText('KeyError', `"There is no item named '${name}' in the archive"`)

type Read = { readonly files: Map<string, Uint8Array> } | Outcome

const readArchive = (bytes: Uint8Array, max: number): Read => {
  const files = unzipAll(bytes, max)
  return '_tag' in files ? { ok: false, message: exceptionText('zipfile.BadZipFile', files.reason) } : { files }
}

const json = (files: Map<string, Uint8Array>, name: string): unknown => {
  const b = files.get(name)
  if (!b) return undefined
  try {
    return JSON.parse(new TextDecoder().decode(b))
  } catch {
    return null
  }
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
const parseError = (what: string) => ({ ok: false as const, message: exceptionText('rest_framework.exceptions.ParseError', `JSON parse error - ${what}`) })

// annotations.json back to ids against the new labels.
const toIn = (labels: ReadonlyArray<EmulatedLabel>, raw: unknown): InData => {
  const o = obj(raw)
  const labelId = (name: unknown, parent: number | null) => labels.find((l) => l.name === name && l.parentId === parent)?.id ?? 0
  const attrs = (lid: number, as: unknown) =>
    (Array.isArray(as) ? as : []).flatMap((a) => {
      const spec = labels.find((l) => l.id === lid)?.attributes.find((x) => x.name === obj(a)['name'])
      return spec ? [{ spec_id: spec.id, value: String(obj(a)['value'] ?? '') }] : []
    })
  const shape = (s: unknown, parent: number | null): InData['shapes'][number] => {
    const x = obj(s)
    const lid = labelId(x['label'], parent)
    return { id: null, type: String(x['type']), occluded: x['occluded'] === true, outside: x['outside'] === true, z_order: Number(x['z_order'] ?? 0), rotation: Number(x['rotation'] ?? 0), points: (x['points'] as number[]) ?? [], frame: Number(x['frame'] ?? 0), label_id: lid, group: (x['group'] as number | null) ?? null, source: String(x['source'] ?? 'manual'), attributes: attrs(lid, x['attributes']), ...(Array.isArray(x['elements']) ? { elements: x['elements'].map((el) => shape(el, lid)) } : {}) }
  }
  return {
    tags: (Array.isArray(o['tags']) ? o['tags'] : []).map((t) => {
      const x = obj(t)
      const lid = labelId(x['label'], null)
      return { id: null, frame: Number(x['frame'] ?? 0), label_id: lid, group: (x['group'] as number | null) ?? null, source: String(x['source'] ?? 'manual'), attributes: attrs(lid, x['attributes']) }
    }),
    shapes: (Array.isArray(o['shapes']) ? o['shapes'] : []).map((s) => shape(s, null)),
    tracks: (Array.isArray(o['tracks']) ? o['tracks'] : []).map((t) => {
      const x = obj(t)
      const lid = labelId(x['label'], null)
      return { id: null, frame: Number(x['frame'] ?? 0), label_id: lid, group: (x['group'] as number | null) ?? null, source: String(x['source'] ?? 'manual'), attributes: attrs(lid, x['attributes']), shapes: (Array.isArray(x['shapes']) ? x['shapes'] : []).map((s) => { const y = obj(s); return { id: null, type: String(y['type']), occluded: y['occluded'] === true, outside: y['outside'] === true, z_order: Number(y['z_order'] ?? 0), rotation: Number(y['rotation'] ?? 0), points: (y['points'] as number[]) ?? [], frame: Number(y['frame'] ?? 0), attributes: attrs(lid, y['attributes']) } }) }
    }),
  }
}

/** Restores one task (TaskImporter.import_task) from an archive's files under `dir`; the new task's id. */
export const restoreTask = (env: AuthedEnv, files: Map<string, Uint8Array>, dir: string, orgId: number | null, projectId: number | null): Outcome => {
  const e = env.s.engine
  const manifest = json(files, `${dir}task.json`)
  if (manifest === undefined) return { ok: false, message: KEY(`${dir}task.json`) }
  const annotations = json(files, `${dir}annotations.json`)
  if (annotations === undefined) return { ok: false, message: KEY(`${dir}annotations.json`) }
  if (manifest === null || annotations === null) return parseError('the backup manifest is not JSON')
  const m = obj(manifest)
  const data = obj(m['data'])
  const jobs = (Array.isArray(m['jobs']) ? m['jobs'] : []).map(obj).filter((j) => (j['type'] ?? 'annotation') === 'annotation')
  const now = env.config.now()
  const t: EmulatedTask = {
    id: nextId(e, 'task'), name: String(m['name'] ?? '').slice(0, 256), projectId, mode: '', ownerId: env.user.id, assigneeId: null, assigneeUpdatedDate: null, bugTracker: String(m['bug_tracker'] ?? ''),
    createdDate: now, updatedDate: now, overlap: null, segmentSize: 0, status: (['annotation', 'validation', 'completed'].includes(String(m['status'])) ? m['status'] : 'annotation') as EmulatedTask['status'],
    dataId: null, dimension: '2d', subset: String(m['subset'] ?? ''), organizationId: orgId, sourceStorage: null, targetStorage: null, consensusReplicas: Number(m['consensus_replicas'] ?? 0) || 0, guideId: null,
  }
  // _calculate_segment_size: the first job's length; the overlap from the first two jobs.
  const first = jobs[0]
  const custom = data['custom_segments'] === true
  if (!custom && first) {
    t.segmentSize = Number(first['stop_frame']) - Number(first['start_frame']) + 1
    t.overlap = jobs.length > 1 ? Number(first['stop_frame']) - Number(jobs[1]?.['start_frame']) + 1 : 0
  }
  e.tasks.push(t)
  if (projectId === null) {
    const specs = list(m['labels'] ?? [], labelSpec(), { nested: true })
    if (!specs.ok) return { ok: false, message: exceptionText('rest_framework.exceptions.ValidationError', JSON.stringify(specs.error)) }
    const bad = createLabels(e, { taskId: t.id }, specs.value)
    if (bad) return { ok: false, message: exceptionText('rest_framework.exceptions.ValidationError', JSON.stringify(bad.body)) }
  }
  const sorting = String(data['sorting_method'] ?? 'lexicographical')
  const d = createData(e, t, { imageQuality: Number(data['image_quality'] ?? 70), chunkSize: (data['chunk_size'] as number | null) ?? null, startFrame: Number(data['start_frame'] ?? 0), stopFrame: Number(data['stop_frame'] ?? 0), frameFilter: String(data['frame_filter'] ?? ''), storageMethod: data['storage_method'] === 'cache' ? 'cache' : 'file_system', sortingMethod: (['lexicographical', 'natural', 'predefined', 'random'].includes(sorting) ? sorting : 'lexicographical') as 'lexicographical' })
  // The images of data/, in the archive's order (random and predefined orders are kept that way).
  const upload = emptyDir()
  const names: string[] = []
  const budget = { used: 0, max: Number.MAX_SAFE_INTEGER }
  for (const [name, bytes] of files) {
    if (!name.startsWith(`${dir}data/`) || /(^|\/)(manifest\.jsonl|index\.json)$/.test(name)) continue
    const rel = name.slice(`${dir}data/`.length)
    const f = newFile(rel, true)
    append(budget, f, bytes)
    upload.files.set(rel, f)
    names.push(rel)
  }
  const mapping = custom ? (Array.isArray(m['jobs']) ? m['jobs'] : []).map(obj).filter((j) => (j['type'] ?? 'annotation') === 'annotation').map((j) => (Array.isArray(j['files']) ? j['files'].map(String) : [])) : undefined
  const request = { clientFiles: [], serverFiles: [], remoteFiles: [], serverFilesExclude: [], useZipChunks: true, useCache: d.storageMethod === 'cache', copyData: false, uploadFileOrder: [], sortingMethod: (sorting === 'random' || sorting === 'predefined' ? 'predefined' : d.sortingMethod), ...(Number(data['stop_frame']) ? { stopFrame: Number(data['stop_frame']) } : {}), ...(mapping ? { jobFileMapping: mapping } : {}) } as const
  const ds = dataState(env.s, env.config)
  const made = createTaskData(env.s, ds, { version: env.config.serverVersion, task: t, data: d, request, clientNames: names, dir: upload, config: env.config.data ?? DATA_DEFAULTS, random: env.config.random }, now)
  if (!made.ok) return made
  d.sortingMethod = (['lexicographical', 'natural', 'predefined', 'random'].includes(sorting) ? sorting : d.sortingMethod) as typeof d.sortingMethod
  d.deletedFrames = Array.isArray(data['deleted_frames']) ? data['deleted_frames'].filter((x): x is number => typeof x === 'number') : []
  const labels = [...labelsOfTask(e, t), ...e.labels.filter((l) => l.parentId !== null)]
  const created = taskJobs(e, t)
  created.forEach((j, i) => {
    const status = jobs[i]?.['status']
    if (status === 'annotation' || status === 'validation' || status === 'completed') j.status = status
    const a = Array.isArray(annotations) ? annotations[i] : undefined
    if (a !== undefined) writeJob(e, t, j, toIn(labels, a), 'put', now)
  })
  return { ok: true, resultId: t.id }
}

/** Restores a task backup archive (import_task). */
export const restoreTaskBackup = (env: AuthedEnv, bytes: Uint8Array, orgId: number | null): Outcome => {
  const read = readArchive(bytes, env.config.data?.maxStoredBytes ?? DATA_DEFAULTS.maxStoredBytes)
  return 'files' in read ? restoreTask(env, read.files, '', orgId, null) : read
}

/** Restores a project backup archive (import_project): the project, its labels, then each task_<n>/. */
export const restoreProjectBackup = (env: AuthedEnv, bytes: Uint8Array, orgId: number | null): Outcome => {
  const read = readArchive(bytes, env.config.data?.maxStoredBytes ?? DATA_DEFAULTS.maxStoredBytes)
  if (!('files' in read)) return read
  const manifest = json(read.files, 'project.json')
  if (manifest === undefined) return { ok: false, message: KEY('project.json') }
  if (manifest === null) return parseError('project.json is not JSON')
  const m = obj(manifest)
  const e = env.s.engine
  const now = env.config.now()
  const p: EmulatedProject = { id: nextId(e, 'project'), name: String(m['name'] ?? '').slice(0, 256), ownerId: env.user.id, assigneeId: null, assigneeUpdatedDate: null, bugTracker: String(m['bug_tracker'] ?? ''), status: (['annotation', 'validation', 'completed'].includes(String(m['status'])) ? m['status'] : 'annotation') as EmulatedProject['status'], organizationId: orgId, sourceStorage: null, targetStorage: null, createdDate: now, updatedDate: now, guideId: null }
  e.projects.push(p)
  const specs = list(m['labels'] ?? [], labelSpec(), { nested: true })
  if (!specs.ok) return { ok: false, message: exceptionText('rest_framework.exceptions.ValidationError', JSON.stringify(specs.error)) }
  const bad = createLabels(e, { projectId: p.id }, specs.value)
  if (bad && isReply(bad)) return { ok: false, message: exceptionText('rest_framework.exceptions.ValidationError', JSON.stringify(bad.body)) }
  const dirs = [...new Set([...read.files.keys()].flatMap((n) => /^task_(\d+)\//.exec(n) ?? []).filter((x) => x.startsWith('task_')))].sort((a, b) => Number(a.slice(5, -1)) - Number(b.slice(5, -1)))
  for (const dir of dirs) {
    const r = restoreTask(env, read.files, dir, orgId, p.id)
    if (!r.ok) return r
  }
  return { ok: true, resultId: p.id }
}
