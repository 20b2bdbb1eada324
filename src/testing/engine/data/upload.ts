/**
 * POST /api/tasks/{id}/data/ and its TUS chunk URLs — TaskViewSet.data and append_data_chunk
 * with UploadMixin.upload_data (2.26: views.py lines 1125–1470, mixins.py; 2.73: views.py
 * lines 1296–1667, mixins.py, tus.py). The headers choose the step: `Upload-Finish` (alone or
 * with `Upload-Start`) or no upload header at all finishes — the data request is validated,
 * saved on the Data record, and a task-creation request is queued (202 `{rq_id}`);
 * `Upload-Start` alone is a 202; `Upload-Length` starts a TUS file; `Upload-Multiple` appends
 * multipart files. The first POST creates the Data record (models.py defaults).
 */
import type { AuthedEnv } from '../../env'
import { type Reply, detail, forbidden, isReply, json } from '../../http'
import type { EmulatedData, EmulatedTask } from '../model'
import { dataOf } from '../model'
import { createData } from '../segments'
import { TTL, enqueue } from '../requests/service'
import { append, clearDir, contents, keepsWhole, newFile } from '../upload/store'
import { type TusSpec, tusChunk, tusCreate } from '../upload/tus'
import { findTask, taskMay } from './access'
import { type Upload, readBody } from './body'
import { createTaskData } from './process'
import { type DataRequest, isDataRequest, readDataRequest } from './request'
import { DATA_DEFAULTS, dataState, dirOf } from './state'

/** The registered client files of a data record (ClientFile rows), in upload order. */
const registered = new WeakMap<EmulatedData, string[]>()
const namesOf = (d: EmulatedData): string[] => registered.get(d) ?? (registered.set(d, []), registered.get(d) as string[])

const TUS_MAX = 26843545600

/** The TUS settings of an upload into a directory. */
export const tusSpec = (env: AuthedEnv, dirKey: string, purpose: TusSpec['purpose']): TusSpec => {
  const d = dataState(env.s, env.config)
  return { version: env.config.serverVersion, dir: dirOf(d, dirKey), budget: d.budget, purpose, userId: env.user.id, username: env.user.username, random: env.config.random, maxFileSize: TUS_MAX, maxChunkBytes: env.config.data?.maxUploadBytes ?? DATA_DEFAULTS.maxUploadBytes }
}

// mixins.py append_files: each file written under its name (appended to an existing one, 'ab+').
const store = (env: AuthedEnv, dirKey: string, files: ReadonlyArray<Upload>, purpose: 'data' | 'import'): Reply | undefined => {
  const d = dataState(env.s, env.config)
  const dir = dirOf(d, dirKey)
  for (const f of files) {
    if (f.name === '' || f.name.startsWith('/') || f.name.split('/').includes('..')) return { _tag: 'Reply', status: 400, body: `File name ${f.name} is not allowed`, headers: { 'content-type': 'text/plain' } }
    const file = dir.files.get(f.name) ?? newFile(f.name, keepsWhole(f.name, purpose))
    if (!append(d.budget, file, f.bytes)) return detail(413, `The emulator keeps at most ${d.budget.max} bytes of uploaded files; raise its maxStoredBytes option.`)
    dir.files.set(f.name, file)
  }
  return undefined
}

const tusFileRoute = (version: string) => (version === '2.73' ? '[0-9]+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' : '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')

/** The path pattern of a TUS file under an upload endpoint, per generation. */
export const tusIdPattern = tusFileRoute

// views.py _sort_uploaded_files: the predefined order must name exactly the uploaded files.
const mismatch = (uploaded: ReadonlyArray<string>, order: ReadonlyArray<string>): Reply | undefined => {
  const up = new Set(uploaded)
  const want = new Set(order)
  const diff = [...new Set([...uploaded, ...order])].filter((f) => up.has(f) !== want.has(f))
  if (diff.length === 0) return undefined
  const shown = diff.slice(0, 5).map((f) => `${f}${up.has(f) ? ' (extra)' : ' (missing)'}`)
  const more = diff.length - 5
  return json(400, [`Uploaded files do not match the 'upload_file_order' field contents. Please check the uploaded data and the list of uploaded files. Mismatching files: ${shown.join(', ')}${more > 0 ? ` (and ${more} more). ` : ''}`])
}

// DataSerializer.save(): the request's fields land on the Data record before processing.
const save = (data: EmulatedData, r: DataRequest, version: AuthedEnv['config']['serverVersion']): void => {
  if (r.imageQuality !== undefined) data.imageQuality = r.imageQuality
  if (r.chunkSize !== undefined) data.chunkSize = r.chunkSize
  if (r.startFrame !== undefined) data.startFrame = r.startFrame
  data.stopFrame = r.stopFrame ?? 0
  if (r.frameFilter !== undefined) data.frameFilter = r.frameFilter
  if (r.sortingMethod !== undefined) data.sortingMethod = r.sortingMethod
  if (r.storageMethod !== undefined) data.storageMethod = r.storageMethod
  if (r.storage !== undefined && version === '2.26') data.storage = r.storage
  if (r.useCache) data.storageMethod = 'cache'
  if (r.serverFiles.length > 0 && !r.copyData) data.storage = 'share'
}

