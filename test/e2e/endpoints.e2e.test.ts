// Every endpoint over real sockets, as each role, against the emulator's CVAT rules.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import {
  type InvitationRead,
  invitationsAccept,
  invitationsCreate,
  invitationsDecline,
  invitationsDestroy,
  invitationsList,
  invitationsPartialUpdate,
  invitationsResend,
  invitationsRetrieve,
  request,
  withQuery,
} from '../../src/index'
import { left, right, statusOf, useEmulator } from './helpers'

const FORBIDDEN = { status: 403, body: { _tag: 'Detail', detail: 'You do not have permission to perform this action.' } }
const NOT_FOUND = { status: 404, body: { _tag: 'Detail', detail: 'No Invitation matches the given query.' } }

const invite = (live: ReturnType<typeof useEmulator>, by: string, email: string, role: 'worker' | 'supervisor' | 'maintainer' | 'owner' = 'worker', org = 'acme') =>
  invitationsCreate(live.as(by), { org, invitationWriteRequest: { role, email } })

// These suites follow invitations through the e-mail flow: ORG_INVITATION_CONFIRM on (CVAT's
// default, 'No', adds registered users at once; see the suite "with confirmation off").
const BOTH = ['2.26', '2.73'] as const

describe.each(BOTH)('create (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion, now: () => Date.parse('2026-11-26T09:00:00Z'), confirmInvitations: true })

  it('an owner invites a registered user: 201 with the whole InvitationRead', async () => {
    const before = new Set(live.emulator.state.invitations.map((i) => i.key))
    const inv = await right(invite(live, 'olga', 'otto@outside.test'))
    const origin = live.served.url
    // The key is the one the server stored for this new invitation, not the response's own.
    const stored = live.emulator.state.invitations.filter((i) => !before.has(i.key)).map((i) => i.key)
    expect(stored.length).toBe(1)
    expect(inv).toEqual({
      key: stored[0],
      created_date: '2026-11-26T09:00:00Z', // Python's isoformat() drops a zero fraction
      owner: { url: `${origin}/api/users/2`, id: 2, username: 'olga', first_name: 'Olga', last_name: 'Owner' },
      role: 'worker',
      user: { url: `${origin}/api/users/8`, id: 8, username: 'otto', first_name: 'Otto', last_name: 'Outsider' },
      organization: 1,
      expired: false,
      // 2.65+: InvitationRead carries `accepted`.
      ...(serverVersion === '2.73' ? { accepted: false } : {}),
      organization_info: { id: 1, slug: 'acme' },
    })
    expect(inv.key).toMatch(/^[A-Za-z0-9]{64}$/)
  })

  it('looks the e-mail up case-insensitively', async () => {
    const inv = await right(invite(live, 'oscar', 'IVY@Outside.TEST', 'supervisor', 'globex'))
    expect(inv.user.username).toBe('ivy')
  })

  it('an unknown e-mail becomes a placeholder user named by the e-mail', async () => {
    const inv = await right(invite(live, 'olga', 'fresh@example.com'))
    expect(inv.user).toEqual({ url: inv.user.url, id: inv.user.id, username: 'fresh@example.com', first_name: '', last_name: '' })
  })

  it('a maintainer may invite workers and supervisors only', async () => {
    expect((await right(invite(live, 'mia', 'sup1@example.com', 'supervisor'))).role).toBe('supervisor')
    expect(statusOf(await left(invite(live, 'mia', 'm2@example.com', 'maintainer')))).toEqual(FORBIDDEN)
  })

  it('nobody but an admin may invite an owner (invitations.rego: `allow if utils.is_admin` comes first)', async () => {
    expect(statusOf(await left(invite(live, 'olga', 'own@example.com', 'owner')))).toEqual(FORBIDDEN)
    expect((await right(invite(live, 'admin', 'own@example.com', 'owner'))).role).toBe('owner')
  })

  it.each(['sam', 'wes', 'otto', 'oscar'])('%s (supervisor, worker, outsider, other org owner) may not invite into acme', async (user) => {
    expect(statusOf(await left(invite(live, user, 'x1@example.com')))).toEqual(FORBIDDEN)
  })

  it('an admin may invite into any organisation', async () => {
    expect((await right(invite(live, 'admin', 'byadmin@example.com', 'maintainer', 'globex'))).organization_info).toEqual({ id: 2, slug: 'globex' })
  })

  it('needs an organisation context', async () => {
    expect(statusOf(await left(invitationsCreate(live.as('olga'), { invitationWriteRequest: { role: 'worker', email: 'n@example.com' } })))).toEqual(FORBIDDEN)
  })

  it('takes the organisation from the header or org_id as well', async () => {
    expect((await right(invitationsCreate(live.as('olga'), { xOrganization: 'acme', invitationWriteRequest: { role: 'worker', email: 'h@example.com' } }))).organization_info?.slug).toBe('acme')
    expect((await right(invitationsCreate(live.as('olga'), { orgId: 1, invitationWriteRequest: { role: 'worker', email: 'i@example.com' } }))).organization_info?.slug).toBe('acme')
  })

  it('refuses members and second invitations with a list of messages', async () => {
    const already = { status: 400, body: { _tag: 'Messages', messages: ['The user is a member of the organization already.'] } }
    expect(statusOf(await left(invite(live, 'olga', 'wes@acme.test')))).toEqual(already)
    expect(statusOf(await left(invite(live, 'olga', 'otto@outside.test')))).toEqual(already)
  })

  it('answers field errors for a bad e-mail', async () => {
    expect(statusOf(await left(invite(live, 'olga', 'not-an-email')))).toEqual({
      status: 400,
      body: { _tag: 'FieldErrors', fields: { email: ['Enter a valid email address.'] } },
    })
  })
})

