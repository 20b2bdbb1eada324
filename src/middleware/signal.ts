/**
 * Cancellation helpers shared by the resilience middleware: combining signals without
 * `AbortSignal.any` (absent from some edge runtimes) and an abortable wait.
 */

import { clampDelay } from './policy'

/** A signal that aborts when any of the given ones does; `release` detaches it from them. */
export const combineSignals = (
  signals: ReadonlyArray<AbortSignal | undefined>,
): { readonly signal: AbortSignal; readonly release: () => void } => {
  const ctl = new AbortController()
  const present = signals.filter((s): s is AbortSignal => s !== undefined)
  const onAbort = (e: Event) => ctl.abort((e.target as AbortSignal).reason)
  // Released after the answer came: a caller's signal-like object that throws here must not turn
  // that answer into a failure.
  const release = () =>
    present.forEach((s) => {
      try {
        s.removeEventListener('abort', onAbort)
      } catch {
        // Its listener stays; it can only abort a controller nobody listens to any more.
      }
    })
  for (const s of present) {
    if (s.aborted) {
      ctl.abort(s.reason)
      break
    }
    s.addEventListener('abort', onAbort, { once: true })
  }
  return { signal: ctl.signal, release }
}

/** Waits `ms` (clamped to what a timer holds, 2^31−1 ms); resolves `false` at once if the signal aborts first (the timer is cleared). */
export const sleep =
  (ms: number, signal?: AbortSignal) =>
  (): Promise<boolean> =>
    new Promise((done) => {
      if (signal?.aborted) return done(false)
      const onAbort = () => {
        clearTimeout(timer)
        done(false)
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort)
        done(true)
      }, clampDelay(ms))
      signal?.addEventListener('abort', onAbort, { once: true })
    })
