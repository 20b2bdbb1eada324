/**
 * One run of a workflow: the caller's options read once and checked, the client every request of
 * the run goes through (the run's signal on each, the organisation context the caller named, and
 * the origin learnt from the first answer), and the ways a run stops (the caller's signal, the
 * `timeout` deadline). A workflow asks its run, never the caller's raw options.
 */
import * as E from '../http/either'
import type { Client } from '../http/client'
import { type CvatError, type RequestError, requestError, timeoutError, transportError } from '../errors'
import type { HttpRequest } from '../http/request'
import type { TaskEither } from 'fp-ts/TaskEither'
import { UNREADABLE, clientProblem, describeValue } from '../endpoint/input'
import { notify } from '../internal/notify'
import { MAX_TIMER_MS } from '../middleware/policy'
import { combineSignals, sleep } from '../middleware/signal'
import { originOf } from './origin'

/**
 * Describes how far a workflow has come: bytes sent (`upload`), CVAT's own progress from 0 to 1
 * (`processing`, `total` 1), or bytes received (`download`, `total` when the server sent a size).
 *
 * @example
 * const show = (p: Progress) => console.error(p.phase, p.total === undefined ? p.done : `${Math.round((100 * p.done) / p.total)}%`)
 */
export interface Progress {
  readonly phase: 'upload' | 'processing' | 'download'
  readonly done: number
  readonly total?: number
}

/**
 * Sets what every workflow takes last: progress reports, cancellation, the status poll's longest
 * interval, and a deadline for the whole workflow.
 *
 * @example
 * const options: WorkflowOptions = { onProgress: (p) => console.error(p), signal: AbortSignal.timeout(600_000), pollInterval: 2_000 }
 */
export interface WorkflowOptions {
  /** Called with each step forward; a hook that throws or rejects changes nothing. */
  readonly onProgress?: (progress: Progress) => unknown
  /** Aborts the workflow: between requests and during them (an upload, a status poll, the download's stream). */
  readonly signal?: AbortSignal
  /** The longest wait between two status polls, in ms (default 5 000, as cvat-sdk's `status_check_period`); polls start 0.5 s apart and the wait doubles up to it. */
  readonly pollInterval?: number
  /** A deadline for the whole workflow, in ms, until it resolves (a download's stream is the caller's to read after that): then a `TimeoutError`. */
  readonly timeout?: number
}

/**
 * Names the step of a workflow that failed, carried by its error as `step`.
 *
 * @example
 * const retriable = (step: WorkflowStep | undefined) => step === 'processing' || step === 'download'
 */
export type WorkflowStep = 'create' | 'start' | 'upload' | 'processing' | 'retrieve' | 'download'

/**
 * Reports why a workflow failed: a `CvatError` that also says at which step, and, for
 * `tasksCreateFromData`, which task it had created and whether that task was deleted.
 *
 * @example
 * const report = (e: WorkflowError) => `${e.step ?? 'input'}: ${formatError(e)}${e.taskId === undefined ? '' : ` (task ${e.taskId} ${e.taskDeleted ? 'deleted' : 'kept'})`}`
 */
export type WorkflowError = CvatError & {
  readonly step?: WorkflowStep
  /** The task the workflow created before it failed. */
  readonly taskId?: number
  /** Whether that task was deleted again (`false`: kept on request, or its deletion failed). */
  readonly taskDeleted?: boolean
}

/** The organisation context a caller named, read once. */
export interface Org {
  readonly org?: string
  readonly orgId?: number
  readonly xOrganization?: string
}

export interface Run {
  /** The caller's client with the run's signal and organisation context on every request; it learns the origin. */
  readonly client: Client
  readonly signal: AbortSignal
  readonly pollInterval: number
  readonly progress: (p: Progress) => void
  /** Waits `ms`; `false` when the run stopped first. */
  readonly sleep: (ms: number) => Promise<boolean>
  /** The origin of the first answer of this run (the client's own), once there was one. */
  readonly origin: () => string | undefined
  /** The error a stopped run resolves with, or `undefined` while it runs. */
  readonly stopped: (method: string, url: string) => CvatError | undefined
  /** A failure as the run reports it: a request cut by the deadline is a `TimeoutError`. */
  readonly settle: (e: CvatError) => CvatError
  /** Ends the deadline; the caller's signal still reaches the run's requests until `release`. */
  readonly end: () => void
  /** Detaches the run from the caller's signal. */
  readonly release: () => void
}

const isSignal = (s: unknown): s is AbortSignal =>
  typeof s === 'object' && s !== null && typeof Reflect.get(s, 'aborted') === 'boolean' && typeof Reflect.get(s, 'addEventListener') === 'function'

// A time option: absent is the fallback, else a number > 0 (clamped to what a timer holds).
const msOption = (name: string, v: unknown, fallback: number | undefined): E.Either<string, number | undefined> =>
  v == null ? E.right(fallback) : typeof v === 'number' && v > 0 ? E.right(Math.min(v, MAX_TIMER_MS)) : E.left(`${name} must be a number of milliseconds > 0, got ${describeValue(v)}`)

