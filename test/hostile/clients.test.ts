// An invalid client (not a function, a middleware around nothing, createClient with options that
// are not an object or cannot be read, a fetch answering something that is not a Response) is a
// Left when the Task runs: never a synchronous throw, never a rejection.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { jsonResponse, recordingFetch } from '../helpers/fetch'
import {
  type Client,
  type Middleware,
  basicAuth,
  bearerAuth,
  createClient,
  destroyMany,
  invitationsList,
  invitationsRetrieve,
  inviteMany,
  listAll,
  login,
  organization,
  organizationsCreate,
  pages,
  request,
  resendMany,
  retry,
  sessionAuth,
  signatureAuth,
  timeout,
  tokenAuth,
  usersList,
  usersRetrieveSelf,
  withSignal,
  observe,
} from '../../src/index'

// Runs a Task as an untyped caller would, turning a throw or rejection into a test failure value.
const run = async <A>(task: () => () => Promise<A>): Promise<A | string> => {
  try {
    return await task()()
  } catch (e) {
    return `threw: ${String(e)}`
  }
}

const throwing = new Proxy({}, { get: () => JSON.parse('{'), has: () => JSON.parse('{'), ownKeys: () => JSON.parse('{') })
const notClients: ReadonlyArray<readonly [string, unknown, string]> = [
  ['undefined', undefined, 'undefined'],
  ['null', null, 'null'],
  ['a plain object', {}, 'object'],
  ['a number', 42, '42'],
  ['a throwing Proxy', throwing, 'object'],
]

// Every middleware, each built once with valid options.
const MIDDLEWARES: ReadonlyArray<readonly [string, Middleware]> = [
  ['tokenAuth', tokenAuth('t0ken')],
  ['bearerAuth', bearerAuth('t0ken')],
  ['basicAuth', basicAuth({ username: 'ann', password: 'pw-1' })],
  ['sessionAuth', sessionAuth({ sessionId: 's1', csrfToken: 'c1' })],
  ['signatureAuth', signatureAuth('s1gn')],
  ['retry', retry()],
  ['timeout', timeout(1000)],
  ['withSignal', withSignal(new AbortController().signal)],
  ['organization', organization('acme')],
  ['observe', observe(() => undefined)],
]

const notAClient = (got: string) => `client must be a function (a Client, as createClient returns), got ${got}`

describe.each(notClients)('a client that is %s', (_name, client, got) => {
  const c = client as Client
  it('every endpoint and login answer a RequestError', async () => {
    expect(await run(() => invitationsRetrieve(c, { key: 'k' }))).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations/k', message: notAClient(got) }))
    expect(await run(() => invitationsList(c, { org: 'acme' }))).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message: notAClient(got) }))
    expect(await run(() => organizationsCreate(c, { organizationWriteRequest: { slug: 'acme', name: 'Acme' } }))).toEqual(
      E.left({ _tag: 'RequestError', method: 'POST', url: '/api/organizations', message: notAClient(got) }),
    )
    expect(await run(() => login(c, { username: 'ann', password: 'pw-12345' }))).toEqual(E.left({ _tag: 'RequestError', method: 'POST', url: '/api/auth/login', message: notAClient(got) }))
  })

  it('listAll and pages name the client', async () => {
    const left = E.left({ _tag: 'RequestError', method: 'GET', url: '/api/users', message: notAClient(got) })
    expect(await run(() => listAll(usersList, c))).toEqual(left)
    const seen: unknown[] = []
    for await (const p of pages(usersList, c)) seen.push(p)
    expect(seen).toEqual([left])
  })

  it('the bulk helpers resolve with one failed row each', async () => {
    const failed = (method: string, url: string) => ({ _tag: 'RequestError', method, url, message: notAClient(got) })
    expect(await run(() => inviteMany(c, { org: 'acme', invitations: [{ email: 'a@x.io', role: 'worker' }] }))).toEqual([
      { row: 0, input: { email: 'a@x.io', role: 'worker' }, _tag: 'Failed', error: failed('POST', '/api/invitations') },
    ])
    expect(await run(() => resendMany(c, { org: 'acme', keys: ['k1'] }))).toEqual([{ row: 0, input: 'k1', _tag: 'Failed', error: failed('POST', '/api/invitations/k1/resend') }])
    expect(await run(() => destroyMany(c, { org: 'acme', keys: ['k1'] }))).toEqual([{ row: 0, input: 'k1', _tag: 'Failed', error: failed('DELETE', '/api/invitations/k1') }])
  })

  const middlewares = [...MIDDLEWARES, ['observe with options that are not an object', observe(() => undefined, null as never)] as const]
  it.each(middlewares)('%s around it answers a RequestError', async (_mw, mw) => {
    expect(await run(() => mw(c)(request('GET', '/api/users')))).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: '/api/users', message: notAClient(got) }))
  })
})

