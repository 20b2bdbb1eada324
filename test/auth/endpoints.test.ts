import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import {
  authCreateLogin,
  authCreateLogout,
  authCreatePasswordChange,
  authCreatePasswordReset,
  authCreatePasswordResetConfirm,
  authCreateRegister,
  authCreateSigning,
  authRetrieveRules,
  createClient,
  formatError,
  login,
  usersRetrieveSelf,
} from '../../src/index'
import { PasswordResetSerializerExRequest } from '../../src/generated/models/PasswordResetSerializerExRequest'
import { emptyResponse, jsonResponse, recordingFetch, textResponse } from '../helpers/fetch'
import { ACCEPT, BASE, JSON_HEADERS, runCases } from '../helpers/endpointCases'

const PASSWORD = '!Q@W#E$R'
const drawn = (r: E.Either<D.DecodeError, unknown>): string => (E.isLeft(r) ? D.draw(r.left) : 'decoded')
const ok = { detail: 'New password has been saved.' }

describe('auth endpoints', () => {
  runCases([
    {
      name: 'authCreateLogin sends the credentials and decodes the token',
      call: (c) => authCreateLogin(c, { loginSerializerExRequest: { username: 'admin1', password: PASSWORD } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/login`, headers: JSON_HEADERS, body: JSON.stringify({ username: 'admin1', password: PASSWORD }) }],
      reply: () => jsonResponse(200, { key: 'a'.repeat(40) }),
      result: E.right({ key: 'a'.repeat(40) }),
    },
    {
      name: 'authCreateLogin: bad credentials are a StatusError with CVAT body',
      call: (c) => authCreateLogin(c, { loginSerializerExRequest: { email: 'admin1@cvat.org', password: 'wrong' } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/login`, headers: JSON_HEADERS, body: '{"email":"admin1@cvat.org","password":"wrong"}' }],
      reply: () => jsonResponse(400, { non_field_errors: ['Unable to log in with provided credentials.'] }),
      result: E.left({
        _tag: 'StatusError',
        method: 'POST',
        url: `${BASE}/api/auth/login`,
        status: 400,
        statusText: '',
        headers: { 'content-type': 'application/vnd.cvat+json' },
        body: { _tag: 'FieldErrors', fields: { non_field_errors: ['Unable to log in with provided credentials.'] } },
      }),
    },
    {
      name: 'authCreateLogin: an unverified e-mail is a plain-text 400',
      call: (c) => authCreateLogin(c, { loginSerializerExRequest: { username: 'ann', password: PASSWORD } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/login`, headers: JSON_HEADERS, body: JSON.stringify({ username: 'ann', password: PASSWORD }) }],
      reply: () => textResponse(400, 'Unverified email', 'text/plain'),
      result: E.left({ _tag: 'StatusError', method: 'POST', url: `${BASE}/api/auth/login`, status: 400, statusText: '', headers: { 'content-type': 'text/plain' }, body: { _tag: 'Text', text: 'Unverified email' } }),
    },
    {
      name: 'authCreateLogout decodes the detail',
      call: (c) => authCreateLogout(c),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/logout`, headers: ACCEPT }],
      reply: () => jsonResponse(200, { detail: 'Successfully logged out.' }),
      result: E.right({ detail: 'Successfully logged out.' }),
    },
    {
      name: 'authCreateRegister answers a null key while verification is pending',
      call: (c) =>
        authCreateRegister(c, { registerSerializerExRequest: { username: 'annlee', email: 'ann@example.com', password1: 'long enough', password2: 'long enough' } }),
      sent: [
        {
          method: 'POST',
          url: `${BASE}/api/auth/register`,
          headers: JSON_HEADERS,
          body: '{"username":"annlee","email":"ann@example.com","password1":"long enough","password2":"long enough"}',
        },
      ],
      reply: () => jsonResponse(201, { username: 'annlee', email: 'ann@example.com', first_name: '', last_name: '', email_verification_required: true, key: null }),
      result: E.right({ username: 'annlee', email: 'ann@example.com', first_name: '', last_name: '', email_verification_required: true, key: null }),
    },
    {
      name: 'authCreatePasswordChange',
      call: (c) => authCreatePasswordChange(c, { passwordChangeRequest: { old_password: PASSWORD, new_password1: 'new and long', new_password2: 'new and long' } }),
      sent: [
        {
          method: 'POST',
          url: `${BASE}/api/auth/password/change`,
          headers: JSON_HEADERS,
          body: JSON.stringify({ old_password: PASSWORD, new_password1: 'new and long', new_password2: 'new and long' }),
        },
      ],
      reply: () => jsonResponse(200, ok),
      result: E.right(ok),
    },
    {
      name: 'authCreatePasswordReset',
      call: (c) => authCreatePasswordReset(c, { passwordResetSerializerExRequest: { email: 'ann@example.com' } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/password/reset`, headers: JSON_HEADERS, body: '{"email":"ann@example.com"}' }],
      reply: () => jsonResponse(200, { detail: 'Password reset e-mail has been sent.' }),
      result: E.right({ detail: 'Password reset e-mail has been sent.' }),
    },
    {
      name: 'authCreatePasswordResetConfirm',
      call: (c) =>
        authCreatePasswordResetConfirm(c, { passwordResetConfirmRequest: { uid: 'MTA', token: 'c2a-6f1e', new_password1: 'new and long', new_password2: 'new and long' } }),
      sent: [
        {
          method: 'POST',
          url: `${BASE}/api/auth/password/reset/confirm`,
          headers: JSON_HEADERS,
          body: '{"new_password1":"new and long","new_password2":"new and long","uid":"MTA","token":"c2a-6f1e"}',
        },
      ],
      reply: () => jsonResponse(200, { detail: 'Password has been reset with the new password.' }),
      result: E.right({ detail: 'Password has been reset with the new password.' }),
    },
    {
      name: 'authCreateSigning decodes the signed URL (a JSON string)',
      call: (c) => authCreateSigning(c, { signingRequest: { url: `${BASE}/api/tasks/1/data` } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/signing`, headers: JSON_HEADERS, body: JSON.stringify({ url: `${BASE}/api/tasks/1/data` }) }],
      reply: () => jsonResponse(200, `${BASE}/api/tasks/1/data?sign=abc`),
      result: E.right(`${BASE}/api/tasks/1/data?sign=abc`),
    },
    {
      name: 'authCreateSigning on a 2.46+ server is a 404 StatusError',
      call: (c) => authCreateSigning(c, { signingRequest: { url: `${BASE}/x` } }),
      sent: [{ method: 'POST', url: `${BASE}/api/auth/signing`, headers: JSON_HEADERS, body: JSON.stringify({ url: `${BASE}/x` }) }],
      reply: () => textResponse(404, '<h1>Not Found</h1>'),
      result: E.left({ _tag: 'StatusError', method: 'POST', url: `${BASE}/api/auth/signing`, status: 404, statusText: '', headers: { 'content-type': 'text/html' }, body: { _tag: 'Text', text: '<h1>Not Found</h1>' } }),
    },
    {
      name: 'authRetrieveRules accepts the bundle without reading it',
      call: (c) => authRetrieveRules(c),
      sent: [{ method: 'GET', url: `${BASE}/api/auth/rules`, headers: ACCEPT }],
      reply: () => new Response(new Uint8Array([0x1f, 0x8b, 8, 0]), { status: 200, headers: { 'content-type': 'application/x-tar' } }),
      result: E.right(undefined),
    },
    {
      name: 'a body that is not the schema is refused before sending',
      call: (c) => authCreatePasswordReset(c, { passwordResetSerializerExRequest: {} as never }),
      sent: [],
      result: E.left({
        _tag: 'RequestError',
        method: 'POST',
        url: '/api/auth/password/reset',
        message: `passwordResetSerializerExRequest: ${drawn(PasswordResetSerializerExRequest.decode({}))}`,
      }),
    },
    {
      name: 'a password-bearing body that is not the schema is refused without quoting a value',
      call: (c) => authCreatePasswordChange(c, { passwordChangeRequest: { old_password: PASSWORD, new_password1: 31415926535 as never, new_password2: 'x' } }),
      sent: [],
      result: E.left({
        _tag: 'RequestError',
        method: 'POST',
        url: '/api/auth/password/change',
        message: 'passwordChangeRequest: required property "new_password1"\n└─ cannot decode "<secret>", should be string (1..256 characters)',
      }),
    },
  ])
})

