import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe } from 'vitest'
import {
  authCreateAccessTokens,
  authDestroyAccessTokens,
  authListAccessTokens,
  authPartialUpdateAccessTokens,
  authRetrieveAccessTokens,
  authRetrieveAccessTokensSelf,
  bearerAuth,
} from '../../src/index'
import { emptyResponse, jsonResponse, textResponse } from '../helpers/fetch'
import { ACCEPT, BASE, JSON_HEADERS, runCases } from '../helpers/endpointCases'

const token = {
  id: 3,
  name: 'nightly import',
  created_date: '2026-08-01T10:00:00Z',
  updated_date: '2026-08-01T10:00:00Z',
  expiry_date: null,
  last_used_date: null,
  read_only: true,
  owner: { url: `${BASE}/api/users/1`, id: 1, username: 'admin1', first_name: 'Admin', last_name: 'First' },
}
const created = { ...token, value: 'cvat_pat_0123456789abcdef' }

describe('access token endpoints (CVAT ≥ 2.48)', () => {
  runCases([
    {
      name: 'authListAccessTokens sends every filter and the page',
      call: (c) => authListAccessTokens(c, { filter: '{"==":[{"var":"read_only"},true]}', name: 'nightly import', readOnly: true, search: 'night', sort: '-created_date', page: 1 }),
      sent: [
        {
          method: 'GET',
          url: `${BASE}/api/auth/access_tokens?filter=%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22read_only%22%7D%2Ctrue%5D%7D&name=nightly%20import&page=1&read_only=true&search=night&sort=-created_date`,
          headers: ACCEPT,
        },
      ],
      reply: () => jsonResponse(200, { count: 1, next: null, previous: null, results: [token] }),
      result: E.right({ count: 1, next: null, previous: null, results: [token] }),
    },
    {
      name: 'authCreateAccessTokens answers the secret value once',
      call: (c) => authCreateAccessTokens(c, { accessTokenWriteRequest: { name: 'nightly import', read_only: true, expiry_date: null } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/access_tokens`, headers: JSON_HEADERS, body: '{"name":"nightly import","expiry_date":null,"read_only":true}' }],
      reply: () => jsonResponse(201, created),
      result: E.right(created),
    },
    {
      name: 'authCreateAccessTokens on a server older than 2.48 is a 404 StatusError',
      call: (c) => authCreateAccessTokens(c, { accessTokenWriteRequest: { name: 'ci' } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/access_tokens`, headers: JSON_HEADERS, body: '{"name":"ci"}' }],
      reply: () => textResponse(404, '<h1>Not Found</h1>'),
      result: E.left({ _tag: 'StatusError', method: 'POST', url: `${BASE}/api/auth/access_tokens`, status: 404, statusText: '', headers: { 'content-type': 'text/html' }, body: { _tag: 'Text', text: '<h1>Not Found</h1>' } }),
    },
    {
      name: 'authRetrieveAccessTokens',
      call: (c) => authRetrieveAccessTokens(c, { id: 3 }),
      sent: [{ method: 'GET', url: `${BASE}/api/auth/access_tokens/3`, headers: ACCEPT }],
      reply: () => jsonResponse(200, token),
      result: E.right(token),
    },
    {
      name: 'authRetrieveAccessTokensSelf, authenticated with the token itself',
      call: (c) => authRetrieveAccessTokensSelf(pipe(c, bearerAuth(created.value))),
      sent: [{ method: 'GET', url: `${BASE}/api/auth/access_tokens/self`, headers: { ...ACCEPT, authorization: `Bearer ${created.value}` } }],
      reply: () => jsonResponse(200, { ...token, last_used_date: '2026-08-02T00:00:00Z' }),
      result: E.right({ ...token, last_used_date: '2026-08-02T00:00:00Z' }),
    },
    {
      name: 'authPartialUpdateAccessTokens',
      call: (c) => authPartialUpdateAccessTokens(c, { id: 3, patchedAccessTokenWriteRequest: { expiry_date: '2027-01-01T00:00:00Z' } }),
      sent: [{ method: 'PATCH', url: `${BASE}/api/auth/access_tokens/3`, headers: JSON_HEADERS, body: '{"expiry_date":"2027-01-01T00:00:00Z"}' }],
      reply: () => jsonResponse(200, { ...token, expiry_date: '2027-01-01T00:00:00Z' }),
      result: E.right({ ...token, expiry_date: '2027-01-01T00:00:00Z' }),
    },
    {
      name: 'authDestroyAccessTokens revokes the token',
      call: (c) => authDestroyAccessTokens(c, { id: 3 }),
      sent: [{ method: 'DELETE', url: `${BASE}/api/auth/access_tokens/3`, headers: ACCEPT }],
      reply: () => emptyResponse(204),
      result: E.right(undefined),
    },
  ])
})
