/**
 * Dataset and annotation exports per generation. 2.26 (engine/background.py
 * DatasetExportManager, mixins.py DatasetMixin): `GET …/dataset?format=` and
 * `GET …/annotations?format=` poll an export (202 while it runs, 201 when ready, the file with
 * `action=download`), and `POST …/dataset/export` starts one (409 "Export request is being
 * processed" while it runs) whose result_url is that v1 download URL. 2.32 removed the GET flows
 * (410 Gone) and 2.38 is what 2.73 serves (engine/background.py DatasetExporter,
 * redis_handler/background.py): `POST …/dataset/export` → 202 `{rq_id}` (409 `{rq_id}` while it
 * runs) → /api/requests/{rq_id} → result_url `…/dataset/download?rq_id=`.
 */
import type { AuthedEnv, ServerVersion } from '../../env'
import { type Reply, forbidden, isReply, json, pythonQuery } from '../../http'
import { findJob, findProject, findTask, jobMay, projectMay, taskMay } from '../data/access'
import { plain } from '../requests/views'
import { type BackgroundRequest, type Outcome, observe, renderId } from '../requests/queue'
import { TTL, enqueue, findRequest, running } from '../requests/service'
import { dataOf } from '../model'
import { dataState } from '../data/state'
import { type ExportTarget, runExport } from './build'
import { EXPORTERS, IMPORTERS } from './registry'
import { annotationChunk, annotationImport, projectDataset, projectDatasetChunk } from './imports'
import { cloudFailure, location } from './location'

export { cloudFailure, location } from './location'
import { tusIdPattern } from '../data/upload'
import * as Ann from '../views/annotations'

type Handler = (env: AuthedEnv, param: string) => Reply | Promise<Reply>

/** GET /api/server/annotation/formats: exactly what the emulator reads and writes. */
export const formats = (): Reply => json(200, { importers: IMPORTERS, exporters: EXPORTERS })

const gone = (path: string): Reply =>
  plain(
    410,
    `This endpoint is no longer supported.\nTo initiate the export process, use POST ${path}.\nTo check the process status, use GET /api/requests/rq_id,\nwhere rq_id is obtained from the response of the previous request.\nTo download the prepared file, use the result_url obtained from the response of the previous request.\n`,
  )

const TRUE = ['true', 't', 'yes', 'y', 'on', '1']
const FALSE = ['false', 'f', 'no', 'n', 'off', '0']

/** attrs' to_bool of a query parameter; a value it cannot read is a 400 (CVAT: a ValueError, a 500). */
export const queryBool = (env: AuthedEnv, name: string): boolean | Reply => {
  const v = env.url.searchParams.get(name)
  if (v === null) return false
  if (TRUE.includes(v.toLowerCase())) return true
  if (FALSE.includes(v.toLowerCase())) return false
  return json(400, [`Cannot convert value to bool: ${v}`])
}

const targetOf = (t: ExportTarget) => (t.kind === 'project' ? { target: 'project' as const, id: t.p.id } : t.kind === 'job' ? { target: 'job' as const, id: t.j.id } : { target: 'task' as const, id: t.t.id })

// The v1 URL a 2.26 export's result_url points at (get_v1_endpoint_view_name + the query + action=download).
const v1Url = (env: AuthedEnv, t: ExportTarget, saveImages: boolean): string => {
  const { target, id } = targetOf(t)
  const path = saveImages ? `/api/${target}s/${id}/dataset` : `/api/${target}s/${id}/annotations`
  const pairs = [...env.url.searchParams.entries()].filter(([k]) => k !== 'action')
  return `${env.origin}${path}?${pythonQuery([...pairs, ['action', 'download']])}`
}

const keyOf = (env: AuthedEnv, t: ExportTarget, saveImages: boolean, format: string) => {
  const { target, id } = targetOf(t)
  return { action: 'export' as const, target, targetId: id, subresource: saveImages ? ('dataset' as const) : ('annotations' as const), format, userId: env.user.id }
}

/** Starts an export (enqueue_job / DatasetExportManager.export); `v1` is 2.26's GET flow. */
const start = (env: AuthedEnv, t: ExportTarget, saveImages: boolean): Reply => {
  const format = env.url.searchParams.get('format') ?? ''
  if (!EXPORTERS.some((f) => f.name === format)) return json(400, ['Unknown format specified for the request'])
  const bad = location(env)
  if (bad) return bad
  const v73 = env.config.serverVersion === '2.73'
  const { request, conflict } = enqueue(env, {
    key: keyOf(env, t, saveImages, format),
    object: t.kind === 'project' ? { kind: 'project', p: t.p } : t.kind === 'job' ? { kind: 'job', j: t.j } : { kind: 'task', t: t.t },
    resultTtl: TTL.export,
    failureTtl: TTL.export,
    resultUrl: (id) => (v73 ? `${env.origin}/api/${targetOf(t).target}s/${targetOf(t).id}/dataset/download?rq_id=${encodeURIComponent(id)}` : v1Url(env, t, saveImages)),
    run: () => cloudFailure(env) ?? runExport(env, t, format, saveImages),
  })
  if (conflict) return v73 ? json(409, { rq_id: request.id }) : json(409, 'Export request is being processed')
  return json(202, { rq_id: request.id })
}

