// The table of every operation (src/generated/registry.ts) that `cvat-fp api` calls by id: it
// holds each of the library's operations under its own name and schema id, and only the command
// line reaches it — neither source file nor built module of the library imports it, so no
// library bundle can hold it.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as library from '../../src/index'
import { registry } from '../../src/generated/registry'
import { binIsBuilt } from './run'

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))

// Every module a built entry reaches through relative require()/import, transitively.
const reached = (entry: string): ReadonlySet<string> => {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/(?:require\(|from\s+|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) visit(resolve(dirname(file), m[1]!))
  }
  visit(resolve(entry))
  return seen
}

describe('the operation registry', () => {
  it('holds every operation the library exports, under its function name, with its schema id', () => {
    const entries = Object.entries(registry)
    expect(entries.length).toBe(163)
    const mismatched = entries.filter(([fn, op]) => (library as Record<string, unknown>)[fn] !== op.run).map(([fn]) => fn)
    expect(mismatched).toEqual([])
    const ids = entries.map(([, op]) => op.id)
    expect(new Set(ids).size).toBe(ids.length)
    // The schema's snake_case id, camelCased, is the function's name (DESIGN.md's naming rule).
    expect(entries.filter(([fn, op]) => op.id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) !== fn).map(([fn]) => fn)).toEqual([])
    expect(registry['tasksRetrieveData']).toMatchObject({
      id: 'tasks_retrieve_data',
      method: 'GET',
      path: '/api/tasks/{id}/data/',
      params: [
        ['id', 'path', 'int', true],
        ['number', 'query', 'int', false],
        ['quality', 'query', ['compressed', 'original'], false],
        ['type', 'query', ['chunk', 'context_image', 'frame'], false],
      ],
      answer: 'file',
    })
  })

  it('is imported by the command line only, never by the library (source)', () => {
    const target = resolve('src/generated/registry')
    const imports = (f: string) => [...readFileSync(f, 'utf8').matchAll(/(?:from\s+|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(f), m[1]!))
    const importers = sourceFiles('src').filter((f) => imports(f).includes(target))
    expect(importers).toEqual(['src/cli/api.ts'])
    expect(readFileSync('src/generated/index.ts', 'utf8')).not.toContain('registry')
  })

  it('is in no built library entry: neither ESM nor CommonJS index, testing or testing/node reaches it', () => {
    binIsBuilt()
    expect(existsSync('dist/esm/generated/registry.js')).toBe(false)
    const entries = ['dist/esm/index.js', 'dist/esm/testing.js', 'dist/esm/testing/node.js', 'dist/cjs/index.cjs', 'dist/cjs/testing.cjs', 'dist/cjs/testing/node.cjs']
    for (const entry of entries) expect([entry, [...reached(entry)].filter((f) => f.includes('generated/registry'))]).toEqual([entry, []])
    // The command line does reach it (the walk is not blind), through `api` only.
    expect([...reached('dist/cjs/cli/main.cjs')].filter((f) => f.endsWith('generated/registry.cjs')).length).toBe(1)
  })
})
