// One esbuild call for the suites that bundle an entry the way a Worker, edge or browser build would.
import { build } from 'esbuild'

export interface BundleOptions {
  readonly platform: 'browser' | 'neutral'
  readonly conditions: string[]
  readonly absWorkingDir?: string
  readonly alias?: Record<string, string>
}

/** Bundles `entry` into one ESM text, resolving packages by `module` then `main`. */
export const bundle = async (entry: string, options: BundleOptions): Promise<string> => {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
    ...options,
  })
  return out.outputFiles[0]!.text
}
