// A hostile server over real sockets on 127.0.0.1: bodies that nest, inflate or never end, text
// that drives terminals, credentials echoed back. Every call resolves to an Either, bounded.
import { type AddressInfo, createServer } from 'node:net'
import { gzipSync } from 'node:zlib'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { type CvatError, basicAuth, createClient, formatError, invitationsCreate, invitationsList, invitationsRetrieve, signatureAuth, tokenAuth } from '../../src/index'
import { invitation, page } from '../helpers/samples'
import { type Handler, json, raw } from '../helpers/server'
import { leftOf, printed, useScriptedServers } from '../helpers/hostile'

const serve = useScriptedServers()

const DEEP = '['.repeat(100_000) + ']'.repeat(100_000)

describe('bodies that nest, inflate or never end', () => {
  it('a 2xx nested 100 000 deep is a DecodeError (it made the Task reject), with a bounded message and body', async () => {
    const s = await serve(raw(200, DEEP, { 'content-type': 'application/json' }))
    const e = leftOf(await invitationsList(createClient({ baseUrl: s.url }))())
    expect(e).toEqual({
      _tag: 'DecodeError',
      method: 'GET',
      url: `${s.url}/api/invitations`,
      status: 200,
      message: `PaginatedInvitationReadList: cannot decode ${'['.repeat(16)}"…"${']'.repeat(16)}, should be Record<string, unknown>`,
      body: `${'['.repeat(4096)}… [${200_000 - 4096} more characters]`,
    })
    expect(formatError(e).length).toBeLessThan(700)
  })

  it('a 4xx nested 100 000 deep is a StatusError that formatError renders (it threw)', async () => {
    const s = await serve(raw(400, DEEP, { 'content-type': 'application/json' }))
    const e = leftOf(await invitationsRetrieve(createClient({ baseUrl: s.url }), { key: 'k' })())
    expect(e).toMatchObject({ _tag: 'StatusError', status: 400, body: { _tag: 'Text', text: `${'['.repeat(4096)}… [${200_000 - 4096} more characters]` } })
    expect(formatError(e)).toBe(`StatusError: GET ${s.url}/api/invitations/k → 400 Bad Request: ${'['.repeat(300)}…`)
  })

  it('a 300 KB gzip inflating to 256 MiB stops at maxResponseBytes (default 64 MiB)', async () => {
    const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024, 32), { level: 9 })
    expect(bomb.length).toBeLessThan(300_000)
    const s = await serve(raw(200, bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' }))
    for (const [options, limit] of [[{}, 64 * 1024 * 1024], [{ maxResponseBytes: 1_000_000 }, 1_000_000]] as const) {
      expect(await invitationsList(createClient({ baseUrl: s.url, ...options }))()).toEqual(
        E.left({ _tag: 'ResponseTooLargeError', method: 'GET', url: `${s.url}/api/invitations`, status: 200, limit }),
      )
    }
  }, 30_000)

  it('an endless body ends in ResponseTooLargeError, and the connection is closed', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' })
      const chunk = Buffer.alloc(65_536, 120)
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump)
      }
      pump()
    })
    const r = await invitationsList(createClient({ baseUrl: s.url, maxResponseBytes: 2_000_000 }))()
    expect(r).toEqual(E.left({ _tag: 'ResponseTooLargeError', method: 'GET', url: `${s.url}/api/invitations`, status: 500, limit: 2_000_000 }))
    await expect.poll(() => s.requests[0]?.closedEarly).toBe(true)
  })

  it('240 KB of "<" in a 502 page formats in well under a second (it took 20 s)', async () => {
    const s = await serve(raw(502, '<'.repeat(240_000), { 'content-type': 'text/html' }))
    const e = leftOf(await invitationsList(createClient({ baseUrl: s.url }))())
    const start = performance.now()
    const line = formatError(e)
    expect(performance.now() - start).toBeLessThan(100)
    expect(line).toBe(`StatusError: GET ${s.url}/api/invitations → 502 Bad Gateway: ${'<'.repeat(300)}…`)
  })

  it('terminal escapes and bidi overrides in detail and status text are neutralised', async () => {
    // node:http refuses such a status text, so this server writes HTTP by hand.
    const body = JSON.stringify({ detail: 'no\u001b[2J\u0000 access \u202Etxt.exe' })
    const server = createServer((socket) =>
      socket.once('data', () =>
        socket.end(`HTTP/1.1 403 Forbidden\u001b]0;owned\u0007\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`),
      ),
    )
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const e = leftOf(await invitationsList(createClient({ baseUrl: url }))())
      expect(formatError(e)).toBe(`StatusError: GET ${url}/api/invitations → 403 Forbidden\\u001b]0;owned\\u0007: no\\u001b[2J\\u0000 access \\u202etxt.exe`)
    } finally {
      server.close()
    }
  })

  it('keeps the x-request-id a proxy sends, and bounded, redacted headers', async () => {
    const s = await serve(raw(502, 'bad gateway', { 'x-request-id': 'req-7f3a', 'set-cookie': 'sessionid=abcdef123; Path=/' }))
    const e = leftOf(await invitationsList(createClient({ baseUrl: s.url }))())
    expect(e).toMatchObject({ _tag: 'StatusError', requestId: 'req-7f3a', headers: { 'x-request-id': 'req-7f3a', 'set-cookie': '[redacted]' } })
    expect(formatError(e)).toBe(`StatusError: GET ${s.url}/api/invitations → 502 Bad Gateway: bad gateway (request id req-7f3a)`)
  })
})

