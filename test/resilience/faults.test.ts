// Faults over real sockets on 127.0.0.1: each ends in the right Either, and nothing rejects.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient, invitationsCreate, invitationsList, invitationsRetrieve, retry, timeout, withSignal } from '../../src/index'
import { invitation, page } from '../helpers/samples'
import { type Handler, type Scripted, delayed, json, raw, scriptedServer } from '../helpers/server'

let server: Scripted | undefined
const serve = async (...script: Handler[]) => (server = await scriptedServer(script))
afterEach(async () => {
  await server?.close()
  server = undefined
})

const fast = { baseDelay: 5, maxDelay: 20 } // keep backoff short in tests; Retry-After is honoured as sent
const timed = async <A>(task: () => Promise<A>) => {
  const start = performance.now()
  const result = await task()
  return { result, ms: performance.now() - start }
}

describe('transport faults', () => {
  it('a connection reset mid-body is a TransportError', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.cvat+json', 'content-length': '100000' })
      res.write('{"count": 1, "results": [')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const r = await invitationsList(createClient({ baseUrl: s.url }))()
    expect(r).toMatchObject(E.left({ _tag: 'TransportError', method: 'GET', url: `${s.url}/api/invitations` }))
  })

  it('a close without any response is a TransportError', async () => {
    const s = await serve((req) => req.socket.destroy())
    const r = await invitationsRetrieve(createClient({ baseUrl: s.url }), { key: 'k' })()
    expect(r).toMatchObject(E.left({ _tag: 'TransportError', url: `${s.url}/api/invitations/k` }))
  })

  it('headers slower than the timeout: TimeoutError, and the server sees the connection close', async () => {
    const s = await serve(delayed(2000, json(200, page([]))))
    const { result, ms } = await timed(invitationsList(pipe(createClient({ baseUrl: s.url }), timeout(150))))
    expect(result).toEqual(E.left({ _tag: 'TimeoutError', method: 'GET', url: `${s.url}/api/invitations`, ms: 150 }))
    expect(ms).toBeLessThan(1000)
    await new Promise((r) => setTimeout(r, 50))
    expect(s.requests.map((r) => r.closedEarly)).toEqual([true])
  })

  it('a body slower than the timeout is a TimeoutError too', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.cvat+json' })
      res.write('{"count": 0,')
      const t = setTimeout(() => res.end('"results": []}'), 2000)
      res.on('close', () => clearTimeout(t))
    })
    const r = await invitationsList(pipe(createClient({ baseUrl: s.url }), timeout(150)))()
    expect(r).toMatchObject(E.left({ _tag: 'TimeoutError', ms: 150 }))
  })
})

