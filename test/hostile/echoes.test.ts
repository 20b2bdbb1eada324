// Credentials a server echoes back, in every shape found so far: in a followed or refused
// redirect's Location (raw, re-encoded by the URL parser), in JSON written by Python, in a header
// as UTF-8 bytes read as Latin-1, in a value cut by a drawn DecodeError, under a header name in
// capitals. Hostile servers on 127.0.0.1 and injected fetches; each case failed before its fix,
// and the comment inside says what leaked.
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { type CvatError, type Middleware, type RequestEvent, authCreateLogin, authCreateRegister, createClient, observe, tokenAuth, usersRetrieveSelf } from '../../src/index'
import { type Handler, raw } from '../helpers/server'
import { leftOf, printed, useScriptedServers } from '../helpers/hostile'

const serve = useScriptedServers()

// Every run of 8 characters of a secret: a cut secret leaks its prefix.
const pieces = (s: string): ReadonlyArray<string> => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8))

const TOKEN = 'tok3nS3cretValue42'

describe('a same-origin redirect whose Location echoes the credential', () => {
  // The server's Location was scrubbed only when the redirect was refused; a followed one became
  // the error's url as the server wrote it, and only `sign` and user-info are redacted from URLs.
  const echoing: Handler = (req, res) => {
    const auth = req.headers.authorization ?? ''
    res.writeHead(302, { location: `/api/echo/${encodeURIComponent(auth)}?t=${auth.slice(6)}` }).end()
  }
  const cases: ReadonlyArray<readonly [string, Handler, (url: string) => CvatError]> = [
    [
      'a StatusError',
      raw(401, ''),
      (url) => expect.objectContaining({ _tag: 'StatusError', method: 'GET', url, status: 401, statusText: 'Unauthorized', body: { _tag: 'Empty' } }),
    ],
    ['a DecodeError', raw(200, 'not json'), (url) => ({ _tag: 'DecodeError', method: 'GET', url, status: 200, message: 'expected JSON: the body is not JSON', body: 'not json' })],
    ['a ResponseTooLargeError', raw(200, 'x'.repeat(100)), (url) => ({ _tag: 'ResponseTooLargeError', method: 'GET', url, status: 200, limit: 10 })],
  ]
  it.each(cases)('then %s: the error url is scrubbed', async (_name, last, expected) => {
    const s = await serve(echoing, last)
    const client = pipe(createClient({ baseUrl: s.url, maxResponseBytes: 10 }), tokenAuth(TOKEN))
    const e = leftOf(await usersRetrieveSelf(client)())
    expect(e).toEqual(expected(`${s.url}/api/echo/[redacted]?t=[redacted]`))
    expect(printed(e)).not.toContain(TOKEN)
  })

  it('then too many redirects: the RedirectError url is scrubbed too', async () => {
    const s = await serve(echoing)
    const e = leftOf(await usersRetrieveSelf(pipe(createClient({ baseUrl: s.url }), tokenAuth(TOKEN)))())
    expect(e).toEqual({
      _tag: 'RedirectError',
      method: 'GET',
      url: `${s.url}/api/echo/[redacted]?t=[redacted]`,
      status: 302,
      reason: 'too-many',
      location: `${s.url}/api/echo/[redacted]?t=[redacted]`,
    })
    expect(s.requests).toHaveLength(6)
  })
})

