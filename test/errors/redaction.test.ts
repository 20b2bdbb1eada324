import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { basicAuth, bearerAuth, sessionAuth, signatureAuth, tokenAuth } from '../../src/middleware/auth'
import { type Middleware, createClient } from '../../src/http/client'
import { formatError } from '../../src/errors'
import { sendVoid } from '../../src/endpoint/send'
import { request, withQuery } from '../../src/http/request'
import { invitationsCreate, invitationsList, invitationsRetrieve, timeout } from '../../src/index'
import { type Sent, jsonResponse, recordingFetch, textResponse } from '../helpers/fetch'

const kinds: ReadonlyArray<[string, Middleware, ReadonlyArray<string>]> = [
  ['token', tokenAuth('tok_SECRET_123'), ['tok_SECRET_123']],
  ['bearer', bearerAuth('pat_SECRET_456'), ['pat_SECRET_456']],
  ['basic', basicAuth({ username: 'bob', password: 'pw_SECRET_789' }), ['pw_SECRET_789', btoa('bob:pw_SECRET_789')]],
  ['session', sessionAuth({ sessionId: 'sid_SECRET_abc', csrfToken: 'csrf_SECRET_def' }), ['sid_SECRET_abc', 'csrf_SECRET_def']],
  ['signature', signatureAuth('sign_SECRET_ghi'), ['sign_SECRET_ghi']],
]

// A runtime's error text may quote what it was given: the URL, or a header value it rejected.
const echoing = (s: Sent): never => {
  throw new TypeError(`request to ${s.url} failed; headers ${JSON.stringify(s.headers)}`)
}

const replies: ReadonlyArray<[string, (s: Sent) => Response, string]> = [
  ['StatusError', () => jsonResponse(401, { detail: 'Invalid token.' }, { 'www-authenticate': 'Token' }), 'StatusError'],
  ['DecodeError', () => textResponse(200, 'not json'), 'DecodeError'],
  ['TransportError quoting the request', echoing, 'TransportError'],
]

const hanging = (_s: Sent, signal?: AbortSignal): Promise<Response> =>
  new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))

describe.each(kinds)('%s credentials never appear in errors', (_kind, auth, secrets) => {
  it.each(replies)('%s', async (_name, reply, tag) => {
    const rec = recordingFetch(reply)
    const client = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: rec.fetch }), auth)
    const result = await invitationsList(client, { org: 'acme' })()
    expect(E.isLeft(result) && result.left._tag).toBe(tag)
    // The credential really was sent: otherwise the check below proves nothing.
    expect(JSON.stringify(rec.sent)).toContain(secrets[secrets.length - 1])
    if (E.isRight(result)) return
    for (const secret of secrets) {
      expect(JSON.stringify(result.left)).not.toContain(secret)
      expect(formatError(result.left)).not.toContain(secret)
    }
  })

  it('TimeoutError', async () => {
    const sent: string[] = []
    const fetchHanging: typeof fetch = (input, init) => (sent.push(String(input) + JSON.stringify(init?.headers)), hanging({} as Sent, init?.signal ?? undefined))
    const client = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: fetchHanging }), auth, timeout(10))
    const result = await invitationsList(client, { org: 'acme' })()
    expect(E.isLeft(result) && result.left._tag).toBe('TimeoutError')
    expect(sent.join()).toContain(secrets[secrets.length - 1])
    for (const secret of secrets) {
      expect(JSON.stringify(result)).not.toContain(secret)
      if (E.isLeft(result)) expect(formatError(result.left)).not.toContain(secret)
    }
  })

  it('RequestError', async () => {
    const rec = recordingFetch(echoing)
    const client = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: rec.fetch }), auth)
    const results = [
      await invitationsRetrieve(client, { key: '' })(),
      await invitationsCreate(client, { invitationWriteRequest: { role: 'boss' as never, email: 'a@b.c' } })(),
    ]
    expect(rec.sent).toEqual([])
    for (const r of results) {
      expect(E.isLeft(r) && r.left._tag).toBe('RequestError')
      for (const secret of secrets) {
        expect(JSON.stringify(r)).not.toContain(secret)
        if (E.isLeft(r)) expect(formatError(r.left)).not.toContain(secret)
      }
    }
  })
})

describe('credentials in the base URL', () => {
  it('user-info (even holding @) is refused before sending, and redacted from the error URL', async () => {
    const rec = recordingFetch(() => jsonResponse(500, 'boom'))
    const result = await invitationsList(createClient({ baseUrl: 'https://bob:pw@SECRET@cvat.example', fetch: rec.fetch }))()
    expect(result).toEqual(
      E.left({
        _tag: 'RequestError',
        method: 'GET',
        url: 'https://[redacted]@cvat.example/api/invitations',
        message: 'the URL holds credentials (user:password@): use basicAuth',
      }),
    )
    expect(rec.sent).toEqual([])
  })
})

describe('a sign value holding a lone surrogate', () => {
  it('is scrubbed in the encoded form it was sent in (the surrogate as U+FFFD)', async () => {
    const onWire = 'sg_SECRET_%EF%BF%BD_x'
    const rec = recordingFetch(() => jsonResponse(403, { detail: `bad signature ${onWire}` }))
    const req = withQuery([['sign', 'sg_SECRET_\uD800_x']])(request('GET', '/api/x'))
    expect(await sendVoid(createClient({ baseUrl: 'https://cvat.example', fetch: rec.fetch }), E.right(req))()).toEqual(
      E.left({
        _tag: 'StatusError',
        method: 'GET',
        url: 'https://cvat.example/api/x?sign=[redacted]',
        status: 403,
        statusText: '',
        body: { _tag: 'Detail', detail: 'bad signature [redacted]' },
        headers: { 'content-type': 'application/vnd.cvat+json' },
      }),
    )
    expect(rec.sent.map((s) => s.url)).toEqual([`https://cvat.example/api/x?sign=${onWire}`])
  })
})

describe('a hand-made request whose cookie header is a number', () => {
  it('still has its token scrubbed from an echo', async () => {
    const rec = recordingFetch(() => jsonResponse(401, { detail: 'you sent abc123SECRET' }))
    const req = { ...request('GET', '/api/x'), headers: { authorization: 'Token abc123SECRET', cookie: 12345 as unknown as string } }
    expect(await sendVoid(createClient({ baseUrl: 'https://cvat.example', fetch: rec.fetch }), E.right(req))()).toEqual(
      E.left({
        _tag: 'StatusError',
        method: 'GET',
        url: 'https://cvat.example/api/x',
        status: 401,
        statusText: '',
        body: { _tag: 'Detail', detail: 'you sent [redacted]' },
        headers: { 'content-type': 'application/vnd.cvat+json' },
      }),
    )
  })
})