describe('retry', () => {
  it('503, 503, 200 succeeds after 3 requests', async () => {
    const s = await serve(json(503, { detail: 'busy' }), json(503, { detail: 'busy' }), json(200, page([invitation])))
    const r = await invitationsList(pipe(createClient({ baseUrl: s.url }), retry(fast)))()
    expect(r).toEqual(E.right(page([invitation])))
    expect(s.requests.length).toBe(3)
  })

  it('gives up after the limit with the last StatusError', async () => {
    const s = await serve(json(502, { detail: 'bad gateway' }))
    const r = await invitationsList(pipe(createClient({ baseUrl: s.url }), retry(fast)))()
    expect(r).toMatchObject(E.left({ _tag: 'StatusError', status: 502 }))
    expect(s.requests.length).toBe(3)
  })

  it('429 with Retry-After: 1 waits at least one second', async () => {
    const s = await serve(json(429, { detail: 'Request was throttled. Expected available in 1 seconds.' }, { 'retry-after': '1' }), json(200, page([])))
    const { result, ms } = await timed(invitationsList(pipe(createClient({ baseUrl: s.url }), retry(fast))))
    expect(result).toEqual(E.right(page([])))
    expect(ms).toBeGreaterThanOrEqual(1000)
    expect(s.requests.length).toBe(2)
  })

  it('Retry-After as an HTTP-date is honoured', async () => {
    const at = new Date(Date.now() + 1500).toUTCString()
    const s = await serve(json(503, 'down', { 'retry-after': at }), json(200, page([])))
    const { result, ms } = await timed(invitationsList(pipe(createClient({ baseUrl: s.url }), retry(fast))))
    expect(result).toEqual(E.right(page([])))
    expect(ms).toBeGreaterThanOrEqual(400)
  })

  it('a Retry-After beyond maxRetryAfter gives up at once with the StatusError', async () => {
    const s = await serve(json(429, { detail: 'Request was throttled. Expected available in 3600 seconds.' }, { 'retry-after': '3600' }))
    const { result, ms } = await timed(invitationsList(pipe(createClient({ baseUrl: s.url }), retry({ ...fast, maxRetryAfter: 60 }))))
    expect(result).toMatchObject(E.left({ _tag: 'StatusError', status: 429, retryAfter: 3600 }))
    expect(ms).toBeLessThan(500)
    expect(s.requests.length).toBe(1)
  })

  it('a POST answered 500 reaches the server exactly once', async () => {
    const s = await serve(json(500, 'Email backend is not configured.'))
    const r = await invitationsCreate(pipe(createClient({ baseUrl: s.url }), retry(fast)), { org: 'a', invitationWriteRequest: { role: 'worker', email: 'a@b.co' } })()
    expect(r).toMatchObject(E.left({ _tag: 'StatusError', status: 500, body: { _tag: 'Message', message: 'Email backend is not configured.' } }))
    expect(s.requests.length).toBe(1)
  })

  it('a POST answered 429 is retried (the server did not process it)', async () => {
    const s = await serve(json(429, { detail: 'throttled' }, { 'retry-after': '0' }), json(201, invitation))
    const r = await invitationsCreate(pipe(createClient({ baseUrl: s.url }), retry(fast)), { org: 'a', invitationWriteRequest: { role: 'worker', email: 'a@b.co' } })()
    expect(r).toEqual(E.right(invitation))
    expect(s.requests.map((q) => q.method)).toEqual(['POST', 'POST'])
  })

  it('a GET is retried after a dropped connection', async () => {
    const s = await serve((req) => req.socket.destroy(), json(200, page([])))
    expect(await invitationsList(pipe(createClient({ baseUrl: s.url }), retry(fast)))()).toEqual(E.right(page([])))
    expect(s.requests.length).toBe(2)
  })

  it('timeout inside retry bounds each attempt', async () => {
    const s = await serve(delayed(1000, json(200, page([]))), json(200, page([invitation])))
    const client = pipe(createClient({ baseUrl: s.url }), timeout(100), retry(fast))
    expect(await invitationsList(client)()).toEqual(E.right(page([invitation])))
    expect(s.requests.length).toBe(2)
  })

  it('timeout outside retry bounds the whole call and cuts the wait short', async () => {
    const s = await serve(json(503, 'down', { 'retry-after': '5' }))
    const { result, ms } = await timed(invitationsList(pipe(createClient({ baseUrl: s.url }), retry(fast), timeout(200))))
    expect(result).toEqual(E.left({ _tag: 'TimeoutError', method: 'GET', url: `${s.url}/api/invitations`, ms: 200 }))
    expect(ms).toBeLessThan(1000)
    expect(s.requests.length).toBe(1)
  })
})

