/**
 * The engine under `inviteMany`, `resendMany` and `destroyMany`: one outcome per input row, in
 * input order, with bounded concurrency and progress. Duplicates are outcomes (never dropped); a
 * throttle answer (429) stops further sends, so the rest are reported as not sent, with the
 * server's `retryAfter`, rather than hammered; a dry run asks the endpoint to describe its request
 * to a capturing client and sends nothing.
 */
import * as E from '../http/either'
import { notify } from '../internal/notify'
import type * as T from 'fp-ts/Task'
import type * as TE from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, type RequestError, requestError } from '../errors'
import { resolveUrl, type HttpRequest } from '../http/request'
import { boundedTraverse, readConcurrency } from '../endpoint/bounded'

/**
 * Describes a request a dry run would have sent: method, path with query, and the JSON body.
 *
 * @example
 * const planned: PlannedRequest = { method: 'POST', url: '/api/invitations?org=acme', body: { role: 'worker', email: 'a@x.org' } }
 */
export interface PlannedRequest {
  readonly method: string
  readonly url: string
  readonly body?: unknown
}

/**
 * Tells what happened to one input row: done, failed (with `retryAfter` when throttled), skipped (a duplicate row, or already a member or invited), not sent after a throttle, or, in a dry run, what would be sent.
 *
 * @example
 * const ok = (o: BulkOutcome<string, void>) => o._tag === 'Done' || o._tag === 'Skipped' || o._tag === 'WouldSend'
 */
export type BulkOutcome<I, A> = { readonly row: number; readonly input: I } & (
  | { readonly _tag: 'Done'; readonly value: A }
  | { readonly _tag: 'Failed'; readonly error: CvatError; readonly retryAfter?: number }
  | { readonly _tag: 'Skipped'; readonly reason: 'duplicate' | 'existing'; readonly firstRow?: number }
  | { readonly _tag: 'NotSent'; readonly reason: 'throttled'; readonly retryAfter?: number }
  | { readonly _tag: 'WouldSend'; readonly request: PlannedRequest }
)

/**
 * Counts progress after each outcome: rows finished (any outcome), of which failed, out of total.
 *
 * @example
 * const show = (p: BulkProgress) => `${p.done}/${p.total} done, ${p.failed} failed`
 */
export interface BulkProgress {
  readonly done: number
  readonly failed: number
  readonly total: number
}

/**
 * Options every bulk function shares.
 *
 * @example
 * const options: BulkOptions = { concurrency: 2, dryRun: true, onProgress: (p) => console.error(p.done, '/', p.total) }
 */
export interface BulkOptions {
  /** Requests in flight at once: 1 to 64, default 4 (`null` too); any other value fails every row, sending nothing. */
  readonly concurrency?: number | null
  /** Called after each row's outcome is known. */
  readonly onProgress?: (progress: BulkProgress) => void
  /** Describe the requests, send nothing. */
  readonly dryRun?: boolean
}

interface Spec<I, A> {
  readonly items: ReadonlyArray<I>
  /** Rows with the same identity are duplicates; `undefined` (an invalid row) is never one. */
  readonly identity: (i: I) => string | undefined
  readonly options: BulkOptions
  readonly method: string
  readonly template: string
  /** Runs one row's endpoint call against a client. */
  readonly call: (client: Client, i: I) => TE.TaskEither<CvatError, A>
  /** Errors that mean "already there": a distinct skip, when asked. */
  readonly existing?: (e: CvatError) => boolean
}

const isFailure = (o: BulkOutcome<unknown, unknown>): boolean => o._tag === 'Failed' || o._tag === 'NotSent'

const plannedOf = (req: HttpRequest): PlannedRequest => {
  let body: unknown = req.body
  try {
    body = typeof req.body === 'string' ? JSON.parse(req.body) : req.body
  } catch {
    // Endpoints only build JSON bodies; a text body is shown as it is.
  }
  return { method: req.method, url: resolveUrl('', req), ...(body === undefined ? {} : { body }) }
}

// A client that records what it is asked to send and answers with a status no server uses; the
// endpoint's own validation still runs, so a dry run refuses exactly what a real run would.
const describe = <I, A>(spec: Spec<I, A>, i: I): T.Task<E.Either<CvatError, PlannedRequest>> => {
  let seen: HttpRequest | undefined
  const capture: Client = (req) => () => ((seen = req), Promise.resolve(E.right({ status: 599, statusText: '', headers: {}, body: '', url: req.url })))
  return async () => {
    const r = await spec.call(capture, i)()
    return seen !== undefined ? E.right(plannedOf(seen)) : E.isLeft(r) ? E.left(r.left) : E.left(requestError(spec.method, spec.template, 'nothing to send'))
  }
}

