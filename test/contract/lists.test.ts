// Every paginated list of the whole API (each operation of CVAT's schemas answering a
// Paginated…List) with `listAll` and `pages`: items made from the schemas, served two to a page by
// a fetch that honours `page` and `page_size`, come back whole and in order; each page is asked
// for by number on the client's own base URL.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as api from '../../src/index'
import { type Schema, arbitraryOf, mergeSchema } from '../helpers/schema'
import { hasShared, skipReason } from '../helpers/shared'
import { BASE, camel, documents, operations } from './whole'

type List = api.ListFunction<Record<string, unknown>, api.Page<unknown>>

describe.skipIf(!hasShared)(`every paginated list with listAll and pages ${skipReason}`, () => {
  const [older, newer] = documents.map(([, d]) => d.components.schemas as unknown as Record<string, Schema>) as [Record<string, Schema>, Record<string, Schema>]
  const merged = hasShared ? Object.fromEntries([...new Set([...Object.keys(older), ...Object.keys(newer)])].map((n) => [n, mergeSchema(older[n], newer[n])])) : {}
  const lists = [
    ...new Map(
      operations.flatMap((o) => {
        const ok = (o.op as { responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }).responses?.['200']
        const page = Object.values(ok?.content ?? {})[0]?.schema?.$ref?.split('/').pop()
        return page && /^Paginated\w+List$/.test(page) ? [[o.op.operationId, { o, page }] as const] : []
      }),
    ).values(),
  ]

  it('finds the 19 lists of the schemas', () => {
    expect(lists.length).toBe(19)
  })

  it.each(lists.map((l) => [l.o.op.operationId, l] as const))('%s: listAll reads every page, pages yields them', async (_id, { o, page }) => {
    const itemName = merged[page]!.properties!['results']!.items!.$ref!.split('/').pop()!
    const idType = merged[itemName]!.properties?.['id']?.type
    const items = fc.sample(arbitraryOf(merged, { $ref: `#/components/schemas/${itemName}` }), { numRuns: 5, seed: 17 }).map((g, i) => {
      const v = g.value as Record<string, unknown>
      return idType === undefined ? v : { ...v, id: idType === 'integer' ? i + 1 : `id-${i + 1}` }
    })
    const asked: string[] = []
    const fetch = async (input: RequestInfo | URL): Promise<Response> => {
      const url = new URL(String(input))
      asked.push(`${url.origin}${url.pathname}?page=${url.searchParams.get('page') ?? '-'}`)
      const size = Number(url.searchParams.get('page_size') ?? 10)
      const n = Number(url.searchParams.get('page') ?? 1)
      const next = n * size < items.length ? `https://elsewhere.example${url.pathname}?page=${n + 1}` : null
      return new Response(JSON.stringify({ count: items.length, next, previous: null, results: items.slice((n - 1) * size, n * size) }), { status: 200 })
    }
    const client = api.createClient({ baseUrl: BASE, fetch: fetch as typeof globalThis.fetch })
    const params = Object.fromEntries((o.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [camel(p.name), 7]))
    const fn = (api as unknown as Record<string, List>)[camel(o.op.operationId)]!
    // What the server sent, as JSON carries it (-0 arrives as 0).
    expect(await api.listAll(fn, client, { ...params, pageSize: 2 })()).toEqual(E.right(JSON.parse(JSON.stringify(items))))
    const path = o.path.replace('{id}', '7')
    expect(asked).toEqual([1, 2, 3].map((n) => `${BASE}${path}?page=${n === 1 ? '-' : n}`))
    const seen: unknown[] = []
    for await (const p of api.pages(fn, client, { ...params, pageSize: 2 })) seen.push(E.map((x: api.Page<unknown>) => x.results.length)(p))
    expect(seen).toEqual([E.right(2), E.right(2), E.right(1)])
  }, 30_000)
})
