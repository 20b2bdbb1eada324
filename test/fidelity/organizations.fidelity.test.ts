// cvat/apps/organizations: OrganizationViewSet, organizations.rego, OrganizationWriteSerializer,
// models.py cascades — one test per rule, over real HTTP.
import { describe, expect, it } from 'vitest'
import { FORBIDDEN, names, notFound, sb, serve } from './helpers'

// Extra users: `wally` is in IAM group worker only, `nora` in no group; both own or maintain orgs.
const options = {
  users: [
    { username: 'wally', groups: ['worker'] as const },
    { username: 'nora', groups: [] as const },
  ],
  organizations: [{ slug: 'wlab', owner: 'wally', members: [{ username: 'nora', role: 'maintainer' as const }] }],
}

describe('organizations.rego', () => {
  const s = serve(options)

  it('filter: the list shows organisations the caller owns or is an active member of; admins see all', async () => {
    expect(names(await s.call('olga', 'GET', '/api/organizations'))).toEqual(['acme'])
    expect(names(await s.call('ivy', 'GET', '/api/organizations'))).toEqual([]) // pending invitee of acme
    expect(names(await s.call('admin', 'GET', '/api/organizations'))).toEqual(['wlab', 'globex', 'acme'])
  })

  it('filter: the org context does not narrow the organisation list (iam_organization_field = None)', async () => {
    expect(names(await s.call('admin', 'GET', '/api/organizations?org=acme'))).toEqual(['wlab', 'globex', 'acme'])
  })

  it('filter applies to detail actions too: an invisible organisation is a 404 for GET, PATCH and DELETE', async () => {
    expect(sb(await s.call('otto', 'GET', '/api/organizations/1'))).toEqual(notFound('Organization'))
    expect(sb(await s.call('otto', 'PATCH', '/api/organizations/1', { name: 'x' }))).toEqual(notFound('Organization'))
    expect(sb(await s.call('ivy', 'DELETE', '/api/organizations/1'))).toEqual(notFound('Organization'))
  })

  it('create: privilege ≥ user (groups worker and none are refused before the body is validated)', async () => {
    expect(sb(await s.call('wally', 'POST', '/api/organizations', { slug: '!!' }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('nora', 'POST', '/api/organizations', {}))).toEqual(FORBIDDEN)
    expect((await s.call('otto', 'POST', '/api/organizations', { slug: 'otto-lab' })).status).toBe(201)
  })

  it('update: the owner (privilege ≥ worker) or a maintainer; supervisors and workers are refused', async () => {
    expect((await s.call('wally', 'PATCH', '/api/organizations/3', { description: 'by a worker-group owner' })).status).toBe(200)
    expect(sb(await s.call('nora', 'PATCH', '/api/organizations/3', { name: 'n' }))).toEqual(FORBIDDEN) // maintainer without a group
    expect((await s.call('mia', 'PATCH', '/api/organizations/1', { name: 'Acme by Mia' })).status).toBe(200)
    expect(sb(await s.call('sam', 'PATCH', '/api/organizations/1', { name: 'x' }))).toEqual(FORBIDDEN)
  })

  it('delete: only the owner (privilege ≥ worker) and admins; a maintainer is refused', async () => {
    expect(sb(await s.call('mia', 'DELETE', '/api/organizations/1'))).toEqual(FORBIDDEN)
    expect((await s.call('wally', 'DELETE', '/api/organizations/3')).status).toBe(204)
  })
})

describe('serializers.py OrganizationWriteSerializer and views.py perform_create', () => {
  const s = serve()

  it('the creator becomes owner with an active owner membership and no invitation; name defaults to the slug', async () => {
    const created = await s.call('otto', 'POST', '/api/organizations', { slug: 'lab' })
    const body = created.body as Record<string, unknown>
    expect({ ...body, created_date: 'x', updated_date: 'x' }).toEqual({
      id: 3,
      slug: 'lab',
      name: 'lab',
      description: '',
      created_date: 'x',
      updated_date: 'x',
      contact: {},
      owner: { url: `${s.served.url}/api/users/8`, id: 8, username: 'otto', first_name: 'Otto', last_name: 'Outsider' },
    })
    const members = await s.call('otto', 'GET', '/api/memberships?org=lab')
    expect((members.body as { results: unknown[] }).results).toEqual([
      { id: 9, user: { url: `${s.served.url}/api/users/8`, id: 8, username: 'otto', first_name: 'Otto', last_name: 'Outsider' }, organization: 3, is_active: true, joined_date: body['created_date'], role: 'owner', invitation: null },
    ])
  })

  it('slug: required, at most 16 characters, letters/digits/-/_ only, unique', async () => {
    expect(sb(await s.call('otto', 'POST', '/api/organizations', { name: 'n' }))).toEqual({ status: 400, body: { slug: ['This field is required.'] } })
    expect(sb(await s.call('otto', 'POST', '/api/organizations', { slug: 'a'.repeat(17) }))).toEqual({ status: 400, body: { slug: ['Ensure this field has no more than 16 characters.'] } })
    expect(sb(await s.call('otto', 'POST', '/api/organizations', { slug: 'a b' }))).toEqual({ status: 400, body: { slug: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'] } })
    expect(sb(await s.call('otto', 'POST', '/api/organizations', { slug: 'acme' }))).toEqual({ status: 400, body: { slug: ['organization with this slug already exists.'] } })
  })

  it('views.py: ordering -id; search over name, owner and slug', async () => {
    expect(names(await s.call('admin', 'GET', '/api/organizations?sort=id'))).toEqual(['acme', 'globex', 'lab'])
    expect(names(await s.call('admin', 'GET', '/api/organizations?search=oscar'))).toEqual(['globex'])
    expect(names(await s.call('admin', 'GET', '/api/organizations?owner=otto'))).toEqual(['lab'])
  })
})

describe('models.py: Membership.organization CASCADE, Invitation.membership CASCADE', () => {
  const s = serve()

  it('deleting an organisation deletes its memberships and their invitations', async () => {
    expect((await s.call('olga', 'DELETE', '/api/organizations/1')).status).toBe(204)
    expect(s.emulator.state.memberships.filter((m) => m.orgId === 1)).toEqual([])
    expect(s.emulator.state.invitations.map((i) => i.membershipId)).toEqual([8]) // only globex's remains
    expect(sb(await s.call('ivy', 'GET', '/api/invitations'))).toEqual({ status: 200, body: { count: 0, next: null, previous: null, results: [] } })
  })
})
