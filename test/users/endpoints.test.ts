import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe } from 'vitest'
import { organization, usersDestroy, usersList, usersPartialUpdate, usersRetrieve, usersRetrieveSelf } from '../../src/index'
import { emptyResponse, jsonResponse } from '../helpers/fetch'
import { ACCEPT, BASE, JSON_HEADERS, runCases } from '../helpers/endpointCases'

// Shapes as CVAT renders them (assets/users.json): the full User for yourself, BasicUser for others.
const self = {
  url: `${BASE}/api/users/21`,
  id: 21,
  username: 'lonely_user',
  first_name: 'Lonely',
  last_name: 'User',
  email: 'lonely_user@cvat.org',
  groups: ['user'],
  is_staff: false,
  is_superuser: false,
  is_active: true,
  last_login: '2023-03-30T09:37:31.708000Z',
  date_joined: '2023-03-30T09:37:31.615000Z',
  has_analytics_access: false,
}
const other = { url: `${BASE}/api/users/10`, id: 10, username: 'user7', first_name: 'User', last_name: 'Seventh' }
const page = { count: 2, next: null, previous: null, results: [self, other] }

describe('users endpoints', () => {
  runCases([
    {
      name: 'usersList sends every filter, the context and the page; decodes User and BasicUser alike',
      call: (c) =>
        usersList(c, { org: 'org2', filter: '{"==":[{"var":"is_active"},true]}', firstName: 'User', isActive: true, lastName: 'Seventh', search: 'us', sort: '-id', username: 'user7', page: 1, pageSize: 'all' }),
      sent: [
        {
          method: 'GET',
          url: `${BASE}/api/users?org=org2&filter=%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22is_active%22%7D%2Ctrue%5D%7D&first_name=User&is_active=true&last_name=Seventh&page=1&page_size=all&search=us&sort=-id&username=user7`,
          headers: ACCEPT,
        },
      ],
      reply: () => jsonResponse(200, page),
      result: E.right(page),
    },
    {
      name: 'usersList without parameters is your own page',
      call: (c) => usersList(c),
      sent: [{ method: 'GET', url: `${BASE}/api/users`, headers: ACCEPT }],
      reply: () => jsonResponse(200, { count: 1, next: null, previous: null, results: [self] }),
      result: E.right({ count: 1, next: null, previous: null, results: [self] }),
    },
    {
      name: 'usersRetrieve takes its organisation context from the middleware',
      call: (c) => usersRetrieve(pipe(c, organization('org2')), { id: 10 }),
      sent: [{ method: 'GET', url: `${BASE}/api/users/10`, headers: { ...ACCEPT, 'x-organization': 'org2' } }],
      reply: () => jsonResponse(200, other),
      result: E.right(other),
    },
    {
      name: 'usersRetrieve: a forbidden user is a 403, not a 404',
      call: (c) => usersRetrieve(c, { id: 10 }),
      sent: [{ method: 'GET', url: `${BASE}/api/users/10`, headers: ACCEPT }],
      reply: () => jsonResponse(403, { detail: 'You do not have permission to perform this action.' }),
      result: E.left({
        _tag: 'StatusError',
        method: 'GET',
        url: `${BASE}/api/users/10`,
        status: 403,
        statusText: '',
        headers: { 'content-type': 'application/vnd.cvat+json' },
        body: { _tag: 'Detail', detail: 'You do not have permission to perform this action.' },
      }),
    },
    {
      name: 'usersRetrieveSelf',
      call: (c) => usersRetrieveSelf(c),
      sent: [{ method: 'GET', url: `${BASE}/api/users/self`, headers: ACCEPT }],
      reply: () => jsonResponse(200, self),
      result: E.right(self),
    },
    {
      name: 'usersPartialUpdate sends the names and decodes the answer',
      call: (c) => usersPartialUpdate(c, { id: 21, patchedUserRequest: { first_name: 'Lone', last_name: 'Wolf' } }),
      sent: [{ method: 'PATCH', url: `${BASE}/api/users/21`, headers: JSON_HEADERS, body: '{"first_name":"Lone","last_name":"Wolf"}' }],
      reply: () => jsonResponse(200, { ...self, first_name: 'Lone', last_name: 'Wolf' }),
      result: E.right({ ...self, first_name: 'Lone', last_name: 'Wolf' }),
    },
    {
      name: 'usersPartialUpdate without a body sends none',
      call: (c) => usersPartialUpdate(c, { id: 21 }),
      sent: [{ method: 'PATCH', url: `${BASE}/api/users/21`, headers: ACCEPT }],
      reply: () => jsonResponse(200, self),
      result: E.right(self),
    },
    {
      name: 'usersPartialUpdate refuses a body that is not the schema, sending nothing',
      call: (c) => usersPartialUpdate(c, { id: 21, patchedUserRequest: { is_staff: 'yes' as never } }),
      sent: [],
      result: E.left({
        _tag: 'RequestError',
        method: 'PATCH',
        url: '/api/users/21',
        message: 'patchedUserRequest: required property "is_staff"\n└─ cannot decode "yes", should be boolean',
      }),
    },
    {
      name: 'usersDestroy',
      call: (c) => usersDestroy(c, { id: 21 }),
      sent: [{ method: 'DELETE', url: `${BASE}/api/users/21`, headers: ACCEPT }],
      reply: () => emptyResponse(204),
      result: E.right(undefined),
    },
    ...[0, -1, 1.5, Number.NaN, '7' as never].map((id) => ({
      name: `usersRetrieve refuses the id ${String(id)} (${typeof id}), sending nothing`,
      call: (c: Parameters<typeof usersRetrieve>[0]) => usersRetrieve(c, { id }),
      sent: [],
      result: E.left({
        _tag: 'RequestError',
        method: 'GET',
        url: '/api/users/{id}',
        message: `id must be a positive integer, got ${typeof id === 'number' ? String(id) : typeof id}`,
      }),
    })),
  ])
})
