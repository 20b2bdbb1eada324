import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { type Client, createClient } from '../../src/http/client'
import type { CvatError, ErrorBody } from '../../src/errors'
import {
  invitationsAccept,
  invitationsCreate,
  invitationsDecline,
  invitationsDestroy,
  invitationsList,
  invitationsPartialUpdate,
  invitationsResend,
  invitationsRetrieve,
  timeout,
} from '../../src/index'
import { type Sent, emptyResponse, jsonResponse, recordingFetch, textResponse } from '../helpers/fetch'
import { KEY, invitation, page } from '../helpers/samples'

const BASE = 'https://cvat.example'
const ACCEPT = { accept: 'application/vnd.cvat+json' }
const JSON_HEADERS = { ...ACCEPT, 'content-type': 'application/json' }

interface Case {
  readonly name: string
  readonly call: (c: Client) => TE.TaskEither<CvatError, unknown>
  readonly sent: Sent
  readonly reply: () => Response
  readonly right: unknown
}

const cases: ReadonlyArray<Case> = [
  {
    name: 'invitationsCreate',
    call: (c) => invitationsCreate(c, { invitationWriteRequest: { role: 'worker', email: 'ann@example.com' }, org: 'acme' }),
    sent: { method: 'POST', url: `${BASE}/api/invitations?org=acme`, headers: JSON_HEADERS, body: '{"role":"worker","email":"ann@example.com"}' },
    reply: () => jsonResponse(201, invitation),
    right: invitation,
  },
  {
    name: 'invitationsList',
    call: (c) =>
      invitationsList(c, {
        xOrganization: 'acme',
        filter: '{"and":[{"==":[{"var":"accepted"},false]}]}',
        owner: 'olga',
        page: 2,
        pageSize: 5,
        search: 'ol',
        sort: '-created_date',
      }),
    sent: {
      method: 'GET',
      url: `${BASE}/api/invitations?filter=%7B%22and%22%3A%5B%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22accepted%22%7D%2Cfalse%5D%7D%5D%7D&owner=olga&page=2&page_size=5&search=ol&sort=-created_date`,
      headers: { ...ACCEPT, 'x-organization': 'acme' },
    },
    reply: () => jsonResponse(200, page([invitation], `${BASE}/api/invitations?page=3`, `${BASE}/api/invitations?page=1`)),
    right: page([invitation], `${BASE}/api/invitations?page=3`, `${BASE}/api/invitations?page=1`),
  },
  {
    name: 'invitationsRetrieve',
    call: (c) => invitationsRetrieve(c, { key: KEY, orgId: 7 }),
    sent: { method: 'GET', url: `${BASE}/api/invitations/${KEY}?org_id=7`, headers: ACCEPT },
    reply: () => jsonResponse(200, invitation),
    right: invitation,
  },
  {
    name: 'invitationsPartialUpdate',
    call: (c) => invitationsPartialUpdate(c, { key: KEY, patchedInvitationWriteRequest: { role: 'supervisor' }, org: 'acme' }),
    sent: { method: 'PATCH', url: `${BASE}/api/invitations/${KEY}?org=acme`, headers: JSON_HEADERS, body: '{"role":"supervisor"}' },
    reply: () => jsonResponse(200, invitation),
    right: invitation,
  },
  {
    name: 'invitationsDestroy',
    call: (c) => invitationsDestroy(c, { key: KEY, org: 'acme' }),
    sent: { method: 'DELETE', url: `${BASE}/api/invitations/${KEY}?org=acme`, headers: ACCEPT },
    reply: () => emptyResponse(204),
    right: undefined,
  },
  {
    name: 'invitationsAccept',
    call: (c) => invitationsAccept(c, { key: KEY }),
    sent: { method: 'POST', url: `${BASE}/api/invitations/${KEY}/accept`, headers: ACCEPT },
    reply: () => jsonResponse(200, { organization_slug: 'acme' }),
    right: { organization_slug: 'acme' },
  },
  {
    name: 'invitationsDecline',
    call: (c) => invitationsDecline(c, { key: KEY }),
    sent: { method: 'POST', url: `${BASE}/api/invitations/${KEY}/decline`, headers: ACCEPT },
    reply: () => emptyResponse(204),
    right: undefined,
  },
  {
    name: 'invitationsResend',
    call: (c) => invitationsResend(c, { key: KEY, xOrganization: 'acme' }),
    sent: { method: 'POST', url: `${BASE}/api/invitations/${KEY}/resend`, headers: { ...ACCEPT, 'x-organization': 'acme' } },
    reply: () => emptyResponse(204),
    right: undefined,
  },
]

