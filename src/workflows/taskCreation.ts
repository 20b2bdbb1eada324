/**
 * Creating a task from data, as cvat-sdk's `tasks.create_from_data` does
 * (cvat-sdk/cvat_sdk/core/proxies/tasks.py): create the task, attach its data (local files by
 * CVAT's upload protocol; remote URLs, server-share paths and cloud-storage files by one data
 * request that sends no file), wait until CVAT has processed it, then read the task. Unlike the
 * SDK, a task whose data failed is deleted again (unless the caller keeps it): a failed upload
 * leaves no empty task behind.
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, decodeError, requestError } from '../errors'
import { drawDecodeError } from '../errors/draw'
import type { DecodeError } from 'io-ts/Decoder'
import { describeValue } from '../endpoint/input'
import type { OrgParams } from '../endpoint/params'
import { jsonText } from '../http/request'
import { isRecord } from '../json'
import { pollRequest } from './backgroundRequest'
import { type Source, type UploadFile, readFile } from './files'
import { DataRequest } from '../generated/models/DataRequest'
import type { TaskRead } from '../generated/models/TaskRead'
import { TaskWriteRequest } from '../generated/models/TaskWriteRequest'
import { tasksCreate } from '../generated/tasks/tasksCreate'
import { tasksCreateData } from '../generated/tasks/tasksCreateData'
import { tasksDestroy } from '../generated/tasks/tasksDestroy'
import { tasksRetrieve } from '../generated/tasks/tasksRetrieve'
import { type Org, type Run, type WorkflowError, type WorkflowOptions, type WorkflowStep, readOrg, startRun, total } from './run'
import { upload } from './upload'

/**
 * Parameters of `tasksCreateFromData`: the task (`spec`, a `TaskWriteRequest`), its data
 * (`resources`: files for `local`, the default; URLs for `remote`; paths on the server's share, or
 * in a cloud storage named by `dataParams.cloud_storage_id`, for `share`), and the rest of the
 * `DataRequest` (`image_quality`, default 70 as in cvat-sdk; `sorting_method`, `chunk_size`, …).
 *
 * @example
 * const p: TasksCreateFromDataParams = { spec: { name: 'cats', labels: [{ name: 'cat' }] }, resources: [{ name: 'cat.jpg', data: new Uint8Array([0xff, 0xd8]) }], org: 'acme' }
 */
export type TasksCreateFromDataParams = OrgParams & {
  readonly spec: TaskWriteRequest
  /** The rest of the data request; the files come from `resources`. */
  readonly dataParams?: Omit<DataRequest, 'client_files' | 'server_files' | 'remote_files'>
} & (
    | { readonly resourceType?: 'local'; readonly resources: ReadonlyArray<UploadFile> }
    | { readonly resourceType: 'remote' | 'share'; readonly resources: ReadonlyArray<string> }
  )

/**
 * Sets how `tasksCreateFromData` runs: the workflow options, and whether a task whose data failed
 * is kept (default: deleted again).
 *
 * @example
 * const options: TasksCreateFromDataOptions = { keepTaskOnFailure: true, timeout: 3_600_000 }
 */
export interface TasksCreateFromDataOptions extends WorkflowOptions {
  /** Keep the task when its data fails to upload or to process (to look at it in CVAT); by default it is deleted. */
  readonly keepTaskOnFailure?: boolean
}

const URL = '/api/tasks'

interface Input {
  readonly spec: TaskWriteRequest
  readonly kind: 'local' | 'remote' | 'share'
  readonly files: ReadonlyArray<Source>
  /** The data request, checked by its codec (only the schema's fields). */
  readonly data: DataRequest
  readonly org: Org
  readonly keep: boolean
}

const decoded = <A>(name: string, codec: { readonly decode: (u: unknown) => E.Either<DecodeError, A> }, value: unknown): E.Either<string, A> => {
  const r = codec.decode(value)
  return E.isLeft(r) ? E.left(`${name}: ${drawDecodeError(r.left)}`) : r
}