// A row's getters may throw (plain JavaScript): such a row is never a duplicate, and its own
// endpoint call refuses it with a RequestError.
const identityOf = <I, A>(spec: Spec<I, A>, input: I): string | undefined => {
  try {
    return spec.identity(input)
  } catch {
    return undefined
  }
}

// What a field of the caller's params reads as when its getter throws: a value no option or
// context accepts, so the rows it concerns are refused, never silently dropped.
const UNREADABLE: object = { unreadable: true }

// The caller's params seen through a Proxy that turns a throwing getter into UNREADABLE: one bad
// field (a `dryRun` getter that throws) must not cost every readable row.
const readable = <P extends object>(params: P): P =>
  new Proxy(params, {
    get: (target, name) => {
      try {
        return Reflect.get(target, name)
      } catch {
        return UNREADABLE
      }
    },
  })

/**
 * Reads bulk parameters from an untyped caller: not an object, or not even its keys readable,
 * means no rows; a field whose getter throws reads as a value every check refuses.
 */
export const readBulk = <P extends object, R>(params: P | null | undefined, read: (p: Partial<P>) => R, none: R): R => {
  try {
    return typeof params === 'object' && params !== null ? read(readable(params)) : none
  } catch {
    return none
  }
}

// The options that decide what is sent: one that cannot be read refuses every row (an unreadable
// `dryRun` may have meant "send nothing"). `onProgress` only listens: unreadable, it is not called.
const optionProblem = (options: BulkOptions): string | undefined => {
  const name = (['dryRun', 'concurrency'] as const).find((n) => (options[n] as unknown) === UNREADABLE)
  if (name !== undefined) return `${name} cannot be read (reading it threw)`
  const concurrency = readConcurrency(options.concurrency)
  return E.isLeft(concurrency) ? concurrency.left : undefined
}

const isThrottle = (e: CvatError): boolean => e._tag === 'StatusError' && e.status === 429

/** Runs a bulk operation; never rejects, and a failing progress callback never fails the batch. */
export const runBulk =
  <I, A>(client: Client, spec: Spec<I, A>): T.Task<ReadonlyArray<BulkOutcome<I, A>>> =>
  async () => {
    const { items, options } = spec
    const total = items.length
    let done = 0
    let failed = 0
    const report = (o: BulkOutcome<I, A>): BulkOutcome<I, A> => {
      done++
      if (isFailure(o)) failed++
      // The batch is the caller's data; a progress display bug must not lose it.
      notify(options.onProgress, { done, failed, total })
      return o
    }
    const problem = optionProblem(options)
    const refused: RequestError | undefined = problem === undefined ? undefined : requestError(spec.method, spec.template, problem)
    const concurrency = readConcurrency(options.concurrency)
    const firstRow = new Map<string, number>()
    const rows = items.map((input, row) => {
      const id = identityOf(spec, input)
      const first = id === undefined ? undefined : firstRow.get(id)
      if (id !== undefined && first === undefined) firstRow.set(id, row)
      return { input, row, first }
    })
    const early = rows.map(({ input, row, first }): BulkOutcome<I, A> | undefined =>
      refused !== undefined
        ? report({ row, input, _tag: 'Failed', error: refused })
        : first !== undefined
          ? report({ row, input, _tag: 'Skipped', reason: 'duplicate', firstRow: first })
          : undefined,
    )
    const pending = rows.filter((r) => early[r.row] === undefined)
    const one = ({ input, row }: (typeof rows)[number]): T.Task<BulkOutcome<I, A>> =>
      async () => {
        if (options.dryRun) {
          const planned = await describe(spec, input)()
          return report(E.isRight(planned) ? { row, input, _tag: 'WouldSend', request: planned.right } : { row, input, _tag: 'Failed', error: planned.left })
        }
        const r = await spec.call(client, input)()
        if (E.isRight(r)) return report({ row, input, _tag: 'Done', value: r.right })
        const e = r.left
        if (spec.existing?.(e)) return report({ row, input, _tag: 'Skipped', reason: 'existing' })
        const retryAfter = e._tag === 'StatusError' ? e.retryAfter : undefined
        return report({ row, input, _tag: 'Failed', error: e, ...(retryAfter === undefined ? {} : { retryAfter }) })
      }
    const stop = (o: BulkOutcome<I, A>): boolean => o._tag === 'Failed' && isThrottle(o.error)
    const ran = await boundedTraverse(E.isRight(concurrency) ? concurrency.right : 1, one, stop)(pending)()
    const throttle = ran.find((o): o is BulkOutcome<I, A> & { _tag: 'Failed' } => o !== undefined && stop(o))
    ran.forEach((o, k) => {
      const { input, row } = pending[k]!
      early[row] =
        o ?? report({ row, input, _tag: 'NotSent', reason: 'throttled', ...(throttle?.retryAfter === undefined ? {} : { retryAfter: throttle.retryAfter }) })
    })
    return early.filter((o): o is BulkOutcome<I, A> => o !== undefined)
  }
