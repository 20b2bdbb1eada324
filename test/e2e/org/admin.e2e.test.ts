// The administrator's story through the client's public functions only (src/index.ts), over real
// sockets against both emulator generations (issue 11 "Done when", issue 12 "Proof"): every
// step's decoded value is compared whole. CVAT's default settings (ORG_INVITATION_CONFIRM 'No'):
// the invitee has no account yet, so the invitation is e-mailed; they register, then accept.
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import {
  authCreateAccessTokens,
  authCreateLogout,
  authCreateRegister,
  authDestroyAccessTokens,
  authListAccessTokens,
  bearerAuth,
  invitationsAccept,
  invitationsCreate,
  invitationsRetrieve,
  login,
  membershipsDestroy,
  membershipsList,
  membershipsPartialUpdate,
  organizationsCreate,
  organizationsDestroy,
  organizationsList,
  organizationsRetrieve,
  usersRetrieveSelf,
} from '../../../src/index'
import { left, right, statusOf, useEmulator } from '../helpers'

const NOW = '2026-11-26T09:00:00Z'
const PASSWORD = 'Str0ng!passw0rd'
const FORBIDDEN = { status: 403, body: { _tag: 'Detail', detail: 'You do not have permission to perform this action.' } }

describe.each(['2.26', '2.73'] as const)('the admin story through the client (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion, now: () => Date.parse(NOW) })

  it('register → login → create org → invite → accept → members → change role → remove → delete org', async () => {
    const anon = live.anonymous()
    const url = (id: number) => `${live.served.url}/api/users/${id}`
    const registered = await right(
      authCreateRegister(anon, { registerSerializerExRequest: { username: 'alice', email: 'alice@lab.test', password1: PASSWORD, password2: PASSWORD, first_name: 'Alice', last_name: 'Admin' } }),
    )
    expect(registered).toEqual({ username: 'alice', email: 'alice@lab.test', first_name: 'Alice', last_name: 'Admin', email_verification_required: false, key: registered.key })
    expect(registered.key).toMatch(/^[0-9a-f]{40}$/)

    const alice = await right(login(anon, { username: 'alice', password: PASSWORD }))
    const self = await right(usersRetrieveSelf(alice))
    const aliceBasic = { url: url(self.id ?? -1), id: self.id, username: 'alice', first_name: 'Alice', last_name: 'Admin' }
    expect(self).toEqual({
      ...aliceBasic,
      email: 'alice@lab.test',
      groups: ['user'],
      is_staff: false,
      is_superuser: false,
      is_active: true,
      last_login: NOW,
      date_joined: NOW,
      has_analytics_access: false,
    })

    const org = await right(organizationsCreate(alice, { organizationWriteRequest: { slug: 'lab', name: 'The Lab' } }))
    expect(org).toEqual({ id: org.id, slug: 'lab', name: 'The Lab', description: '', created_date: NOW, updated_date: NOW, contact: {}, owner: aliceBasic })
    expect(await right(organizationsRetrieve(alice, { id: org.id }))).toEqual(org)

    const inv = await right(invitationsCreate(alice, { org: 'lab', invitationWriteRequest: { role: 'worker', email: 'bob@lab.test' } }))
    const placeholder = { url: inv.user.url, id: inv.user.id, username: 'bob@lab.test', first_name: '', last_name: '' }
    expect(inv).toEqual({
      key: inv.key,
      created_date: NOW,
      owner: aliceBasic,
      role: 'worker',
      user: placeholder,
      organization: org.id,
      expired: false,
      ...(serverVersion === '2.73' ? { accepted: false } : {}),
      organization_info: { id: org.id, slug: 'lab' },
    })

    // bob registers with the invited address: CVAT's register keeps the placeholder user's row.
    await right(authCreateRegister(anon, { registerSerializerExRequest: { username: 'bobby', email: 'bob@lab.test', password1: PASSWORD, password2: PASSWORD } }))
    const bob = await right(login(anon, { email: 'bob@lab.test', password: PASSWORD }))
    const bobBasic = { url: inv.user.url, id: inv.user.id, username: 'bobby', first_name: '', last_name: '' }
    expect(statusOf(await left(membershipsList(bob, { org: 'lab' })))).toEqual(FORBIDDEN)
    expect(await right(invitationsRetrieve(bob, { key: inv.key }))).toEqual({ ...inv, user: bobBasic })
    expect(await right(invitationsAccept(bob, { key: inv.key }))).toEqual({ organization_slug: 'lab' })

    const members = await right(membershipsList(alice, { org: 'lab' }))
    const bobMembership = members.results.find((m) => m.user.username === 'bobby')
    const aliceMembership = members.results.find((m) => m.user.username === 'alice')
    expect(members).toEqual({
      count: 2,
      next: null,
      previous: null,
      results: [
        { id: bobMembership?.id, user: bobBasic, organization: org.id, is_active: true, joined_date: NOW, role: 'worker', invitation: inv.key },
        { id: aliceMembership?.id, user: aliceBasic, organization: org.id, is_active: true, joined_date: NOW, role: 'owner', invitation: null },
      ],
    })
    const id = bobMembership?.id ?? -1
    expect(await right(membershipsPartialUpdate(alice, { id, patchedMembershipWriteRequest: { role: 'supervisor' } }))).toEqual({ ...bobMembership, role: 'supervisor' })
    expect(statusOf(await left(membershipsPartialUpdate(bob, { id, patchedMembershipWriteRequest: { role: 'maintainer' } })))).toEqual(FORBIDDEN)
    expect(await right(membershipsDestroy(alice, { id }))).toBeUndefined()
    // membership.delete() cascades to its invitation (Invitation.membership is a OneToOne CASCADE).
    expect(statusOf(await left(invitationsRetrieve(alice, { key: inv.key, org: 'lab' })))).toEqual({ status: 404, body: { _tag: 'Detail', detail: 'No Invitation matches the given query.' } })
    expect(await right(membershipsList(alice, { org: 'lab' }))).toEqual({ count: 1, next: null, previous: null, results: [aliceMembership] })
    expect(statusOf(await left(organizationsRetrieve(bob, { id: org.id })))).toEqual({ status: 404, body: { _tag: 'Detail', detail: 'No Organization matches the given query.' } })

    expect(await right(organizationsDestroy(alice, { id: org.id }))).toBeUndefined()
    expect(statusOf(await left(organizationsRetrieve(alice, { id: org.id })))).toEqual({ status: 404, body: { _tag: 'Detail', detail: 'No Organization matches the given query.' } })
    expect(await right(organizationsList(alice))).toEqual({ count: 0, next: null, previous: null, results: [] })

    expect(await right(authCreateLogout(alice))).toEqual({ detail: 'Successfully logged out.' })
    expect(statusOf(await left(usersRetrieveSelf(alice)))).toEqual({ status: 401, body: { _tag: 'Detail', detail: 'Invalid token.' } })
  })
})

