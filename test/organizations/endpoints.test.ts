import * as E from 'fp-ts/Either'
import { describe } from 'vitest'
import { organizationsCreate, organizationsDestroy, organizationsList, organizationsPartialUpdate, organizationsRetrieve } from '../../src/index'
import { emptyResponse, jsonResponse } from '../helpers/fetch'
import { ACCEPT, BASE, JSON_HEADERS, runCases } from '../helpers/endpointCases'

// As CVAT renders one (assets/organizations.json); `contact` is free-form JSON.
const org = {
  id: 2,
  slug: 'org2',
  name: 'Organization #2',
  description: '',
  created_date: '2021-12-14T19:51:38.667000Z',
  updated_date: '2021-12-14T19:51:38.667000Z',
  contact: { email: 'org2@cvat.org' },
  owner: { url: `${BASE}/api/users/10`, id: 10, username: 'user7', first_name: 'User', last_name: 'Seventh' },
}
const notFound = (method: string, url: string) =>
  E.left({ _tag: 'StatusError', method, url, status: 404, statusText: '', headers: { 'content-type': 'application/vnd.cvat+json' }, body: { _tag: 'Detail', detail: 'Not found.' } })

describe('organizations endpoints', () => {
  runCases([
    {
      name: 'organizationsList sends every filter and the page',
      call: (c) => organizationsList(c, { filter: '{"==":[{"var":"slug"},"org2"]}', name: 'Organization #2', owner: 'user7', search: 'org', slug: 'org2', sort: 'name', page: 2, pageSize: 5 }),
      sent: [
        {
          method: 'GET',
          url: `${BASE}/api/organizations?filter=%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22slug%22%7D%2C%22org2%22%5D%7D&name=Organization%20%232&owner=user7&page=2&page_size=5&search=org&slug=org2&sort=name`,
          headers: ACCEPT,
        },
      ],
      reply: () => jsonResponse(200, { count: 6, next: null, previous: `${BASE}/api/organizations?page=1`, results: [org] }),
      result: E.right({ count: 6, next: null, previous: `${BASE}/api/organizations?page=1`, results: [org] }),
    },
    {
      name: 'organizationsCreate sends the slug and name; the caller owns the answer',
      call: (c) => organizationsCreate(c, { organizationWriteRequest: { slug: 'org2', name: 'Organization #2', contact: { email: 'org2@cvat.org' } } }),
      sent: [{ method: 'POST', url: `${BASE}/api/organizations`, headers: JSON_HEADERS, body: '{"slug":"org2","name":"Organization #2","contact":{"email":"org2@cvat.org"}}' }],
      reply: () => jsonResponse(201, org),
      result: E.right(org),
    },
    {
      name: 'organizationsCreate: a taken slug is a field error',
      call: (c) => organizationsCreate(c, { organizationWriteRequest: { slug: 'org2' } }),
      sent: [{ method: 'POST', url: `${BASE}/api/organizations`, headers: JSON_HEADERS, body: '{"slug":"org2"}' }],
      reply: () => jsonResponse(400, { slug: ['organization with this slug already exists.'] }),
      result: E.left({
        _tag: 'StatusError',
        method: 'POST',
        url: `${BASE}/api/organizations`,
        status: 400,
        statusText: '',
        headers: { 'content-type': 'application/vnd.cvat+json' },
        body: { _tag: 'FieldErrors', fields: { slug: ['organization with this slug already exists.'] } },
      }),
    },
    {
      name: 'organizationsRetrieve: an organisation you cannot see is a 404',
      call: (c) => organizationsRetrieve(c, { id: 2 }),
      sent: [{ method: 'GET', url: `${BASE}/api/organizations/2`, headers: ACCEPT }],
      reply: () => jsonResponse(404, { detail: 'Not found.' }),
      result: notFound('GET', `${BASE}/api/organizations/2`),
    },
    {
      name: 'organizationsRetrieve decodes the organisation, owner null after its deletion',
      call: (c) => organizationsRetrieve(c, { id: 2 }),
      sent: [{ method: 'GET', url: `${BASE}/api/organizations/2`, headers: ACCEPT }],
      reply: () => jsonResponse(200, { ...org, owner: null }),
      result: E.right({ ...org, owner: null }),
    },
    {
      name: 'organizationsPartialUpdate',
      call: (c) => organizationsPartialUpdate(c, { id: 2, patchedOrganizationWriteRequest: { description: 'Road scenes' } }),
      sent: [{ method: 'PATCH', url: `${BASE}/api/organizations/2`, headers: JSON_HEADERS, body: '{"description":"Road scenes"}' }],
      reply: () => jsonResponse(200, { ...org, description: 'Road scenes' }),
      result: E.right({ ...org, description: 'Road scenes' }),
    },
    {
      name: 'organizationsDestroy',
      call: (c) => organizationsDestroy(c, { id: 2 }),
      sent: [{ method: 'DELETE', url: `${BASE}/api/organizations/2`, headers: ACCEPT }],
      reply: () => emptyResponse(204),
      result: E.right(undefined),
    },
    {
      name: 'organizationsDestroy refuses a missing id, sending nothing',
      call: (c) => organizationsDestroy(c, {} as never),
      sent: [],
      result: E.left({ _tag: 'RequestError', method: 'DELETE', url: '/api/organizations/{id}', message: 'id must be a positive integer, got undefined' }),
    },
  ])
})
