// cvat/apps/organizations: MembershipViewSet, memberships.rego, iam/permissions.py (PATCH scopes),
// models.py cascades — one test per rule, over real HTTP.
// Default seed: acme = olga (owner, m1), mia (maintainer, m2), sam (supervisor, m3), wes (worker, m4),
// ivy pending (m7); globex = oscar (owner, m5), wendy (worker, m6), sam pending (m8).
import { describe, expect, it } from 'vitest'
import { FORBIDDEN, names, notFound, sb, serve } from './helpers'

const ids = (a: { body: unknown }) => ((a.body as { results: Array<{ id: number }> }).results ?? []).map((m) => m.id)

describe('memberships.rego list and filter', () => {
  const s = serve()

  it('no context: the caller\'s own active memberships; admins see every membership', async () => {
    expect(ids(await s.call('sam', 'GET', '/api/memberships'))).toEqual([3])
    expect(ids(await s.call('admin', 'GET', '/api/memberships'))).toEqual([8, 7, 6, 5, 4, 3, 2, 1])
  })

  it('in an organisation, listing needs an active membership: a pending invitee or an outsider gets 403', async () => {
    expect(sb(await s.call('ivy', 'GET', '/api/memberships?org=acme'))).toEqual(FORBIDDEN)
    expect(sb(await s.call('otto', 'GET', '/api/memberships?org=acme'))).toEqual(FORBIDDEN)
  })

  it('owners and maintainers see pending memberships; supervisors and workers only active ones', async () => {
    expect(ids(await s.call('mia', 'GET', '/api/memberships?org=acme'))).toEqual([7, 4, 3, 2, 1])
    expect(ids(await s.call('wes', 'GET', '/api/memberships?org=acme'))).toEqual([4, 3, 2, 1])
  })

  it('iam/filters.py: `org=` (the personal workspace) lists no membership', async () => {
    expect(ids(await s.call('admin', 'GET', '/api/memberships?org='))).toEqual([])
  })

  it('views.py: search over user only (2.73 schema: search_fields [\'user\']); the simple `role` filter is exact', async () => {
    expect(names(await s.call('olga', 'GET', '/api/memberships?org=acme&search=work'))).toEqual([])
    expect(names(await s.call('olga', 'GET', '/api/memberships?org=acme&search=W'))).toEqual(['wes'])
    expect(names(await s.call('olga', 'GET', '/api/memberships?org=acme&role=owner'))).toEqual(['olga'])
  })
})

describe('memberships list on 2.26', () => {
  const s = serve({ serverVersion: '2.26' })

  it('views.py: search over user and role (2.26 schema: search_fields (\'user\', \'role\'))', async () => {
    expect(names(await s.call('olga', 'GET', '/api/memberships?org=acme&search=work'))).toEqual(['ivy', 'wes']) // ivy's is pending
  })
})

describe('memberships.rego on one membership (only the list is filtered)', () => {
  const s = serve()

  it('an existing membership the caller may not view is 403, an unknown id 404', async () => {
    expect(sb(await s.call('otto', 'GET', '/api/memberships/1'))).toEqual(FORBIDDEN)
    expect(sb(await s.call('otto', 'GET', '/api/memberships/999'))).toEqual(notFound('Membership'))
    expect(sb(await s.call('otto', 'GET', '/api/memberships/x'))).toEqual(notFound('Membership'))
  })

  it('view: any active member sees active memberships of the organisation; only staff see pending ones', async () => {
    expect((await s.call('wes', 'GET', '/api/memberships/2')).status).toBe(200)
    expect(sb(await s.call('wes', 'GET', '/api/memberships/7'))).toEqual(FORBIDDEN)
    expect((await s.call('mia', 'GET', '/api/memberships/7')).status).toBe(200)
  })

  it('change:role — a maintainer changes supervisors and workers only; the new role is not checked', async () => {
    expect(sb(await s.call('mia', 'PATCH', '/api/memberships/4', { role: 'maintainer' }))).toEqual({ status: 200, body: expect.objectContaining({ id: 4, role: 'maintainer' }) })
    expect(sb(await s.call('mia', 'PATCH', '/api/memberships/4', { role: 'worker' }))).toEqual(FORBIDDEN) // now a maintainer
    expect(sb(await s.call('mia', 'PATCH', '/api/memberships/2', { role: 'worker' }))).toEqual(FORBIDDEN) // herself
  })

  it('change:role — the owner changes anyone but herself and owners', async () => {
    expect((await s.call('olga', 'PATCH', '/api/memberships/4', { role: 'worker' })).status).toBe(200)
    expect(sb(await s.call('olga', 'PATCH', '/api/memberships/1', { role: 'worker' }))).toEqual(FORBIDDEN)
  })

  it('iam/permissions.py: a PATCH key other than role is a 403 before anything else', async () => {
    expect(sb(await s.call('olga', 'PATCH', '/api/memberships/4', { role: 'worker', is_active: false }))).toEqual({ status: 403, body: { detail: 'Attempted to update an unknown field' } })
  })

  it('MembershipWriteSerializer: an unknown role is a field error', async () => {
    expect(sb(await s.call('olga', 'PATCH', '/api/memberships/4', { role: 'boss' }))).toEqual({ status: 400, body: { role: ['"boss" is not a valid choice.'] } })
  })
})

describe('memberships.rego delete (remove, leave) and privileges', () => {
  const s = serve({ users: [{ username: 'wally', groups: ['worker'] }], organizations: [{ slug: 'wlab', owner: 'olga', members: [{ username: 'wally', role: 'maintainer' }, { username: 'otto', role: 'worker' }] }] })

  it('change:role and remove need privilege ≥ user: a maintainer in IAM group worker is refused', async () => {
    // wlab = olga (owner, m7), wally (maintainer, m8), otto (worker, m9); ivy's pending acme membership is m10.
    expect(sb(await s.call('wally', 'PATCH', '/api/memberships/9', { role: 'supervisor' }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('wally', 'DELETE', '/api/memberships/9'))).toEqual(FORBIDDEN)
  })

  it('leave: an active non-owner member deletes their own membership (privilege ≥ worker)', async () => {
    expect((await s.call('wally', 'DELETE', '/api/memberships/8')).status).toBe(204)
    expect(sb(await s.call('olga', 'DELETE', '/api/memberships/1'))).toEqual(FORBIDDEN) // the owner cannot leave
  })

  it('models.py: deleting a membership deletes its invitation (Invitation.membership CASCADE)', async () => {
    const key = s.emulator.state.invitations.find((i) => i.membershipId === 10)?.key
    expect((await s.call('olga', 'DELETE', '/api/memberships/10')).status).toBe(204)
    expect(sb(await s.call('ivy', 'GET', `/api/invitations/${key}`))).toEqual(notFound('Invitation'))
  })
})
