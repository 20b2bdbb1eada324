/**
 * The ESM build's stand-in for `fallbackFetch.ts`: browsers, workers and edge runtimes always
 * have a global fetch, so there is nothing to load (and nothing for their bundles to carry).
 */

/** Finds no fallback: the caller reports that no fetch is available. */
export const fallbackFetch = (): Promise<typeof fetch | undefined> => Promise.resolve(undefined)
