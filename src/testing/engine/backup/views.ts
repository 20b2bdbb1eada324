/**
 * Backup endpoints per generation. Export: 2.26 (mixins.py BackupMixin, background.py
 * BackupExportManager) polls `GET /api/{tasks,projects}/{id}/backup` (202, 201, the file with
 * `action=download`; `Deprecated: True` otherwise) and starts with `POST …/backup/export` (409
 * while running); 2.73 (background.py BackupExporter) has `POST …/backup/export` → result_url
 * `…/backup/download?rq_id=` and answers the GET with 410. Import (`POST /api/{tasks,projects}/backup/`):
 * the upload protocol or a multipart `task_file`/`project_file`; 2.26 (backup.py _import) polls
 * by posting the `rq_id` again (202, then 201 `{"id"}`), 2.73 (BackupImporter) reports through
 * /api/requests (`result_id`) and answers a `rq_id` query with 410.
 */
import type { AuthedEnv, ServerVersion } from '../../env'
import { type Reply, forbidden, isReply, json, pythonQuery } from '../../http'
import { findProject, findTask, projectMay, taskMay } from '../data/access'
import { type Body, bodyFields, readBody } from '../data/body'
import { DATA_DEFAULTS, dataState, dirOf } from '../data/state'
import { storeFiles, tusSpec, uploaded } from '../data/upload'
import { dataOf } from '../model'
import { authIn, projectAllows, taskAllows } from '../perms'
import { allowedBy } from '../views/shared'
import { cloudFailure, download, gone, location, v2Download } from '../formats/views'
import { type BackgroundRequest, observe, renderId } from '../requests/queue'
import { TTL, enqueue, findRequest, running } from '../requests/service'
import { plain } from '../requests/views'
import { release } from '../upload/store'
import { tusChunk, tusCreate, uuid4 } from '../upload/tus'
import { restoreProjectBackup, restoreTaskBackup, runBackup } from './backup'

type Handler = (env: AuthedEnv, param: string) => Reply | Promise<Reply>
type Kind = 'task' | 'project'

const targetOf = (env: AuthedEnv, raw: string, kind: Kind) => {
  if (kind === 'task') {
    const t = findTask(env, raw)
    if (isReply(t)) return t
    return taskMay(env, 'export:backup', t) ? { t, id: t.id } : forbidden()
  }
  const p = findProject(env, raw)
  if (isReply(p)) return p
  return projectMay(env, 'export:backup', p) ? { p, id: p.id } : forbidden()
}

const startExport = (env: AuthedEnv, raw: string, kind: Kind): Reply => {
  const o = targetOf(env, raw, kind)
  if (isReply(o)) return o
  const v73 = env.config.serverVersion === '2.73'
  if (v73 && 't' in o && o.t && !dataOf(env.s.engine, o.t)) return json(400, ['Backup of a task without data is not allowed'])
  const bad = location(env)
  if (bad) return bad
  const { request, conflict } = enqueue(env, {
    key: { action: 'export', target: kind, targetId: o.id, subresource: 'backup', format: null, userId: env.user.id },
    object: 't' in o && o.t ? { kind: 'task', t: o.t } : { kind: 'project', p: (o as { p: Parameters<typeof runBackup>[1]['p'] }).p! },
    resultTtl: TTL.export,
    failureTtl: TTL.export,
    resultUrl: (id) =>
      v73
        ? `${env.origin}/api/${kind}s/${o.id}/backup/download?rq_id=${encodeURIComponent(id)}`
        : `${env.origin}/api/${kind}s/${o.id}/backup?${pythonQuery([...[...env.url.searchParams.entries()].filter(([k]) => k !== 'action'), ['action', 'download']])}`,
    run: () => cloudFailure(env) ?? runBackup(env, 't' in o ? { t: o.t } : { p: (o as { p: Parameters<typeof runBackup>[1]['p'] }).p }),
  })
  if (conflict) return v73 ? json(409, { rq_id: request.id }) : json(409, 'Export request is being processed')
  return json(202, { rq_id: request.id })
}

const deprecated = (r: Reply): Reply => ({ ...r, headers: { ...r.headers, Deprecated: 'True' } })

