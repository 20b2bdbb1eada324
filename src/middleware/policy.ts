/**
 * The rules every middleware option follows, so they are the same everywhere: `undefined` and
 * `null` mean the default; a bad value makes every request a `RequestError` with nothing sent
 * (a middleware cannot fail when it is built, only when it runs); times are clamped to what a
 * timer can hold.
 */
import * as E from '../http/either'
import type { Client, Middleware } from '../http/client'
import { clientProblem } from '../endpoint/input'
import { requestError } from '../errors'
import { resolveUrl } from '../http/request'

/** The longest wait a timer can hold (setTimeout fires at once beyond it): 2^31−1 ms, ~24.8 days. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** Clamps a wait to what a timer can hold: `NaN` and negatives are 0, beyond 2^31−1 ms (Infinity too) is 2^31−1. */
export const clampDelay = (ms: number): number => (ms > MAX_TIMER_MS ? MAX_TIMER_MS : ms >= 0 ? ms : 0)

/** A client that answers every request with the same `RequestError`, sending nothing. */
export const refuseAll =
  (message: string): Client =>
  (req) =>
  () =>
    Promise.resolve(E.left(requestError(req.method, resolveUrl('', req), message)))

/** Makes a middleware refuse, rather than call, a `next` that is not a function: every request is then a `RequestError`. */
export const aroundClient =
  (middleware: Middleware): Middleware =>
  (next) => {
    const problem = clientProblem(next)
    return problem === undefined ? middleware(next) : refuseAll(problem)
  }

/** Whether a value is a number ≥ 0 (Infinity included, NaN not). */
export const isNonNegative = (v: unknown): v is number => typeof v === 'number' && v >= 0
