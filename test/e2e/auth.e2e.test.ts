// The five authentication schemes over real sockets, CVAT's 401 bodies and WWW-Authenticate,
// CSRF on unsafe methods, and Accept-version negotiation.
import { pipe } from 'fp-ts/function'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import {
  type Client,
  type Middleware,
  basicAuth,
  bearerAuth,
  invitationsCreate,
  invitationsList,
  request,
  sessionAuth,
  signatureAuth,
  tokenAuth,
  usersRetrieveSelf,
  withHeader,
  withJsonBody,
} from '../../src/index'
import { left, right, statusOf, useEmulator } from './helpers'

const raw = async (client: Client, req = request('GET', '/api/invitations')) => {
  const r = await client(req)()
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return { status: r.right.status, wwwAuthenticate: r.right.headers['www-authenticate'], body: JSON.parse(r.right.body || 'null') }
}

const BOTH = ['2.26', '2.73'] as const

describe.each(BOTH)('authentication (%s)', (serverVersion) => {
  let clock = Date.parse('2026-11-26T10:00:00Z')
  const live = useEmulator({ serverVersion, now: () => clock })

  // Personal access tokens (Bearer) exist from 2.48 on.
  const schemes = serverVersion === '2.26' ? (['token', 'basic', 'session'] as const) : (['token', 'bearer', 'basic', 'session'] as const)
  it.each(schemes)('%s credentials identify the user', async (scheme) => {
    const acme = await right(invitationsList(live.as('olga', scheme), { org: 'acme' }))
    expect([acme.count, acme.results.map((i) => [i.owner?.username, i.user.username])]).toEqual([1, [['olga', 'ivy']]])
    expect(await right(invitationsList(live.as('otto', scheme)))).toEqual({ count: 0, next: null, previous: null, results: [] })
    expect(await right(usersRetrieveSelf(live.as('wes', scheme)))).toEqual(await right(usersRetrieveSelf(live.as('wes'))))
  })

  // DRF answers every 401 with the FIRST authenticator's header (rest_framework/views.py
  // get_authenticate_header), and CVAT's first is TokenAuthentication: always `Token`.
  it.each<[string, Middleware, string, string]>([
    ['no credentials', (c) => c, 'Authentication credentials were not provided.', 'Token'],
    ['a wrong token', tokenAuth('nope'), 'Invalid token.', 'Token'],
    // Before 2.48 no authenticator reads `Bearer`: the header is no credential at all.
    ['a wrong access token', bearerAuth('nope'), serverVersion === '2.26' ? 'Authentication credentials were not provided.' : 'Invalid token.', 'Token'],
    ['a wrong password', basicAuth({ username: 'olga', password: 'nope' }), 'Invalid username/password.', 'Token'],
    ['a non-ASCII password that is wrong', basicAuth({ username: 'olga', password: 'pässwörd' }), 'Invalid username/password.', 'Token'],
    ['an unknown session', sessionAuth({ sessionId: 'nope', csrfToken: 'x' }), 'Authentication credentials were not provided.', 'Token'],
  ])('%s is a 401 with WWW-Authenticate', async (_name, auth, detail, scheme) => {
    expect(await raw(pipe(live.anonymous(), auth))).toEqual({ status: 401, wwwAuthenticate: scheme, body: { detail } })
    expect(statusOf(await left(invitationsList(pipe(live.anonymous(), auth))))).toEqual({ status: 401, body: { _tag: 'Detail', detail } })
  })

  it('a non-ASCII password is UTF-8 on the wire and accepted', async () => {
    const emulator = live.emulator
    emulator.state.users.push({ ...emulator.state.users.find((u) => u.username === 'otto')!, id: 99, username: 'jürgen', password: 'pässwörd✓' })
    expect((await right(invitationsList(pipe(live.anonymous(), basicAuth({ username: 'jürgen', password: 'pässwörd✓' }))))).count).toBe(0)
  })

  it('a session needs the CSRF header on unsafe methods only', async () => {
    const c = live.emulator.credentials('olga')
    const cookieOnly: Middleware = (next) => (req) => next(withHeader('cookie', `sessionid=${c.sessionId}; csrftoken=${c.csrfToken}`)(req))
    const body = { role: 'worker', email: 'csrf@example.com' }
    expect((await raw(pipe(live.anonymous(), cookieOnly))).status).toBe(200)
    expect(await raw(pipe(live.anonymous(), cookieOnly), withJsonBody(body)(request('POST', '/api/invitations')))).toEqual({
      status: 403,
      wwwAuthenticate: undefined,
      body: { detail: 'CSRF Failed: CSRF token missing.' },
    })
    const inv = await right(invitationsCreate(live.as('olga', 'session'), { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'csrf@example.com' } }))
    expect(inv.user.username).toBe('csrf@example.com')
  })

  it('login answers the token for a username and password', async () => {
    const res = await raw(live.anonymous(), withJsonBody({ username: 'olga', password: 'olga-password' })(request('POST', '/api/auth/login')))
    expect(res.body).toEqual({ key: 'token-olga' })
    const bad = await raw(live.anonymous(), withJsonBody({ username: 'olga', password: 'x' })(request('POST', '/api/auth/login')))
    expect(bad).toEqual({ status: 400, wwwAuthenticate: undefined, body: { non_field_errors: ['Unable to log in with provided credentials.'] } })
  })
})

