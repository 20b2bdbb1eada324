// Property: a secret a request carries in its BODY (login's password, the password endpoints'
// old and new passwords, register's password1/password2, a reset token) reaches no error, however
// the server echoes it: in a 400's fields, a 500's HTML, a 2xx that does not decode, percent- or
// JSON-escaped, or in a cross-origin redirect's Location.
import { inspect } from 'node:util'
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Client,
  type CvatError,
  authCreateLogin,
  authCreatePasswordChange,
  authCreatePasswordResetConfirm,
  authCreateRegister,
  createClient,
  formatError,
  login,
} from '../../src/index'

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

// What the server read from the body, echoed raw, JSON-escaped (by JSON.stringify of the echo),
// percent-encoded and HTML-escaped.
const echoOf = (body: string): string => {
  const values = Object.values(JSON.parse(body) as Record<string, string>)
  return values.flatMap((v) => [v, encodeURIComponent(v), `"${v}"`]).join(' | ')
}

const SHAPES = ['fields', 'detail', 'html', 'undecodable', 'redirect'] as const
type Shape = (typeof SHAPES)[number]

const echoing = (shape: Shape): Client =>
  createClient({
    baseUrl: 'http://cvat.test',
    fetch: async (_url, init) => {
      const echo = echoOf(String(init?.body))
      const json = { 'content-type': 'application/json' }
      switch (shape) {
        case 'fields':
          return new Response(JSON.stringify({ non_field_errors: [`Unable to log in with ${echo}`], password: [echo] }), { status: 400, headers: json })
        case 'detail':
          return new Response(JSON.stringify({ detail: echo }), { status: 401, headers: { ...json, 'x-echo': encodeURIComponent(echo) } })
        case 'html':
          return new Response(`<pre>${esc(echo)}</pre>`, { status: 500, headers: { 'content-type': 'text/html' } })
        case 'undecodable':
          return new Response(JSON.stringify([echo]), { status: 200, headers: json })
        case 'redirect':
          return new Response(null, { status: 307, headers: { location: `http://elsewhere.test/?e=${encodeURIComponent(echo)}` } })
      }
    },
  })

// Distinctive and long enough to be told apart, with characters that escape differently in JSON, URLs and HTML.
const CHARS = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%#"<>\\ äö✓`
const secret = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 6, maxLength: 24 }).map((s) => `Zq7${s}`)

const calls: ReadonlyArray<readonly [string, (c: Client, s: string) => Promise<E.Either<CvatError, unknown>>]> = [
  ['login', (c, s) => login(c, { username: 'alice', password: s })()],
  ['authCreateLogin', (c, s) => authCreateLogin(c, { loginSerializerExRequest: { email: 'a@x.io', password: s } })()],
  ['authCreatePasswordChange', (c, s) => authCreatePasswordChange(c, { passwordChangeRequest: { old_password: `${s}-old`, new_password1: s, new_password2: s } })()],
  [
    'authCreatePasswordResetConfirm',
    (c, s) => authCreatePasswordResetConfirm(c, { passwordResetConfirmRequest: { new_password1: s, new_password2: s, uid: 'MQ', token: `${s}-tok` } })(),
  ],
  ['authCreateRegister', (c, s) => authCreateRegister(c, { registerSerializerExRequest: { username: 'alice', password1: s, password2: `${s}-2` } })()],
]

const printed = (e: CvatError) => [JSON.stringify(e), inspect(e, { depth: null, showHidden: true }), formatError(e)].join('\n')

describe.each(calls)('%s: a password in the body reaches no error', (_name, call) => {
  it('in any echo shape (property)', async () => {
    await fc.assert(
      fc.asyncProperty(secret, fc.constantFrom(...SHAPES), async (s, shape) => {
        const r = await call(echoing(shape), s)
        expect(E.isLeft(r)).toBe(true)
        const text = E.isLeft(r) ? printed(r.left) : ''
        for (const form of [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1), esc(s)]) expect(text).not.toContain(form)
      }),
      { numRuns: 60 },
    )
  })
})

describe('the review reproduction', () => {
  it('login: the error keeps CVAT message, the password redacted', async () => {
    const r = await login(echoing('fields'), { username: 'alice', password: 'Hunter2-Secret' })()
    expect(E.isLeft(r) ? formatError(r.left) : '').toEqual(
      'StatusError: POST http://cvat.test/api/auth/login → 400: non_field_errors: Unable to log in with alice | alice | "alice" | [redacted] | [redacted] | "[redacted]"; password: alice | alice | "alice" | [redacted] | [redacted] | "[redacted]"',
    )
  })
})
