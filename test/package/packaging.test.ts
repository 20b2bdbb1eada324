// The published shape: lint by publint and attw (tools none of us wrote), the import style of each
// build, and the size budgets (`npm run size`), all against the built package.
import { execFile } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []))

describe('packaging', () => {
  it('publint finds nothing', async () => {
    const { stdout } = await run('node_modules/.bin/publint', ['--strict'], { timeout: 120_000 })
    expect(stdout).toContain('All good!')
  }, 120_000)

  it('attw --pack finds no problem for any entry and resolution mode', async () => {
    const { stdout } = await run('node_modules/.bin/attw', ['--pack', '.', '--format', 'json'], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 })
    const report = JSON.parse(stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } }
    expect(report.analysis.problems).toEqual([])
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './package.json', './testing', './testing/node'])
  }, 120_000)

  it('no module imports fp-ts or io-ts at run time (their types only: TaskEither, Either, Decoder), and the declarations do', () => {
    const esm = files('dist/esm', '.js').map((f) => readFileSync(f, 'utf8')).join('\n')
    const cjs = files('dist/cjs', '.cjs').map((f) => readFileSync(f, 'utf8')).join('\n')
    const dts = files('dist/esm', '.d.ts').map((f) => readFileSync(f, 'utf8')).join('\n')
    expect([...esm.matchAll(/(?:from|import\() *'((?:fp-ts|io-ts)[^']*)'/g)].map(([, id]) => id)).toEqual([])
    expect([...cjs.matchAll(/require\('((?:fp-ts|io-ts)[^']*)'\)/g)].map(([, id]) => id)).toEqual([])
    expect(dts).toMatch(/from 'fp-ts\/TaskEither'/)
    expect(dts).toMatch(/from 'io-ts\/Decoder'/)
    expect(esm).not.toContain('cross-fetch')
    // Computed, so that bundling the CJS build for Node never inlines cross-fetch and node-fetch.
    expect(cjs).not.toContain("'cross-fetch'")
    expect(cjs).toContain("import(['cross', 'fetch'].join('-'))")
  })

  it('the cvat-fp bin is its own CommonJS entry with a shebang, and no library module reaches it', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }
    expect(pkg.bin).toEqual({ 'cvat-fp': './dist/cjs/cli/main.cjs' })
    expect(readFileSync(pkg.bin['cvat-fp']!, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node')
    expect(files('dist/esm', '.js').filter((f) => f.split(/[\/]/).includes('cli'))).toEqual([])
    const library = files('dist/cjs', '.cjs').filter((f) => !f.includes(join('dist', 'cjs', 'cli')))
    expect(library.filter((f) => /require\('\.{1,2}\/(\.\.\/)*cli\//.test(readFileSync(f, 'utf8')))).toEqual([])
  })

  // Besides the public API, `cvat-fp api` reads the generated registry of operations (ids, methods,
  // parameters, each one's function): data for the command line only, which no library entry
  // reaches (test/cli/registry.test.ts) and so which the public API does not export.
  it('the command line is built only on the public API (cvat-fp, cvat-fp/testing, cvat-fp/testing/node) and the operation registry', () => {
    const imports = files('src/cli', '.ts').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from '(\.[^']*)'/g)].map((m) => m[1]!))
    expect(imports.filter((i) => !['../index', '../testing', '../testing/node', '../generated/registry'].includes(i) && !i.startsWith('./'))).toEqual([])
  })

  it('every top-level call in the ESM build is marked pure', () => {
    const offenders = files('dist/esm', '.js')
      .filter((f) => !f.includes('testing'))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => /^(const|let|var) \w+ = (?!\/\*#__PURE__\*\/)[\w.]+\(/.test(l))
          .map((l) => `${f}: ${l}`),
      )
    expect(offenders).toEqual([])
  })

  // ~200 esbuild bundles (every operation of the whole API) and ~40 rollup ones: ~2 min on a quiet 2-core machine, several on a busy one.
  it('npm run size meets every budget', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['test/size/size.ts'], { timeout: 900_000 })
    console.log(stdout)
    expect(stdout).toContain('size budgets: all met')
  }, 900_000)
})