const run = async (c: Case, reply: () => Response | Promise<Response>) => {
  const rec = recordingFetch(reply)
  const result = await c.call(createClient({ baseUrl: BASE, fetch: rec.fetch }))()
  return { result, sent: rec.sent }
}

const errorBodies: ReadonlyArray<[string, () => Response, number, ErrorBody]> = [
  ['detail', () => jsonResponse(403, { detail: 'You do not have permission to perform this action.' }), 403,
    { _tag: 'Detail', detail: 'You do not have permission to perform this action.' }],
  ['field errors', () => jsonResponse(400, { email: ['Enter a valid email address.'] }), 400,
    { _tag: 'FieldErrors', fields: { email: ['Enter a valid email address.'] } }],
  ['array of strings', () => jsonResponse(400, ['The user is a member of the organization already.']), 400,
    { _tag: 'Messages', messages: ['The user is a member of the organization already.'] }],
  ['bare string', () => jsonResponse(500, 'Email backend is not configured.'), 500,
    { _tag: 'Message', message: 'Email backend is not configured.' }],
  ['proxy HTML', () => textResponse(502, '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'), 502,
    { _tag: 'Text', text: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' }],
]

describe.each(cases)('$name', (c) => {
  it('sends exactly the expected request and decodes the success', async () => {
    const { result, sent } = await run(c, c.reply)
    expect(sent).toEqual([c.sent])
    expect(result).toEqual(E.right(c.right))
  })

  it.each(errorBodies)('keeps a %s error body in StatusError', async (_shape, reply, status, body) => {
    const { result } = await run(c, reply)
    expect(result).toEqual(
      E.left({ _tag: 'StatusError', method: c.sent.method, url: c.sent.url, status, statusText: '', body, headers: { 'content-type': reply().headers.get('content-type') } }),
    )
  })

  it('reports Retry-After on a 429', async () => {
    const { result } = await run(c, () =>
      jsonResponse(429, { detail: 'Request was throttled. Expected available in 42 seconds.' }, { 'retry-after': '42' }),
    )
    expect(result).toEqual(
      E.left({
        _tag: 'StatusError',
        method: c.sent.method,
        url: c.sent.url,
        status: 429,
        statusText: '',
        body: { _tag: 'Detail', detail: 'Request was throttled. Expected available in 42 seconds.' },
        headers: { 'content-type': 'application/vnd.cvat+json', 'retry-after': '42' },
        retryAfter: 42,
      }),
    )
  })

  it('turns a network failure into TransportError', async () => {
    const { result } = await run(c, () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })))
    expect(result).toEqual(
      E.left({ _tag: 'TransportError', method: c.sent.method, url: c.sent.url, message: 'fetch failed (ECONNRESET)' }),
    )
  })

  it('turns a request that outlives timeout() into TimeoutError', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
    const result = await c.call(pipe(createClient({ baseUrl: BASE, fetch: hanging }), timeout(20)))()
    expect(result).toEqual(E.left({ _tag: 'TimeoutError', method: c.sent.method, url: c.sent.url, ms: 20 }))
  })

  it('turns a body that cannot be read into TransportError', async () => {
    const broken = new ReadableStream({ start: (ctl) => ctl.error(new Error('socket hang up')) })
    const { result } = await run(c, () => new Response(broken, { status: 200 }))
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: c.sent.method, url: c.sent.url, message: 'the response body could not be read' }))
  })
})