// The data request: cvat-sdk's defaults, the caller's parameters, then the resources (the files
// of a local upload travel apart from it, and their order when the SDK would send it).
const dataRequest = (kind: Input['kind'], dataParams: Readonly<Record<string, unknown>>, resources: ReadonlyArray<unknown>, files: ReadonlyArray<Source>): Record<string, unknown> => {
  const { client_files: _c, remote_files: _r, server_files: _s, ...rest } = dataParams
  const data: Record<string, unknown> = { image_quality: 70, ...rest }
  if (kind === 'remote') data['remote_files'] = resources
  if (kind === 'share') data['server_files'] = resources
  if (kind === 'local' && String(data['sorting_method']).toLowerCase() === 'predefined' && data['upload_file_order'] === undefined)
    data['upload_file_order'] = files.map((f) => f.name)
  return data
}

// Everything the caller passed, read once and checked before anything is sent.
const readInput = (params: unknown, options: unknown): E.Either<string, Input> => {
  if (typeof params !== 'object' || params === null) return E.left(`params must be an object, got ${describeValue(params)}`)
  const spec: unknown = Reflect.get(params, 'spec')
  const resources: unknown = Reflect.get(params, 'resources')
  const kind: unknown = Reflect.get(params, 'resourceType') ?? 'local'
  const dataParams: unknown = Reflect.get(params, 'dataParams') ?? {}
  const keep: unknown = options == null || typeof options !== 'object' ? undefined : Reflect.get(options, 'keepTaskOnFailure')
  if (!isRecord(spec)) return E.left(`spec must be an object (a TaskWriteRequest), got ${describeValue(spec)}`)
  const task = decoded('spec', TaskWriteRequest, spec)
  if (E.isLeft(task)) return task
  if (kind !== 'local' && kind !== 'remote' && kind !== 'share') return E.left(`resourceType must be 'local', 'remote' or 'share', got ${describeValue(kind)}`)
  if (!isRecord(dataParams)) return E.left(`dataParams must be an object (the rest of a DataRequest), got ${describeValue(dataParams)}`)
  if (keep != null && typeof keep !== 'boolean') return E.left(`keepTaskOnFailure must be a boolean, got ${describeValue(keep)}`)
  if (!Array.isArray(resources) || resources.length === 0) return E.left('resources must be a non-empty array')
  const org = readOrg(params)
  if (E.isLeft(org)) return org
  const files: Source[] = []
  const names = new Set<string>()
  const type = kind
  const done = (): E.Either<string, Input> => {
    const data = decoded('dataParams', DataRequest, dataRequest(type, dataParams, resources, files))
    return E.isLeft(data) ? data : E.right({ spec: task.right, kind: type, files, data: data.right, org: org.right, keep: keep === true })
  }
  if (kind !== 'local') {
    const bad = resources.findIndex((r) => typeof r !== 'string' || r === '')
    return bad >= 0 ? E.left(`resources[${bad}] must be a non-empty string (a ${kind === 'remote' ? 'URL' : 'path'})`) : done()
  }
  for (const [i, r] of resources.entries()) {
    const file = readFile(r)
    if (E.isLeft(file)) return E.left(`resources[${i}] ${file.left}`)
    // CVAT appends a file to an earlier one of the same name: two would be one corrupt file.
    if (names.has(file.right.name)) return E.left(`resources[${i}] has the name of an earlier file: ${JSON.stringify(file.right.name.slice(0, 100))}`)
    names.add(file.right.name)
    files.push(file.right)
  }
  return done()
}

// How long the deletion of a failed task may take (the run itself may have been aborted).
const CLEANUP_MS = 10_000

const cleanup = async (run: Run, id: number): Promise<boolean> => {
  const ctl = new AbortController()
  const timer = setTimeout(() => ctl.abort(), CLEANUP_MS)
  const r = await tasksDestroy((req) => run.client({ ...req, signal: ctl.signal }), { id })()
  clearTimeout(timer)
  return E.isRight(r)
}

