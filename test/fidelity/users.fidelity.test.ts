// cvat/apps/engine: UserViewSet, users.rego, BasicUserSerializer/UserSerializer; models.py
// cascades on user deletion — one test per rule, over real HTTP.
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../src/testing'
import { FORBIDDEN, names, notFound, sb, serve } from './helpers'

describe('users.rego list and filter', () => {
  const s = serve()

  it('no context: only yourself; admins see every user', async () => {
    expect(names(await s.call('wes', 'GET', '/api/users'))).toEqual(['wes'])
    expect((await s.call('admin', 'GET', '/api/users')).body).toEqual(expect.objectContaining({ count: 9 }))
  })

  it('in an organisation: its members, pending ones included; outsiders and pending invitees get 403', async () => {
    expect(names(await s.call('wes', 'GET', '/api/users?org=acme&sort=id'))).toEqual(['olga', 'mia', 'sam', 'wes', 'ivy'])
    expect(sb(await s.call('otto', 'GET', '/api/users?org=acme'))).toEqual(FORBIDDEN)
    expect(sb(await s.call('ivy', 'GET', '/api/users?org=acme'))).toEqual(FORBIDDEN)
  })

  // iam/filters.py OrganizationFilterBackend (2.26; utils.rego add_organization_filter with
  // organization_specified on 2.73): a context given but empty keeps only objects of no
  // organisation — for users, those without any membership (pending ones count).
  it('org= (given, empty): only users with no membership at all, from what the caller may see', async () => {
    for (const v of ['2.26', '2.73'] as const) {
      const e = createCvatEmulator({ serverVersion: v })
      const call = async (who: string) => {
        const res = await e.fetch('http://cvat.test/api/users?org=&sort=id', { headers: { authorization: `Token token-${who}` } })
        return ((await res.json()) as { results: Array<{ username: string }> }).results.map((u) => u.username)
      }
      expect({ v, olga: await call('olga'), otto: await call('otto'), admin: await call('admin') }).toEqual({ v, olga: [], otto: ['otto'], admin: ['admin', 'otto'] })
    }
  })

  it('views.py get_serializer_class: non-staff callers get BasicUser in lists, even for themselves', async () => {
    expect((await s.call('wes', 'GET', '/api/users')).body).toEqual({
      count: 1,
      next: null,
      previous: null,
      results: [{ url: `${s.served.url}/api/users/6`, id: 6, username: 'wes', first_name: 'Wes', last_name: 'Worker' }],
    })
  })

  it('filters.py: search splits into terms (commas are spaces) and every term must match', async () => {
    expect(names(await s.call('admin', 'GET', '/api/users?search=owner,o&sort=id'))).toEqual(['olga', 'oscar'])
    expect(names(await s.call('admin', 'GET', '/api/users?search=wes%20worker'))).toEqual(['wes'])
    expect(names(await s.call('admin', 'GET', '/api/users?search=wes%20owner'))).toEqual([])
  })
})

describe('users.rego view, update, delete', () => {
  const s = serve()

  it('view: yourself, or any user while an active member of the context organisation; else 403 (not 404)', async () => {
    expect(sb(await s.call('wes', 'GET', '/api/users/8'))).toEqual(FORBIDDEN)
    expect((await s.call('wes', 'GET', '/api/users/8?org=acme')).status).toBe(200)
    expect(sb(await s.call('wes', 'GET', '/api/users/999'))).toEqual(notFound('User'))
  })

  it('GET /api/users/self: the full User, always', async () => {
    const me = (await s.call('wes', 'GET', '/api/users/self')).body as Record<string, unknown>
    expect({ ...me, date_joined: 'x' }).toEqual({
      url: `${s.served.url}/api/users/6`,
      id: 6,
      username: 'wes',
      first_name: 'Wes',
      last_name: 'Worker',
      email: 'wes@acme.test',
      groups: ['user'],
      is_staff: false,
      is_superuser: false,
      is_active: true,
      last_login: null,
      date_joined: 'x',
      has_analytics_access: false,
    })
  })

  it('update: yourself or an admin; others 403', async () => {
    expect(sb(await s.call('wes', 'PATCH', '/api/users/8', { first_name: 'X' }))).toEqual(FORBIDDEN)
  })

  it('BasicUserSerializer.validate: a non-staff caller may set names only; other keys are 400s', async () => {
    expect(sb(await s.call('wes', 'PATCH', '/api/users/6', { email: 'x@y.test' }))).toEqual({ status: 400, body: { non_field_errors: ["Got unknown fields: {'email'}"] } })
    expect(sb(await s.call('wes', 'PATCH', '/api/users/6', { is_staff: true }))).toEqual({ status: 400, body: { non_field_errors: ["You do not have permissions to access some of these fields: {'is_staff'}"] } })
    expect(sb(await s.call('wes', 'PATCH', '/api/users/6', { first_name: 'Wesley' }))).toEqual({ status: 200, body: { url: `${s.served.url}/api/users/6`, id: 6, username: 'wes', first_name: 'Wesley', last_name: 'Worker' } })
  })

  it('UserSerializer: a staff caller sets groups and flags; unknown groups are field errors', async () => {
    expect(sb(await s.call('admin', 'PATCH', '/api/users/6', { groups: ['boss'] }))).toEqual({ status: 400, body: { groups: ['Object with name=boss does not exist.'] } })
    expect(((await s.call('admin', 'PATCH', '/api/users/6', { groups: ['worker'], is_active: false })).body as { groups: unknown }).groups).toEqual(['worker'])
    expect(sb(await s.call('wes', 'GET', '/api/users/self'))).toEqual({ status: 401, body: { detail: 'User inactive or deleted.' } })
  })

  it('models.py: deleting a user deletes their memberships; organisations and invitations they own keep existing with owner null', async () => {
    expect(sb(await s.call('olga', 'DELETE', '/api/users/8'))).toEqual(FORBIDDEN)
    expect((await s.call('olga', 'DELETE', '/api/users/2')).status).toBe(204)
    expect(s.emulator.state.memberships.some((m) => m.userId === 2)).toBe(false)
    expect(((await s.call('admin', 'GET', '/api/organizations/1')).body as { owner: unknown }).owner).toBeNull()
    const ivy = (await s.call('ivy', 'GET', '/api/invitations')).body as { results: Array<{ owner: unknown }> }
    expect(ivy.results.map((i) => i.owner)).toEqual([null])
  })
})