describe.each(BOTH)('create without an e-mail backend, and with confirmation off (%s)', (serverVersion) => {
  const noMail = useEmulator({ serverVersion, emailBackend: false })
  const atOnce = useEmulator({ serverVersion, confirmInvitations: false })

  it('answers 500 with a bare string although the invitation was saved', async () => {
    expect(statusOf(await left(invite(noMail, 'olga', 'lost@example.com')))).toEqual({
      status: 500,
      body: { _tag: 'Message', message: 'Email backend is not configured.' },
    })
    const page = await right(invitationsList(noMail.as('olga'), { org: 'acme' }))
    expect(page.results.map((i) => [i.user.username, i.expired])).toContainEqual(['lost@example.com', null])
  })

  it('adds a registered user at once (no e-mail: expired null, already accepted)', async () => {
    const inv = await right(invite(atOnce, 'olga', 'otto@outside.test'))
    expect(inv.expired).toBeNull()
    expect(statusOf(await left(invitationsAccept(atOnce.as('otto'), { key: inv.key })))).toEqual({
      status: 400,
      body: { _tag: 'Message', message: 'Your invitation is already accepted.' },
    })
  })
})

// Detail requests see what the list of their context sees (invitations.rego `filter`, applied by
// InvitationViewSet.get_queryset): without a context only the inviter, the invitee and admins;
// in an organisation its owners/maintainers too. Whatever is invisible is a 404, not a 403.
describe.each(BOTH)('retrieve, update and delete (%s; PATCH only up to 2.69)', (serverVersion) => {
  const live = useEmulator({ serverVersion, confirmInvitations: true })
  let inv: InvitationRead

  it('the inviter, the invitee and admins may view; owners and maintainers inside the organisation', async () => {
    inv = await right(invite(live, 'mia', 'otto@outside.test'))
    for (const user of ['mia', 'otto', 'admin']) expect(await right(invitationsRetrieve(live.as(user), { key: inv.key }))).toEqual(inv)
    expect(await right(invitationsRetrieve(live.as('olga'), { key: inv.key, org: 'acme' }))).toEqual(inv)
  })

  it('workers, supervisors, outsiders — and an owner without the context — do not see it', async () => {
    for (const user of ['wes', 'sam', 'ivy', 'olga']) expect(statusOf(await left(invitationsRetrieve(live.as(user), { key: inv.key })))).toEqual(NOT_FOUND)
    for (const user of ['wes', 'sam']) expect(statusOf(await left(invitationsRetrieve(live.as(user), { key: inv.key, org: 'acme' })))).toEqual(NOT_FOUND)
  })

  it('an unknown key, or the wrong organisation context, is a 404; the personal workspace keeps the inviter', async () => {
    expect(statusOf(await left(invitationsRetrieve(live.as('olga'), { key: 'nope' })))).toEqual(NOT_FOUND)
    expect(statusOf(await left(invitationsRetrieve(live.as('admin'), { key: inv.key, org: 'globex' })))).toEqual(NOT_FOUND)
    expect(statusOf(await left(invitationsRetrieve(live.as('olga'), { key: inv.key, org: '' })))).toEqual(NOT_FOUND)
    expect(await right(invitationsRetrieve(live.as('mia'), { key: inv.key, org: '' }))).toEqual(inv)
  })

  const patchTitle = serverVersion === '2.26' ? 'PATCH without ?accepted is what CVAT crashes on (a 400 here), and changes nothing' : 'PATCH is gone (2.70): DRF\'s 405 for anyone'
  it(patchTitle, async () => {
    const patch = (user: string) => invitationsPartialUpdate(live.as(user), { key: inv.key, org: 'acme', patchedInvitationWriteRequest: { role: 'supervisor', email: 'other@example.com' } })
    if (serverVersion === '2.26') {
      expect(statusOf(await left(patch('olga')))).toEqual({
        status: 400,
        body: { _tag: 'Messages', messages: ["CVAT 2.26-2.69 answers 500 here: PATCH without ?accepted calls InvitationWriteSerializer.save() without its 'request' argument (a TypeError); accept with ?accepted or POST /api/invitations/{key}/accept"] },
      })
      expect(statusOf(await left(invitationsPartialUpdate(live.as('otto'), { key: inv.key })))).toEqual(FORBIDDEN)
    } else {
      const gone = { status: 405, body: { _tag: 'Detail', detail: 'Method "PATCH" not allowed.' } }
      expect([statusOf(await left(patch('olga'))), statusOf(await left(patch('otto')))]).toEqual([gone, gone])
    }
    expect(await right(invitationsRetrieve(live.as('olga'), { key: inv.key, org: 'acme' }))).toEqual(inv)
  })

  it('the invitee may not delete; the owner may; the pending membership stays, so re-inviting is a 400 until it goes', async () => {
    expect(statusOf(await left(invitationsDestroy(live.as('otto'), { key: inv.key })))).toEqual(FORBIDDEN)
    expect(statusOf(await left(invitationsDestroy(live.as('wes'), { key: inv.key })))).toEqual(NOT_FOUND)
    expect(await right(invitationsDestroy(live.as('olga'), { key: inv.key, org: 'acme' }))).toBeUndefined()
    expect(statusOf(await left(invitationsRetrieve(live.as('olga'), { key: inv.key, org: 'acme' })))).toEqual(NOT_FOUND)
    const already = { status: 400, body: { _tag: 'Messages', messages: ['The user is a member of the organization already.'] } }
    expect(statusOf(await left(invite(live, 'olga', 'otto@outside.test')))).toEqual(already)
    const pending = live.emulator.state.memberships.find((m) => m.userId === 8 && m.orgId === 1)
    const removed = await live.as('olga')(request('DELETE', `/api/memberships/${pending?.id ?? 0}`))()
    expect(E.isRight(removed) && removed.right.status).toBe(204)
    expect((await right(invite(live, 'olga', 'otto@outside.test'))).user.username).toBe('otto')
  })
})