describe('a password a Location echoes raw, which the URL parser re-encodes', () => {
  // The URL parser percent-encodes a space but not a slash, so `pass word/1` became
  // `pass%20word/1`: neither the raw form nor encodeURIComponent's (`pass%20word%2F1`) matched,
  // in the RedirectError's location (447d166 had it) or in a followed redirect's url.
  const PASSWORD = 'Zq7 pass word/1'
  const echo =
    (to: (password: string) => string): Handler =>
    (req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => res.writeHead(302, { location: to((JSON.parse(body) as { password: string }).password) }).end())
    }
  const login = (baseUrl: string) => authCreateLogin(createClient({ baseUrl }), { loginSerializerExRequest: { username: 'ann', password: PASSWORD } })()
  it('is redacted from a refused redirect', async () => {
    const s = await serve(echo((p) => `http://elsewhere.test/next/${p}?again=${p}`))
    const e = leftOf(await login(s.url))
    expect(e).toEqual({ _tag: 'RedirectError', method: 'POST', url: `${s.url}/api/auth/login`, status: 302, reason: 'cross-origin', location: 'http://elsewhere.test/next/[redacted]?again=[redacted]' })
  })
  it('is redacted from a followed one', async () => {
    const s = await serve(echo((p) => `/next/${p}?again=${p}`), raw(401, ''))
    const e = leftOf(await login(s.url))
    expect(e).toEqual(expect.objectContaining({ _tag: 'StatusError', url: `${s.url}/next/[redacted]?again=[redacted]`, status: 401 }))
    for (const form of ['pass%20word', 'pass word', 'word/1']) expect(printed(e)).not.toContain(form)
  })
})

describe('a password echoed in JSON written by Python (json.dumps escapes non-ASCII as \\uXXXX)', () => {
  // Django's JsonResponse (json.dumps, ensure_ascii) writes "pässwort" as "p\u00e4sswort": the
  // body text held no form the scrubber knew, and the parsed `detail` carried the password raw.
  const PASSWORD = 'pässwörd-Zq7-horse ✓ 😀'
  const python = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  it('is redacted from the StatusError, parsed or not', async () => {
    const s = await serve((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        const { password } = JSON.parse(body) as { password: string }
        res.writeHead(400, { 'content-type': 'application/json' }).end(python({ detail: `wrong password ${password}` }))
      })
    })
    const e = leftOf(await authCreateLogin(createClient({ baseUrl: s.url }), { loginSerializerExRequest: { username: 'ann', password: PASSWORD } })())
    expect(e).toEqual(expect.objectContaining({ _tag: 'StatusError', status: 400, body: { _tag: 'Detail', detail: 'wrong password [redacted]' } }))
    const text = printed(e)
    for (const form of [PASSWORD, python(PASSWORD).slice(1, -1), 'horse']) expect(text).not.toContain(form)
  })
})

describe('a password echoed in a response header as its UTF-8 bytes', () => {
  // Header values are bytes; fetch reads them as Latin-1, so "pässwörd" echoed as UTF-8 arrives
  // as "pÃ¤sswÃ¶rd": a form the scrubber did not know, kept in StatusError.headers.
  const PASSWORD = 'pässwörd-Zq7-horse'
  it('is redacted from the StatusError headers', async () => {
    const s = await serve((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        const { password } = JSON.parse(body) as { password: string }
        res.writeHead(400, { 'x-echo': `got ${Buffer.from(password).toString('latin1')}` }).end()
      })
    })
    const e = leftOf(await authCreateLogin(createClient({ baseUrl: s.url }), { loginSerializerExRequest: { username: 'ann', password: PASSWORD } })())
    expect(e).toEqual(expect.objectContaining({ _tag: 'StatusError', status: 400, headers: expect.objectContaining({ 'x-echo': 'got [redacted]' }) }))
    expect(printed(e)).not.toContain('sswÃ¶rd-Zq7')
  })
})

