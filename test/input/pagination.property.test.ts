// Issue 10 §2 as a property: whatever numbers and pages a server sends, listAll resolves to an
// Either (never a rejection), requests pages only by number on the client's own origin, never
// more than maxPages, and a Right is exactly the items it read, as many as the server counted.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClient, invitationsList, listAll, pages } from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'
import { invitation } from '../helpers/samples'

const serverPage = fc.record({
  count: fc.oneof(fc.nat(50), fc.constantFrom(1e12, 5e7, -1, 0, 2 ** 53), fc.double({ noNaN: true, noDefaultInfinity: true })),
  next: fc.constantFrom(null, 'http://evil.test/api/invitations?page=2'),
  size: fc.nat(12),
})

describe('property: listAll over arbitrary server pages', () => {
  it('resolves to an Either, asks only its own origin by number, and bounds what it reads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(serverPage, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 40 }), async (script, maxPages, maxItems) => {
        let n = 0
        const { fetch, sent } = recordingFetch((s) => {
          const p = script[Math.min(n++, script.length - 1)]!
          const page = Number(new URL(s.url).searchParams.get('page') ?? 1)
          return jsonResponse(200, { count: p.count, next: p.next, previous: null, results: Array.from({ length: p.size }, (_, i) => ({ ...invitation, key: `p${page}i${i}` })) })
        })
        const r = await listAll(invitationsList, createClient({ baseUrl: 'http://cvat.test', fetch }), { pageSize: 5 }, { maxPages, maxItems, concurrency: 2 })()
        expect(E.isLeft(r) || E.isRight(r)).toBe(true)
        expect(sent.length).toBeLessThanOrEqual(maxPages)
        expect(sent.every((s) => s.url.startsWith('http://cvat.test/api/invitations?'))).toBe(true)
        expect(sent.map((s) => new URL(s.url).searchParams.get('page'))).toEqual(sent.map((_, i) => (i === 0 ? null : String(i + 1))).sort((a, b) => Number(a) - Number(b)))
        if (E.isRight(r)) {
          expect(r.right.length).toBeLessThanOrEqual(maxItems)
          expect(new Set(r.right.map((i) => i.key)).size).toBe(r.right.length)
        } else expect(['RequestError', 'ListChangedError', 'DecodeError']).toContain(r.left._tag)
      }),
      { numRuns: 300 },
    )
  })

  it('pages never yields more than maxPages pages, whatever next says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), async (maxPages) => {
        // Each page a new invitation: the list grows no stranger than its claimed count allows.
        let n = 0
        const { fetch, sent } = recordingFetch(() => jsonResponse(200, { count: 1e12, next: 'x', previous: null, results: [{ ...invitation, key: `k${n++}` }] }))
        const yielded: string[] = []
        for await (const p of pages(invitationsList, createClient({ baseUrl: 'http://cvat.test', fetch }), {}, { maxPages })) yielded.push(E.isRight(p) ? 'page' : p.left._tag)
        expect(yielded).toEqual([...Array.from({ length: maxPages }, () => 'page'), 'RequestError'])
        expect(sent.length).toBe(maxPages)
      }),
      { numRuns: 50 },
    )
  })
})
