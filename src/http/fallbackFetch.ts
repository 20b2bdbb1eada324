/**
 * The transport of last resort: cross-fetch, for Node runtimes without a global fetch. Only the
 * CommonJS build (Node's `node` export condition) keeps this module; the ESM build, which edge
 * and browser bundlers use, swaps in `fallbackFetch.none.ts`, so their bundles never hold it.
 *
 * The specifier is computed so that no bundler follows it: bundling the CommonJS build for Node
 * (`esbuild --platform=node`, as Lambda tooling does) would otherwise inline cross-fetch →
 * node-fetch → whatwg-url → tr46 (~100 kB gzipped), dead code on every Node with a global fetch.
 * Installed from npm and run unbundled, the import still finds cross-fetch in node_modules.
 */

/** Loads cross-fetch's `fetch`. */
export const fallbackFetch = (): Promise<typeof fetch | undefined> =>
  import(['cross', 'fetch'].join('-')).then((m: { default?: typeof fetch; fetch?: typeof fetch }) => m.default ?? m.fetch)
