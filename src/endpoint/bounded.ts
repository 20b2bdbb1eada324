/**
 * Bounded concurrency for Tasks: at most `n` run at once, results keep input order, and no new
 * one starts after `stop` says so. Tasks here never reject, so neither does the whole.
 */
import type * as T from 'fp-ts/Task'
import * as E from '../http/either'
import { describeValue } from './input'

/** Runs `f` over `items` with at most `concurrency` in flight; unstarted items stay `undefined` after a stop. */
export const boundedTraverse =
  <A, B>(concurrency: number, f: (a: A) => T.Task<B>, stop: (b: B) => boolean = () => false) =>
  (items: ReadonlyArray<A>): T.Task<ReadonlyArray<B | undefined>> =>
  async () => {
    const out: Array<B | undefined> = items.map(() => undefined)
    let nextIndex = 0
    let stopped = false
    const worker = async (): Promise<void> => {
      while (!stopped && nextIndex < items.length) {
        const i = nextIndex++
        const b = await f(items[i] as A)()
        out[i] = b
        if (stop(b)) stopped = true
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker))
    return out
  }

/** The most requests any helper (`listAll`, `inviteMany`) keeps in flight at once. */
export const MAX_CONCURRENCY = 64

/** The requests in flight at once when the caller does not say (`undefined` and `null` alike). */
export const DEFAULT_CONCURRENCY = 4

/** Whether a count (page, page size, concurrency) is a positive integer. */
export const isPositiveInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1

/** Says what is wrong with a concurrency setting, if anything: an integer from 1 to `MAX_CONCURRENCY`. */
export const concurrencyProblem = (n: unknown): string | undefined =>
  isPositiveInt(n) && n <= MAX_CONCURRENCY ? undefined : `concurrency must be an integer from 1 to ${MAX_CONCURRENCY}, got ${describeValue(n)}`

/**
 * Reads an optional count option the same way everywhere: `undefined` and `null` are the default,
 * anything else must be a positive integer (at most `max`), or it is the reason it cannot be.
 */
export const countOption = (name: string, value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): E.Either<string, number> =>
  value === undefined || value === null
    ? E.right(fallback)
    : isPositiveInt(value) && value <= max
      ? E.right(value)
      : E.left(
          max === Number.MAX_SAFE_INTEGER
            ? `${name} must be a positive integer, got ${describeValue(value)}`
            : `${name} must be an integer from 1 to ${max}, got ${describeValue(value)}`,
        )

/** Reads a concurrency option: `undefined` or `null` is `DEFAULT_CONCURRENCY`, the ceiling is `MAX_CONCURRENCY`. */
export const readConcurrency = (value: unknown): E.Either<string, number> => countOption('concurrency', value, DEFAULT_CONCURRENCY, MAX_CONCURRENCY)
