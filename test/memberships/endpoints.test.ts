import * as E from 'fp-ts/Either'
import { describe } from 'vitest'
import { membershipsDestroy, membershipsList, membershipsPartialUpdate, membershipsRetrieve } from '../../src/index'
import { emptyResponse, jsonResponse } from '../helpers/fetch'
import { ACCEPT, BASE, JSON_HEADERS, runCases } from '../helpers/endpointCases'

// As CVAT renders them (assets/memberships.json): the owner's own membership has no invitation.
const member = {
  id: 15,
  user: { url: `${BASE}/api/users/11`, id: 11, username: 'user8', first_name: 'User', last_name: 'Eighth' },
  organization: 1,
  is_active: true,
  joined_date: '2023-09-15T07:53:52.116000Z',
  role: 'maintainer',
  invitation: 'q8GWTPiR1Vz9DDO6MQo1B6pUBzW9GjDb6AUQPziAV62jD7OpCLZji0GS66C48wRX',
}
const owner = { ...member, id: 1, role: 'owner', invitation: null }
const pending = { ...member, id: 16, is_active: false, joined_date: null, role: 'worker' }

describe('memberships endpoints', () => {
  runCases([
    {
      name: 'membershipsList sends the context, every filter and the page; decodes pending and owner memberships',
      call: (c) => membershipsList(c, { xOrganization: 'org1', filter: '{"==":[{"var":"role"},"worker"]}', role: 'worker', search: 'user', sort: '-id', user: 'user8', pageSize: 100 }),
      sent: [
        {
          method: 'GET',
          url: `${BASE}/api/memberships?filter=%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22role%22%7D%2C%22worker%22%5D%7D&page_size=100&role=worker&search=user&sort=-id&user=user8`,
          headers: { ...ACCEPT, 'x-organization': 'org1' },
        },
      ],
      reply: () => jsonResponse(200, { count: 3, next: null, previous: null, results: [owner, member, pending] }),
      result: E.right({ count: 3, next: null, previous: null, results: [owner, member, pending] }),
    },
    {
      name: 'membershipsList: outside the organisation is a 403',
      call: (c) => membershipsList(c, { orgId: 1 }),
      sent: [{ method: 'GET', url: `${BASE}/api/memberships?org_id=1`, headers: ACCEPT }],
      reply: () => jsonResponse(403, { detail: 'You do not have permission to perform this action.' }),
      result: E.left({
        _tag: 'StatusError',
        method: 'GET',
        url: `${BASE}/api/memberships?org_id=1`,
        status: 403,
        statusText: '',
        headers: { 'content-type': 'application/vnd.cvat+json' },
        body: { _tag: 'Detail', detail: 'You do not have permission to perform this action.' },
      }),
    },
    {
      name: 'membershipsRetrieve',
      call: (c) => membershipsRetrieve(c, { id: 15 }),
      sent: [{ method: 'GET', url: `${BASE}/api/memberships/15`, headers: ACCEPT }],
      reply: () => jsonResponse(200, member),
      result: E.right(member),
    },
    {
      name: 'membershipsPartialUpdate changes the role',
      call: (c) => membershipsPartialUpdate(c, { id: 15, patchedMembershipWriteRequest: { role: 'supervisor' } }),
      sent: [{ method: 'PATCH', url: `${BASE}/api/memberships/15`, headers: JSON_HEADERS, body: '{"role":"supervisor"}' }],
      reply: () => jsonResponse(200, { ...member, role: 'supervisor' }),
      result: E.right({ ...member, role: 'supervisor' }),
    },
    {
      name: 'membershipsPartialUpdate refuses an unknown role, sending nothing',
      call: (c) => membershipsPartialUpdate(c, { id: 15, patchedMembershipWriteRequest: { role: 'admin' as never } }),
      sent: [],
      result: E.left({
        _tag: 'RequestError',
        method: 'PATCH',
        url: '/api/memberships/15',
        message: 'patchedMembershipWriteRequest: required property "role"\n└─ cannot decode "admin", should be "worker" | "supervisor" | "maintainer" | "owner"',
      }),
    },
    {
      name: 'membershipsDestroy removes the member',
      call: (c) => membershipsDestroy(c, { id: 15 }),
      sent: [{ method: 'DELETE', url: `${BASE}/api/memberships/15`, headers: ACCEPT }],
      reply: () => emptyResponse(204),
      result: E.right(undefined),
    },
  ])
})