const finish = async (env: AuthedEnv, task: EmulatedTask, data: EmulatedData): Promise<Reply> => {
  const version = env.config.serverVersion
  const body = await readBody(env.req, env.config.data?.maxUploadBytes ?? DATA_DEFAULTS.maxUploadBytes)
  if (isReply(body)) return body
  const r = readDataRequest(body, version)
  if (!isDataRequest(r)) return json(400, r)
  if (r.cloudStorageId) return json(400, [`The specified cloud storage ${r.cloudStorageId} does not exist.`])
  const dirKey = `data:${data.id}`
  const stored = store(env, dirKey, r.clientFiles, 'data')
  if (stored) return stored
  const names = namesOf(data)
  for (const f of r.clientFiles) if (!names.includes(f.name)) names.push(f.name)
  let clientNames = [...names]
  if ((r.sortingMethod ?? data.sortingMethod) === 'predefined' && clientNames.length > 0 && r.uploadFileOrder.length > 0) {
    const bad = mismatch(clientNames, r.uploadFileOrder)
    if (bad) return bad
    clientNames = [...r.uploadFileOrder]
  }
  save(data, r, version)
  const d = dataState(env.s, env.config)
  const dir = dirOf(d, dirKey)
  const { request, conflict } = enqueue(env, {
    key: { action: 'create', target: 'task', targetId: task.id, subresource: null, format: null, userId: null },
    object: { kind: 'task', t: task },
    startedMessage: 'Media files are being extracted...',
    reportsProgress: true,
    resultTtl: TTL.rqDefault,
    failureTtl: TTL.importFailure,
    run: () => {
      if (r.validationParams !== undefined) return { ok: false, message: 'NotImplementedError: the emulator does not model validation layouts (ground truth and honeypots)\n' }
      const outcome = createTaskData(env.s, d, { version, task, data, request: r, clientNames, dir, config: env.config.data ?? DATA_DEFAULTS, random: env.config.random }, env.config.now())
      if (outcome.ok) {
        // The raw files give their room back; the frames' bytes are kept (and counted) instead.
        const kept = (d.media.get(data.id) ?? []).reduce((n, f) => n + (f?.bytes.length ?? 0), 0)
        clearDir(d.budget, dir)
        d.budget.used += kept
        registered.delete(data)
      }
      return outcome
    },
  })
  return conflict ? json(409, { rq_id: request.id }) : json(202, { rq_id: request.id })
}

/** POST /api/tasks/{id}/data/ — every step of the upload protocol. */
export const postData = async (env: AuthedEnv, raw: string): Promise<Reply> => {
  const t = findTask(env, raw)
  if (isReply(t)) return t
  if (!taskMay(env, 'upload:data', t)) return forbidden()
  const e = env.s.engine
  const version = env.config.serverVersion
  let data = dataOf(e, t)
  if (version === '2.73' ? t.mode !== '' : data !== undefined && data.size !== 0) return json(400, version === '2.73' ? ['Adding more data is not supported'] : 'Adding more data is not supported')
  // The first POST creates the Data record with the model's defaults (image_quality 50; 0 in 2.73).
  data ??= createData(e, t, { imageQuality: version === '2.73' ? 0 : 50 })
  const h = env.req.headers
  const start = h.has('upload-start')
  const end = h.has('upload-finish')
  if (end || (!start && !h.has('upload-length') && !h.has('upload-multiple'))) return finish(env, t, data)
  if (start) return { _tag: 'Reply', status: 202 }
  if (h.has('upload-length')) {
    const spec = tusSpec(env, `data:${data.id}`, 'data')
    const created = tusCreate(spec, env.req, env.url, (id) => `/api/tasks/${t.id}/data/${id}`)
    // TaskViewSet.init_tus_upload registers the client file once the TUS file is created.
    const name = spec.dir.tus.get(String(created.headers?.['Location'] ?? '').split('/').pop() ?? '')?.filename
    if (created.status === 201 && name !== undefined && !namesOf(data).includes(name)) namesOf(data).push(name)
    return created
  }
  const body = await readBody(env.req, env.config.data?.maxUploadBytes ?? DATA_DEFAULTS.maxUploadBytes)
  if (isReply(body)) return body
  const r = readDataRequest(body, version)
  if (!isDataRequest(r)) return json(400, r)
  const stored = store(env, `data:${data.id}`, r.clientFiles, 'data')
  if (stored) return stored
  for (const f of r.clientFiles) if (!namesOf(data).includes(f.name)) namesOf(data).push(f.name)
  return { _tag: 'Reply', status: 200 }
}

/** HEAD and PATCH /api/tasks/{id}/data/{file_id} (append_data_chunk). */
export const dataChunk = async (env: AuthedEnv, raw: string): Promise<Reply> => {
  const t = findTask(env, raw)
  if (isReply(t)) return t
  if (!taskMay(env, 'upload:data', t)) return forbidden()
  const data = dataOf(env.s.engine, t)
  const fileId = env.url.pathname.replace(/\/+$/, '').split('/').pop() ?? ''
  if (!data) return { _tag: 'Reply', status: 404 }
  return tusChunk(tusSpec(env, `data:${data.id}`, 'data'), env.req, fileId)
}

/** Reads a file a finished TUS or multipart upload left in a directory (`filename` of Upload-Finish). */
export const uploaded = (env: AuthedEnv, dirKey: string, name: string): Uint8Array | undefined => {
  const f = dirOf(dataState(env.s, env.config), dirKey).files.get(name)
  return f && f.whole ? contents(f) : undefined
}

/** Stores the files of a multipart body in a directory (imports and backups). */
export const storeFiles = (env: AuthedEnv, dirKey: string, files: ReadonlyArray<Upload>): Reply | undefined => store(env, dirKey, files, 'import')
