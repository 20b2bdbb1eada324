// The whole API against CVAT's whole schemas (2.26.2 and 2.73.0), walked at test time: every
// operation has its exported function, named after its id; called with every parameter the
// operation declares (the organisation by slug, or by id) and with only the required ones, it
// sends exactly that operation's request, compared whole: method, encoded path with every path
// parameter, query names and values, headers, and the body in its content type (JSON, or
// multipart when it holds a file or the operation takes only that). Every component has its
// codec; every function's "Servers:" line is the release matrix's.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as api from '../../src/index'
import { bodies } from '../../scripts/generate/overrides'
import { hasShared, skipReason } from '../helpers/shared'
import { BASE, type Mode, VERSIONS, camel, capturing, documents, expectedOf, operations, releaseMatrix } from './whole'

type Endpoint = (client: api.Client, params?: unknown) => () => Promise<unknown>
const exported: Record<string, unknown> = { ...api }
const lowerFirst = (s: string): string => s[0]!.toLowerCase() + s.slice(1)
const newest = (id: string) => operations.find((o) => o.version === '2.73.0' && o.op.operationId === id)

describe.skipIf(!hasShared)(`the whole API against CVAT's full schemas ${skipReason}`, () => {
  const ids = [...new Set(operations.map((o) => o.op.operationId))]

  it('walks 152 operations of 2.26.2 and 153 of 2.73.0: 163 in all, the OPA rules bundle among them', () => {
    expect(VERSIONS.map((v) => operations.filter((o) => o.version === v).length)).toEqual([152, 153])
    expect(ids.length).toBe(163)
    expect(ids).toContain('auth_retrieve_rules')
  })

  it('exports a function for every operation of either schema', () => {
    expect(ids.filter((id) => typeof exported[camel(id)] !== 'function')).toEqual([])
  })

  const modes: ReadonlyArray<Mode> = ['every', 'every-by-id', 'required']
  const cases = operations.flatMap((o) => modes.map((mode) => [`${o.version} ${o.method.toUpperCase()} ${o.path} ${o.op.operationId}`, mode, o] as const))
  it.each(cases)('sends exactly the operation: %s, %s', async (_name, mode, o) => {
    // Where the versions declare different bodies, the newer one holds (overrides.bodies).
    const from = bodies[o.op.operationId] && o.version !== '2.73.0' ? newest(o.op.operationId) : undefined
    const expected = await expectedOf(o, mode, (c) => (c ? lowerFirst(c) : 'body'), from?.op, from?.doc)
    const { fetch, sent } = capturing()
    const result = (await (exported[expected.fn] as Endpoint)(api.createClient({ baseUrl: BASE, fetch }), expected.params)()) as { _tag: string; left?: { _tag: string; message?: string } }
    // Nothing sent is a RequestError; say it whole rather than compare an empty list.
    expect(sent.length === 0 ? result.left : sent).toEqual([expected.sent])
  })

  it('exports a codec for every component of either schema', () => {
    const names = [...new Set(documents.flatMap(([, d]) => Object.keys(d.components.schemas)))].sort()
    const missing = names.filter((n) => typeof (exported[n] as { decode?: unknown } | undefined)?.decode !== 'function')
    expect({ components: names.length, missing }).toEqual({ components: 210, missing: [] })
  })

  it("says in each function's JSDoc exactly which releases have it, as the release matrix does", () => {
    const matrix = releaseMatrix()
    expect(matrix.length).toBe(57)
    const minor = (v: string) => v.split('.').slice(0, 2).join('.')
    const expected = (id: string): string => {
      const has = matrix.map(([, ops]) => ops.has(id))
      const first = has.indexOf(true)
      const last = has.lastIndexOf(true)
      if (has.slice(first, last + 1).includes(false)) return 'not contiguous'
      if (first === 0 && last === matrix.length - 1) return `CVAT ≥ ${minor(matrix[0]![0])} (every supported version)`
      if (last === matrix.length - 1) return `CVAT ≥ ${minor(matrix[first]![0])}`
      return `CVAT ${minor(matrix[first]![0])}–${minor(matrix[last]![0])} (removed in ${minor(matrix[last + 1]![0])})`
    }
    const claimed = (id: string): string | undefined => {
      const o = operations.find((x) => x.op.operationId === id)!
      const tag = (newest(id) ?? o).doc.paths[o.path]![o.method]!
      const source = readFileSync(`src/generated/${(tag as { tags?: string[] }).tags?.[0]}/${camel(id)}.ts`, 'utf8')
      return /\n \* Servers: (.*)\.\n/.exec(source)?.[1]
    }
    expect(Object.fromEntries(ids.map((id) => [id, claimed(id)]))).toEqual(Object.fromEntries(ids.map((id) => [id, expected(id)])))
  })
})
