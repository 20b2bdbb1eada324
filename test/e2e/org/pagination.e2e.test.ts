// One pagination for every list (issue 11), against both emulator generations over real sockets:
// `listAll` and `pages` over invitations, memberships, organisations, users and (2.73) access
// tokens read exactly what one `page_size=all` request answers, and a list that grows while it
// is read is a ListChangedError, not a DecodeError.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import * as C from '../../../src/index'
import { DEFAULT_INVITATIONS, DEFAULT_ORGANIZATIONS, DEFAULT_USERS } from '../../../src/testing'
import { left, right, useEmulator } from '../helpers'

// 23 more users, all members of acme and each owning an organisation: every list spans pages of 7.
const extra = Array.from({ length: 23 }, (_, i) => `u${String(i).padStart(2, '0')}`)
const options = {
  users: [...DEFAULT_USERS, ...extra.map((username) => ({ username, email: `${username}@lab.test` }))],
  organizations: [
    ...DEFAULT_ORGANIZATIONS.map((o) => (o.slug === 'acme' ? { ...o, members: [...(o.members ?? []), ...extra.map((username) => ({ username, role: 'worker' as const }))] } : o)),
    ...extra.map((username) => ({ slug: `o-${username}`, name: `Org ${username}`, owner: username, members: [{ username: 'olga', role: 'worker' as const }] })),
  ],
  invitations: [...DEFAULT_INVITATIONS, ...extra.map((username, i) => ({ org: `o-${username}`, owner: username, invitee: i % 2 === 0 ? 'otto' : 'ivy', role: 'worker' as const }))],
  defaultSeed: false,
}

type AnyList = C.ListFunction<C.PageParams & C.OrgParams, C.Page<unknown>>
const LISTS: ReadonlyArray<readonly [string, AnyList, C.OrgParams, string]> = [
  ['invitations', C.invitationsList, {}, 'admin'],
  ['memberships', C.membershipsList, { org: 'acme' }, 'olga'],
  ['organizations', C.organizationsList, {}, 'olga'],
  ['users', C.usersList, { org: 'acme' }, 'olga'],
]

describe.each(['2.26', '2.73'] as const)('listAll and pages over every list (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion, ...options })

  it.each(LISTS)('%s: listAll by pages of 7 is the one-page answer, whole', async (_name, list, params, user) => {
    const client = live.as(user)
    const all = await right(list(client, { ...params, pageSize: 'all' }))
    expect(all.count).toBeGreaterThan(14)
    expect(await right(C.listAll(list, client, { ...params, pageSize: 7 }, { concurrency: 3 }))).toEqual(all.results)
    const seen: unknown[][] = []
    for await (const page of C.pages(list, client, { ...params, pageSize: 7 })) seen.push(E.isRight(page) ? [...page.right.results] : [page.left])
    expect(seen).toEqual(Array.from({ length: Math.ceil(all.count / 7) }, (_, i) => all.results.slice(i * 7, i * 7 + 7)))
  })

  it('a list that grows while it is read is a ListChangedError with the counts', async () => {
    const admin = live.as('admin')
    const before = (await right(C.usersList(admin, { pageSize: 'all' }))).count
    // The first page's answer arrives, then someone registers before page 2 is asked for.
    let registered = false
    const growing: C.Middleware = (next) => (req) => async () => {
      const r = await next(req)()
      if (!registered && !req.url.includes('page=')) {
        registered = true
        await live.emulator.fetch(`${live.served.url}/api/auth/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'latecomer', email: 'late@lab.test', password1: 'Str0ng!passw0rd', password2: 'Str0ng!passw0rd' }),
        })
      }
      return r
    }
    const e = await left(C.listAll(C.usersList, pipe(admin, growing), { pageSize: 10 }, { concurrency: 1 }))
    expect(e).toEqual({
      _tag: 'ListChangedError',
      method: 'GET',
      // The list's path as the endpoint built it (StatusError carries the absolute URL with its query).
      url: '/api/users',
      counts: [before, before + 1],
      read: before + 1,
      distinct: before,
    })
  })
})

describe('listAll over access tokens (2.73)', () => {
  const live = useEmulator({ serverVersion: '2.73' })

  it('reads every token of the caller by pages, whole', async () => {
    const olga = live.as('olga')
    for (let i = 0; i < 11; i++) await right(C.authCreateAccessTokens(olga, { accessTokenWriteRequest: { name: `t${i}` } }))
    const all = await right(C.authListAccessTokens(olga, { pageSize: 'all' }))
    expect(all.count).toBe(12) // the seeded one and eleven more
    expect(await right(C.listAll(C.authListAccessTokens, olga, { pageSize: 5 }))).toEqual(all.results)
  })
})