// 2.26 BackupExportManager._handle_rq_job_v1.
const v1 = (env: AuthedEnv, raw: string, kind: Kind): Reply => {
  const o = targetOf(env, raw, kind)
  if (isReply(o)) return o
  if (kind === 'task' && 't' in o && o.t && !dataOf(env.s.engine, o.t)) return json(400, 'Backup of a task without data is not allowed')
  const action = env.url.searchParams.get('action')
  if (action !== null && action !== 'download') return json(400, [`Unexpected action '${action}' specified for the request`])
  const r = findRequest(env, renderId('2.26', { action: 'export', target: kind, targetId: o.id, subresource: 'backup', format: null, userId: env.user.id }))
  if (!r) return action === 'download' ? plain(400, 'Unknown export request id. Please request export first by sending a request without the action=download parameter.') : deprecated(startExport(env, raw, kind))
  if (action === 'download') {
    if (running(r)) return plain(400, 'Backup has not finished yet')
    const d = download(r)
    dataState(env.s, env.config).requests.delete(r.id)
    return r.status === 'failed' ? json(500, r.message) : d
  }
  if (r.status === 'finished') return deprecated({ _tag: 'Reply', status: 201 })
  if (r.status === 'failed') {
    dataState(env.s, env.config).requests.delete(r.id)
    return json(500, r.message)
  }
  observe(r, env.now)
  return deprecated(json(202, { rq_id: r.id }))
}

// tasks.rego / projects.rego import:backup: checked in the context's organisation.
const mayImport = (env: AuthedEnv, kind: Kind): boolean => {
  const a = authIn(env.s, env.user, env.ctx)
  const orgId = env.ctx.kind === 'org' ? env.ctx.org.id : null
  const people = { ownerId: null, assigneeId: null }
  return allowedBy(env, kind === 'task' ? taskAllows('import:backup', a, { ...people, orgId, project: null }, env.config.serverVersion) : projectAllows('import:backup', a, { ...people, orgId }, env.config.serverVersion))
}

const restore = (env: AuthedEnv, kind: Kind, dirKey: string, name: string): Reply => {
  const d = dataState(env.s, env.config)
  const orgId = env.ctx.kind === 'org' ? env.ctx.org.id : null
  const uuid = uuid4(env.config.random)
  const { request } = enqueue(env, {
    key: { action: 'import', target: kind, targetId: null, uuid, subresource: 'backup', format: null, userId: null },
    object: { kind: 'none' },
    resultTtl: TTL.importSuccess,
    failureTtl: TTL.importFailure,
    reportsProgress: kind === 'project',
    run: () => {
      const bytes = uploaded(env, dirKey, name)
      const dir = dirOf(d, dirKey)
      const f = dir.files.get(name)
      if (f) release(d.budget, f)
      dir.files.delete(name)
      if (!bytes) return { ok: false, message: `FileNotFoundError: [Errno 2] No such file or directory: '${name}'\n` }
      return kind === 'task' ? restoreTaskBackup(env, bytes, orgId) : restoreProjectBackup(env, bytes, orgId)
    },
  })
  return json(202, { rq_id: request.id })
}

// 2.26 _import with an rq_id: 202 while it runs, 201 {"id"} when done (the request is then deleted).
const poll = (env: AuthedEnv, r: BackgroundRequest): Reply => {
  if (r.owner.id !== env.user.id) return { _tag: 'Reply', status: 403 }
  if (running(r)) {
    observe(r, env.now)
    return json(202, { rq_id: r.id })
  }
  dataState(env.s, env.config).requests.delete(r.id)
  if (r.status === 'finished') return json(201, { id: r.outcome?.ok ? r.outcome.resultId : null })
  // CVAT answers 500 for errors other than its own import errors; a bad archive is the client's: 400.
  return json(400, r.message.replace(/^cvat\.apps\.dataset_manager\.bindings\.CvatImportError: /, '').trim())
}