/** The file of a finished export. */
export const download = (r: BackgroundRequest): Reply => {
  const f = r.outcome?.ok ? r.outcome.file : undefined
  if (!f) return plain(404, 'The exported file has expired, please retry exporting')
  return { _tag: 'Reply', status: 200, raw: f.bytes, headers: { 'content-type': 'application/zip', 'Content-Disposition': `attachment; filename="${f.filename}"` } }
}

// 2.26 _handle_rq_job_v1: GET with a format polls the export; action=download takes the file.
const v1 = (env: AuthedEnv, t: ExportTarget, saveImages: boolean): Reply => {
  const action = env.url.searchParams.get('action')
  if (action !== null && action !== 'download') return json(400, [`Unexpected action '${action}' specified for the request`])
  const format = env.url.searchParams.get('format') ?? ''
  if (!EXPORTERS.some((f) => f.name === format)) return json(400, ['Unknown format specified for the request'])
  const r = findRequest(env, renderId('2.26', keyOf(env, t, saveImages, format)))
  if (!r) return action === 'download' ? plain(400, 'Unknown export request id. Please request export first by sending a request without the action=download parameter.') : start(env, t, saveImages)
  if (action === 'download') {
    if (running(r)) return plain(400, 'Dataset export has not been finished yet')
    const d = download(r)
    if (r.status === 'finished') forget(env, r)
    return r.status === 'failed' ? json(500, r.message) : d
  }
  if (r.status === 'finished') return { _tag: 'Reply', status: 201 }
  if (r.status === 'failed') {
    forget(env, r)
    return json(500, r.message)
  }
  observe(r, env.now)
  return json(202, { rq_id: r.id })
}

// RQ's job.delete() after a download or a reported failure (2.26 v1).
const forget = (env: AuthedEnv, r: BackgroundRequest): void => void dataState(env.s, env.config).requests.delete(r.id)

// 2.73 Downloader.download_file: the request id must name this object's export.
const v2Download = (env: AuthedEnv, t: ExportTarget, backup: boolean): Reply => {
  const id = env.url.searchParams.get('rq_id')
  if (!id) return json(400, ['Missing request id in the query parameters'])
  const r = findRequest(env, id)
  const { target, id: oid } = targetOf(t)
  if (r && (r.key.action !== 'export' || r.key.target !== target || r.key.targetId !== oid || (backup ? r.key.subresource !== 'backup' : r.key.subresource === 'backup'))) return json(400, ['Invalid export request id'])
  if (!r) return /^action=export&/.test(id) ? plain(400, 'Unknown export request id') : json(400, ['Invalid export request id'])
  if (r.status !== 'finished') return plain(400, 'The export process is not finished')
  return download(r)
}

const onTask = (scope: Parameters<typeof taskMay>[1], f: (env: AuthedEnv, t: ExportTarget) => Reply): Handler => (env, raw) => {
  const t = findTask(env, raw)
  if (isReply(t)) return t
  return taskMay(env, scope, t) ? f(env, { kind: 'task', t }) : forbidden()
}
const onJob = (scope: Parameters<typeof jobMay>[1], f: (env: AuthedEnv, t: ExportTarget) => Reply): Handler => (env, raw) => {
  const j = findJob(env, raw)
  if (isReply(j)) return j
  const t = env.s.engine.tasks.find((x) => x.id === j.taskId)
  if (!t) return forbidden()
  return jobMay(env, scope, j) ? f(env, { kind: 'job', j, t }) : forbidden()
}
const onProject = (scope: Parameters<typeof projectMay>[1], f: (env: AuthedEnv, t: ExportTarget) => Reply): Handler => (env, raw) => {
  const p = findProject(env, raw)
  if (isReply(p)) return p
  return projectMay(env, scope, p) ? f(env, { kind: 'project', p }) : forbidden()
}

const exportScope = (env: AuthedEnv): 'export:dataset' | 'export:annotations' => (env.url.searchParams.get('save_images') && queryBool(env, 'save_images') === true ? 'export:dataset' : 'export:annotations')

const v2Start = (env: AuthedEnv, t: ExportTarget): Reply => {
  const save = queryBool(env, 'save_images')
  return isReply(save) ? save : start(env, t, save)
}

