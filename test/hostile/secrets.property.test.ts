// Property: whatever the credential (five schemes, any characters they allow) and whatever the
// failure (every error tag), no form of a secret appears in JSON.stringify(e), util.inspect(e) or
// formatError(e). The server is real (127.0.0.1) and echoes what it received in every way it can.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { inspect } from 'node:util'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Client,
  type CvatError,
  type Middleware,
  basicAuth,
  bearerAuth,
  createClient,
  formatError,
  invitationsListAll,
  invitationsResend,
  invitationsRetrieve,
  sessionAuth,
  signatureAuth,
  timeout,
  tokenAuth,
} from '../../src/index'
import { invitation, page } from '../helpers/samples'
import { type Scripted, scriptedServer } from '../helpers/server'

let home: Scripted
let other: Scripted

// Everything the server received, in every form it may echo: raw headers, the raw and decoded
// URL, Basic's decoded credentials.
const echoOf = (req: IncomingMessage): string => {
  const auth = req.headers.authorization ?? ''
  const basic = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : ''
  const url = req.url ?? ''
  let decoded = url
  try {
    decoded = decodeURIComponent(url)
  } catch {}
  return [auth, basic, req.headers.cookie ?? '', req.headers['x-csrftoken'] ?? '', url, decoded].join(' | ')
}

const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1')
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

const scenario = (name: string, req: IncomingMessage, res: ServerResponse): void => {
  const echo = echoOf(req)
  const headers = { 'x-echo': latin1(echo), 'x-request-id': latin1(echo).slice(0, 100), 'content-type': 'application/json' }
  switch (name) {
    case 'detail':
      return void res.writeHead(401, headers).end(JSON.stringify({ detail: echo }))
    case 'fields':
      return void res.writeHead(400, headers).end(JSON.stringify({ email: [echo], role: [echo] }))
    case 'json':
      return void res.writeHead(500, headers).end(JSON.stringify({ echo, nested: { echo } }))
    case 'html':
      return void res.writeHead(500, { ...headers, 'content-type': 'text/html' }).end(`<title>${esc(echo)}</title><pre>${esc(echo)}</pre>`)
    case 'text2xx':
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end(echo)
    case 'json2xx':
      return void res.writeHead(200, headers).end(JSON.stringify({ key: echo, role: echo, owner: { id: echo } }))
    case 'big':
      return void res.writeHead(200, headers).end(echo.repeat(Math.ceil(300_000 / echo.length)))
    case 'redirect':
      return void res.writeHead(307, { location: `${other.url}/x/${encodeURIComponent(echo)}?${req.url?.split('?')[1] ?? ''}&e=${encodeURIComponent(echo)}` }).end()
    case 'hang':
      return
    case 'reset':
      return void req.socket.destroy()
    default:
      // The list: count says 2, one result, no next page: the list changed while it was read.
      return void res.writeHead(200, headers).end(JSON.stringify({ ...page([invitation]), count: 2 }))
  }
}

beforeAll(async () => {
  other = await scriptedServer([(_req, res) => res.writeHead(200).end('{}')])
  home = await scriptedServer([(req, res) => scenario(/^\/api\/invitations\/([a-z0-9]+)/.exec(req.url ?? '')?.[1] ?? 'list', req, res)])
})
afterAll(async () => {
  await Promise.all([home.close(), other.close()])
})

const STATUS = ['detail', 'fields', 'json', 'html'] as const
const ALL_TAGS: ReadonlyArray<CvatError['_tag']> = ['RequestError', 'TransportError', 'TimeoutError', 'StatusError', 'DecodeError', 'ListChangedError', 'ResponseTooLargeError', 'RedirectError']