describe('createClient with options that are not an object', () => {
  it.each([
    ['null', null, 'createClient options must be an object, got null'],
    ['a number', 7, 'createClient options must be an object, got 7'],
    ['a string', 'http://h', 'createClient options must be an object, got "http://h"'],
    ['a throwing Proxy', throwing, 'createClient options cannot be read'],
  ])('%s: every request is a RequestError', async (_name, options, message) => {
    const c = createClient(options as never)
    expect(await run(() => invitationsList(c, {}))).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message }))
  })
})

describe('a fetch answering something that is not a Response', () => {
  const answering = (res: unknown): Client => createClient({ baseUrl: 'http://h', fetch: async () => res as Response })
  const NOT_A_RESPONSE = 'fetch did not answer a Response'
  it.each([
    ['headers without forEach', { status: 400, statusText: 'Bad', type: 'basic', headers: { get: () => null }, body: null, text: async (): Promise<string> => '{}' }, NOT_A_RESPONSE],
    ['no headers', { status: 200, statusText: 'OK', type: 'basic', body: null, text: async (): Promise<string> => '[]' }, NOT_A_RESPONSE],
    ['null', null, NOT_A_RESPONSE],
    // Its `then` throws when the fetch's own promise resolves with it: that promise rejects.
    ['a throwing Proxy', throwing, 'fetch failed'],
  ])('%s: a TransportError', async (_name, res, message) => {
    expect(await run(() => invitationsRetrieve(answering(res), { key: 'k' }))).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: 'http://h/api/invitations/k', message }))
  })

  // A Response's statusText and text() are strings; a hand-made one's may be anything. The whole
  // result is compared, so a rejection (the run's `threw: …`) or a RequestError fails it too.
  it('a statusText that is not a string: the StatusError has an empty one', async () => {
    const res = { status: 404, type: 'basic', headers: new Headers(), body: null, text: async (): Promise<string> => '' }
    expect(await run(() => invitationsRetrieve(answering(res), { key: 'k' }))).toEqual(
      E.left({ _tag: 'StatusError', method: 'GET', url: 'http://h/api/invitations/k', status: 404, statusText: '', body: { _tag: 'Empty' }, headers: {} }),
    )
  })

  it.each([
    ['a number', 404],
    ['undefined', undefined],
  ])('text() resolving to %s: a body that could not be read', async (_name, text) => {
    const res = { status: 400, statusText: 'Bad', type: 'basic', headers: new Headers(), body: null, text: async (): Promise<unknown> => text }
    expect(await run(() => invitationsRetrieve(answering(res), { key: 'k' }))).toEqual(
      E.left({ _tag: 'TransportError', method: 'GET', url: 'http://h/api/invitations/k', message: 'the response body could not be read' }),
    )
  })

  it('headers whose forEach throws: the StatusError keeps what could be read', async () => {
    const res = { status: 404, statusText: 'Not Found', type: 'basic', headers: { get: () => null, forEach: () => JSON.parse('{') }, body: null, text: async (): Promise<string> => '' }
    expect(await run(() => invitationsRetrieve(answering(res), { key: 'k' }))).toEqual(
      E.left({ _tag: 'StatusError', method: 'GET', url: 'http://h/api/invitations/k', status: 404, statusText: 'Not Found', body: { _tag: 'Empty' }, headers: {} }),
    )
  })
})

describe('a client function that throws or rejects', () => {
  it.each([
    ['throws', (() => JSON.parse('{')) as Client, 'the client threw or rejected instead of answering a Left'],
    ['returns a Task that throws', (() => () => JSON.parse('{')) as Client, 'the client threw or rejected instead of answering a Left'],
    ['returns a Task that rejects', (() => () => Promise.reject(new Error('x'))) as Client, 'the client threw or rejected instead of answering a Left'],
  ])('%s: a RequestError', async (_name, c, message) => {
    expect(await run(() => invitationsRetrieve(c, { key: 'k' }))).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations/k', message }))
  })
})

