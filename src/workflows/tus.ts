/**
 * One file by TUS 1.0.0, as CVAT's SDK sends it (cvat-sdk/cvat_sdk/core/uploading.py,
 * `_upload_with_tus`, 2.73.0): a creation `POST` (`Upload-Length`, `Upload-Metadata: filename
 * <base64>`, and an `Origin`, which a 2.26 server without a proxy needs to build its `Location`:
 * cvat/apps/engine/mixins.py, `init_tus_upload`), then 10 MiB `PATCH`es at `Upload-Offset`. A
 * chunk that fails (a network error, 409, 5xx) is tried again from the offset the server gives
 * (its `Upload-Offset`, else a `HEAD`), at most 3 times; any other status ends the upload. Unlike
 * the SDK, which allows 3 failures per file, each chunk gets 3 tries: a long upload over a flaky
 * network is not lost to three blips hours apart. Every offset the server sends is bounded (an
 * integer within the file, never going back past what it acknowledged without costing a try).
 */
import * as E from '../http/either'
import { type CvatError, decodeError, requestError } from '../errors'
import { exchange, failure, isSuccess } from '../endpoint/send'
import { type HttpRequest, type HttpResponse, isWellFormed, request } from '../http/request'
import type { Source } from './files'
import { ownLink } from './origin'
import { type Run, stoppedError } from './run'

/** The size of a TUS chunk, as CVAT's SDK sends it: 10 MiB. */
export const TUS_CHUNK_BYTES = 10 * 2 ** 20

/** How many times one chunk is tried before the upload fails. */
export const TUS_TRIES = 3

const TUS = { 'tus-resumable': '1.0.0' }

// Base64 of the name's UTF-8 bytes, as Python's `base64.b64encode(v.encode())`.
const base64 = (text: string): string => btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(''))

const offsetOf = (header: string | undefined): number | undefined => (header !== undefined && /^\d{1,16}$/.test(header.trim()) && Number.isSafeInteger(Number(header)) ? Number(header) : undefined)

// Every answer is handed over whatever its status: the protocol decides what each one means.
const send = (run: Run, req: HttpRequest): Promise<E.Either<CvatError, HttpResponse>> => exchange(run.client, E.right(req), (_, res) => E.right(res))()

const broken = (res: HttpResponse, method: string, message: string): CvatError => decodeError(method, res.url, res.status, message, '')

interface Created {
  readonly location: string
  readonly filename: string
}

const create = async (run: Run, createUrl: string, source: Source, origin: string): Promise<E.Either<CvatError, Created>> => {
  const req: HttpRequest = {
    ...request('POST', createUrl),
    headers: { ...request('POST', createUrl).headers, ...TUS, 'upload-length': String(source.size), 'upload-metadata': `filename ${base64(source.name)}`, origin },
  }
  const r = await send(run, req)
  if (E.isLeft(r)) return E.left(run.settle(r.left))
  const res = r.right
  if (!isSuccess(res.status)) return E.left(failure(req, res))
  const { location, 'upload-filename': filename } = res.headers
  if (location === undefined || location === '') return E.left(broken(res, 'POST', 'the TUS creation answer has no Location header'))
  if (filename === undefined || filename === '' || filename.length > 1024 || !isWellFormed(filename)) return E.left(broken(res, 'POST', 'the TUS creation answer has no usable Upload-Filename header'))
  const link = ownLink(location, { method: 'POST', url: res.url, status: res.status }, origin)
  return E.isLeft(link) ? link : E.right({ location: link.right, filename })
}

// Where the server says the upload stands after a failed chunk (`HEAD`).
const ask = async (run: Run, location: string): Promise<E.Either<CvatError, number>> => {
  const req: HttpRequest = { ...request('HEAD', location), headers: { ...request('HEAD', location).headers, ...TUS } }
  const r = await send(run, req)
  if (E.isLeft(r)) return E.left(run.settle(r.left))
  if (!isSuccess(r.right.status)) return E.left(failure(req, r.right))
  const offset = offsetOf(r.right.headers['upload-offset'])
  return offset === undefined ? E.left(broken(r.right, 'HEAD', 'the TUS HEAD answer has no valid Upload-Offset header')) : E.right(offset)
}

/**
 * Uploads one file by TUS to `createUrl` (a path on the client's base URL); `acked` hears each
 * offset the server acknowledged (never less than before). Resolves to the server's
 * `Upload-Filename`, the name CVAT gave the file.
 */
export const tusUpload = async (run: Run, createUrl: string, source: Source, acked: (offset: number) => void, chunkBytes = TUS_CHUNK_BYTES): Promise<E.Either<CvatError, string>> => {
  const origin = run.origin()
  if (origin === undefined) return E.left(requestError('POST', createUrl, "the client's origin is unknown (no earlier answer carried an absolute http(s) URL), so a TUS Location cannot be checked"))
  const created = await create(run, createUrl, source, origin)
  if (E.isLeft(created)) return created
  const { location, filename } = created.right
  const size = source.size
  let offset = 0
  let furthest = 0
  let failures = 0
  for (;;) {
    const stop = run.stopped('PATCH', location)
    if (stop !== undefined) return E.left(stop)
    const end = Math.min(offset + chunkBytes, size)
    const body = source.part(offset, end)
    if (body === undefined) return E.left(requestError('PATCH', location, `${source.name} cannot be read: its slice ${offset}–${end} failed`))
    const req: HttpRequest = {
      ...request('PATCH', location),
      headers: { ...request('PATCH', location).headers, ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
      body,
    }
    const r = await send(run, req)
    let next: number | undefined
    if (E.isLeft(r)) {
      // Only the network's failures are worth another try; a refused request or a stopped run is not.
      if (run.signal.aborted) return E.left(stoppedError(run, 'PATCH', location))
      if (r.left._tag !== 'TransportError' && r.left._tag !== 'TimeoutError') return r
      if (++failures >= TUS_TRIES) return r
    } else if (isSuccess(r.right.status)) {
      next = offsetOf(r.right.headers['upload-offset'])
      if (next === undefined) return E.left(broken(r.right, 'PATCH', 'the TUS chunk answer has no valid Upload-Offset header'))
      // The SDK's guard: a server must not ask for the same chunk again.
      if (next < end) return E.left(broken(r.right, 'PATCH', `the server acknowledged offset ${next}, short of the chunk's end ${end}`))
    } else if (r.right.status === 409 || r.right.status >= 500) {
      // A conflict (the server holds another offset) or a server failure: try again from where it stands.
      if (++failures >= TUS_TRIES) return E.left(failure(req, r.right))
      next = offsetOf(r.right.headers['upload-offset'])
    } else return E.left(failure(req, r.right))
    if (next === undefined) {
      const asked = await ask(run, location)
      if (E.isLeft(asked)) return asked
      next = asked.right
    }
    if (next > size) return E.left(decodeError('PATCH', location, 200, `the server gave offset ${next}, past the file's ${size} bytes`, ''))
    if (next > furthest) {
      furthest = next
      failures = 0
      acked(furthest)
    }
    if (next === size) return E.right(filename)
    offset = next
  }
}
