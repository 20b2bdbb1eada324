/**
 * The rules every middleware option follows, so they are the same everywhere: `undefined` and
 * `null` mean the default; a bad value makes every request a `RequestError` with nothing sent
 * (a middleware cannot fail when it is built, only when it runs); times are clamped to what a
 * timer can hold.
 */
import type { Client, Middleware } from '../http/client'
import { clientProblem } from '../endpoint/input'
import { refused } from '../http/refusal'

/** The longest wait a timer can hold (setTimeout fires at once beyond it): 2^31−1 ms, ~24.8 days. */
export const MAX_TIMER_MS = 2147483647

/** Clamps a wait to what a timer can hold: `NaN` and negatives are 0, beyond 2^31−1 ms (Infinity too) is 2^31−1. */
export const clampDelay = (ms: number): number => (ms > MAX_TIMER_MS ? MAX_TIMER_MS : ms >= 0 ? ms : 0)

/** A client that answers every request with the same `RequestError`, sending nothing. */
export const refuseAll =
  (message: string): Client =>
  (req) =>
  () =>
    Promise.resolve(refused(req, message))

// A hand-made request may be unreadable (a Proxy or getter that throws), and a hand-made client
// under the middleware may throw or reject: either is a RequestError naming what can be read.
const UNREADABLE_REQUEST = 'the request cannot be read, or a client under this middleware threw'

/**
 * Makes a middleware refuse, rather than call, a `next` that is not a function (every request is
 * then a `RequestError`), and keeps the client it builds total: a request it cannot read is a
 * `RequestError`, never a throw or a rejection.
 */
export const aroundClient =
  (middleware: Middleware): Middleware =>
  (next) => {
    const problem = clientProblem(next)
    if (problem !== undefined) return refuseAll(problem)
    const client = middleware(next)
    return (req) => () => {
      try {
        return client(req)().then(
          (a) => a,
          () => refused(req, UNREADABLE_REQUEST),
        )
      } catch {
        return Promise.resolve(refused(req, UNREADABLE_REQUEST))
      }
    }
  }

/** Whether a value is a number ≥ 0 (Infinity included, NaN not). */
export const isNonNegative = (v: unknown): v is number => typeof v === 'number' && v >= 0
