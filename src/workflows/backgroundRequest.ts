/**
 * Waiting for a background request (`GET /api/requests/{id}`): CVAT creates tasks, exports and
 * imports in background requests that a client polls until they are `finished` or `failed`.
 * Polls are spaced by a growing interval bounded above, one at a time: never more than one status
 * request per interval, whatever the server's latency. 502/503/504 while polling are retried, as
 * cvat-core does (cvat-core/src/server-proxy.ts, `getRequestStatus`: 3 retries).
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, backgroundRequestError, requestError, scrub } from '../errors'
import { recallSecrets } from '../errors/redact'
import { call, type Operation } from '../endpoint/operation'
import { readResponse } from '../endpoint/send'
import { texts } from '../endpoint/parts'
import { encode, isWellFormed } from '../http/request'
import { describeValue } from '../endpoint/input'
import { Request } from '../generated/models/Request'
import { type Run, type WorkflowOptions, startRun, stoppedError, total } from './run'

/** The first wait between polls; it doubles up to `pollInterval`. */
export const FIRST_POLL_MS = 500

/** How many 502/503/504 answers in a row a poll retries (cvat-core's 3). */
const GATEWAY_RETRIES = 3

// A server's message may quote a URL holding credentials (a remote file's): its user-info goes,
// and every form of the request's own credentials.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi

interface Seen {
  readonly request: Request
  readonly url: string
  readonly secrets: ReadonlyArray<string>
}

const statusOp: Operation<Seen> = {
  method: 'GET',
  path: '/api/requests/{id}',
  text: /*#__PURE__*/ texts(['id']),
  answer: {
    read: (req, res) => {
      const r = readResponse(req, 'Request', Request)(res)
      return E.isLeft(r) ? r : E.right({ request: r.right, url: res.url, secrets: recallSecrets(res, req) })
    },
  },
}

/** The wait before the next poll, after `wait` before this one: 0.5 s after the first (at once), then doubling, never over `pollInterval`. */
export const nextWait = (wait: number, pollInterval: number): number => Math.min(wait === 0 ? FIRST_POLL_MS : wait * 2, pollInterval)

const isGateway = (e: CvatError): boolean => e._tag === 'StatusError' && (e.status === 502 || e.status === 503 || e.status === 504)

// CVAT's progress is a fraction from 0 to 1 (null before it starts); anything else is read as 0.
const fraction = (p: unknown): number => (typeof p === 'number' && p >= 0 && p <= 1 ? p : 0)

/**
 * Polls a background request until it ends: its finished `Request`, or a `BackgroundRequestError`
 * with CVAT's message when it failed. The first poll goes at once.
 */
export const pollRequest = async (run: Run, id: string): Promise<E.Either<CvatError, Request>> => {
  const url = () => (run.origin() ?? '') + `/api/requests/${encode(id)}`
  let wait = 0
  let gateway = 0
  for (;;) {
    if (wait > 0 && !(await run.sleep(wait))) return E.left(stoppedError(run, 'GET', url()))
    const stop = run.stopped('GET', url())
    if (stop !== undefined) return E.left(stop)
    const r = await call(statusOp, run.client, { id })()
    wait = nextWait(wait, run.pollInterval)
    if (E.isLeft(r)) {
      if (isGateway(r.left) && gateway++ < GATEWAY_RETRIES) continue
      return E.left(run.settle(r.left))
    }
    gateway = 0
    const { request, url: seen, secrets } = r.right
    if (request.status === 'failed') {
      const message = scrub(String(request.message ?? '').replace(USERINFO, '$1[redacted]@'), secrets)
      return E.left(backgroundRequestError('GET', seen, id, message))
    }
    run.progress({ phase: 'processing', done: request.status === 'finished' ? 1 : fraction(request.progress), total: 1 })
    if (request.status === 'finished') return E.right(request)
  }
}

/**
 * GET /api/requests/{id} — Waits for a background request (a task's data, an export, an import, a
 * backup) until CVAT says it `finished`, polling its status at a growing interval (0.5 s,
 * doubling, at most `pollInterval`, default 5 s; one poll at a time). Resolves to the finished
 * `Request`; a `failed` one is a `BackgroundRequestError` with CVAT's message; 502/503/504 while
 * polling are retried (3 in a row, as CVAT's UI does). `onProgress` gets CVAT's `progress`
 * (phase `processing`, from 0 to 1).
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Ids look like `create:task-42` on 2.26 and
 * `action=create&target=task&target_id=42` on 2.73; either is sent percent-encoded in the path.
 *
 * @example
 * waitForRequest(cvat, { id: 'create:task-42' }, { timeout: 600_000, onProgress: (p) => console.error(p.done) })
 */
export const waitForRequest = (client: Client, params: { readonly id: string }, options?: WorkflowOptions): TaskEither<CvatError, Request> =>
  total('GET', '/api/requests/{id}', async () => {
    const id: unknown = typeof params === 'object' && params !== null ? Reflect.get(params, 'id') : undefined
    const problem = typeof id !== 'string' || id === '' ? `id must be a non-empty string, got ${describeValue(id)}` : isWellFormed(id) ? undefined : 'id must be well-formed text'
    if (problem !== undefined) return E.left(requestError('GET', '/api/requests/{id}', problem))
    const run = startRun('GET', `/api/requests/${encode(String(id))}`, client, options)
    if (E.isLeft(run)) return run
    const r = await pollRequest(run.right, String(id))
    run.right.end()
    run.right.release()
    return r
  })