const TOKEN = 'tok_9f8e7d6c5b4a'
const PASSWORD = 'p@ss:wörd/9%'
const SIGN = '7:Yz-aBcDeFgH_iJkLmNoP'

// Django's DEBUG page lists request.META, HTTP_AUTHORIZATION included (it masks only names with
// TOKEN, KEY, SECRET, PASS, SIGNATURE or COOKIE), HTML-escaped.
const djangoDebug: Handler = (req, res) => {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#x27;')
  res.writeHead(500, { 'content-type': 'text/html' })
  res.end(
    `<html><head><title>KeyError at /api/invitations</title></head><body><table>` +
      `<tr><td>HTTP_AUTHORIZATION</td><td class="code"><pre>${esc(`'${req.headers.authorization ?? ''}'`)}</pre></td></tr>` +
      `<tr><td>QUERY_STRING</td><td class="code"><pre>${esc(`'${req.url?.split('?')[1] ?? ''}'`)}</pre></td></tr></table></body></html>`,
  )
}

describe('credentials a server echoes never reach an error', () => {
  const schemes = [
    ['tokenAuth', tokenAuth(TOKEN), [TOKEN]],
    ['basicAuth', basicAuth({ username: 'olga_admin', password: PASSWORD }), [PASSWORD, Buffer.from(`olga_admin:${PASSWORD}`).toString('base64'), `olga_admin:${PASSWORD}`, encodeURIComponent(PASSWORD)]],
    ['signatureAuth', signatureAuth(SIGN), [SIGN, encodeURIComponent(SIGN)]],
  ] as const

  it.each(schemes)('%s: the Django DEBUG 500 page', async (_name, auth, secrets) => {
    const s = await serve(djangoDebug)
    const e = leftOf(await invitationsList(pipe(createClient({ baseUrl: s.url }), auth), { org: 'acme' })())
    expect(e._tag).toBe('StatusError')
    expect(formatError(e)).toBe(`StatusError: GET ${s.url}/api/invitations?org=acme${auth === schemes[2][1] ? '&sign=[redacted]' : ''} → 500 Internal Server Error: KeyError at /api/invitations`)
    for (const secret of secrets) expect(printed(e)).not.toContain(secret)
    expect(printed(e)).toContain('[redacted]')
  })

  it.each(schemes)('%s: a JSON detail echo, and a header echo', async (_name, auth, secrets) => {
    const s = await serve((req, res) => {
      const echo = `${req.headers.authorization ?? ''} ${req.url ?? ''} ${decodeURIComponent(req.url ?? '')}`
      res.writeHead(401, { 'content-type': 'application/json', 'x-echo': echo })
      res.end(JSON.stringify({ detail: `Invalid credentials: ${echo}` }))
    })
    const e = leftOf(await invitationsList(pipe(createClient({ baseUrl: s.url }), auth))())
    expect(e).toMatchObject({ _tag: 'StatusError', status: 401, body: { _tag: 'Detail' } })
    for (const secret of secrets) expect(printed(e)).not.toContain(secret)
  })

  it('pagination links carrying sign, in a 2xx that does not decode', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ...page([{ ...invitation, role: 'boss' }], `http://127.0.0.1/api/invitations?page=2&sign=${encodeURIComponent(SIGN)}`), previous: `http://x${req.url}` }))
    })
    const e = leftOf(await invitationsList(pipe(createClient({ baseUrl: s.url }), signatureAuth(SIGN)))())
    expect(e._tag).toBe('DecodeError')
    for (const secret of [SIGN, encodeURIComponent(SIGN)]) expect(printed(e)).not.toContain(secret)
  })

  it('a password in baseUrl is refused before sending, and appears nowhere', async () => {
    const s = await serve(json(200, page([])))
    const e = leftOf(await invitationsList(createClient({ baseUrl: s.url.replace('http://', 'http://alice:p@ss@') }))())
    expect(e).toEqual({
      _tag: 'RequestError',
      method: 'GET',
      url: `${s.url.replace('http://', 'http://[redacted]@')}/api/invitations`,
      message: 'the URL holds credentials (user:password@): use basicAuth',
    })
    expect(s.requests).toEqual([])
    expect(printed(e)).not.toContain('p@ss')
  })
})

