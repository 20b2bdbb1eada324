// observe({ bodies: true }) never reports a credential: secret fields by structure (a token's
// `value`, every password field), and the request's own secrets wherever a server echoes them.
import { pipe } from 'fp-ts/function'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type RequestEvent, authCreateAccessTokens, basicAuth, createClient, login, observe, request, tokenAuth, withJsonBody } from '../../src/index'

const token = (value: string) => ({
  id: 1,
  name: 'ci',
  created_date: '2026-01-01T00:00:00Z',
  updated_date: '2026-01-01T00:00:00Z',
  expiry_date: null,
  last_used_date: null,
  read_only: false,
  owner: { id: 1, username: 'a', first_name: '', last_name: '' },
  value,
})
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const secret = fc.string({ unit: fc.constantFrom(...'abcdefghijkLMNOP0123456789-_'), minLength: 6, maxLength: 20 }).map((s) => `Zq7${s}`)

describe('observe never reports a credential', () => {
  it('redacts an access token `value` by structure', async () => {
    const events: RequestEvent[] = []
    const cvat = observe((e) => events.push(e), { bodies: true, now: () => 0 })(createClient({ baseUrl: 'http://h', fetch: async () => json(201, token('PAT-RAW-SECRET')) }))
    await authCreateAccessTokens(cvat, { accessTokenWriteRequest: { name: 'ci' } })()
    expect(events[1]).toEqual({ type: 'end', method: 'POST', url: '/api/auth/access_tokens', attempt: 1, status: 201, durationMs: 0, responseBody: JSON.stringify({ ...token('[redacted]') }) })
  })

  it('scrubs the passwords a request carried and its credentials from every reported body (property)', async () => {
    await fc.assert(
      fc.asyncProperty(secret, secret, secret, async (password, basicPassword, apiToken) => {
        const events: RequestEvent[] = []
        const echo = async (_: unknown, init?: RequestInit) => {
          const auth = new Headers(init?.headers).get('authorization') ?? ''
          return json(400, { detail: `no: ${String(init?.body)} ${auth}`, note: [`password ${password}`, auth.split(' ')[1] ?? ''] })
        }
        const base = createClient({ baseUrl: 'http://h', fetch: echo as typeof fetch })
        await login(pipe(base, basicAuth({ username: 'bob', password: basicPassword }), observe((e) => events.push(e), { bodies: true })), { username: 'alice', password })()
        await login(pipe(base, tokenAuth(apiToken), observe((e) => events.push(e), { bodies: true })), { username: 'alice', password })()
        const reported = JSON.stringify(events)
        const basic = btoa(`bob:${basicPassword}`)
        for (const s of [password, basicPassword, apiToken, basic]) expect(reported).not.toContain(s)
        expect(events.map((e) => e.type)).toEqual(['start', 'end', 'start', 'end'])
      }),
      { numRuns: 50 },
    )
  })

  it('redacts every secret field of the auth codecs, and its echo in any other field, at any depth (property)', async () => {
    const names = ['password', 'password1', 'password2', 'old_password', 'new_password1', 'new_password2', 'token', 'key', 'value', 'sign']
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), secret, async (name, value) => {
        const events: RequestEvent[] = []
        const echo = async (_: unknown, init?: RequestInit) => json(400, { detail: `bad ${String(init?.body)}`, errors: [{ [name]: value }] })
        const cvat = observe((e) => events.push(e), { bodies: true })(createClient({ baseUrl: 'http://h', fetch: echo as typeof fetch }))
        await cvat(withJsonBody({ user: 'u', nested: { [name]: value } })(request('POST', '/api/auth/x')))()
        expect(JSON.stringify(events)).not.toContain(value)
      }),
      { numRuns: 100 },
    )
  })
})
