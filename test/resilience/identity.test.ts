// listAll and pages tell items apart to see a list that moved while it was read. Issue 20: items
// were told apart by `id`, else `key`, else by object identity — and every parsed item is a new
// object, so a list whose items have neither (users on some servers) silently kept an item twice
// when a page boundary shifted. Such items are now told apart by their content.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { createClient, listAll, pages, usersList } from '../../src/index'

const user = (name: string) => ({ url: `http://h/api/users/${name}`, username: name, first_name: '', last_name: '' })

// Two pages of two: a user is added at the front between the two requests, so page 2 starts with
// the user page 1 ended with.
const shifting = () => {
  const pagesSent = [
    { count: 4, next: 'http://h/api/users?page=2', previous: null, results: [user('ann'), user('bob')] },
    { count: 4, next: null, previous: 'http://h/api/users?page=1', results: [user('bob'), user('cy')] },
  ]
  let i = 0
  const fetch = async () => new Response(JSON.stringify(pagesSent[i++]), { status: 200, headers: { 'content-type': 'application/json' } })
  return createClient({ baseUrl: 'http://h', fetch })
}

const distinctPages = () => {
  const pagesSent = [
    { count: 4, next: 'http://h/api/users?page=2', previous: null, results: [user('ann'), user('bob')] },
    { count: 4, next: null, previous: 'http://h/api/users?page=1', results: [user('cy'), user('dee')] },
  ]
  let i = 0
  const fetch = async () => new Response(JSON.stringify(pagesSent[i++]), { status: 200, headers: { 'content-type': 'application/json' } })
  return createClient({ baseUrl: 'http://h', fetch })
}

describe('items without id or key', () => {
  it('listAll: one repeated across pages is a ListChangedError, never a silent duplicate', async () => {
    expect(await listAll(usersList, shifting(), { pageSize: 2 }, { concurrency: 1 })()).toEqual(
      E.left({ _tag: 'ListChangedError', method: 'GET', url: '/api/users', counts: [4], read: 4, distinct: 3 }),
    )
  })

  it('pages: the page that repeats one is a ListChangedError', async () => {
    const seen = []
    for await (const page of pages(usersList, shifting(), { pageSize: 2 })) seen.push(E.isRight(page) ? page.right.results.map((u) => u.username) : page.left._tag)
    expect(seen).toEqual([['ann', 'bob'], 'ListChangedError'])
  })

  it('listAll: distinct ones are all kept, in order', async () => {
    const all = await listAll(usersList, distinctPages(), { pageSize: 2 }, { concurrency: 1 })()
    expect(E.map((users: ReadonlyArray<{ username: string }>) => users.map((u) => u.username))(all)).toEqual(E.right(['ann', 'bob', 'cy', 'dee']))
  })
})