describe('a secret past the 120 characters a drawn value keeps', () => {
  // DecodeError.message draws a value cut at 120 characters and was scrubbed after the cut: a
  // secret across the cut lost its tail, no longer matched, and its first half stayed.
  const PASSWORD = 'Zq7-correct-horse-battery-staple'
  it('is redacted before the value is cut (2xx that does not decode)', async () => {
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      const { password1 } = JSON.parse(String(init?.body)) as { password1: string }
      const echo = { username: 'annie', email_verification_required: `${'x'.repeat(105)}${password1}`, owner: { note: `${'y'.repeat(100)}${password1}` } }
      return new Response(JSON.stringify(echo), { status: 201, headers: { 'content-type': 'application/json' } })
    }
    const client = createClient({ baseUrl: 'http://cvat.test', fetch })
    const e = leftOf(await authCreateRegister(client, { registerSerializerExRequest: { username: 'annie', password1: PASSWORD, password2: PASSWORD } })())
    expect(e).toEqual({
      _tag: 'DecodeError',
      method: 'POST',
      url: 'http://cvat.test/api/auth/register',
      status: 201,
      message: `RegisterSerializerEx: required property "email_verification_required"\n└─ cannot decode "${'x'.repeat(105)}[redacted]", should be boolean`,
      body: JSON.stringify({ username: 'annie', email_verification_required: `${'x'.repeat(105)}[redacted]`, owner: { note: `${'y'.repeat(100)}[redacted]` } }),
    })
    const text = printed(e)
    for (const piece of pieces(PASSWORD)) expect(text).not.toContain(piece)
  })
})

describe("a credential header a hand-made middleware names in capitals", () => {
  // fetch sends `Authorization` as it sends `authorization`, but the secrets were looked up by the
  // lowercase name only: a server echoing the token bare kept it in the StatusError.
  it('is scrubbed from what the server echoes', async () => {
    const s = await serve((req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: `token ${(req.headers.authorization ?? '').slice(7)} is invalid` }))
    })
    const mine: Middleware = (next) => (req) => next({ ...req, headers: { ...req.headers, Authorization: `Bearer ${TOKEN}` } })
    const e = leftOf(await usersRetrieveSelf(mine(createClient({ baseUrl: s.url })))())
    expect(e).toEqual(expect.objectContaining({ _tag: 'StatusError', status: 401, body: { _tag: 'Detail', detail: 'token [redacted] is invalid' } }))
    expect(printed(e)).not.toContain(TOKEN)
  })
})

describe('a password with `"` or `\\` echoed twice-encoded', () => {
  // A gateway that quotes the raw JSON request inside a JSON error string writes the password's
  // JSON escape escaped again (`p\\\"ss` for `p"ss`): a form the scrubber did not know, kept in
  // the StatusError and in observe's event. The same goes for an HTML page quoting that JSON.
  const PASSWORD = 'Zq7"horse\\battery"staple'
  const shapes: ReadonlyArray<readonly [string, (raw: string) => [string, string]]> = [
    ['JSON inside a JSON string', (raw) => ['application/json', JSON.stringify({ detail: `rejected request ${raw}` })]],
    ['JSON inside a JSON string inside a JSON string', (raw) => ['application/json', JSON.stringify({ detail: JSON.stringify({ upstream: `rejected ${raw}` }) })]],
    ['JSON inside an HTML page', (raw) => ['text/html', `<html><body><pre>${raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</pre></body></html>`]],
    ['JSON inside a JSON string inside an HTML page', (raw) => ['text/html', `<pre>${JSON.stringify(raw).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</pre>`]],
  ]
  it.each(shapes)('%s: redacted from the StatusError and the observe event', async (_name, shape) => {
    const s = await serve((req, res) => {
      let raw = ''
      req.on('data', (c: Buffer) => (raw += c.toString()))
      req.on('end', () => {
        const [type, body] = shape(raw)
        res.writeHead(400, { 'content-type': type }).end(body)
      })
    })
    const events: RequestEvent[] = []
    const client = observe((e) => void events.push(e), { bodies: true, now: () => 0 })(createClient({ baseUrl: s.url }))
    const e = leftOf(await authCreateLogin(client, { loginSerializerExRequest: { username: 'ann', password: PASSWORD } })())
    const text = `${printed(e)}\n${JSON.stringify(events)}`
    expect(text).toContain('[redacted]')
    for (const piece of ['horse', 'battery', 'staple']) expect(text).not.toContain(piece)
  })
})