const importBackup = (kind: Kind): Handler => async (env) => {
  if (!mayImport(env, kind)) return forbidden()
  const v73 = env.config.serverVersion === '2.73'
  const field = kind === 'task' ? 'task_file' : 'project_file'
  const dirKey = 'backup'
  if (v73 && env.url.searchParams.has('rq_id')) return plain(410, 'This endpoint no longer supports checking the status of the import process.\nThe common requests API should be used instead: GET /api/requests/rq_id,\nwhere rq_id is obtained from the response of the initializing request.\n')
  const h = env.req.headers
  if (h.has('upload-length') && !h.has('upload-finish') && !h.has('upload-start')) return tusCreate(tusSpec(env, dirKey, 'backup'), env.req, env.url, (fid) => `/api/${kind}s/backup/${fid}`)
  if (h.has('upload-start') && !h.has('upload-finish')) return { _tag: 'Reply', status: 202 }
  const bad = location(env)
  if (bad) return bad
  const body: Body | Reply = await readBody(env.req, env.config.data?.maxUploadBytes ?? DATA_DEFAULTS.maxUploadBytes)
  if (isReply(body)) return body
  if (h.has('upload-multiple') && !h.has('upload-finish')) return storeFiles(env, dirKey, body.kind === 'form' ? body.files.map(([, f]) => f) : []) ?? { _tag: 'Reply', status: 200 }
  // 2.26 reads rq_id from the body (request.data), to poll a running import.
  const rqId = v73 ? undefined : bodyFields(body)?.['rq_id']
  if (typeof rqId === 'string') {
    const r = findRequest(env, rqId)
    if (r) return poll(env, r)
  }
  const filename = env.url.searchParams.get('filename') ?? ''
  if (filename) {
    const dir = dirOf(dataState(env.s, env.config), dirKey)
    const mine = v73 ? filename.split('_')[0] === String(env.user.id) : true
    if (!mine || !dir.files.has(filename)) return json(400, v73 ? ['No such file were uploaded'] : 'No such file were uploaded')
    return restore(env, kind, dirKey, filename)
  }
  const file = body.kind === 'form' ? body.files.find(([k]) => k === field)?.[1] : undefined
  if (!file) return json(400, { [field]: ['No file was submitted.'] })
  const name = `cvat_${uuid4(env.config.random)}`
  const stored = storeFiles(env, dirKey, [{ name, bytes: file.bytes }])
  return stored ?? restore(env, kind, dirKey, name)
}

/** POST /api/tasks/backup/ */
export const importTask = importBackup('task')
/** POST /api/projects/backup/ */
export const importProject = importBackup('project')

const chunk = (kind: Kind): Handler => async (env) => {
  if (!mayImport(env, kind)) return forbidden()
  const fileId = env.url.pathname.replace(/\/+$/, '').split('/').pop() ?? ''
  return tusChunk(tusSpec(env, 'backup', 'backup'), env.req, fileId)
}

/** HEAD/PATCH /api/tasks/backup/{file_id} */
export const taskChunk = chunk('task')
/** HEAD/PATCH /api/projects/backup/{file_id} */
export const projectChunk = chunk('project')

/** The backup export routes of a generation. */
export const backupRoutes = (version: ServerVersion): ReadonlyArray<{ readonly path: string; readonly methods: Readonly<Record<string, Handler>> }> => {
  const common = [
    { path: '/api/tasks/{p}/backup/export', methods: { POST: (env: AuthedEnv, raw: string) => startExport(env, raw, 'task') } },
    { path: '/api/projects/{p}/backup/export', methods: { POST: (env: AuthedEnv, raw: string) => startExport(env, raw, 'project') } },
  ]
  if (version === '2.26')
    return [...common, { path: '/api/tasks/{p}/backup', methods: { GET: (env: AuthedEnv, raw: string) => v1(env, raw, 'task') } }, { path: '/api/projects/{p}/backup', methods: { GET: (env: AuthedEnv, raw: string) => v1(env, raw, 'project') } }]
  const dl = (kind: Kind): Handler => (env, raw) => {
    const o = targetOf(env, raw, kind)
    if (isReply(o)) return o
    return v2Download(env, 't' in o && o.t ? { kind: 'task', t: o.t } : { kind: 'project', p: (o as { p: Parameters<typeof runBackup>[1]['p'] }).p! }, true)
  }
  return [
    ...common,
    { path: '/api/tasks/{p}/backup/download', methods: { GET: dl('task') } },
    { path: '/api/projects/{p}/backup/download', methods: { GET: dl('project') } },
    { path: '/api/tasks/{p}/backup', methods: { GET: (env: AuthedEnv, raw: string) => { const o = targetOf(env, raw, 'task'); return isReply(o) ? o : gone('/api/tasks/id/backup/export') } } },
    { path: '/api/projects/{p}/backup', methods: { GET: (env: AuthedEnv, raw: string) => { const o = targetOf(env, raw, 'project'); return isReply(o) ? o : gone('/api/projects/id/backup/export') } } },
  ]
}
