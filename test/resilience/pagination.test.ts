// invitationsListAll and invitationsPages against the emulator over real sockets, with 1,000+
// invitations; and a hostile `next` that must never be contacted.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as D from 'io-ts/Decoder'
import { type OrgParams, type PageParams, guard, listRequest } from '../../src/endpoint/params'
import { send } from '../../src/endpoint/send'
import type { Client, CvatError, InvitationRead } from '../../src/index'
import type * as TE from 'fp-ts/TaskEither'
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest'
import { createClient, invitationsList, invitationsListAll, invitationsPages, listAll, pages, tokenAuth } from '../../src/index'
import { useEmulator } from '../e2e/helpers'
import { invitation, page } from '../helpers/samples'
import { type Scripted, json, scriptedServer } from '../helpers/server'

// A list endpoint as another resource writes it (GET /api/users), for the generic helpers.
const usersCodec = D.struct({ count: D.number, next: D.nullable(D.string), previous: D.nullable(D.string), results: D.array(D.struct({ id: D.number, username: D.string })) })
const invitationsListLike = (client: Client, params: OrgParams & PageParams & { readonly search?: string } = {}): TE.TaskEither<CvatError, D.TypeOf<typeof usersCodec>> =>
  guard('GET', '/api/users', params, () => send(client, listRequest('/api/users', params, [['search', params.search]]), 'PaginatedUserList', usersCodec))

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
      E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message: 'concurrency must be an integer from 1 to 64, got 0' }),
    )
  })
})

// Issue 10 §2: the server's numbers are never trusted. Pages are discovered, not allocated from
// `count`; `maxItems` and `maxPages` bound what one call reads.
describe('never trusting the server\'s numbers', () => {
  let api: Scripted | undefined
  afterAll(async () => api?.close())
  const serve = async (...handlers: Parameters<typeof scriptedServer>[0]) => {
    await api?.close()
    api = await scriptedServer(handlers)
    return createClient({ baseUrl: api.url })
  }
  const two = [{ ...invitation, key: 'a' }, { ...invitation, key: 'b' }]
  const refused = (message: string) => E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message })

  it.each([1e12, 5e7])('count: %d on a 2-item page is a Left at once, with no allocation and no further request', async (count) => {
    const client = await serve(json(200, { count, next: 'x', previous: null, results: two }))
    expect(await invitationsListAll(client)()).toEqual(
      refused(`the list has ${count} items, more than maxItems (100000): narrow it with filters or raise maxItems`),
    )
    expect(api!.requests.length).toBe(1)
  })

  it('maxItems and maxPages are the caller\'s bounds', async () => {
    const client = await serve(json(200, { count: 6, next: 'x', previous: null, results: two }))
    expect(await invitationsListAll(client, {}, { maxItems: 5 })()).toEqual(
      refused('the list has 6 items, more than maxItems (5): narrow it with filters or raise maxItems'),
    )
    expect(await invitationsListAll(client, {}, { maxPages: 2 })()).toEqual(
      refused('the list has 3 pages, more than maxPages (2): raise pageSize or maxPages'),
    )
  })

  it('a page larger than announced still stops at maxItems', async () => {
    const big = Array.from({ length: 8 }, (_, i) => ({ ...invitation, key: `k${i}` }))
    const client = await serve(json(200, { count: 4, next: 'x', previous: null, results: two }), json(200, { count: 4, next: null, previous: 'x', results: big }))
    expect(await invitationsListAll(client, {}, { maxItems: 5 })()).toEqual(
      refused('the list has more than maxItems (5) items: narrow it with filters or raise maxItems'),
    )
  })

  it('a last page that still has a next page is a changed list, not a silent truncation', async () => {
    const client = await serve(
      json(200, { count: 4, next: 'x', previous: null, results: two }),
      json(200, { count: 4, next: 'y', previous: 'x', results: [{ ...invitation, key: 'c' }, { ...invitation, key: 'd' }] }),
    )
    expect(await invitationsListAll(client)()).toEqual(
      E.left({ _tag: 'ListChangedError', method: 'GET', url: '/api/invitations', counts: [4], read: 4, distinct: 4 }),
    )
  })

  it.each([
    [{ concurrency: 65 }, 'concurrency must be an integer from 1 to 64, got 65'],
    [{ concurrency: 1e9 }, 'concurrency must be an integer from 1 to 64, got 1000000000'],
    [{ concurrency: NaN }, 'concurrency must be an integer from 1 to 64, got NaN'],
    [{ maxItems: 0 }, 'maxItems must be a positive integer, got 0'],
    [{ maxPages: -1 }, 'maxPages must be a positive integer, got -1'],
  ])('options %o are refused before anything is sent', async (options, message) => {
    const client = await serve(json(200, page([])))
    expect(await invitationsListAll(client, {}, options)()).toEqual(refused(message))
    expect(await listAll(invitationsList, client, {}, options)()).toEqual(refused(message))
    expect(api!.requests).toEqual([])
  })

  it('concurrency null or undefined is the default, alike', async () => {
    const client = await serve(json(200, page(two)))
    const expected = E.right(two)
    expect(await invitationsListAll(client, {}, { concurrency: null as unknown as undefined })()).toEqual(expected)
    expect(await invitationsListAll(client, {}, { concurrency: undefined })()).toEqual(expected)
  })
})

