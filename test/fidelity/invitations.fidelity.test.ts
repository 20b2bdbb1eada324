// cvat/apps/organizations: InvitationViewSet, invitations.rego, InvitationWriteSerializer,
// models.py (expiry), settings (ORG_INVITATION_CONFIRM) — one test per rule, over real HTTP.
// Default seed: ivy is invited to acme by olga (pending), sam to globex by oscar (pending).
import { describe, expect, it } from 'vitest'
import { FORBIDDEN, names, notFound, sb, serve } from './helpers'

const keyOf = (s: ReturnType<typeof serve>, invitee: number) =>
  s.emulator.state.invitations.find((i) => s.emulator.state.memberships.find((m) => m.id === i.membershipId)?.userId === invitee)?.key ?? ''

describe('invitations.rego filter, for list and every detail action', () => {
  const s = serve({ users: [{ username: 'wally', groups: ['worker'] }], organizations: [{ slug: 'wlab', owner: 'olga', members: [{ username: 'wally', role: 'maintainer' }] }] })

  it('no context: only the inviter, the invitee and admins see an invitation; an owner gets 404', async () => {
    const ivy = keyOf(s, 9)
    expect((await s.call('ivy', 'GET', `/api/invitations/${ivy}`)).status).toBe(200)
    expect(sb(await s.call('mia', 'GET', `/api/invitations/${ivy}`))).toEqual(notFound('Invitation'))
    expect((await s.call('mia', 'GET', `/api/invitations/${ivy}?org=acme`)).status).toBe(200)
  })

  it('org= (personal workspace): the inviter and the invitee still reach it; the list is empty', async () => {
    expect((await s.call('olga', 'GET', `/api/invitations/${keyOf(s, 9)}?org=`)).status).toBe(200)
    expect(names(await s.call('olga', 'GET', '/api/invitations?org='))).toEqual([])
  })

  it('inside an organisation, staff see all only with privilege ≥ user: a worker-group maintainer sees their own', async () => {
    expect(names(await s.call('olga', 'POST', '/api/invitations?org=wlab', { role: 'worker', email: 'new@wlab.test' }).then(() => s.call('wally', 'GET', '/api/invitations?org=wlab')))).toEqual([])
    expect(names(await s.call('olga', 'GET', '/api/invitations?org=wlab'))).toEqual(['new@wlab.test'])
  })

  // invitations.rego create (2.26 and 2.73 alike): a maintainer invites only with privilege ≥ user.
  it('a maintainer whose IAM group is worker cannot invite (403); the owner can', async () => {
    expect(sb(await s.call('wally', 'POST', '/api/invitations?org=wlab', { role: 'worker', email: 'w2@wlab.test' }))).toEqual(FORBIDDEN)
    expect((await s.call('olga', 'POST', '/api/invitations?org=wlab', { role: 'worker', email: 'w2@wlab.test' })).status).toBe(201)
  })

  it('list inside an organisation needs an active membership: a pending invitee gets 403', async () => {
    expect(sb(await s.call('ivy', 'GET', '/api/invitations?org=acme'))).toEqual(FORBIDDEN)
  })
})