/** The export routes of a generation. */
export const exportRoutes = (version: ServerVersion): ReadonlyArray<{ readonly path: string; readonly methods: Readonly<Record<string, Handler>>; readonly raw?: (req: Request, url: URL) => boolean }> => {
  const post = (scopeOf: typeof exportScope) => ({
    task: (env: AuthedEnv, raw: string) => onTask(scopeOf(env), v2Start)(env, raw),
    job: (env: AuthedEnv, raw: string) => onJob(scopeOf(env), v2Start)(env, raw),
    project: (env: AuthedEnv, raw: string) => onProject(scopeOf(env), v2Start)(env, raw),
  })
  const p = post(exportScope)
  type R = { readonly path: string; readonly methods: Readonly<Record<string, Handler>>; readonly raw?: (req: Request, url: URL) => boolean }
  const common: R[] = [
    { path: '/api/projects/{p}/dataset/?', methods: { GET: (env: AuthedEnv, raw: string) => projectDataset(env, raw, (pr) => v1(env, { kind: 'project', p: pr }, true)), POST: (env: AuthedEnv, raw: string) => projectDataset(env, raw, () => json(405, {})) }, raw: (req: Request) => req.method === 'POST' },
    { path: `/api/projects/{p}/dataset/(?:${tusIdPattern(version)})`, methods: { GET: projectDatasetChunk, PATCH: projectDatasetChunk }, raw: () => true },
    { path: '/api/tasks/{p}/dataset/export', methods: { POST: p.task } },
    { path: '/api/jobs/{p}/dataset/export', methods: { POST: p.job } },
    { path: '/api/projects/{p}/dataset/export', methods: { POST: p.project } },
  ]
  if (version === '2.73')
    return [
      ...common,
      { path: '/api/tasks/{p}/dataset/download', methods: { GET: onTask('export:dataset', (env, t) => v2Download(env, t, false)) } },
      { path: '/api/jobs/{p}/dataset/download', methods: { GET: onJob('export:dataset', (env, t) => v2Download(env, t, false)) } },
      { path: '/api/projects/{p}/dataset/download', methods: { GET: onProject('export:dataset', (env, t) => v2Download(env, t, false)) } },
      { path: '/api/tasks/{p}/dataset', methods: { GET: onTask('export:dataset', () => gone('/api/tasks/id/dataset/export?save_images=True')) } },
      { path: '/api/jobs/{p}/dataset', methods: { GET: onJob('export:dataset', () => gone('/api/jobs/id/dataset/export?save_images=True')) } },
      { path: '/api/projects/{p}/annotations', methods: { GET: onProject('export:annotations', () => gone('/api/projects/id/dataset/export?save_images=False')) } },
    ]
  return [
    ...common,
    { path: '/api/tasks/{p}/dataset', methods: { GET: onTask('export:dataset', (env, t) => v1(env, t, true)) } },
    { path: '/api/jobs/{p}/dataset', methods: { GET: onJob('export:dataset', (env, t) => v1(env, t, true)) } },
    { path: '/api/projects/{p}/annotations', methods: { GET: onProject('export:annotations', (env, t) => (env.url.searchParams.get('format') ? v1(env, t, false) : json(400, 'Format is not specified'))) } },
  ]
}

/** GET/PUT/POST /api/tasks/{id}/annotations: the file side here, the JSON side in part 1's view. */
export const taskAnnotations: Handler = (env, raw) => {
  const m = env.req.method === 'HEAD' ? 'GET' : env.req.method
  const v73 = env.config.serverVersion === '2.73'
  const q = env.url.searchParams
  if (m === 'GET') {
    const exporting = v73 ? ['format', 'filename', 'action', 'location', 'cloud_storage_id'].some((k) => q.has(k)) : q.has('format')
    if (!exporting) return Ann.task(env, raw)
    const t = findTask(env, raw)
    if (isReply(t)) return t
    if (!taskMay(env, 'export:annotations', t)) return forbidden()
    if (!dataOf(env.s.engine, t)) return plain(400, 'Exporting annotations from a task without data is not allowed')
    return v73 ? gone('/api/tasks/id/dataset/export?save_images=False') : v1(env, { kind: 'task', t }, false)
  }
  if (m === 'PUT' && !q.has('format') && !(v73 && q.has('rq_id'))) return Ann.task(env, raw)
  return annotationImport(env, raw, 'task')
}

/** GET/PUT/POST /api/jobs/{id}/annotations (see taskAnnotations). */
export const jobAnnotations: Handler = (env, raw) => {
  const m = env.req.method === 'HEAD' ? 'GET' : env.req.method
  const v73 = env.config.serverVersion === '2.73'
  const q = env.url.searchParams
  if (m === 'GET') {
    const exporting = v73 ? ['format', 'filename', 'action', 'location', 'cloud_storage_id'].some((k) => q.has(k)) : q.has('format')
    if (!exporting) return Ann.job(env, raw)
    return onJob('export:annotations', (e, t) => (v73 ? gone('/api/jobs/id/dataset/export?save_images=False') : v1(e, t, false)))(env, raw)
  }
  if (m === 'PUT' && !q.has('format') && !(v73 && q.has('rq_id'))) return Ann.job(env, raw)
  return annotationImport(env, raw, 'job')
}

/** HEAD/PATCH of TUS files under …/annotations/. */
export const taskAnnotationsChunk: Handler = (env, raw) => annotationChunk(env, raw, 'task')
/** HEAD/PATCH of TUS files under /api/jobs/{id}/annotations/. */
export const jobAnnotationsChunk: Handler = (env, raw) => annotationChunk(env, raw, 'job')

export { v2Download, gone }