/** Reads the organisation context of a workflow's params, or says what is wrong with it. */
export const readOrg = (params: object): E.Either<string, Org> => {
  const org: unknown = Reflect.get(params, 'org')
  const orgId: unknown = Reflect.get(params, 'orgId')
  const slug: unknown = Reflect.get(params, 'xOrganization')
  if (org != null && typeof org !== 'string') return E.left(`org must be a string, got ${describeValue(org)}`)
  if (orgId != null && !Number.isSafeInteger(orgId)) return E.left(`orgId must be an integer, got ${describeValue(orgId)}`)
  if (slug != null && (typeof slug !== 'string' || !/^[\x20-\x7e]*$/.test(slug))) return E.left('xOrganization must be printable ASCII (an organisation slug)')
  return E.right({
    ...(typeof org === 'string' ? { org } : {}),
    ...(typeof orgId === 'number' ? { orgId } : {}),
    ...(typeof slug === 'string' ? { xOrganization: slug } : {}),
  })
}

// Every request of a run carries the caller's organisation context, as cvat-sdk's client-wide
// organisation does; a request that already names one (an operation's own `org`) keeps it.
const withOrg = (req: HttpRequest, org: Org): HttpRequest => {
  const has = (name: string) => req.query.some(([k]) => k === name)
  const query = [...req.query]
  if (org.org !== undefined && !has('org')) query.push(['org', org.org])
  if (org.orgId !== undefined && !has('org_id')) query.push(['org_id', String(org.orgId)])
  const headers = org.xOrganization === undefined || 'x-organization' in req.headers ? req.headers : { ...req.headers, 'x-organization': org.xOrganization }
  return { ...req, query, headers }
}

/**
 * Runs a workflow's body as a Task that never rejects: whatever an untyped caller's params do
 * (a getter or Proxy that throws) ends in a `RequestError`. Bodies read every param up front.
 */
export const total =
  <A>(method: string, url: string, body: () => Promise<E.Either<WorkflowError, A>>): TaskEither<WorkflowError, A> =>
  () => {
    try {
      return body().catch(() => E.left(requestError(method, url, UNREADABLE)))
    } catch {
      return Promise.resolve(E.left(requestError(method, url, UNREADABLE)))
    }
  }

/** The error of a run that stopped, by the deadline or the caller's signal. */
export const stoppedError = (run: Run, method: string, url: string): CvatError => run.stopped(method, url) ?? transportError(method, url, 'the request was aborted')

/**
 * Starts a run: checks the client and the options (a `RequestError` when one is wrong, nothing
 * sent) and arms the deadline.
 */
export const startRun = (method: string, url: string, client: Client, options: unknown, org: Org = {}): E.Either<RequestError, Run> => {
  const refuse = (message: string) => E.left(requestError(method, url, message))
  const problem = clientProblem(client)
  if (problem !== undefined) return refuse(problem)
  if (options != null && typeof options !== 'object') return refuse(`options must be an object, got ${describeValue(options)}`)
  const o: object = options ?? {}
  const onProgress: unknown = Reflect.get(o, 'onProgress')
  const signal: unknown = Reflect.get(o, 'signal')
  const poll = msOption('pollInterval', Reflect.get(o, 'pollInterval'), 5_000)
  const limit = msOption('timeout', Reflect.get(o, 'timeout'), undefined)
  if (onProgress != null && typeof onProgress !== 'function') return refuse(`onProgress must be a function, got ${describeValue(onProgress)}`)
  if (signal != null && !isSignal(signal)) return refuse('signal must be an AbortSignal')
  if (E.isLeft(poll)) return refuse(poll.left)
  if (E.isLeft(limit)) return refuse(limit.left)
  const caller = signal == null ? undefined : signal
  const deadline = new AbortController()
  const combined = combineSignals([caller, deadline.signal])
  let timedOut = false
  const ms = limit.right
  const timer = ms === undefined || ms >= MAX_TIMER_MS ? undefined : setTimeout(() => ((timedOut = true), deadline.abort()), ms)
  let origin: string | undefined
  const hook = typeof onProgress === 'function' ? (p: Progress) => Reflect.apply(onProgress, undefined, [p]) : undefined
  return E.right({
    client: (req) => {
      const sent = withOrg({ ...req, signal: req.signal ?? combined.signal }, org)
      return () =>
        client(sent)().then((r) => {
          if (origin === undefined && E.isRight(r)) origin = originOf(r.right.url)
          return r
        })
    },
    signal: combined.signal,
    pollInterval: poll.right ?? 5_000,
    progress: (p) => notify(hook, p),
    sleep: (wait) => sleep(wait, combined.signal)(),
    origin: () => origin,
    stopped: (m, u) => (timedOut ? timeoutError(m, u, ms ?? 0) : caller?.aborted ? transportError(m, u, 'the request was aborted') : undefined),
    settle: (e) => (timedOut && e._tag === 'TransportError' ? timeoutError(e.method, e.url, ms ?? 0) : e),
    end: () => clearTimeout(timer),
    release: () => combined.release(),
  })
}

/**
 * Runs `body` in a run started from the caller's client and options; the run ends with it, except
 * that a result `keeps` (a download's stream) stays tied to the caller's signal until it is read.
 */
export const inRun = async <A>(
  method: string,
  url: string,
  client: Client,
  options: unknown,
  org: Org,
  body: (run: Run) => Promise<E.Either<WorkflowError, A>>,
  keeps = false,
): Promise<E.Either<WorkflowError, A>> => {
  const started = startRun(method, url, client, options, org)
  if (E.isLeft(started)) return started
  let kept = false
  try {
    const r = await body(started.right)
    kept = keeps && E.isRight(r)
    return r
  } finally {
    started.right.end()
    if (!kept) started.right.release()
  }
}
