/**
 * CVAT's upload protocol on one endpoint, as its SDK speaks it (cvat-sdk/cvat_sdk/core/uploading.py;
 * the server side: cvat/apps/engine/mixins.py, `UploadMixin.upload_data`): a `POST` with
 * `Upload-Start`; for task data, files of at most 100 MiB grouped into `POST`s with
 * `Upload-Multiple` (multipart, `client_files[i]`, each request at most 100 MiB of files); every
 * other file by TUS; then a `POST` with `Upload-Finish`, whose 202 names the background request
 * that processes the upload. The three header values are empty: CVAT reads them by presence.
 */
import * as E from '../http/either'
import { type CvatError, requestError } from '../errors'
import { exchange, failure, isSuccess, readResponse } from '../endpoint/send'
import { type HttpRequest, type QueryValue, request, withQuery } from '../http/request'
import type { Source } from './files'
import { RqId } from '../generated/models/RqId'
import { type Run } from './run'
import { tusUpload } from './tus'

/** The most bytes of files one `Upload-Multiple` request carries, and the largest file sent that way (cvat-sdk's `MAX_REQUEST_SIZE`). */
export const MAX_REQUEST_BYTES = 100 * 2 ** 20

/** What one upload sends, and to where. */
export interface Plan {
  /** The endpoint, as the schema writes it (`/api/tasks/5/data/`, `/api/tasks/backup/`). */
  readonly path: string
  /** The query of the `Upload-Start` request (an import's `format` and `filename`). */
  readonly startQuery?: ReadonlyArray<readonly [string, QueryValue]>
  readonly files: ReadonlyArray<Source>
  /** Task data only: small files go in `Upload-Multiple` requests, with these form fields beside them. */
  readonly multiple?: ReadonlyArray<readonly [string, string]>
  /** The `Upload-Finish` request's query and JSON body, given the names CVAT gave the TUS files. */
  readonly finish: (names: ReadonlyArray<string>) => { readonly query?: ReadonlyArray<readonly [string, QueryValue]>; readonly body?: string }
  /** The chunk size of the TUS uploads (tests make it small). */
  readonly chunkBytes?: number
}

// One protocol request with its marker header, on the endpoint; any 2xx goes on.
const post = (path: string, marker: string, query: ReadonlyArray<readonly [string, QueryValue]> = []): HttpRequest => {
  const req = withQuery(query)(request('POST', path))
  return { ...req, headers: { ...req.headers, [marker]: '' } }
}

const sent = (run: Run, req: HttpRequest): Promise<E.Either<CvatError, void>> =>
  exchange(run.client, E.right(req), (rq, res) => (isSuccess(res.status) ? E.right(undefined) : E.left(failure(rq, res))))().then((r) => (E.isLeft(r) ? E.left(run.settle(r.left)) : r))

/** Splits data files as the SDK does: files over 100 MiB by TUS, the others grouped in order into requests of at most 100 MiB. */
export const groupFiles = (files: ReadonlyArray<Source>, limit = MAX_REQUEST_BYTES): { readonly groups: ReadonlyArray<ReadonlyArray<Source>>; readonly large: ReadonlyArray<Source> } => {
  const groups: Source[][] = []
  let group: Source[] = []
  let size = 0
  for (const f of files.filter((f) => f.size <= limit)) {
    if (size + f.size > limit) {
      groups.push(group)
      group = []
      size = 0
    }
    group.push(f)
    size += f.size
  }
  if (group.length > 0) groups.push(group)
  return { groups, large: files.filter((f) => f.size > limit) }
}

// A hand-made Blob-like value passes as a file until FormData, which takes only real Blobs, refuses it.
const form = (fields: ReadonlyArray<readonly [string, string]>, group: ReadonlyArray<Source>): FormData | undefined => {
  try {
    const body = new FormData()
    for (const [k, v] of fields) body.append(k, v)
    group.forEach((f, i) => body.append(`client_files[${i}]`, f.whole(), f.name))
    return body
  } catch {
    return undefined
  }
}

/**
 * Runs the upload protocol of `plan` and resolves to the id of the background request CVAT
 * started; `onProgress` hears the bytes sent (phase `upload`).
 */
export const upload = async (run: Run, plan: Plan): Promise<E.Either<CvatError, string>> => {
  const totalBytes = plan.files.reduce((n, f) => n + f.size, 0)
  let done = 0
  run.progress({ phase: 'upload', done, total: totalBytes })
  const started = await sent(run, post(plan.path, 'upload-start', plan.startQuery))
  if (E.isLeft(started)) return started
  const { groups, large } = plan.multiple === undefined ? { groups: [], large: plan.files } : groupFiles(plan.files)
  for (const group of groups) {
    const body = form(plan.multiple ?? [], group)
    if (body === undefined) return E.left(requestError('POST', plan.path, `the files ${group.map((f) => JSON.stringify(f.name.slice(0, 100))).join(', ')} cannot be sent: one is not a Blob FormData can carry`))
    const req = { ...post(plan.path, 'upload-multiple'), body }
    const r = await sent(run, req)
    if (E.isLeft(r)) return r
    done += group.reduce((n, f) => n + f.size, 0)
    run.progress({ phase: 'upload', done, total: totalBytes })
  }
  const names: string[] = []
  // TUS creation goes to the endpoint with one trailing slash, as the SDK's `create_url`.
  const createUrl = plan.path.replace(/\/*$/, '/')
  for (const file of large) {
    const base = done
    const r = await tusUpload(run, createUrl, file, (offset) => run.progress({ phase: 'upload', done: base + offset, total: totalBytes }), plan.chunkBytes)
    if (E.isLeft(r)) return r
    names.push(r.right)
    done = base + file.size
  }
  const finish = plan.finish(names)
  const req = post(plan.path, 'upload-finish', finish.query)
  const withBody: HttpRequest = finish.body === undefined ? req : { ...req, headers: { ...req.headers, 'content-type': 'application/json' }, body: finish.body }
  const r = await exchange(run.client, E.right(withBody), (rq, res) => readResponse(rq, 'RqId', RqId)(res))()
  return E.isLeft(r) ? E.left(run.settle(r.left)) : E.right(r.right.rq_id)
}
