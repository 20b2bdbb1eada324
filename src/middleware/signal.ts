/**
 * Cancellation helpers shared by the resilience middleware: combining signals without
 * `AbortSignal.any` (absent from some edge runtimes) and an abortable wait.
 */

import * as E from '../http/either'
import type { HttpResponse } from '../http/request'
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

/**
 * Releases a combined signal once the answer is done with: at once, or, for a streamed 2xx body
 * (a download the caller reads later), when that body ends, fails or is cancelled — so the
 * caller's signal still cuts the download while it is read.
 */
export const releaseWhenRead = <L>(result: E.Either<L, HttpResponse>, release: () => void): E.Either<L, HttpResponse> => {
  if (!E.isRight(result) || result.right.stream === undefined) return (release(), result)
  const reader = result.right.stream.getReader()
  const stream = new ReadableStream<Uint8Array>({
    pull: (c) =>
      reader.read().then(
        (r) => (r.done ? (release(), c.close()) : c.enqueue(r.value)),
        (e: unknown) => (release(), c.error(e)),
      ),
    cancel: (why) => (release(), reader.cancel(why)),
  })
  return E.right({ ...result.right, stream })
}