const attach = async (run: Run, input: Input, id: number): Promise<E.Either<CvatError, string>> => {
  const data = input.data
  if (input.kind === 'local')
    return upload(run, {
      path: `/api/tasks/${id}/data/`,
      files: input.files,
      multiple: [['image_quality', String(data.image_quality)]],
      finish: () => ({ body: jsonText(data) ?? '{}' }),
    })
  const r = await tasksCreateData(run.client, { id, dataRequest: data })()
  if (E.isLeft(r)) return E.left(run.settle(r.left))
  return r.right === undefined ? E.left(decodeError('POST', `${run.origin() ?? ''}/api/tasks/${id}/data/`, 202, 'the data request was accepted without naming its background request (rq_id)', '')) : E.right(r.right.rq_id)
}

/**
 * POST /api/tasks — Creates a task, uploads its data and waits until CVAT has processed it, as
 * cvat-sdk's `create_from_data`: local files by CVAT's upload protocol (`Upload-Start`; files up
 * to 100 MiB grouped in `Upload-Multiple` requests of at most 100 MiB; larger ones by TUS in
 * 10 MiB chunks, each tried up to 3 times; `Upload-Finish` with the rest of the data request),
 * remote URLs and share or cloud-storage paths by one data request; then polls the background
 * request (`waitForRequest`) and reads the task. Files are read a chunk at a time (a 5 GB
 * `fs.openAsBlob` file uploads in bounded memory). Progress: `upload` bytes, then `processing`.
 * If the data fails to upload or process, the Left says the `step` and the task is deleted again
 * unless `keepTaskOnFailure` (its id is in the Left either way).
 *
 * Servers: CVAT ≥ 2.26 (every supported version), with the same requests: a 2.26 server without
 * a proxy builds the TUS `Location` from the `Origin` header sent (and answers 500 without one),
 * 2.73 from its own URL; either is followed only on the client's own origin. No version is
 * probed: what differs is read from the answers.
 *
 * @example
 * tasksCreateFromData(cvat, { spec: { name: 'cats', labels: [{ name: 'cat' }] }, resources: [new File([new Uint8Array([0xff, 0xd8])], 'cat.jpg')] }, { onProgress: console.error })
 */
export const tasksCreateFromData = (client: Client, params: TasksCreateFromDataParams, options?: TasksCreateFromDataOptions): TaskEither<WorkflowError, TaskRead> =>
  total('POST', URL, async () => {
    const input = readInput(params, options)
    if (E.isLeft(input)) return E.left(requestError('POST', URL, input.left))
    const started = startRun('POST', URL, client, options, input.right.org)
    if (E.isLeft(started)) return started
    const run = started.right
    const finish = <A>(r: E.Either<WorkflowError, A>): E.Either<WorkflowError, A> => (run.end(), run.release(), r)
    const created = await tasksCreate(run.client, { taskWriteRequest: input.right.spec })()
    if (E.isLeft(created)) return finish(E.left({ ...run.settle(created.left), step: 'create' }))
    const id = created.right.id
    const fail = async (step: WorkflowStep, e: CvatError): Promise<E.Either<WorkflowError, never>> => {
      const deleted = input.right.keep ? false : await cleanup(run, id)
      return finish(E.left({ ...run.settle(e), step, taskId: id, taskDeleted: deleted }))
    }
    const rq = await attach(run, input.right, id)
    if (E.isLeft(rq)) return fail('upload', rq.left)
    const done = await pollRequest(run, rq.right)
    if (E.isLeft(done)) return fail('processing', done.left)
    const task = await tasksRetrieve(run.client, { id })()
    return finish(E.isLeft(task) ? E.left({ ...run.settle(task.left), step: 'retrieve', taskId: id, taskDeleted: false }) : task)
  })
