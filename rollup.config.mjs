// Bundles what `tsc` emitted into build/ (JS + .d.ts) into two module-preserving builds:
//   dist/esm  ES modules importing `fp-ts/X` subpaths, for bundlers (tree-shaking per module);
//   dist/cjs  CommonJS importing `fp-ts/lib/X`, for Node (whose ESM cannot load fp-ts subpaths:
//             fp-ts issues 1910 and 1966), picked by the `node` export condition.
// TypeScript's own compiler does the type work; rollup only arranges modules, so no TS plugin
// (and no dependency on TypeScript's JS API) is involved.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const BUILD = 'build'
const inputs = { index: `${BUILD}/index.js`, testing: `${BUILD}/testing.js`, 'testing/node': `${BUILD}/testing/node.js` }
const input = Object.fromEntries(Object.entries(inputs).filter(([, file]) => exists(file)))

function exists(file) {
  try {
    readFileSync(file)
    return true
  } catch {
    return false
  }
}

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  )

// Relative specifiers in declarations get the extension Node's resolution needs.
const withExtension = (code, ext) =>
  code.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*?)(\2)/g, (_m, kw, q, spec) => `${kw}${q}${spec}${ext}${q}`)

const declarations = (jsExt, dtsExt, only = () => true) => ({
  name: 'declarations',
  generateBundle() {
    for (const file of walk(BUILD).filter((f) => f.endsWith('.d.ts') && only(f))) {
      const name = relative(BUILD, file).replace(/\.d\.ts$/, dtsExt)
      this.emitFile({ type: 'asset', fileName: name, source: withExtension(readFileSync(file, 'utf8'), jsExt) })
    }
  },
})

// The ESM build (bundlers, edge, browsers) gets the fallback-free transport; see
// src/http/fallbackFetch.ts.
const withoutFallbackFetch = {
  name: 'without-fallback-fetch',
  resolveId(source, importer) {
    return source.endsWith('/fallbackFetch') && importer ? join(importer, '..', `${source}.none.js`) : null
  },
}

const esModuleFile = (id) => id.replace(/^(fp-ts|io-ts)\/(?!lib\/|es6\/)(.+)$/, '$1/es6/$2.js')

// The command line is its own input of the CommonJS build only (Node runs it); nothing the
// library exports imports it, so no library bundle can contain it.
const cliInput = exists(`${BUILD}/cli/main.js`) ? { 'cli/main': `${BUILD}/cli/main.js` } : {}
const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version
const cliVersion = {
  name: 'cli-version',
  transform(code, id) {
    return id.endsWith(join('cli', 'main.js')) ? code.replaceAll('__CVAT_FP_VERSION__', JSON.stringify(VERSION)) : null
  },
}

const external = (id) => /^(fp-ts|io-ts|cross-fetch)(\/|$)/.test(id) || id.startsWith('node:')

export default [
  {
    input,
    external,
    treeshake: { moduleSideEffects: false },
    plugins: [withoutFallbackFetch, declarations('.js', '.d.ts', (f) => !f.startsWith(join(BUILD, 'cli')))],
    output: {
      dir: 'dist/esm',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: BUILD,
      entryFileNames: '[name].js',
      // fp-ts/io-ts ES modules by file, whatever a bundler's main fields: `esbuild --platform=node`
      // prefers `main`, which for a `fp-ts/Either` subpath is the CommonJS lib/ (no tree-shaking).
      paths: esModuleFile,
    },
  },
  {
    input: { ...input, ...cliInput },
    external,
    treeshake: { moduleSideEffects: false },
    plugins: [cliVersion, declarations('.cjs', '.d.cts')],
    output: {
      dir: 'dist/cjs',
      banner: (chunk) => (chunk.facadeModuleId?.endsWith(join('cli', 'main.js')) ? '#!/usr/bin/env node' : ''),
      format: 'cjs',
      preserveModules: true,
      preserveModulesRoot: BUILD,
      entryFileNames: '[name].cjs',
      exports: 'named',
      // Node's CommonJS loader needs the real file of an fp-ts/io-ts module.
      paths: (id) => id.replace(/^(fp-ts|io-ts)\/(?!lib\/)/, '$1/lib/'),
      // fp-ts/lib and io-ts/lib are compiled ES modules (`__esModule`): use their exports object as
      // the namespace. The default interop copies it into getters, so every `E.right` or
      // `E.isLeft` on the request path was a getter call.
      interop: (id) => (id !== null && /^(fp-ts|io-ts)\//.test(id) ? 'esModule' : 'default'),
    },
  },
]