describe('invitations.rego allow', () => {
  const s = serve({ users: [{ username: 'wally', groups: ['worker'] }], organizations: [{ slug: 'wlab', owner: 'olga', members: [{ username: 'wally', role: 'maintainer' }] }] })

  it('create: a maintainer needs privilege ≥ user — one in IAM group worker cannot invite', async () => {
    expect(sb(await s.call('wally', 'POST', '/api/invitations?org=wlab', { role: 'worker', email: 'a@b.test' }))).toEqual(FORBIDDEN)
  })

  it('create: permission is decided before the body is validated (it reads `role` from the body)', async () => {
    expect(sb(await s.call('wes', 'POST', '/api/invitations?org=acme', { role: 'worker', email: 'not-an-email' }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('mia', 'POST', '/api/invitations?org=acme', { role: 'maintainer', email: 'not-an-email' }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('mia', 'POST', '/api/invitations?org=acme', { role: 'worker', email: 'not-an-email' }))).toEqual({ status: 400, body: { email: ['Enter a valid email address.'] } })
  })

  it('admins may do anything (`allow if utils.is_admin` first), even invite an owner', async () => {
    expect(((await s.call('admin', 'POST', '/api/invitations?org=acme', { role: 'owner', email: 'boss@acme.test' })).body as { role: string }).role).toBe('owner')
  })

  it('accept and decline: only the invitee, even for the organisation owner', async () => {
    expect(sb(await s.call('olga', 'POST', `/api/invitations/${keyOf(s, 9)}/accept?org=acme`))).toEqual(FORBIDDEN)
  })
})

describe('models.py and serializers.py: the invitation and its membership', () => {
  let clock = Date.parse('2026-11-01T00:00:00Z')
  const s = serve({ now: () => clock })

  it('deleting an invitation keeps its pending membership: re-inviting is a 400 until the membership is removed', async () => {
    const ivy = keyOf(s, 9)
    expect((await s.call('olga', 'DELETE', `/api/invitations/${ivy}`)).status).toBe(204)
    expect(s.emulator.state.memberships.find((m) => m.userId === 9)).toEqual(expect.objectContaining({ isActive: false }))
    expect(sb(await s.call('olga', 'POST', '/api/invitations?org=acme', { role: 'worker', email: 'ivy@outside.test' }))).toEqual({ status: 400, body: ['The user is a member of the organization already.'] })
    const pending = s.emulator.state.memberships.find((m) => m.userId === 9)?.id
    expect((await s.call('olga', 'DELETE', `/api/memberships/${pending}`)).status).toBe(204)
    expect((await s.call('olga', 'POST', '/api/invitations?org=acme', { role: 'worker', email: 'ivy@outside.test' })).status).toBe(201)
  })

  // models.py Invitation.expired: `expiration_date <= timezone.now()`, so the boundary instant
  // itself is already expired.
  it('expired: not one millisecond before sent + ORG_INVITATION_EXPIRY_DAYS, but at exactly that instant', async () => {
    const created = (await s.call('olga', 'POST', '/api/invitations?org=acme', { role: 'worker', email: 'late@example.com' })).body as { key: string }
    clock += 7 * 86_400_000 - 1
    expect(((await s.call('olga', 'GET', `/api/invitations/${created.key}`)).body as { expired: boolean }).expired).toBe(false)
    clock += 1
    expect(((await s.call('olga', 'GET', `/api/invitations/${created.key}`)).body as { expired: boolean }).expired).toBe(true)
  })
})

describe('serializers.py InvitationWriteSerializer.save and settings ORG_INVITATION_CONFIRM', () => {
  const byDefault = serve()
  const confirming = serve({ confirmInvitations: true })
  const noMail = serve({ emailBackend: false })
  const invite = (s: ReturnType<typeof serve>, email: string) => s.call('olga', 'POST', '/api/invitations?org=acme', { role: 'worker', email })
  const shape = (a: { status: number; body: unknown }) => {
    const b = a.body as { expired: unknown; accepted: unknown }
    return [a.status, b.expired, b.accepted]
  }

  it("'No' (CVAT's default): a registered user is added at once, with no e-mail (expired null)", async () => {
    expect(shape(await invite(byDefault, 'otto@outside.test'))).toEqual([201, null, true])
  })

  it('an unknown e-mail is always e-mailed and stays pending', async () => {
    expect(shape(await invite(byDefault, 'new@example.com'))).toEqual([201, false, false])
  })

  it("'Yes': a registered user is e-mailed and stays pending until accepting", async () => {
    expect(shape(await invite(confirming, 'otto@outside.test'))).toEqual([201, false, false])
  })

  it('views.py create: with no e-mail backend, the rows are saved and the answer is a 500 string', async () => {
    expect(sb(await invite(noMail, 'new@example.com'))).toEqual({ status: 500, body: 'Email backend is not configured.' })
    expect(sb(await invite(noMail, 'new@example.com'))).toEqual({ status: 400, body: ['The user is a member of the organization already.'] })
  })
})

describe('Django EmailValidator on InvitationWriteSerializer.email', () => {
  const s = serve()
  it.each([
    ['plain', 'a@b.test', 201],
    ['plus and dots', 'first.last+tag@sub.example.org', 201],
    ['quoted local part', '"john..doe"@example.com', 201],
    ['unescaped space in quotes', '"john doe"@example.com', 400],
    ['address literal', 'x@[127.0.0.1]', 201],
    ['localhost', 'root@localhost', 201],
    ['internationalised domain', 'anna@bücher.example', 201],
    ['no TLD', 'a@b', 400],
    ['numeric TLD (Django 4 allows [A-Z0-9-]{2,63})', 'a@b.123', 201],
    ['one-character TLD', 'a@b.c', 400],
    ['double dot', 'a..b@example.com', 400],
    ['trailing hyphen label', 'a@b.test-', 400],
    ['spaces', 'a b@example.com', 400],
  ])('%s: %s → %i', async (_name, email, status) => {
    expect((await s.call('olga', 'POST', '/api/invitations?org=acme', { role: 'worker', email })).status).toBe(status)
  })
})

describe('two server generations', () => {
  const old = serve({ serverVersion: '2.26' })
  const current = serve({ serverVersion: '2.73' })

  it('2.65+: InvitationRead carries `accepted`; 2.26 does not', async () => {
    const keys = (a: { body: unknown }) => Object.keys((a.body as { results: object[] }).results[0] ?? {})
    expect(keys(await old.call('ivy', 'GET', '/api/invitations'))).not.toContain('accepted')
    expect(keys(await current.call('ivy', 'GET', '/api/invitations'))).toContain('accepted')
  })

  it('2.70+: PATCH /api/invitations/{key} is a 405', async () => {
    expect(sb(await current.call('olga', 'PATCH', `/api/invitations/${keyOf(current, 9)}`, { role: 'worker' }))).toEqual({ status: 405, body: { detail: 'Method "PATCH" not allowed.' } })
  })
})

describe('2.26–2.69 PATCH /api/invitations/{key} (views.py perform_update, serializers.py InvitationWriteSerializer)', () => {
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const s = serve({ serverVersion: '2.26', now: () => clock })

  // perform_update without ?accepted calls serializer.save() with no `request`, which
  // InvitationWriteSerializer.save(self, request, **kwargs) requires: a TypeError, CVAT's 500
  // (CVAT's own account of it: the commit that removed the endpoint, cvat-ai/cvat#10850). The
  // emulator answers CVAT's crashes with a 400 that says so; permission and validation come first.
  it('without ?accepted: what CVAT would crash on is a 400 saying so; 403/404/400 before it as CVAT orders them', async () => {
    const key = keyOf(s, 9)
    expect(sb(await s.call('olga', 'PATCH', `/api/invitations/${key}?org=acme`, { role: 'supervisor' }))).toEqual({
      status: 400,
      body: ["CVAT 2.26-2.69 answers 500 here: PATCH without ?accepted calls InvitationWriteSerializer.save() without its 'request' argument (a TypeError); accept with ?accepted or POST /api/invitations/{key}/accept"],
    })
    expect(sb(await s.call('olga', 'PATCH', `/api/invitations/${key}?org=acme`, { role: 'chief' }))).toEqual({ status: 400, body: { role: ['"chief" is not a valid choice.'] } })
    expect(sb(await s.call('ivy', 'PATCH', `/api/invitations/${key}?org=acme`, {}))).toEqual(FORBIDDEN) // the invitee may view, not resend
  })

  // perform_update with ?accepted calls Invitation.accept() directly, which checks neither expiry
  // nor an earlier acceptance (models.py) — unlike POST …/accept (views.py accept).
  it('with ?accepted: the invitee accepts even an expired invitation, and again without error', async () => {
    const key = keyOf(s, 5) // sam, invited to globex
    clock += 30 * 86_400_000
    expect(sb(await s.call('sam', 'POST', `/api/invitations/${key}/accept`))).toEqual({ status: 400, body: 'Your invitation is expired. Please contact organization owner to renew it.' })
    const patched = await s.call('sam', 'PATCH', `/api/invitations/${key}?accepted`, {})
    expect([patched.status, (patched.body as { key: string }).key]).toEqual([200, key])
    expect(s.emulator.state.memberships.find((m) => m.userId === 5 && m.orgId === 2)?.isActive).toBe(true)
    expect((await s.call('sam', 'PATCH', `/api/invitations/${key}?accepted`, {})).status).toBe(200)
  })
})