describe('a hand-made client answering header names in capitals', () => {
  it('still has its credential headers redacted, and every name lowercased, in a StatusError', async () => {
    const c: Client = () => () =>
      Promise.resolve(E.right({ status: 401, statusText: 'No', headers: { 'Set-Cookie': 'auth=s3cr3t-value', 'X-Request-Id': 'r1' }, body: '', url: 'http://h/api/invitations/k' }))
    expect(await run(() => invitationsRetrieve(c, { key: 'k' }))).toEqual(
      E.left({
        _tag: 'StatusError',
        method: 'GET',
        url: 'http://h/api/invitations/k',
        status: 401,
        statusText: 'No',
        body: { _tag: 'Empty' },
        headers: { 'set-cookie': '[redacted]', 'x-request-id': 'r1' },
        requestId: 'r1',
      }),
    )
  })
})

// Review 2 noticed: a middleware given a hand-made request it cannot read (a Proxy query or
// headers whose traps throw, a header whose toString throws) threw or rejected. A Client never
// does: every middleware answers such a request with a RequestError, and sends nothing.
describe('every middleware, given a request it cannot read', () => {
  const answered: Client = () => () => Promise.resolve(E.right({ status: 200, statusText: 'OK', headers: {}, body: '{}', url: 'http://localhost/api/users' }))
  const base = request('GET', '/api/users')
  const requests: ReadonlyArray<readonly [string, unknown]> = [
    ['a query Proxy that throws', { ...base, query: throwing }],
    ['headers Proxy that throws', { ...base, headers: throwing }],
    ['a header whose toString throws', { ...base, headers: { ...base.headers, 'x-odd': { toString: () => JSON.parse('{') } } }],
    ['a whole request Proxy that throws', throwing],
  ]
  const middlewares = [...MIDDLEWARES, ['observe with bodies', observe(() => undefined, { bodies: true })] as const]
  it.each(middlewares.flatMap(([m, mw]) => requests.map(([r, req]) => [m, r, mw, req] as const)))('%s, %s: a Left, never a throw or rejection', async (_m, _r, mw, req) => {
    const result = await run(() => mw(answered)(req as never))
    expect(typeof result === 'object' && result !== null && '_tag' in result ? result._tag : result).toMatch(/^(Left|Right)$/)
    if (typeof result === 'object' && result !== null && E.isLeft(result as E.Either<unknown, unknown>)) expect((result as E.Left<{ _tag: string }>).left._tag).toBe('RequestError')
  })
})

// Review 3 noticed: a baseUrl with a query or fragment was joined as text, so every request went
// to the server's root with the path inside the query (`https://h/?x=1/api/users/self`).
describe('createClient with a baseUrl holding a query or fragment', () => {
  it.each(['http://127.0.0.1:9/?x=1', 'http://127.0.0.1:9/cvat#top', 'http://127.0.0.1:9?'])('%s: a RequestError, nothing sent', async (baseUrl) => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, {}))
    const result = await run(() => usersList(createClient({ baseUrl, fetch })))
    expect(result).toEqual(
      E.left({ _tag: 'RequestError', method: 'GET', url: expect.any(String), message: 'createClient baseUrl cannot hold a query or fragment: give the server root' }),
    )
    expect(sent).toEqual([])
  })
})

describe('a hand-made client answering a header value that is not text', () => {
  // An object literal's `{ 'x-count': 5 }`: scrubbing it threw, so the 400 became a RequestError
  // saying the client threw. Header values are text as fetch would give them.
  it('is a StatusError with that header as text', async () => {
    const c: Client = () => () => Promise.resolve(E.right({ status: 400, statusText: 'Bad Request', headers: { 'x-count': 5 } as unknown as Record<string, string>, body: '', url: 'http://h/api/users/self' }))
    expect(await usersRetrieveSelf(c)()).toEqual(
      E.left({ _tag: 'StatusError', method: 'GET', url: 'http://h/api/users/self', status: 400, statusText: 'Bad Request', body: { _tag: 'Empty' }, headers: { 'x-count': '5' } }),
    )
  })
})
