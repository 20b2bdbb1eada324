/**
 * Bounded concurrency for Tasks: at most `n` run at once, results keep input order, and no new
 * one starts after `stop` says so. Tasks here never reject, so neither does the whole.
 */
import type * as T from 'fp-ts/Task'
import { isPositiveInt } from './params'

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

/** Says what is wrong with a concurrency setting, if anything. */
export const concurrencyProblem = (n: number): string | undefined =>
  isPositiveInt(n) ? undefined : `concurrency must be a positive integer, got ${String(n)}`
