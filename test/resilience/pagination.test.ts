// invitationsListAll and invitationsPages against the emulator over real sockets, with 1,000+
// invitations; and a hostile `next` that must never be contacted.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { afterAll, describe, expect, it } from 'vitest'
import { createClient, invitationsList, invitationsListAll, invitationsPages, tokenAuth } from '../../src/index'
import { useEmulator } from '../e2e/helpers'
import { invitation, page } from '../helpers/samples'
import { type Scripted, json, scriptedServer } from '../helpers/server'

const N = 1030
const base = Date.parse('2026-01-01T00:00:00Z')

describe('invitationsListAll over 1,000+ invitations', () => {
  const live = useEmulator({
    now: () => base + N * 60_000,
    expiryDays: 365,
    invitations: Array.from({ length: N }, (_, i) => ({
      org: 'acme',
      owner: i % 3 === 0 ? 'mia' : 'olga',
      invitee: `bulk${i}@example.com`,
      role: 'worker' as const,
      accepted: i % 5 === 0,
      createdDate: base + i * 60_000,
    })),
  })
  const olga = () => live.as('olga')

  it.each([1, 7, 10, 100])('page size %i gives exactly what page_size=all gives, in order', async (pageSize) => {
    const all = await invitationsList(olga(), { org: 'acme', pageSize: 'all' })()
    const paged = await invitationsListAll(olga(), { org: 'acme', pageSize }, { concurrency: 4 })()
    expect(E.isRight(all) && all.right.count).toBe(N + 1)
    expect(paged).toEqual(E.map((p: { results: unknown }) => p.results)(all))
  }, 60_000)

  it('keeps filters, sort and search on every page', async () => {
    const params = { org: 'acme', filter: '{"==":[{"var":"accepted"},false]}', sort: 'created_date', search: 'mi' }
    const all = await invitationsList(olga(), { ...params, pageSize: 'all' })()
    const before = live.emulator.log.length
    const paged = await invitationsListAll(olga(), { ...params, pageSize: 50 })()
    expect(paged).toEqual(E.map((p: { results: unknown }) => p.results)(all))
    const urls = live.emulator.log.slice(before).map((r) => new URL(r.url).searchParams)
    expect(urls.every((q) => q.get('filter') === params.filter && q.get('sort') === 'created_date' && q.get('search') === 'mi')).toBe(true)
    expect(urls.map((q) => q.get('page'))).toEqual([null, ...Array.from({ length: urls.length - 1 }, (_, i) => String(i + 2))])
  })

  it('the default concurrency keeps at most 4 pages in flight', async () => {
    let inFlight = 0
    let peak = 0
    const counting: typeof fetch = async (input, init) => {
      peak = Math.max(peak, ++inFlight)
      try {
        return await fetch(input, init)
      } finally {
        inFlight--
      }
    }
    const client = pipe(createClient({ baseUrl: live.served.url, fetch: counting }), tokenAuth('token-olga'))
    const r = await invitationsListAll(client, { org: 'acme', pageSize: 20 })()
    expect(E.isRight(r) && r.right.length).toBe(N + 1)
    expect(peak).toBe(4)
  })

  it('invitationsPages yields pages lazily and stops after the last', async () => {
    const before = live.emulator.log.length
    const pages = invitationsPages(olga(), { org: 'acme', pageSize: 400 })
    expect(live.emulator.log.length).toBe(before) // nothing is fetched until iterated
    const sizes: number[] = []
    for await (const p of pages) sizes.push(E.isRight(p) ? p.right.results.length : -1)
    expect(sizes).toEqual([400, 400, 231])
    expect(live.emulator.log.length).toBe(before + 3)
  })

  it('invitationsPages stops after the first Left', async () => {
    const seen: string[] = []
    for await (const p of invitationsPages(olga(), { org: 'acme', pageSize: 400, page: 3 })) seen.push(E.isRight(p) ? 'page' : 'error')
    expect(seen).toEqual(['page'])
    const failing: string[] = []
    for await (const p of invitationsPages(olga(), { org: 'nope' })) failing.push(E.isRight(p) ? 'page' : p.left._tag)
    expect(failing).toEqual(['StatusError'])
  })
})

describe('a hostile or changing server', () => {
  let api: Scripted
  let evil: Scripted
  afterAll(async () => {
    await api?.close()
    await evil?.close()
  })

  it('a next link to another origin is never followed: credentials stay home', async () => {
    evil = await scriptedServer([json(200, page([]))])
    const p1 = { count: 3, next: `${evil.url}/steal?page=2`, previous: null, results: [{ ...invitation, key: 'a' }, { ...invitation, key: 'b' }] }
    const p2 = { count: 3, next: null, previous: `${evil.url}/steal`, results: [{ ...invitation, key: 'c' }] }
    api = await scriptedServer([json(200, p1), json(200, p2)])
    const client = pipe(createClient({ baseUrl: api.url }), tokenAuth('secret-token'))
    const r = await invitationsListAll(client, { org: 'acme' })()
    expect(E.isRight(r) && r.right.map((i) => i.key)).toEqual(['a', 'b', 'c'])
    expect(evil.requests).toEqual([])
    expect(api.requests.map((q) => [q.url, q.headers.authorization])).toEqual([
      ['/api/invitations?org=acme', 'Token secret-token'],
      ['/api/invitations?org=acme&page=2', 'Token secret-token'],
    ])
  })

  it('a list that changes while it is read is a Left, not a silently wrong result', async () => {
    await api?.close()
    const p1 = { count: 3, next: 'x', previous: null, results: [{ ...invitation, key: 'a' }, { ...invitation, key: 'b' }] }
    const p2 = { count: 4, next: null, previous: 'x', results: [{ ...invitation, key: 'b' }, { ...invitation, key: 'c' }] }
    api = await scriptedServer([json(200, p1), json(200, p2)])
    const r = await invitationsListAll(createClient({ baseUrl: api.url }))()
    expect(r).toEqual(
      E.left({ _tag: 'ListChangedError', method: 'GET', url: '/api/invitations', counts: [3, 4], read: 4, distinct: 3 }),
    )
  })

  it('the first failing page makes the whole a Left', async () => {
    await api?.close()
    const p1 = { count: 30, next: 'x', previous: null, results: Array.from({ length: 10 }, (_, i) => ({ ...invitation, key: `k${i}` })) }
    api = await scriptedServer([json(200, p1), json(404, { detail: 'Invalid page.' })])
    const r = await invitationsListAll(createClient({ baseUrl: api.url }), {}, { concurrency: 1 })()
    expect(r).toMatchObject(E.left({ _tag: 'StatusError', status: 404, body: { _tag: 'Detail', detail: 'Invalid page.' } }))
    expect(api.requests.length).toBe(2) // with concurrency 1, page 3 is never requested after page 2 failed
  })

  it('a bad concurrency is a RequestError', async () => {
    expect(await invitationsListAll(createClient({ baseUrl: 'http://127.0.0.1:9' }), {}, { concurrency: 0 })()).toEqual(
      E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message: 'concurrency must be a positive integer, got 0' }),
    )
  })
})