describe('withSignal', () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

  it('an abort during the request resolves promptly with TransportError', async () => {
    const s = await serve(delayed(5000, json(200, page([]))))
    const ctl = new AbortController()
    setTimeout(() => ctl.abort(), 100)
    const { result, ms } = await timed(invitationsList(pipe(createClient({ baseUrl: s.url }), withSignal(ctl.signal))))
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: `${s.url}/api/invitations`, message: 'the request was aborted' }))
    expect(ms).toBeLessThan(1000)
    await new Promise((r) => setTimeout(r, 50))
    expect(s.requests[0]?.closedEarly).toBe(true)
  })

  it('an abort during a retry wait resolves promptly and leaves no timer behind', async () => {
    const s = await serve(json(503, 'down', { 'retry-after': '30' }))
    const before = timers()
    const ctl = new AbortController()
    setTimeout(() => ctl.abort(), 150)
    const { result, ms } = await timed(invitationsList(pipe(createClient({ baseUrl: s.url }), retry(fast), withSignal(ctl.signal))))
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: `${s.url}/api/invitations`, message: 'the request was aborted' }))
    expect(ms).toBeLessThan(1000)
    expect(timers()).toBeLessThanOrEqual(before)
  })

  it('an already aborted signal sends nothing', async () => {
    const s = await serve(json(200, page([])))
    const r = await invitationsList(pipe(createClient({ baseUrl: s.url }), withSignal(AbortSignal.abort())))()
    expect(r).toMatchObject(E.left({ _tag: 'TransportError', message: 'the request was aborted' }))
    expect(s.requests.length).toBe(0)
  })
})

describe('bodies', () => {
  it('2xx with malformed JSON is a DecodeError keeping the body', async () => {
    const s = await serve(raw(200, '{"count": 1, "results": [', { 'content-type': 'application/vnd.cvat+json' }))
    const r = await invitationsList(createClient({ baseUrl: s.url }))()
    expect(r).toMatchObject(E.left({ _tag: 'DecodeError', status: 200, body: '{"count": 1, "results": [' }))
  })

  it('2xx with an empty body is a DecodeError', async () => {
    const s = await serve(raw(200, ''))
    expect(await invitationsRetrieve(createClient({ baseUrl: s.url }), { key: 'k' })()).toMatchObject(
      E.left({ _tag: 'DecodeError', message: 'expected JSON: the body is empty', body: '' }),
    )
  })

  it('an HTML 502 from a proxy is a StatusError with the page kept', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>'
    const s = await serve(raw(502, html, { 'content-type': 'text/html' }))
    expect(await invitationsList(createClient({ baseUrl: s.url }))()).toEqual(
      E.left({ _tag: 'StatusError', method: 'GET', url: `${s.url}/api/invitations`, status: 502, statusText: 'Bad Gateway', body: { _tag: 'Text', text: html }, headers: expect.objectContaining({ 'content-type': 'text/html' }) }),
    )
  })

  it('a 10 MB page decodes whole', async () => {
    const results = Array.from({ length: 28_000 }, (_, i) => ({ ...invitation, key: `k${i}` }))
    const body = JSON.stringify(page(results))
    expect(body.length).toBeGreaterThan(10_000_000)
    const s = await serve(raw(200, body, { 'content-type': 'application/vnd.cvat+json' }))
    const r = await invitationsList(createClient({ baseUrl: s.url }))()
    expect(E.isRight(r) && r.right.results.length).toBe(28_000)
  })

  it('a 10 MB error page is kept as a 4 KiB excerpt in the StatusError', async () => {
    const s = await serve(raw(500, 'x'.repeat(10 * 1024 * 1024), { 'content-type': 'text/plain' }))
    const r = await invitationsList(createClient({ baseUrl: s.url }))()
    expect(E.isLeft(r) && r.left._tag === 'StatusError' && r.left.body).toEqual({ _tag: 'Text', text: `${'x'.repeat(4096)}… [${10 * 1024 * 1024 - 4096} more characters]` })
  })
})

describe('retry never repeats a POST the server may have processed', () => {
  it('a POST whose connection drops is not retried', async () => {
    const s = await serve((req) => req.socket.destroy(), json(201, invitation))
    const r = await invitationsCreate(pipe(createClient({ baseUrl: s.url }), retry(fast)), { org: 'a', invitationWriteRequest: { role: 'worker', email: 'a@b.co' } })()
    expect(r).toMatchObject(E.left({ _tag: 'TransportError' }))
    expect(s.requests.length).toBe(1)
  })
})
