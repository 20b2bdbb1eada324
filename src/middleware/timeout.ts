/**
 * Time limits and caller cancellation as middleware. Both abort the underlying fetch through the
 * request's signal, so the server sees the connection close and nothing is left running.
 */
import * as E from '../http/either'
import type { Middleware } from '../http/client'
import { type CvatError, timeoutError } from '../errors'
import { type HttpResponse, resolveUrl } from '../http/request'
import { describeValue } from '../endpoint/input'
import { MAX_TIMER_MS, aroundClient, refuseAll } from './policy'
import { combineSignals, releaseWhenRead } from './signal'

// After the deadline the call is aborted and given this long to say how (its TransportError
// names the full URL); a fetch that ignores its signal is not waited for beyond it.
const GRACE_MS = 20

const after = <A>(ms: number, value: A): { readonly promise: Promise<A>; readonly cancel: () => void } => {
  let handle: ReturnType<typeof setTimeout> | undefined
  const promise = new Promise<A>((done) => {
    handle = setTimeout(() => done(value), ms)
  })
  return { promise, cancel: () => clearTimeout(handle) }
}

/**
 * Fails with `TimeoutError` when no complete response (headers and body) arrives within `ms`, even from a fetch that ignores its signal.
 * Inside `retry` (earlier in the `pipe`) it bounds each attempt; outside it, the whole call.
 * A download (a streamed answer) is bounded until its headers come; its body is the caller's to
 * read, and the caller's signal still cuts it.
 * `ms` must be a number > 0 (otherwise every request is a `RequestError`); beyond 2^31−1
 * (`Infinity` too) it is clamped to 2^31−1 ms, the longest a timer holds.
 *
 * @example
 * const bounded = pipe(createClient(), timeout(10_000))
 */
export const timeout =
  (ms: number): Middleware =>
  aroundClient((next) => {
    if (typeof ms !== 'number' || !(ms > 0)) return refuseAll(`timeout must be a number of milliseconds > 0, got ${describeValue(ms)}`)
    const limit = Math.min(ms, MAX_TIMER_MS)
    return (req) => async () => {
      const timer = new AbortController()
      const { signal, release } = combineSignals([req.signal, timer.signal])
      const call = next({ ...req, signal })()
      const deadline = after(limit, undefined)
      const first = await Promise.race([call, deadline.promise])
      deadline.cancel()
      let result: E.Either<CvatError, HttpResponse> | undefined = first
      if (result === undefined) {
        // The deadline won: abort, and give the call a moment to answer with its own failure.
        timer.abort()
        const grace = after(GRACE_MS, undefined)
        result = await Promise.race([call, grace.promise])
        grace.cancel()
      }
      return releaseWhenRead(
        result === undefined
          ? E.left(timeoutError(req.method, resolveUrl('', req), limit))
          : timer.signal.aborted && !req.signal?.aborted && E.isLeft(result) && result.left._tag === 'TransportError'
            ? E.left(timeoutError(result.left.method, result.left.url, limit))
            : result,
        release,
      )
    }
  })

const isSignal = (s: unknown): s is AbortSignal => {
  try {
    return typeof s === 'object' && s !== null && 'aborted' in s && typeof s.aborted === 'boolean' && 'addEventListener' in s && typeof s.addEventListener === 'function'
  } catch {
    return false
  }
}

/**
 * Cancels requests when `signal` aborts; the call then resolves promptly with `TransportError` (anything but an `AbortSignal` makes every request a `RequestError`).
 *
 * @example
 * const controller = new AbortController()
 * const page = invitationsList(withSignal(controller.signal)(cvat), { org: 'acme' })
 */
export const withSignal =
  (signal: AbortSignal): Middleware =>
  aroundClient((next) =>
    isSignal(signal)
      ? (req) => async () => {
          const combined = combineSignals([req.signal, signal])
          return releaseWhenRead(await next({ ...req, signal: combined.signal })(), combined.release)
        }
      : refuseAll('withSignal needs an AbortSignal'))