describe.each(BOTH)('accept, decline, resend (%s)', (serverVersion) => {
  let clock = Date.parse('2026-11-01T00:00:00Z')
  const live = useEmulator({ serverVersion, now: () => clock, expiryDays: 7, confirmInvitations: true })

  it('only the invitee accepts; the answer names the organisation; twice is a 400', async () => {
    const inv = await right(invite(live, 'olga', 'otto@outside.test'))
    expect(statusOf(await left(invitationsAccept(live.as('olga'), { key: inv.key })))).toEqual(FORBIDDEN)
    expect(await right(invitationsAccept(live.as('otto'), { key: inv.key }))).toEqual({ organization_slug: 'acme' })
    expect(statusOf(await left(invitationsAccept(live.as('otto'), { key: inv.key })))).toEqual({
      status: 400,
      body: { _tag: 'Message', message: 'Your invitation is already accepted.' },
    })
    expect(statusOf(await left(invitationsResend(live.as('olga'), { key: inv.key })))).toEqual({
      status: 400,
      body: { _tag: 'Message', message: 'This invitation is already accepted.' },
    })
  })

  it('an expired invitation cannot be accepted until it is resent', async () => {
    const inv = await right(invite(live, 'oscar', 'ivy@outside.test', 'worker', 'globex'))
    clock += 8 * 86_400_000
    expect((await right(invitationsRetrieve(live.as('ivy'), { key: inv.key }))).expired).toBe(true)
    expect(statusOf(await left(invitationsAccept(live.as('ivy'), { key: inv.key })))).toEqual({
      status: 400,
      body: { _tag: 'Message', message: 'Your invitation is expired. Please contact organization owner to renew it.' },
    })
    expect(await right(invitationsResend(live.as('oscar'), { key: inv.key }))).toBeUndefined()
    expect((await right(invitationsRetrieve(live.as('ivy'), { key: inv.key }))).expired).toBe(false)
    expect(await right(invitationsAccept(live.as('ivy'), { key: inv.key }))).toEqual({ organization_slug: 'globex' })
  })

  it('decline deletes the membership, even an accepted one', async () => {
    const inv = await right(invite(live, 'olga', 'wendy@globex.test'))
    expect(statusOf(await left(invitationsDecline(live.as('olga'), { key: inv.key })))).toEqual(FORBIDDEN)
    await right(invitationsAccept(live.as('wendy'), { key: inv.key }))
    expect(await right(invitationsDecline(live.as('wendy'), { key: inv.key }))).toBeUndefined()
    expect(statusOf(await left(invitationsRetrieve(live.as('olga'), { key: inv.key })))).toEqual(NOT_FOUND)
    expect(live.emulator.state.memberships.some((m) => m.userId === 7 && m.orgId === 1)).toBe(false)
  })

  it('resend is throttled at 5 per hour per user with Retry-After', async () => {
    const inv = await right(invite(live, 'olga', 'throttle@example.com'))
    for (let i = 0; i < 5; i++) {
      await right(invitationsResend(live.as('olga'), { key: inv.key }))
      clock += 60_000
    }
    expect(statusOf(await left(invitationsResend(live.as('olga'), { key: inv.key })))).toEqual({
      status: 429,
      body: { _tag: 'Detail', detail: 'Request was throttled. Expected available in 3300 seconds.' },
      retryAfter: 3300,
    })
    // Another user has their own allowance; an hour later olga has hers back.
    await right(invitationsResend(live.as('mia'), { key: inv.key, org: 'acme' }))
    clock += 3_300_000
    await right(invitationsResend(live.as('olga'), { key: inv.key }))
  })
})

