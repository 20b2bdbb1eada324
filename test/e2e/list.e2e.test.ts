// Listing over real sockets: organisation context, visibility by role, pagination links, sort,
// search, owner and JSON Logic filter.
import { describe, expect, it } from 'vitest'
import { invitationsAccept, invitationsCreate, invitationsList } from '../../src/index'
import { left, right, statusOf, useEmulator } from './helpers'

const users = (p: { results: ReadonlyArray<{ user: { username: string } }> }) => p.results.map((i) => i.user.username)

const BOTH = ['2.26', '2.73'] as const

describe.each(BOTH)('organisation context (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion })

  it('absent: every organisation the caller may see (admin: all; owner: own org; outsider: own invitations)', async () => {
    expect(users(await right(invitationsList(live.as('admin'))))).toEqual(['sam', 'ivy'])
    expect(users(await right(invitationsList(live.as('olga'))))).toEqual(['ivy'])
    expect(users(await right(invitationsList(live.as('ivy'))))).toEqual(['ivy'])
    expect(users(await right(invitationsList(live.as('otto'))))).toEqual([])
  })

  it('org, X-Organization and org_id select one organisation', async () => {
    for (const ctx of [{ org: 'globex' }, { xOrganization: 'globex' }, { orgId: 2 }, { org: 'globex', xOrganization: 'globex' }])
      expect(users(await right(invitationsList(live.as('admin'), ctx)))).toEqual(['sam'])
  })

  it('empty values mean the personal workspace: no invitations', async () => {
    for (const ctx of [{ org: '' }, { xOrganization: '' }]) expect(await right(invitationsList(live.as('admin'), ctx))).toEqual({ count: 0, next: null, previous: null, results: [] })
  })

  it('conflicting sources are a 400 (an id beside a slug is also a compile error)', async () => {
    const both = {
      status: 400,
      body: { _tag: 'Messages', messages: ['You cannot specify "org_id" query parameter with "org" query parameter or "X-Organization" HTTP header at the same time.'] },
    }
    // Untyped callers: for typed ones the pairs are compile errors (test/types/orgAdmin.test.ts).
    const untyped: (ctx: object) => ReturnType<typeof invitationsList> = (ctx) => Reflect.apply(invitationsList, undefined, [live.as('admin'), ctx])
    expect(statusOf(await left(untyped({ orgId: 1, org: 'acme' })))).toEqual(both)
    expect(statusOf(await left(untyped({ orgId: 1, xOrganization: 'acme' })))).toEqual(both)
    expect(statusOf(await left(untyped({ orgId: 1, org: '' })))).toEqual(both)
    expect(statusOf(await left(invitationsList(live.as('admin'), { org: 'acme', xOrganization: 'globex' })))).toEqual({
      status: 400,
      body: { _tag: 'Messages', messages: ['You cannot specify "org" query parameter and "X-Organization" HTTP header with different values.'] },
    })
  })

  it('an unknown organisation is a 404', async () => {
    expect(statusOf(await left(invitationsList(live.as('admin'), { org: 'nope' })))).toEqual({
      status: 404,
      body: { _tag: 'Detail', detail: 'nope organization does not exist.' },
    })
    expect(statusOf(await left(invitationsList(live.as('admin'), { orgId: 99 })))).toEqual({
      status: 404,
      body: { _tag: 'Detail', detail: '99 organization does not exist.' },
    })
  })

  it('in an org, owners and maintainers see all; supervisors and workers their own; a pending invitee may not list', async () => {
    await right(invitationsCreate(live.as('olga'), { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'a1@example.com' } }))
    expect(users(await right(invitationsList(live.as('mia'), { org: 'acme' })))).toEqual(['a1@example.com', 'ivy'])
    expect(users(await right(invitationsList(live.as('wes'), { org: 'acme' })))).toEqual([])
    // invitations.rego: `list` inside an organisation needs organizations.is_member (an active membership).
    expect(statusOf(await left(invitationsList(live.as('sam'), { org: 'globex' })))).toEqual({
      status: 403,
      body: { _tag: 'Detail', detail: 'You do not have permission to perform this action.' },
    })
    expect(users(await right(invitationsList(live.as('sam'))))).toEqual(['sam'])
  })
})

