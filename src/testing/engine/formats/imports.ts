/**
 * Annotation imports into tasks and jobs. 2.26 (views.py TaskViewSet.annotations and
 * _import_annotations, mixins.py import_annotations): POST speaks the upload protocol and
 * finishes with `?filename=` naming the uploaded file (else "No such file were uploaded"); the
 * older `PUT ?format=` with a multipart `annotation_file` starts an import, and later PUTs poll
 * it (202 running, 201 done, 400 with the error). 2.73 (engine/background.py DatasetImporter):
 * POST finishes with a TUS file id in `filename` or a multipart `annotation_file`; PUT with
 * `format` or `rq_id` is 410 Gone; the status lives in /api/requests. Both replace the
 * annotations (import_mode "replace").
 */
import type { AuthedEnv } from '../../env'
import { type Reply, forbidden, isReply, json } from '../../http'
import { findJob, findProject, findTask, jobMay, projectMay, taskMay } from '../data/access'
import { readBody } from '../data/body'
import { DATA_DEFAULTS, dataState, dirOf } from '../data/state'
import { storeFiles, tusSpec, uploaded } from '../data/upload'
import type { EmulatedJob, EmulatedProject, EmulatedTask } from '../model'
import { importProjectDataset } from './project'
import { observe, renderId } from '../requests/queue'
import { TTL, enqueue, findRequest, running } from '../requests/service'
import { plain } from '../requests/views'
import { release } from '../upload/store'
import { tusChunk, tusCreate } from '../upload/tus'
import { runImport } from './build'
import { location } from './location'
import { IMPORTERS } from './registry'

type Kind = 'task' | 'job'

const gone410 = (): Reply =>
  plain(410, 'This endpoint no longer supports checking the status of the import process.\nThe common requests API should be used instead: GET /api/requests/rq_id,\nwhere rq_id is obtained from the response of the initializing request.\n')

const find = (env: AuthedEnv, raw: string, kind: Kind): { readonly t: EmulatedTask; readonly j?: EmulatedJob } | Reply => {
  if (kind === 'task') {
    const t = findTask(env, raw)
    if (isReply(t)) return t
    return taskMay(env, 'import:annotations', t) ? { t } : forbidden()
  }
  const j = findJob(env, raw)
  if (isReply(j)) return j
  const t = env.s.engine.tasks.find((x) => x.id === j.taskId)
  return t && jobMay(env, 'import:annotations', j) ? { t, j } : forbidden()
}

const limit = (env: AuthedEnv) => env.config.data?.maxUploadBytes ?? DATA_DEFAULTS.maxUploadBytes

// Queue the import of a file already in the directory; the job reads it, then deletes it.
const enqueueImport = (env: AuthedEnv, kind: Kind, o: { readonly t: EmulatedTask; readonly j?: EmulatedJob }, dirKey: string, name: string, format: string): Reply => {
  const d = dataState(env.s, env.config)
  const { request, conflict } = enqueue(env, {
    key: { action: 'import', target: kind, targetId: o.j?.id ?? o.t.id, subresource: 'annotations', format: null, userId: null },
    object: o.j ? { kind: 'job', j: o.j } : { kind: 'task', t: o.t },
    resultTtl: TTL.importSuccess,
    failureTtl: TTL.importFailure,
    run: () => {
      const dir = dirOf(d, dirKey)
      const bytes = uploaded(env, dirKey, name)
      const f = dir.files.get(name)
      if (f) release(d.budget, f)
      dir.files.delete(name)
      if (!bytes) return { ok: false, message: `FileNotFoundError: [Errno 2] No such file or directory: '${name}'\n` }
      return runImport(env, o, format, bytes, env.config.data?.maxStoredBytes ?? DATA_DEFAULTS.maxStoredBytes)
    },
  })
  if (conflict) return env.config.serverVersion === '2.73' ? json(409, { rq_id: request.id }) : json(409, 'Import job already exists')
  return json(202, { rq_id: request.id })
}

// A multipart `annotation_file` (AnnotationFileSerializer), stored under a temporary name.
const payload = async (env: AuthedEnv, dirKey: string): Promise<string | Reply> => {
  const body = await readBody(env.req, limit(env))
  if (isReply(body)) return body
  const file = body.kind === 'form' ? body.files.find(([k]) => k === 'annotation_file')?.[1] : undefined
  if (!file) return json(400, { annotation_file: ['No file was submitted.'] })
  const name = `cvat_${Math.floor(env.config.random() * 1e9).toString(36)}`
  const stored = storeFiles(env, dirKey, [{ name, bytes: file.bytes }])
  return stored ?? name
}

