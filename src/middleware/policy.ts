/**
 * The rules every middleware option follows, so they are the same everywhere: `undefined` and
 * `null` mean the default; a bad value makes every request a `RequestError` with nothing sent
 * (a middleware cannot fail when it is built, only when it runs); times are clamped to what a
 * timer can hold.
 */
import * as E from 'fp-ts/Either'
import type { Client } from '../http/client'
import { requestError } from '../errors'
import { resolveUrl } from '../http/request'
import { describeValue } from '../endpoint/input'

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

/** Reads an optional option: `undefined`/`null` is the fallback, otherwise `ok` must hold, or `expected` says what it must be. */
export const option = <A>(name: string, value: unknown, fallback: A, ok: (v: unknown) => v is A, expected: string): E.Either<string, A> =>
  value === undefined || value === null ? E.right(fallback) : ok(value) ? E.right(value) : E.left(`${name} must be ${expected}, got ${describeValue(value)}`)

/** Whether a value is a number ≥ 0 (Infinity included, NaN not). */
export const isNonNegative = (v: unknown): v is number => typeof v === 'number' && v >= 0

/** Whether a value is a function. */
export const isFunction = (v: unknown): v is (...args: never[]) => unknown => typeof v === 'function'