describe.each(cases.filter((c) => c.right !== undefined))('$name decoding', (c) => {
  it('a 2xx body that is not JSON is a DecodeError keeping the body', async () => {
    const { result } = await run(c, () => textResponse(200, '<html>login</html>'))
    expect(result).toEqual(
      E.left({
        _tag: 'DecodeError',
        method: c.sent.method,
        url: c.sent.url,
        status: 200,
        message: 'expected JSON: the body is not JSON',
        body: '<html>login</html>',
      }),
    )
  })

  it('an empty 2xx body is a DecodeError', async () => {
    const { result } = await run(c, () => emptyResponse(200))
    expect(result).toMatchObject(E.left({ _tag: 'DecodeError', message: 'expected JSON: the body is empty', body: '' }))
  })

  it('a 2xx body off the schema is a DecodeError naming the path', async () => {
    const { result } = await run(c, () => jsonResponse(200, { count: 'x', organization_slug: 5, role: 'x' }))
    expect(E.isLeft(result) && result.left._tag).toBe('DecodeError')
    const message = E.isLeft(result) && result.left._tag === 'DecodeError' ? result.left.message : ''
    expect(message).toMatch(/^(InvitationRead|PaginatedInvitationReadList|AcceptInvitationRead): required property "/)
  })
})

describe('bad input sends nothing', () => {
  const keyed = [
    ['invitationsRetrieve', 'GET', '', (c: Client, key: unknown) => invitationsRetrieve(c, { key: key as string })],
    ['invitationsPartialUpdate', 'PATCH', '', (c: Client, key: unknown) => invitationsPartialUpdate(c, { key: key as string })],
    ['invitationsDestroy', 'DELETE', '', (c: Client, key: unknown) => invitationsDestroy(c, { key: key as string })],
    ['invitationsAccept', 'POST', '/accept', (c: Client, key: unknown) => invitationsAccept(c, { key: key as string })],
    ['invitationsDecline', 'POST', '/decline', (c: Client, key: unknown) => invitationsDecline(c, { key: key as string })],
    ['invitationsResend', 'POST', '/resend', (c: Client, key: unknown) => invitationsResend(c, { key: key as string })],
  ] as const

  describe.each(keyed)('%s', (_name, method, action, call) => {
    it.each([
      ['', 'key must be a non-empty string, got an empty string'],
      [undefined, 'key must be a non-empty string, got undefined'],
      [42, 'key must be a non-empty string, got number'],
      ['..', 'key cannot be ".."'],
    ])('key %j is a RequestError', async (key, message) => {
      const rec = recordingFetch(() => emptyResponse(204))
      const result = await call(createClient({ fetch: rec.fetch }), key)()
      expect(rec.sent).toEqual([])
      expect(result).toEqual(E.left({ _tag: 'RequestError', method, url: `/api/invitations/{key}${action}`, message }))
    })
  })

  it.each([
    ['a wrong role', { role: 'admin', email: 'a@b.c' }, 'invitationWriteRequest: required property "role"'],
    ['an empty email', { role: 'worker', email: '' }, 'invitationWriteRequest: required property "email"'],
    ['no body', undefined, 'invitationWriteRequest: cannot decode undefined, should be Record<string, unknown>'],
  ])('invitationsCreate with %s is a RequestError', async (_name, body, start) => {
    const rec = recordingFetch(() => emptyResponse(204))
    const result = await invitationsCreate(createClient({ fetch: rec.fetch }), { invitationWriteRequest: body as never, org: 'a' })()
    expect(rec.sent).toEqual([])
    expect(result).toMatchObject(E.left({ _tag: 'RequestError', method: 'POST', url: '/api/invitations?org=a' }))
    expect(E.isLeft(result) && result.left._tag === 'RequestError' && result.left.message.startsWith(start)).toBe(true)
  })

  it.each([
    [{ page: 0 }, 'page must be a positive integer, got 0'],
    [{ pageSize: 2.5 }, "pageSize must be a positive integer or 'all', got 2.5"],
    [{ orgId: Number.NaN }, 'orgId must be an integer, got NaN'],
    [{ xOrganization: 'acme\r\nX-Evil: 1' }, 'xOrganization must be printable ASCII (an organisation slug)'],
  ])('invitationsList %j is a RequestError', async (params, message) => {
    const rec = recordingFetch(() => emptyResponse(204))
    const result = await invitationsList(createClient({ fetch: rec.fetch }), params)()
    expect(rec.sent).toEqual([])
    expect(result).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message }))
  })
})

describe('organisation context', () => {
  it('sends an empty org (the personal workspace) rather than dropping it', async () => {
    const rec = recordingFetch(() => jsonResponse(200, page([])))
    await invitationsList(createClient({ fetch: rec.fetch }), { org: '' })()
    expect(rec.sent.map((s) => s.url)).toEqual(['http://localhost/api/invitations?org='])
  })

  it("list without params sends no query at all, to the Python SDK's default host", async () => {
    const rec = recordingFetch(() => jsonResponse(200, page([])))
    expect(await invitationsList(createClient({ fetch: rec.fetch }))()).toEqual(E.right(page([])))
    expect(rec.sent).toEqual([{ method: 'GET', url: 'http://localhost/api/invitations', headers: ACCEPT }])
  })

  it('pageSize all is sent as page_size=all', async () => {
    const rec = recordingFetch(() => jsonResponse(200, page([])))
    await invitationsList(createClient({ fetch: rec.fetch }), { pageSize: 'all' })()
    expect(rec.sent.map((s) => s.url)).toEqual(['http://localhost/api/invitations?page_size=all'])
  })

  it('partial update without a body sends none', async () => {
    const rec = recordingFetch(() => jsonResponse(200, invitation))
    await invitationsPartialUpdate(createClient({ fetch: rec.fetch }), { key: 'k1' })()
    expect(rec.sent).toEqual([{ method: 'PATCH', url: 'http://localhost/api/invitations/k1', headers: ACCEPT }])
  })
})
