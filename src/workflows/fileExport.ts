/**
 * An export as CVAT's SDK runs it (cvat-sdk/cvat_sdk/core/downloading.py, `prepare_file` and
 * `download_file`): start it, wait for its background request, then stream the file behind the
 * finished request's `result_url`. A 409 "already running" joins the running export: CVAT ≥ 2.37
 * names its request in the 409's body; older servers do not, and the running one is found in
 * `GET /api/requests` (filtered by action, target, id, subresource and format, filters CVAT has had
 * since before 2.26). The `result_url` is absolute and followed only on the client's own origin.
 * The file is never buffered: the caller reads the response's own stream.
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, decodeError } from '../errors'
import type { Download } from '../endpoint/download'
import { file } from '../endpoint/answer'
import { exchange } from '../endpoint/send'
import { isRecord } from '../json'
import { request } from '../http/request'
import { pollRequest } from './backgroundRequest'
import type { RqId } from '../generated/models/RqId'
import { requestsList } from '../generated/requests/requestsList'
import { ownLink } from './origin'
import type { Run, WorkflowError } from './run'

/** What an export exports, as CVAT's request list filters it. */
export interface ExportTarget {
  readonly target: 'task' | 'project' | 'job'
  readonly id: number
  readonly subresource: 'dataset' | 'annotations' | 'backup'
  readonly format?: string
}

// The running export CVAT < 2.37 would not name in its 409.
const running = async (run: Run, t: ExportTarget): Promise<string | undefined> => {
  const found = await requestsList(run.client, { action: 'export', target: t.target, [`${t.target}Id`]: t.id, subresource: t.subresource, ...(t.format === undefined ? {} : { format: t.format }), pageSize: 10 })()
  return E.isLeft(found) ? undefined : found.right.results.find((r) => r.status === 'queued' || r.status === 'started')?.id
}

const joined = (e: CvatError): string | undefined =>
  e._tag === 'StatusError' && e.status === 409 && e.body._tag === 'Json' && isRecord(e.body.value) && typeof e.body.value['rq_id'] === 'string' ? e.body.value['rq_id'] : undefined

const startOrJoin = async (run: Run, t: ExportTarget, start: (c: Client) => TaskEither<CvatError, RqId>): Promise<E.Either<CvatError, string>> => {
  for (let attempt = 0; ; attempt++) {
    const r = await start(run.client)()
    if (E.isRight(r)) return E.right(r.right.rq_id)
    const e = run.settle(r.left)
    if (e._tag !== 'StatusError' || e.status !== 409) return E.left(e)
    const id = joined(e) ?? (await running(run, t))
    if (id !== undefined) return E.right(id)
    // The running export ended between the 409 and the list: start it once more.
    if (attempt >= 1) return E.left(e)
  }
}

// The response's stream, counted as the caller reads it (phase `download`); one chunk is read ahead.
const counted = (run: Run, d: Download): Download => {
  const reader = d.body.getReader()
  let done = 0
  let released = false
  const release = () => {
    if (!released) (released = true), run.release()
  }
  run.progress({ phase: 'download', done, ...(d.size === undefined ? {} : { total: d.size }) })
  const body = new ReadableStream<Uint8Array>(
    {
      pull: async (c) => {
        try {
          const { done: end, value } = await reader.read()
          if (end) return release(), c.close()
          done += value.byteLength
          run.progress({ phase: 'download', done, ...(d.size === undefined ? {} : { total: d.size }) })
          c.enqueue(value)
        } catch (e) {
          release()
          c.error(e)
        }
      },
      cancel: (reason) => (release(), reader.cancel(reason)),
    },
    // One chunk read ahead: the next is fetched while the caller writes this one, and no more.
    { highWaterMark: 1 },
  )
  return { ...d, body }
}

/**
 * Runs an export to its file: `start` begins it (or joins the one running), the background
 * request is polled, and the file behind its `result_url` is streamed. The run's deadline ends
 * when the `Download` is handed over; the caller's signal still cuts its stream.
 */
export const exportFile = async (run: Run, t: ExportTarget, start: (c: Client) => TaskEither<CvatError, RqId>): Promise<E.Either<WorkflowError, Download>> => {
  const rq = await startOrJoin(run, t, start)
  if (E.isLeft(rq)) return E.left({ ...rq.left, step: 'start' })
  const finished = await pollRequest(run, rq.right)
  if (E.isLeft(finished)) return E.left({ ...finished.left, step: 'processing' })
  const status = { method: 'GET', url: `${run.origin() ?? ''}/api/requests/${encodeURIComponent(rq.right)}`, status: 200 }
  const link = finished.right.result_url
  if (typeof link !== 'string' || link === '')
    return E.left({ ...decodeError('GET', status.url, 200, 'the finished request has no result_url (was the file exported to a cloud storage?)', ''), step: 'download' })
  const own = ownLink(link, status, run.origin())
  if (E.isLeft(own)) return E.left({ ...own.left, step: 'download' })
  const got = await exchange(run.client, E.right({ ...request('GET', own.right), responseType: 'stream' as const }), file.read)()
  if (E.isLeft(got)) return E.left({ ...run.settle(got.left), step: 'download' })
  run.end()
  return E.right(counted(run, got.right))
}
