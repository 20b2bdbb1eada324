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

  it('the ESM build imports fp-ts/io-ts ES module files (for bundlers, whatever their main fields); the CJS build their lib/ files (for Node)', () => {
    const esm = files('dist/esm', '.js').map((f) => readFileSync(f, 'utf8')).join('\n')
    const cjs = files('dist/cjs', '.cjs').map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(esm).not.toMatch(/(fp-ts|io-ts)\/lib\//)
    expect([...esm.matchAll(/from '((?:fp-ts|io-ts)[^']*)'/g)].every(([, id]) => /^(fp-ts|io-ts)\/es6\/\w+\.js$/.test(id!))).toBe(true)
    expect(esm).toMatch(/from 'fp-ts\/es6\/Either\.js'/)
    expect(esm).toMatch(/from 'io-ts\/es6\/Decoder\.js'/)
    expect([...cjs.matchAll(/require\('((?:fp-ts|io-ts)[^']*)'\)/g)].every(([, id]) => id!.includes('/lib/'))).toBe(true)
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

  it('the command line is built only on the public API (cvat-fp, cvat-fp/testing, cvat-fp/testing/node)', () => {
    const imports = files('src/cli', '.ts').flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from '(\.[^']*)'/g)].map((m) => m[1]!))
    expect(imports.filter((i) => !['../index', '../testing', '../testing/node'].includes(i) && !i.startsWith('./'))).toEqual([])
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

  it('npm run size meets every budget', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['test/size/size.ts'], { timeout: 120_000 })
    console.log(stdout)
    expect(stdout).toContain('size budgets: all met')
  }, 120_000)
})