/** POST (and 2.26 PUT ?format=) on …/annotations: uploads and imports. */
export const annotationImport = async (env: AuthedEnv, raw: string, kind: Kind): Promise<Reply> => {
  const o = find(env, raw, kind)
  if (isReply(o)) return o
  const v73 = env.config.serverVersion === '2.73'
  const q = env.url.searchParams
  const format = q.get('format') ?? ''
  const id = o.j?.id ?? o.t.id
  const dirKey = `${kind}:${id}`
  if (env.req.method === 'PUT') {
    if (v73) return gone410()
    // 2.26: PUT polls an import (or starts one from a multipart annotation_file).
    if (!IMPORTERS.some((f) => f.name === format)) return json(400, [`Unknown input format '${format}'`])
    const r = findRequest(env, q.get('rq_id') ?? renderId('2.26', { action: 'import', target: kind, targetId: id, subresource: 'annotations', format: null, userId: null }))
    if (r && q.has('rq_id') && r.owner.id !== env.user.id) return { _tag: 'Reply', status: 403 }
    if (!r) {
      const bad = location(env)
      if (bad) return bad
      const name = await payload(env, dirKey)
      return isReply(name) ? name : enqueueImport(env, kind, o, dirKey, name, format)
    }
    if (running(r)) {
      observe(r, env.now)
      return { _tag: 'Reply', status: 202 }
    }
    dataState(env.s, env.config).requests.delete(r.id)
    // CVAT answers 400 for its own import errors and 500 for the rest; a bad file is the client's, so 400.
    return r.status === 'finished' ? { _tag: 'Reply', status: 201 } : json(400, r.message.replace(/^cvat\.apps\.dataset_manager\.bindings\.CvatImportError: /, '').trim())
  }
  if (v73 && kind === 'task' && o.t.mode === '') return json(400, ['This task data has not been initialized yet'])
  const h = env.req.headers
  if (h.has('upload-length') && !h.has('upload-finish') && !h.has('upload-start')) {
    const spec = tusSpec(env, dirKey, 'annotations')
    return tusCreate(spec, env.req, env.url, (fid) => `/api/${kind}s/${id}/annotations/${fid}`)
  }
  if (h.has('upload-start') && !h.has('upload-finish')) return { _tag: 'Reply', status: 202 }
  if (h.has('upload-multiple') && !h.has('upload-finish')) {
    const body = await readBody(env.req, limit(env))
    if (isReply(body)) return body
    const stored = storeFiles(env, dirKey, body.kind === 'form' ? body.files.map(([, f]) => f) : [])
    return stored ?? { _tag: 'Reply', status: 200 }
  }
  const filename = q.get('filename') ?? ''
  if (!v73) {
    if (!filename || !dirOf(dataState(env.s, env.config), dirKey).files.has(filename)) return json(400, 'No such file were uploaded')
    if (!IMPORTERS.some((f) => f.name === format)) return json(400, [`Unknown input format '${format}'`])
    return enqueueImport(env, kind, o, dirKey, filename, format)
  }
  if (!IMPORTERS.some((f) => f.name === format)) return json(400, [`Unknown input format '${format}'`])
  const bad = location(env)
  if (bad) return bad
  if (filename) {
    const owner = filename.split('_')[0]
    if (owner !== String(env.user.id) || !dirOf(dataState(env.s, env.config), dirKey).files.has(filename)) return json(400, ['No such file were uploaded'])
    return enqueueImport(env, kind, o, dirKey, filename, format)
  }
  const name = await payload(env, dirKey)
  return isReply(name) ? name : enqueueImport(env, kind, o, dirKey, name, format)
}

/** HEAD/PATCH of a TUS file under …/annotations/. */
export const annotationChunk = async (env: AuthedEnv, raw: string, kind: Kind): Promise<Reply> => {
  const o = find(env, raw, kind)
  if (isReply(o)) return o
  if (env.req.method !== 'HEAD' && env.req.method !== 'PATCH') return json(405, { detail: `Method "${env.req.method}" not allowed.` })
  const fileId = env.url.pathname.replace(/\/+$/, '').split('/').pop() ?? ''
  return tusChunk(tusSpec(env, `${kind}:${o.j?.id ?? o.t.id}`, 'annotations'), env.req, fileId)
}


/**
 * /api/projects/{id}/dataset/ — ProjectViewSet.dataset (2.26: views.py lines 470–525 and
 * _import_project_dataset; 2.73: lines 476–500, DatasetImporter): POST imports a dataset
 * (the upload protocol, or a multipart `dataset_file`); 2.26's GET polls it with
 * `action=import_status&rq_id=` (202, then 201) or exports (v1); 2.73's GET is 410.
 */