describe.each(BOTH)('pagination, sort, search, owner and filter (%s)', (serverVersion) => {
  const base = Date.parse('2026-01-01T00:00:00Z')
  // 23 invitations into acme: 12 by olga, 11 by mia, a minute apart, oldest first; the clock
  // stands an hour later, so the default seed's invitation from olga to ivy is the newest.
  const invitations = Array.from({ length: 23 }, (_, i) => ({
    org: 'acme',
    owner: i % 2 === 0 ? 'olga' : 'mia',
    invitee: `p${String(i).padStart(2, '0')}@example.com`,
    role: 'worker' as const,
    createdDate: base + i * 60_000,
  }))
  const live = useEmulator({ serverVersion, now: () => base + 3_600_000, invitations })
  const newestFirst = ['ivy', ...[...invitations].reverse().map((i) => i.invitee)]
  const byOlga = ['ivy', ...[...invitations].reverse().filter((i) => i.owner === 'olga').map((i) => i.invitee)]

  it('pages of the default size 10, newest first, with absolute links keeping the query', async () => {
    const olga = live.as('olga')
    const p1 = await right(invitationsList(olga, { org: 'acme', search: 'l' }))
    const q = `${live.served.url}/api/invitations?org=acme`
    expect({ ...p1, results: users(p1) }).toEqual({ count: 13, next: `${q}&page=2&search=l`, previous: null, results: byOlga.slice(0, 10) })
    const p2 = await right(invitationsList(olga, { org: 'acme', search: 'l', page: 2 }))
    expect({ ...p2, results: users(p2) }).toEqual({ count: 13, next: null, previous: `${q}&search=l`, results: byOlga.slice(10) })
  })

  it('page_size n and all; the page after the last is a 404', async () => {
    const olga = live.as('olga')
    const all = await right(invitationsList(olga, { org: 'acme', pageSize: 'all' }))
    expect(users(all)).toEqual(newestFirst)
    expect([all.count, all.next, all.previous]).toEqual([24, null, null])
    const p3 = await right(invitationsList(olga, { org: 'acme', pageSize: 7, page: 3 }))
    expect(users(p3)).toEqual(newestFirst.slice(14, 21))
    expect(p3.next).toBe(`${live.served.url}/api/invitations?org=acme&page=4&page_size=7`)
    expect(p3.previous).toBe(`${live.served.url}/api/invitations?org=acme&page=2&page_size=7`)
    expect(statusOf(await left(invitationsList(olga, { org: 'acme', pageSize: 7, page: 5 })))).toEqual({
      status: 404,
      body: { _tag: 'Detail', detail: 'Invalid page.' },
    })
  })

  it('sort by owner or created_date, ascending or descending', async () => {
    const olga = live.as('olga')
    const asc = await right(invitationsList(olga, { org: 'acme', sort: 'created_date', pageSize: 'all' }))
    expect(users(asc)).toEqual([...newestFirst].reverse())
    const byOwner = await right(invitationsList(olga, { org: 'acme', sort: '-owner,created_date', pageSize: 'all' }))
    expect(byOwner.results.map((i) => i.owner?.username)).toEqual([...Array(13).fill('olga'), ...Array(11).fill('mia')])
    expect(users(byOwner).slice(0, 2)).toEqual(['p00@example.com', 'p02@example.com'])
  })

  it('owner is exact, search matches part of the owner name', async () => {
    const olga = live.as('olga')
    expect((await right(invitationsList(olga, { org: 'acme', owner: 'mia' }))).count).toBe(11)
    expect((await right(invitationsList(olga, { org: 'acme', owner: 'mi' }))).count).toBe(0)
    expect((await right(invitationsList(olga, { org: 'acme', search: 'MI' }))).count).toBe(11)
  })

  // cvat/apps/engine/filters.py JsonLogicFilter: its operators (no `!=`: `!` around `==`) and its texts.
  it('filter is JSON Logic over owner, user_id and accepted', async () => {
    const ivy = (await right(invitationsList(live.as('ivy')))).results[0]!
    expect(await right(invitationsAccept(live.as('ivy'), { key: ivy.key }))).toEqual({ organization_slug: 'acme' })
    const olga = live.as('olga')
    const accepted = await right(invitationsList(olga, { org: 'acme', filter: '{"and":[{"==":[{"var":"accepted"},true]}]}' }))
    expect(users(accepted)).toEqual(['ivy'])
    const pending = await right(invitationsList(olga, { org: 'acme', filter: '{"and":[{"==":[{"var":"accepted"},false]},{"==":[{"var":"owner"},"olga"]}]}' }))
    expect(pending.count).toBe(12)
    const either = await right(invitationsList(olga, { org: 'acme', filter: `{"or":[{"==":[{"var":"user_id"},${ivy.user.id}]},{"!":{"==":[{"var":"owner"},"olga"]}}]}` }))
    expect(either.count).toBe(12)
    expect(statusOf(await left(invitationsList(olga, { org: 'acme', filter: '{"==":[{"var":"email"},"x"]}' })))).toEqual({
      status: 400,
      // engine/filters.py: each generation's text.
      body: { _tag: 'Messages', messages: [serverVersion === '2.26' ? "filter: 'email' term is not supported" : "filter: term 'email' is not supported"] },
    })
    expect(statusOf(await left(invitationsList(olga, { org: 'acme', filter: '{not json' })))).toEqual({
      status: 400,
      body: { _tag: 'Messages', messages: ['filter: Json syntax should be used'] },
    })
  })
})
