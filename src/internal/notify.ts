/**
 * Calling the caller's hooks (observe's listener, retry's onRetry, the bulk helpers' onProgress):
 * a hook that throws, or an async one that rejects, must never fail or outlive the call it
 * watches (an unhandled rejection ends a Node process by default).
 */

/** Calls a hook with one value, containing a throw and a rejection alike. */
export const notify = <A>(hook: ((value: A) => unknown) | undefined, value: A): void => {
  try {
    void Promise.resolve(hook?.(value)).catch(() => undefined)
  } catch {
    // The hook's failure is its own: the call goes on.
  }
}