describe('listAll and pages work for any paginated list', () => {
  it('types: items come from the list, page is refused, the list\'s params are checked', () => {
    const c = createClient()
    expectTypeOf(listAll(invitationsList, c)).toEqualTypeOf<TE.TaskEither<CvatError, ReadonlyArray<InvitationRead>>>()
    expectTypeOf(listAll(invitationsListLike, c, { search: 'u' })).toEqualTypeOf<TE.TaskEither<CvatError, ReadonlyArray<{ id: number; username: string }>>>()
    // @ts-expect-error listAll reads every page: a page is refused
    void listAll(invitationsList, c, { page: 2 })
    // @ts-expect-error a parameter the list does not have
    void listAll(invitationsList, c, { nope: 1 })
    // @ts-expect-error a parameter of the wrong type
    void listAll(invitationsList, c, { search: 1 })
  })

  let api: Scripted | undefined
  afterAll(async () => api?.close())
  // A list endpoint this library does not have yet, written as every list is.
  const user = (id: number) => ({ id, username: `u${id}` })

  it('listAll reads every page of a list whose items have ids, pages by number', async () => {
    api = await scriptedServer([
      json(200, { count: 5, next: 'http://evil.test/?page=2', previous: null, results: [user(1), user(2)] }),
      json(200, { count: 5, next: 'http://evil.test/?page=3', previous: null, results: [user(3), user(4)] }),
      json(200, { count: 5, next: null, previous: null, results: [user(5)] }),
    ])
    const client = createClient({ baseUrl: api.url })
    const r = await listAll(invitationsListLike, client, { search: 'u' }, { concurrency: 1 })()
    expect(r).toEqual(E.right([1, 2, 3, 4, 5].map(user)))
    expect(api.requests.map((q) => q.url)).toEqual(['/api/users?search=u', '/api/users?page=2&search=u', '/api/users?page=3&search=u'])
  })

  it('a repeated id across pages is a changed list', async () => {
    await api?.close()
    api = await scriptedServer([
      json(200, { count: 4, next: 'x', previous: null, results: [user(1), user(2)] }),
      json(200, { count: 4, next: null, previous: 'x', results: [user(2), user(3)] }),
    ])
    const r = await listAll(invitationsListLike, createClient({ baseUrl: api.url }))()
    expect(r).toEqual(E.left({ _tag: 'ListChangedError', method: 'GET', url: '/api/users', counts: [4], read: 4, distinct: 3 }))
  })

  it('pages yields each page lazily and stops after the last, or at maxPages with a Left', async () => {
    await api?.close()
    api = await scriptedServer([1, 2, 3].map((id) => json(200, { count: 9, next: 'x', previous: null, results: [user(id)] })))
    const seen: unknown[] = []
    for await (const p of pages(invitationsListLike, createClient({ baseUrl: api.url }), {}, { maxPages: 3 })) seen.push(E.isRight(p) ? p.right.results : p.left)
    expect(seen).toEqual([
      [user(1)],
      [user(2)],
      [user(3)],
      { _tag: 'RequestError', method: 'GET', url: '/api/users', message: 'more than maxPages (3) pages: raise pageSize or maxPages' },
    ])
    expect(api.requests.length).toBe(3)
  })
})