describe('PATCH ?accepted (2.26), through the raw client', () => {
  const live = useEmulator({ serverVersion: '2.26', confirmInvitations: true })

  it('PATCH with ?accepted accepts (as the invitee) instead of updating', async () => {
    const inv = await right(invite(live, 'olga', 'otto@outside.test'))
    const patch = withQuery([['accepted', 'true'], ['org', 'acme']])(request('PATCH', `/api/invitations/${inv.key}`))
    const asOlga = await live.as('olga')(patch)()
    expect(E.isRight(asOlga) && [asOlga.right.status, JSON.parse(asOlga.right.body)]).toEqual([403, { detail: 'You do not have permission to perform this action.' }])
    const asOtto = await live.as('otto')(patch)()
    expect(E.isRight(asOtto) && asOtto.right.status).toBe(200)
    expect(statusOf(await left(invitationsAccept(live.as('otto'), { key: inv.key })))).toEqual({
      status: 400,
      body: { _tag: 'Message', message: 'Your invitation is already accepted.' },
    })
  })

})

describe.each(BOTH)('HEAD through the raw client (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion })

  it('HEAD answers the GET status with no body', async () => {
    const r = await live.as('olga')(request('HEAD', '/api/invitations?org=acme'))()
    expect(E.isRight(r) && [r.right.status, r.right.body]).toEqual([200, ''])
  })
})