// Runs every failure a client can meet and returns the errors.
const failures = async (auth: Middleware): Promise<ReadonlyArray<CvatError>> => {
  // Only the request to the server that never answers is meant to time out: 40 ms for it, and
  // room for the rest on a busy machine (40 ms for all of them made every request a
  // TimeoutError under load, and the property failed for the machine, not for a leak).
  const client: Client = pipe(createClient({ baseUrl: home.url, maxResponseBytes: 100_000 }), auth, timeout(10_000))
  const hanging: Client = pipe(createClient({ baseUrl: home.url, maxResponseBytes: 100_000 }), auth, timeout(40))
  // A runtime that quotes the request (URL and headers) in its error text.
  const quoting: Client = pipe(
    createClient({ baseUrl: home.url, fetch: (u, i) => Promise.reject(new TypeError(`cannot send ${String(u)} ${JSON.stringify(i?.headers)}`)) }),
    auth,
  )
  const results = [
    ...(await Promise.all(STATUS.map((key) => invitationsRetrieve(client, { key })()))),
    ...(await Promise.all(STATUS.map((key) => invitationsResend(client, { key })()))),
    ...(await Promise.all(['text2xx', 'json2xx', 'big', 'redirect', 'hang', 'reset', ''].map((key) => invitationsRetrieve(key === 'hang' ? hanging : client, { key })()))),
    await invitationsRetrieve(quoting, { key: 'detail' })(),
    await invitationsListAll(client)(),
  ]
  return results.map((r) => (E.isLeft(r) ? r.left : expect.fail(`expected a Left, got ${JSON.stringify(r)}`)))
}

const printed = (e: CvatError) => [JSON.stringify(e), inspect(e, { depth: null, showHidden: true }), formatError(e)]

// Distinctive (a prefix no fixed text holds), long enough to be told apart, any allowed character.
const secret = (chars: string, min = 8) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: 24 }).map((s) => `Zq7${s}`)
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const PRINTABLE = `${ALNUM}-._~!$&'()*+,;=:@/?%#[]"<>\\^\`{|}`
const COOKIE = `${ALNUM}-._~!$&'()*+:=@/?%#[]<>^\`{|}`
const WIDE = `${PRINTABLE} äöü✓€`

// Every form the secret may take on the wire or in an echo.
const formsOf = (s: string): ReadonlyArray<string> => [s, encodeURIComponent(s), encodeURIComponent(s).replace(/'/g, '%27')]

const schemes: ReadonlyArray<[string, fc.Arbitrary<[Middleware, ReadonlyArray<string>]>]> = [
  ['tokenAuth', secret(PRINTABLE).map((k) => [tokenAuth(k), [...formsOf(k), `Token ${k}`]])],
  ['bearerAuth', secret(PRINTABLE).map((k) => [bearerAuth(k), [...formsOf(k), `Bearer ${k}`]])],
  [
    'basicAuth',
    fc.tuple(secret(ALNUM), secret(WIDE)).map(([username, password]) => [
      basicAuth({ username, password }),
      [...formsOf(password), `${username}:${password}`, Buffer.from(`${username}:${password}`).toString('base64')],
    ]),
  ],
  [
    'sessionAuth',
    fc.tuple(secret(COOKIE), secret(COOKIE)).map(([sessionId, csrfToken]) => [
      sessionAuth({ sessionId, csrfToken }),
      [...formsOf(sessionId), ...formsOf(csrfToken), `sessionid=${sessionId}`, `csrftoken=${csrfToken}`],
    ]),
  ],
  ['signatureAuth', secret(WIDE).map((s) => [signatureAuth(s), formsOf(s)])],
]

describe.each(schemes)('%s: no secret in any form reaches any error', (_name, arb) => {
  it('over every error tag (property, real sockets)', async () => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(arb, async ([auth, secrets]) => {
        const before = home.requests.length
        const errors = await failures(auth)
        // The credentials really travelled: otherwise "absent from the errors" proves nothing.
        const wire = home.requests.slice(before).map((r) => `${Object.values(r.headers).join(' ')} ${r.url}`).join('\n')
        expect(secrets.some((s) => wire.includes(s))).toBe(true)
        for (const e of errors) {
          seen.add(e._tag)
          for (const text of printed(e)) for (const s of secrets) if (text.includes(s)) expect.fail(`${e._tag} shows ${JSON.stringify(s)}: ${text}`)
        }
      }),
      { numRuns: 15 },
    )
    expect([...seen].sort()).toEqual([...ALL_TAGS].sort())
    expect(other.requests).toEqual([])
  }, 60_000)
})