// Personal access tokens exist from 2.48 on: the emulator's 2.73 generation.
describe('personal access tokens through the client (2.73)', () => {
  const live = useEmulator({ serverVersion: '2.73', now: () => Date.parse(NOW) })

  it('create → a bearer client works → destroy → the bearer client is refused with 401', async () => {
    const olga = live.as('olga')
    const self = await right(usersRetrieveSelf(olga))
    const owner = { url: self.url, id: self.id, username: self.username, first_name: self.first_name, last_name: self.last_name }
    const created = await right(authCreateAccessTokens(olga, { accessTokenWriteRequest: { name: 'ci', read_only: false } }))
    expect(created).toEqual({
      id: created.id,
      name: 'ci',
      created_date: NOW,
      updated_date: NOW,
      expiry_date: null,
      last_used_date: null,
      read_only: false,
      owner,
      value: created.value,
    })
    // AccessToken.value is "<prefix>.<secret>" (cvat/apps/access_tokens/models.py).
    expect(created.value).toMatch(/^[A-Za-z0-9]+\.[A-Za-z0-9]+$/)
    const { value: _value, ...listed } = created
    const bearer = pipe(live.anonymous(), bearerAuth(created.value ?? ''))
    expect(await right(usersRetrieveSelf(bearer))).toEqual(self)
    // The value is shown once: a list never carries it; using the token records its last use.
    const mine = await right(authListAccessTokens(olga, { name: 'ci' }))
    expect(mine).toEqual({ count: 1, next: null, previous: null, results: [{ ...listed, last_used_date: NOW }] })
    expect(await right(authDestroyAccessTokens(olga, { id: created.id }))).toBeUndefined()
    expect(statusOf(await left(usersRetrieveSelf(bearer)))).toEqual({ status: 401, body: { _tag: 'Detail', detail: 'Invalid token.' } })
  })
})