// URL signing exists up to 2.45 (removed in 2.46.0); the emulator reproduces it as 2.26.
describe('signed URLs (2.26)', () => {
  let clock = Date.parse('2026-11-26T10:00:00Z')
  const live = useEmulator({ serverVersion: '2.26', now: () => clock })

  it('a forged signature is a 401', async () => {
    const forged = pipe(live.anonymous(), signatureAuth('1:forged'))
    expect(await raw(forged)).toEqual({ status: 401, wwwAuthenticate: 'Token', body: { detail: 'Invalid signature.' } })
  })

  it('a signature minted by /api/auth/signing opens exactly that URL for 30 seconds', async () => {
    const olga = live.as('olga')
    const minted = await raw(olga, withJsonBody({ url: `${live.served.url}/api/invitations?org=acme` })(request('POST', '/api/auth/signing')))
    expect(minted.status).toBe(200)
    // SigningView answers the absolute URL with `sign` added.
    const sign = new URL(minted.body as string).searchParams.get('sign') ?? ''
    expect(minted.body).toBe(`${live.served.url}/api/invitations?org=acme&sign=${encodeURIComponent(sign).replace(/%20/g, '+')}`)
    const signed = pipe(live.anonymous(), signatureAuth(sign))
    expect(await right(invitationsList(signed, { org: 'acme' }))).toEqual(await right(invitationsList(olga, { org: 'acme' })))
    const invalid = { status: 401, body: { _tag: 'Detail', detail: 'Invalid signature.' } }
    expect(statusOf(await left(invitationsList(signed, { org: 'globex' })))).toEqual(invalid)
    clock += 31_000
    expect(statusOf(await left(invitationsList(signed, { org: 'acme' })))).toEqual(invalid)
  })

})

describe.each(BOTH)('Accept header versioning (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion })
  const withAccept = (accept: string): Middleware => (next) => (req) => next(withHeader('accept', accept)(req))

  it.each(['application/vnd.cvat+json', 'application/vnd.cvat+json; version=2.0', 'application/json', '*/*'])('%s is served', async (accept) => {
    expect((await right(invitationsList(pipe(live.as('olga'), withAccept(accept)), { org: 'acme' }))).count).toBe(1)
  })

  it('an unaccepted version is a 406 before authentication', async () => {
    expect(statusOf(await left(invitationsList(pipe(live.anonymous(), withAccept('application/vnd.cvat+json; version=1.0')))))).toEqual({
      status: 406,
      body: { _tag: 'Detail', detail: 'Invalid version in "Accept" header.' },
    })
  })
})
