// Conformance with CVAT's own schemas, walked at test time: every operation of both org-admin
// schema files (2.26.2 and 2.73.0) has its exported function, named after the operation id;
// called with every parameter the operation declares, and with only the required ones (values
// generated from the schema), the function sends exactly that operation's request (method, path, query names and values,
// headers, body), compared whole; and every component has its codec export.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as api from '../../src/index'
import { type Sent, jsonResponse, recordingFetch } from '../helpers/fetch'
import { hasShared, skipReason } from '../helpers/shared'
import { BASE, FILES, type Mode, type Schema, camel, documents as docs, expectedOf, operations } from './operations'

// The query order is ours to choose (CVAT ignores it): compare it sorted.
const normalised = (s: Sent): Sent => {
  const [head, query] = s.url.split('?')
  return { ...s, url: query === undefined ? head! : `${head}?${query.split('&').sort().join('&')}`, ...(s.body === undefined ? {} : { body: JSON.stringify(JSON.parse(s.body)) }) }
}

type Endpoint = (client: api.Client, params?: unknown) => () => Promise<unknown>
const exported = api as unknown as Record<string, unknown>

describe.skipIf(!hasShared)(`conformance with CVAT's schemas ${skipReason}`, () => {
  it('walks every operation of both files (2.26.2: 30, 2.73.0: 34)', () => {
    expect(FILES.map((f) => operations.filter((o) => o.file === f).length)).toEqual([30, 34])
  })

  it('exports a function for every operation, and no endpoint-named function without an operation', () => {
    const ids = new Set(operations.map((o) => camel(o.op.operationId)))
    const missing = [...ids].filter((id) => typeof exported[id] !== 'function')
    const helpers = new Set(['invitationsListAll', 'invitationsPages'])
    const extra = Object.keys(exported).filter(
      (k) => /^(auth|users|organizations|memberships|invitations)[A-Z]/.test(k) && typeof exported[k] === 'function' && !ids.has(k) && !helpers.has(k),
    )
    expect({ missing, extra }).toEqual({ missing: [], extra: [] })
  })

  const modes: ReadonlyArray<Mode> = ['every', 'every-by-id', 'required']
  it.each(operations.flatMap((o) => modes.map((mode) => [`${o.file} ${o.method.toUpperCase()} ${o.path} ${o.op.operationId}`, mode, o] as const)))(
    'sends exactly the operation: %s, with %s parameter set',
    async (_name, mode, { doc, path, method, op }) => {
      const expected = expectedOf(doc, path, method, op, mode)
      const { fetch, sent } = recordingFetch(() => jsonResponse(500, { detail: 'recorded' }))
      const fn = exported[expected.fn] as Endpoint
      await fn(api.createClient({ baseUrl: BASE, fetch }), expected.params)()
      expect(sent.map(normalised)).toEqual([normalised(expected.sent)])
    },
  )

  it("says in each operation's JSDoc which servers have it, as the two files do", () => {
    // The summary of `export const <fn>` in src/: its "Servers:" line.
    const sources = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join('src', f), 'utf8'))
    const serversOf = (fn: string): string | undefined => {
      for (const text of sources) {
        const at = text.indexOf(`export const ${fn} =`)
        if (at < 0) continue
        const doc = text.slice(text.lastIndexOf('/**', at), at)
        return /Servers: (CVAT (?:≥ )?\d+\.\d+(?:–\d+\.\d+)?)/.exec(doc)?.[1]
      }
      return undefined
    }
    const inFiles = (id: string) => FILES.filter((f) => operations.some((o) => o.file === f && o.op.operationId === id))
    const ids = [...new Set(operations.map((o) => o.op.operationId))]
    const claims = Object.fromEntries(ids.map((id) => [id, serversOf(camel(id))]))
    // Only in 2.26.2: removed before 2.73 (an upper bound); only in 2.73.0: added since (a lower bound).
    const expected = Object.fromEntries(
      ids.map((id) => {
        const files = inFiles(id)
        const claim = claims[id] ?? ''
        const ok = files.length === 2 ? claim === 'CVAT ≥ 2.26' : files[0] === FILES[0] ? /^CVAT 2\.26–2\.\d+$/.test(claim) : /^CVAT ≥ 2\.\d+$/.test(claim) && claim !== 'CVAT ≥ 2.26'
        return [id, ok ? claims[id] : `(${files.length === 2 ? 'both files' : files[0]}) ${claim}`]
      }),
    )
    expect(claims).toEqual(expected)
  })

  it('exports a codec for every component of both files', () => {
    const names = [...new Set(docs.flatMap(([, doc]) => Object.keys(doc.components.schemas)))].sort()
    const missing = names.filter((n) => {
      const codec = exported[n] as { decode?: unknown } | undefined
      return typeof codec?.decode !== 'function'
    })
    expect({ components: names.length, missing }).toEqual({ components: names.length, missing: [] })
  })
})

