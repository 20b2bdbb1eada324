/**
 * Time limits and caller cancellation as middleware. Both abort the underlying fetch through the
 * request's signal, so the server sees the connection close and nothing is left running.
 */
import * as E from 'fp-ts/Either'
import type { Middleware } from '../http/client'
import { timeoutError } from '../errors'
import { combineSignals } from './signal'

/**
 * Fails with `TimeoutError` when no complete response (headers and body) arrives within `ms`.
 * Inside `retry` (earlier in the `pipe`) it bounds each attempt; outside it, the whole call.
 *
 * @example
 * const bounded = pipe(createClient(), timeout(10_000))
 */
export const timeout =
  (ms: number): Middleware =>
  (next) =>
  (req) =>
  async () => {
    const timer = new AbortController()
    const { signal, release } = combineSignals([req.signal, timer.signal])
    const handle = setTimeout(() => timer.abort(), ms)
    const result = await next({ ...req, signal })()
    clearTimeout(handle)
    release()
    return timer.signal.aborted && !req.signal?.aborted && E.isLeft(result) && result.left._tag === 'TransportError'
      ? E.left(timeoutError(result.left.method, result.left.url, ms))
      : result
  }

/**
 * Cancels requests when `signal` aborts; the call then resolves promptly with `TransportError`.
 *
 * @example
 * const controller = new AbortController()
 * const page = invitationsList(withSignal(controller.signal)(cvat), { org: 'acme' })
 */
export const withSignal =
  (signal: AbortSignal): Middleware =>
  (next) =>
  (req) =>
  async () => {
    const combined = combineSignals([req.signal, signal])
    const result = await next({ ...req, signal: combined.signal })()
    combined.release()
    return result
  }