describe('redirects are ours to decide', () => {
  const created = { ...invitation, key: 'new' }

  it('a cross-origin 307 after a POST is a RedirectError: the other origin gets no body and no credential', async () => {
    const other = await serve(json(201, created))
    const s = await serve(raw(307, '', { location: `${other.url}/api/invitations?org=acme` }))
    const client = pipe(createClient({ baseUrl: s.url }), tokenAuth(TOKEN))
    const e = leftOf(await invitationsCreate(client, { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'a@b.co' } })())
    expect(e).toEqual({ _tag: 'RedirectError', method: 'POST', url: `${s.url}/api/invitations?org=acme`, status: 307, reason: 'cross-origin', location: `${other.url}/api/invitations?org=acme` })
    expect(other.requests).toEqual([])
  })

  it('an nginx-style 301 to https://… keeps sign at home, and the Location is redacted', async () => {
    const other = await serve(json(200, page([])))
    const s = await serve((req, res) => {
      res.writeHead(301, { location: `${other.url}${req.url ?? ''}` })
      res.end()
    })
    const e = leftOf(await invitationsList(pipe(createClient({ baseUrl: s.url }), signatureAuth(SIGN)))())
    expect(e).toEqual({ _tag: 'RedirectError', method: 'GET', url: `${s.url}/api/invitations?sign=[redacted]`, status: 301, reason: 'cross-origin', location: `${other.url}/api/invitations?sign=[redacted]` })
    expect(other.requests).toEqual([])
    expect(printed(e)).not.toContain(encodeURIComponent(SIGN))
  })

  it('a same-origin 303 after a POST is followed with a GET, no body, credentials kept', async () => {
    let bodies: string[] = []
    const s = await serve(
      (req, res) => {
        req.on('data', (c: Buffer) => bodies.push(c.toString()))
        req.on('end', () => {
          res.writeHead(303, { location: '/api/invitations/new' })
          res.end()
        })
      },
      (req, res) => {
        req.on('data', (c: Buffer) => bodies.push(c.toString()))
        req.on('end', () => json(200, created)(req, res))
      },
    )
    const client = pipe(createClient({ baseUrl: s.url }), tokenAuth(TOKEN))
    const r = await invitationsCreate(client, { invitationWriteRequest: { role: 'worker', email: 'a@b.co' } })()
    expect(r).toEqual(E.right(created))
    expect(s.requests.map((q) => [q.method, q.url, q.headers.authorization, q.headers['content-type']])).toEqual([
      ['POST', '/api/invitations', `Token ${TOKEN}`, 'application/json'],
      ['GET', '/api/invitations/new', `Token ${TOKEN}`, undefined],
    ])
    expect(bodies).toEqual(['{"role":"worker","email":"a@b.co"}'])
    bodies = []
  })

  it('a same-origin 308 keeps the method and the body', async () => {
    const bodies: string[] = []
    const s = await serve(raw(308, '', { location: '/api/v2/invitations' }), (req, res) => {
      req.on('data', (c: Buffer) => bodies.push(c.toString()))
      req.on('end', () => json(201, created)(req, res))
    })
    const r = await invitationsCreate(createClient({ baseUrl: s.url }), { invitationWriteRequest: { role: 'worker', email: 'a@b.co' } })()
    expect(r).toEqual(E.right(created))
    expect(s.requests.map((q) => [q.method, q.url])).toEqual([['POST', '/api/invitations'], ['POST', '/api/v2/invitations']])
    expect(bodies).toEqual(['{"role":"worker","email":"a@b.co"}'])
  })

  it('a same-origin redirect loop stops after 5 redirects', async () => {
    const s = await serve(raw(302, '', { location: '/api/invitations' }))
    const e = leftOf(await invitationsList(createClient({ baseUrl: s.url }))())
    expect(e).toEqual({ _tag: 'RedirectError', method: 'GET', url: `${s.url}/api/invitations`, status: 302, reason: 'too-many', location: `${s.url}/api/invitations` })
    expect(s.requests).toHaveLength(6)
  })

  it('a 3xx without Location is a StatusError, not a redirect', async () => {
    const s = await serve(raw(304, ''))
    expect(leftOf(await invitationsList(createClient({ baseUrl: s.url }))())).toMatchObject({ _tag: 'StatusError', status: 304 })
  })
})
