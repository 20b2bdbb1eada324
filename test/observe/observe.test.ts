// observe(): what each request reports, in order, and what it never reports (credentials,
// headers, bodies unless asked), through retry and timeout, with an injected fetch.
import { pipe } from 'fp-ts/function'
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type RequestEvent, basicAuth, createClient, invitationsList, observe, request, retry, signatureAuth, timeout, tokenAuth, withJsonBody } from '../../src/index'
import { emptyResponse, jsonResponse, recordingFetch, textResponse } from '../helpers/fetch'

const ticking = () => {
  let t = 0
  return () => (t += 5)
}

describe('observe', () => {
  it('reports start, end and each retry with its attempt number, and never a credential', async () => {
    const replies = [emptyResponse(503), jsonResponse(200, { count: 0, next: null, previous: null, results: [] })]
    const { fetch } = recordingFetch(() => replies.shift()!)
    const events: RequestEvent[] = []
    const cvat = pipe(createClient({ baseUrl: 'https://cvat.example', fetch }), tokenAuth('s3cret-token'), observe((e) => events.push(e), { now: ticking() }), retry({ random: () => 0 }))
    const page = await invitationsList(cvat, { org: 'acme', pageSize: 5 })()
    expect(E.isRight(page)).toBe(true)
    const url = '/api/invitations?org=acme&page_size=5'
    expect(events).toEqual([
      { type: 'start', method: 'GET', url, attempt: 1 },
      { type: 'end', method: 'GET', url, attempt: 1, status: 503, durationMs: 5 },
      { type: 'retry', method: 'GET', url, attempt: 2 },
      { type: 'end', method: 'GET', url, attempt: 2, status: 200, durationMs: 5 },
    ])
    expect(JSON.stringify(events)).not.toContain('s3cret')
  })

  it('reports a timeout when it sits outside `timeout`, and a transport failure as an error', async () => {
    const hanging = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))))) as typeof fetch
    const events: RequestEvent[] = []
    const slow = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: hanging }), timeout(20), observe((e) => events.push(e), { now: ticking() }))
    await slow(request('DELETE', '/api/invitations/k'))()
    const down = pipe(createClient({ baseUrl: 'http://127.0.0.1:9' }), observe((e) => events.push(e), { now: ticking() }))
    await down(request('GET', '/api/users/self'))()
    expect(events.map((e) => ({ ...e, ...('message' in e ? { message: e.message.split(':')[0] } : {}) }))).toEqual([
      { type: 'start', method: 'DELETE', url: '/api/invitations/k', attempt: 1 },
      { type: 'timeout', method: 'DELETE', url: '/api/invitations/k', attempt: 1, durationMs: 5, ms: 20 },
      { type: 'start', method: 'GET', url: '/api/users/self', attempt: 1 },
      { type: 'error', method: 'GET', url: '/api/users/self', attempt: 1, durationMs: 5, message: 'TransportError' },
    ])
  })

  it('reports bodies only when asked, with credential fields redacted; a signed URL is redacted', async () => {
    const replies = [jsonResponse(200, { key: 'tok-123456' }), textResponse(502, '<html>bad gateway</html>')]
    const { fetch } = recordingFetch(() => replies.shift()!)
    const events: RequestEvent[] = []
    const base = createClient({ baseUrl: 'https://cvat.example', fetch })
    const login = withJsonBody({ username: 'olga', password: 'pa55word!' })(request('POST', '/api/auth/login'))
    await observe((e) => events.push(e), { bodies: true, now: ticking() })(base)(login)()
    await pipe(base, observe((e) => events.push(e), { now: ticking() }), signatureAuth('sig-abcdef'))(request('GET', '/api/invitations'))()
    expect(events).toEqual([
      { type: 'start', method: 'POST', url: '/api/auth/login', attempt: 1, requestBody: '{"username":"olga","password":"[redacted]"}' },
      { type: 'end', method: 'POST', url: '/api/auth/login', attempt: 1, status: 200, durationMs: 5, responseBody: '{"key":"[redacted]"}' },
      { type: 'start', method: 'GET', url: '/api/invitations?sign=[redacted]', attempt: 1 },
      { type: 'end', method: 'GET', url: '/api/invitations?sign=[redacted]', attempt: 1, status: 502, durationMs: 5 },
    ])
  })

  it('a throwing observer never fails the request', async () => {
    const { fetch } = recordingFetch(() => emptyResponse(204))
    const cvat = pipe(createClient({ fetch }), observe(() => { throw new Error('observer bug') }))
    const req = request('DELETE', '/api/invitations/k')
    expect(await cvat(req)()).toEqual(E.right({ status: 204, statusText: '', headers: {}, body: '', url: 'http://localhost/api/invitations/k', request: req }))
  })

  it('no password, token or basic credential ever appears in any event, bodies on or off', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 6 }).filter((s) => /^[\x21-\x7e]+$/.test(s) && !/[\\"]/.test(s)), fc.boolean(), async (secret, bodies) => {
        const { fetch } = recordingFetch(() => jsonResponse(200, { key: secret, token: secret, nested: [{ password: secret }] }))
        const events: RequestEvent[] = []
        const cvat = pipe(createClient({ fetch }), observe((e) => events.push(e), { bodies }), basicAuth({ username: 'u', password: secret }))
        await cvat(withJsonBody({ password: secret, new_password1: secret, access_token: secret })(request('POST', '/api/auth/password/change')))()
        expect(events.length).toBe(2)
        expect(JSON.stringify(events)).not.toContain(secret)
      }),
      { numRuns: 50 },
    )
  })
})