export const projectDataset = async (env: AuthedEnv, raw: string, exportV1: (p: EmulatedProject) => Reply): Promise<Reply> => {
  const p = findProject(env, raw)
  if (isReply(p)) return p
  const v73 = env.config.serverVersion === '2.73'
  const q = env.url.searchParams
  const dirKey = `project:${p.id}`
  if (env.req.method === 'GET' || env.req.method === 'HEAD') {
    if (q.get('action')?.toLowerCase() === 'import_status') {
      if (!projectMay(env, 'import:dataset', p)) return forbidden()
      if (v73) return gone410()
      const id = q.get('rq_id')
      if (!id) return json(400, 'The rq_id param should be specified in the query parameters')
      const r = findRequest(env, id)
      if (!r) return { _tag: 'Reply', status: 404 }
      if (r.owner.id !== env.user.id) return { _tag: 'Reply', status: 403 }
      if (running(r)) {
        const answer = json(202, { state: r.status === 'queued' ? 'Queued' : 'Started', message: r.message, progress: r.progress })
        observe(r, env.now)
        return answer
      }
      dataState(env.s, env.config).requests.delete(r.id)
      // CVAT answers a failed import with a 500 and its traceback; a bad dataset is the client's: 400.
      return r.status === 'finished' ? { _tag: 'Reply', status: 201 } : json(400, r.message.trim())
    }
    if (!projectMay(env, 'export:dataset', p)) return forbidden()
    return v73 ? plain(410, `This endpoint is no longer supported.\nTo initiate the export process, use POST /api/projects/id/dataset/export?save_images=True.\nTo check the process status, use GET /api/requests/rq_id,\nwhere rq_id is obtained from the response of the previous request.\nTo download the prepared file, use the result_url obtained from the response of the previous request.\n`) : exportV1(p)
  }
  if (!projectMay(env, 'import:dataset', p)) return forbidden()
  const h = env.req.headers
  if (h.has('upload-length') && !h.has('upload-finish') && !h.has('upload-start')) return tusCreate(tusSpec(env, dirKey, 'dataset'), env.req, env.url, (fid) => `/api/projects/${p.id}/dataset/${fid}`)
  if (h.has('upload-start') && !h.has('upload-finish')) return { _tag: 'Reply', status: 202 }
  const format = q.get('format') ?? ''
  if (!IMPORTERS.some((f) => f.name === format)) return json(400, [`Unknown input format '${format}'`])
  const bad = location(env)
  if (bad) return bad
  const filename = q.get('filename') ?? ''
  let name = filename
  const dir = dirOf(dataState(env.s, env.config), dirKey)
  if (!filename || !dir.files.has(filename)) {
    if (v73 && filename) return json(400, ['No such file were uploaded'])
    const body = await readBody(env.req, limit(env))
    if (isReply(body)) return body
    const file = body.kind === 'form' ? body.files.find(([k]) => k === 'dataset_file')?.[1] : undefined
    if (!file) return json(400, { dataset_file: ['No file was submitted.'] })
    name = `cvat_${Math.floor(env.config.random() * 1e9).toString(36)}`
    const stored = storeFiles(env, dirKey, [{ name, bytes: file.bytes }])
    if (stored) return stored
  }
  const d = dataState(env.s, env.config)
  const { request, conflict } = enqueue(env, {
    key: { action: 'import', target: 'project', targetId: p.id, subresource: 'dataset', format: null, userId: null },
    object: { kind: 'project', p },
    startedMessage: 'Dataset import has been started...',
    reportsProgress: true,
    resultTtl: TTL.importSuccess,
    failureTtl: TTL.importFailure,
    run: () => {
      const bytes = uploaded(env, dirKey, name)
      const f = dir.files.get(name)
      if (f) release(d.budget, f)
      dir.files.delete(name)
      return bytes ? importProjectDataset(env, p, format, bytes) : { ok: false, message: `FileNotFoundError: [Errno 2] No such file or directory: '${name}'\n` }
    },
  })
  if (conflict) return v73 ? json(409, { rq_id: request.id }) : json(409, 'Import job already exists')
  return json(202, { rq_id: request.id })
}

/** HEAD/PATCH of a TUS file under /api/projects/{id}/dataset/. */
export const projectDatasetChunk = async (env: AuthedEnv, raw: string): Promise<Reply> => {
  const p = findProject(env, raw)
  if (isReply(p)) return p
  if (!projectMay(env, 'import:dataset', p)) return forbidden()
  const fileId = env.url.pathname.replace(/\/+$/, '').split('/').pop() ?? ''
  return tusChunk(tusSpec(env, `project:${p.id}`, 'dataset'), env.req, fileId)
}
