// pages() has listAll's guarantees: a list that changes while it is read (counts differ, ids
// repeat, `next` inconsistent with the position) is a ListChangedError that ends the walk, and
// the items read are bounded by maxItems. The fake server is the reviewer's: count 3, always next.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { createClient, organizationsList, pages, usersList } from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'

const user = (id: number) => ({ url: `http://h/api/users/${id}`, id, username: `u${id}`, first_name: '', last_name: '' })
type Reply = { readonly count: number; readonly next: string | null; readonly results: ReadonlyArray<ReturnType<typeof user>> }

const fake = (reply: (n: number) => Reply) => {
  let requests = 0
  const fetch = async () => {
    requests++
    return new Response(JSON.stringify({ previous: null, ...reply(requests) }), { status: 200, headers: { 'content-type': 'application/json' } })
  }
  return { client: createClient({ baseUrl: 'http://h', fetch }), requests: () => requests }
}

const walk = async (r: ReturnType<typeof fake>, options?: { readonly maxPages?: number; readonly maxItems?: number }) => {
  const seen: unknown[] = []
  for await (const p of pages(usersList, r.client, { pageSize: 1 }, options)) seen.push(E.isRight(p) ? p.right.results.map((u) => u.id) : p.left)
  return seen
}

const changed = (counts: ReadonlyArray<number>, read: number, distinct: number) => ({ _tag: 'ListChangedError', method: 'GET', url: '/api/users', counts, read, distinct })

describe('pages notices a list that changes while it is read', () => {
  it('the same item again (count 3, always next) is a changed list after two requests', async () => {
    const server = fake(() => ({ count: 3, next: 'http://evil/?page=2', results: [user(1)] }))
    expect(await walk(server)).toEqual([[1], changed([3], 2, 1)])
    expect(server.requests()).toBe(2)
  })

  it('a `next` past the count is a changed list', async () => {
    const server = fake((n) => ({ count: 3, next: 'http://evil/', results: [user(n)] }))
    expect(await walk(server)).toEqual([[1], [2], changed([3], 3, 3)])
    expect(server.requests()).toBe(3)
  })

  it('a count that differs between pages is a changed list', async () => {
    const server = fake((n) => ({ count: 2 + n, next: 'x', results: [user(n)] }))
    expect(await walk(server)).toEqual([[1], changed([3, 4], 2, 2)])
  })

  it('no `next` before the count is reached is a changed list', async () => {
    const server = fake((n) => ({ count: 3, next: n === 1 ? 'x' : null, results: [user(n)] }))
    expect(await walk(server)).toEqual([[1], changed([3], 2, 2)])
  })

  it('a list that stays the same is read to its end', async () => {
    const server = fake((n) => ({ count: 3, next: n < 3 ? 'x' : null, results: [user(n)] }))
    expect(await walk(server)).toEqual([[1], [2], [3]])
  })

  it('from a later page, a list that stays the same is read to its end', async () => {
    const server = fake((n) => ({ count: 3, next: n < 2 ? 'x' : null, results: [user(n + 1)] }))
    const seen: unknown[] = []
    for await (const p of pages(usersList, server.client, { pageSize: 1, page: 2 })) seen.push(E.isRight(p) ? p.right.results.map((u) => u.id) : p.left)
    expect(seen).toEqual([[2], [3]])
  })

  it('stops at maxItems with a RequestError, as listAll does', async () => {
    const server = fake((n) => ({ count: 5, next: 'x', results: [user(n)] }))
    expect(await walk(server, { maxItems: 2 })).toEqual([
      [1],
      [2],
      { _tag: 'RequestError', method: 'GET', url: '/api/users', message: 'the list has more than maxItems (2) items: narrow it with filters or raise maxItems' },
    ])
    expect(server.requests()).toBe(3)
  })
})

describe('pages against a server whose pages are empty yet link onward', () => {
  // listAll called such a list changed at once; pages asked for page after page (10,000 requests
  // by default) of a list that claims 2 items and never yields one.
  it('an empty page with a `next` is a ListChangedError, as in listAll', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, { count: 2, next: 'https://cvat.test/api/organizations?page=2', previous: null, results: [] }))
    const yielded = []
    for await (const page of pages(organizationsList, createClient({ baseUrl: 'https://cvat.test', fetch }), { pageSize: 1 })) yielded.push(page)
    expect({ yielded, sent: sent.map((s) => s.url) }).toEqual({
      yielded: [{ _tag: 'Left', left: { _tag: 'ListChangedError', method: 'GET', url: '/api/organizations', counts: [2], read: 0, distinct: 0 } }],
      sent: ['https://cvat.test/api/organizations?page=1&page_size=1'],
    })
  })
})
