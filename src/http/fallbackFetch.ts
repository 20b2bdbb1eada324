/**
 * The transport of last resort: cross-fetch, for Node runtimes without a global fetch. Only the
 * CommonJS build (Node's `node` export condition) keeps this module; the ESM build, which edge
 * and browser bundlers use, swaps in `fallbackFetch.none.ts`, so their bundles never hold it.
 */

/** Loads cross-fetch's `fetch`. */
export const fallbackFetch = (): Promise<typeof fetch | undefined> =>
  import('cross-fetch').then((m: { default?: typeof fetch; fetch?: typeof fetch }) => m.default ?? m.fetch)