// Arbitrary values for a query parameter of the schema's type (well-formed strings: lone
// surrogates are the input-hardening suite's concern).
const arbitraryFor = (name: string, s: Schema): fc.Arbitrary<unknown> =>
  s.enum
    ? fc.constantFrom(...s.enum)
    : s.type === 'boolean'
      ? fc.boolean()
      : s.type === 'integer'
        ? name === 'page_size'
          ? fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant('all'))
          : fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })
        : fc.string({ unit: 'grapheme', maxLength: 20 })

describe.skipIf(!hasShared)(`arbitrary parameters of every operation ${skipReason}`, () => {
  // One operation per id: the 2.73.0 file wins where both have it.
  const unique = [...new Map(operations.map((o) => [o.op.operationId, o] as const)).values()]
  const lists = unique.filter((o) => o.method === 'get' && (o.op.parameters ?? []).some((p) => p.in === 'query'))
  const byId = unique.filter((o) => o.path.includes('{id}'))

  it.each(lists.map((o) => [o.op.operationId, o] as const))('%s: every query value reaches the URL as itself', async (_id, o) => {
    const query = (o.op.parameters ?? []).filter((p) => p.in === 'query')
    // An id beside a slug is refused (CVAT answers 400 to the pair): one of them is left out.
    const arbitrary = fc
      .tuple(fc.record(Object.fromEntries(query.map((p) => [camel(p.name), arbitraryFor(p.name, p.schema)])), { requiredKeys: [] }), fc.boolean())
      .map(([p, keepId]) => ('org' in p && 'orgId' in p ? Object.fromEntries(Object.entries(p).filter(([k]) => k !== (keepId ? 'org' : 'orgId'))) : p))
    await fc.assert(
      fc.asyncProperty(arbitrary, async (params) => {
        const { fetch, sent } = recordingFetch(() => jsonResponse(500, {}))
        await (exported[camel(o.op.operationId)] as Endpoint)(api.createClient({ baseUrl: BASE, fetch }), params)()
        const url = new URL(sent[0]!.url)
        const wire = (p: (typeof query)[number]): unknown => (params as Record<string, unknown>)[camel(p.name)]
        expect({ method: sent[0]!.method, path: url.pathname, query: [...url.searchParams].sort() }).toEqual({
          method: o.method.toUpperCase(),
          path: o.path,
          query: query.filter((p) => wire(p) !== undefined).map((p) => [p.name, String(wire(p))]).sort(),
        })
      }),
      { numRuns: 60 },
    )
  })

  it.each(byId.map((o) => [o.op.operationId, o] as const))('%s: a positive integer id is the path; anything else is refused, nothing sent', async (_id, o) => {
    const call = exported[camel(o.op.operationId)] as Endpoint
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), async (id) => {
        const { fetch, sent } = recordingFetch(() => jsonResponse(500, {}))
        await call(api.createClient({ baseUrl: BASE, fetch }), { id })()
        expect(sent.map((x) => [x.method, new URL(x.url).pathname])).toEqual([[o.method.toUpperCase(), o.path.replace('{id}', String(id))]])
      }),
      { numRuns: 40 },
    )
    const bad = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double().filter((d) => !Number.isSafeInteger(d)),
      fc.integer({ min: 1 }).map(String),
      fc.constantFrom(null, undefined, true, [], {}),
    )
    await fc.assert(
      fc.asyncProperty(bad, async (id) => {
        const { fetch, sent } = recordingFetch(() => jsonResponse(500, {}))
        const result = (await call(api.createClient({ baseUrl: BASE, fetch }), { id })()) as { _tag: string; left?: { _tag: string; url: string } }
        expect({ sent, tag: result.left?._tag, url: result.left?.url }).toEqual({ sent: [], tag: 'RequestError', url: o.path })
      }),
      { numRuns: 40 },
    )
  })
})