describe('login', () => {
  const token = 'f'.repeat(40)

  it('answers the client authenticated with the returned token', async () => {
    const { fetch, sent } = recordingFetch((s) =>
      s.url.endsWith('/login') ? jsonResponse(200, { key: token }) : jsonResponse(200, { url: `${BASE}/api/users/1`, id: 1, username: 'admin1', groups: ['admin'] }),
    )
    const result = await login(createClient({ baseUrl: BASE, fetch }), { username: 'admin1', password: PASSWORD })()
    const self = E.isRight(result) ? await usersRetrieveSelf(result.right)() : result
    expect({ sent, self }).toEqual({
      sent: [
        { method: 'POST', url: `${BASE}/api/auth/login`, headers: JSON_HEADERS, body: JSON.stringify({ username: 'admin1', password: PASSWORD }) },
        { method: 'GET', url: `${BASE}/api/users/self`, headers: { ...ACCEPT, authorization: `Token ${token}` } },
      ],
      self: E.right({ url: `${BASE}/api/users/1`, id: 1, username: 'admin1', groups: ['admin'] }),
    })
  })

  it('logs in by e-mail', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, { key: token }))
    const result = await login(createClient({ baseUrl: BASE, fetch }), { email: 'admin1@cvat.org', password: PASSWORD })()
    expect({ sent, right: E.isRight(result) }).toEqual({
      sent: [{ method: 'POST', url: `${BASE}/api/auth/login`, headers: JSON_HEADERS, body: JSON.stringify({ email: 'admin1@cvat.org', password: PASSWORD }) }],
      right: true,
    })
  })

  it('a wrong password is a StatusError carrying CVAT message, never the password', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }).map((s) => `Pw~${s}`), async (password) => {
        const { fetch } = recordingFetch(() => jsonResponse(400, { non_field_errors: ['Unable to log in with provided credentials.'] }))
        const result = await login(createClient({ baseUrl: BASE, fetch }), { username: 'admin1', password })()
        expect(result).toEqual(
          E.left({
            _tag: 'StatusError',
            method: 'POST',
            url: `${BASE}/api/auth/login`,
            status: 400,
            statusText: '',
            headers: { 'content-type': 'application/vnd.cvat+json' },
            body: { _tag: 'FieldErrors', fields: { non_field_errors: ['Unable to log in with provided credentials.'] } },
          }),
        )
        expect(JSON.stringify(result).includes(JSON.stringify(password).slice(1, -1))).toBe(false)
        expect(formatError(E.isLeft(result) ? result.left : (undefined as never))).not.toContain(password)
      }),
      { numRuns: 100 },
    )
  })

  it('refuses credentials without a username or e-mail, sending nothing', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, { key: token }))
    const result = await login(createClient({ baseUrl: BASE, fetch }), { password: PASSWORD } as never)()
    expect({ sent, result }).toEqual({
      sent: [],
      result: E.left({ _tag: 'RequestError', method: 'POST', url: '/api/auth/login', message: 'login needs a username or an email, and a password' }),
    })
  })

  it('never quotes a password, of any type, that the schema refuses (plain JavaScript callers)', async () => {
    // Secrets that fail the codec whatever its length rules: numbers, arrays, objects.
    const marked = fc.string({ minLength: 1 }).map((s) => `Zq${s}`)
    const secret = fc.oneof(
      fc.integer({ min: 1_000_000 }),
      fc.array(marked, { minLength: 1, maxLength: 3 }),
      marked.map((s) => ({ secret: s })),
    )
    await fc.assert(
      fc.asyncProperty(secret, async (value) => {
        const { fetch, sent } = recordingFetch(() => emptyResponse(500))
        const client = createClient({ baseUrl: BASE, fetch })
        const results = await Promise.all([
          login(client, { username: 'admin1', password: value as never })(),
          authCreatePasswordChange(client, { passwordChangeRequest: { old_password: 'x', new_password1: value as never, new_password2: value as never } })(),
          authCreatePasswordResetConfirm(client, { passwordResetConfirmRequest: { uid: 'u', token: value as never, new_password1: 'p', new_password2: 'p' } })(),
          authCreateRegister(client, { registerSerializerExRequest: { username: 'annlee', password1: value as never, password2: 'p' } })(),
        ])
        expect(sent).toEqual([])
        for (const r of results) {
          expect(r._tag).toBe('Left')
          const text = JSON.stringify(r)
          const shown = typeof value === 'number' ? [String(value)] : Array.isArray(value) ? value : [value.secret]
          for (const s of shown) expect(text.includes(JSON.stringify(s).slice(1, -1))).toBe(false)
        }
      }),
      { numRuns: 100 },
    )
  })
})
