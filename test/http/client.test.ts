import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../../src/http/client'
import { request } from '../../src/http/request'
import { recordingFetch } from '../helpers/fetch'

describe('createClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('returns every status as a Right with headers lowercased, the body read and the request it answers', async () => {
    const rec = recordingFetch(() => new Response('{"detail":"x"}', { status: 404, statusText: 'Not Found', headers: { 'X-Thing': 'a' } }))
    const req = request('GET', '/api/x')
    const result = await createClient({ baseUrl: 'https://h', fetch: rec.fetch })(req)()
    expect(result).toEqual(
      E.right({
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-thing': 'a' },
        body: '{"detail":"x"}',
        url: 'https://h/api/x',
        request: req,
      }),
    )
  })

  it('never rejects when fetch throws synchronously', async () => {
    const throwing = (() => {
      throw new Error('boom')
    }) as unknown as typeof fetch
    const result = await createClient({ fetch: throwing })(request('GET', '/api/x'))()
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: 'http://localhost/api/x', message: 'fetch failed' }))
  })

  it('never rejects when reading the body fails, or fetch returns no promise', async () => {
    const brokenBody = (async () => ({ status: 200, statusText: 'OK', headers: new Headers(), text: () => Promise.reject(new TypeError('terminated')) })) as unknown as typeof fetch
    const noPromise = (() => undefined) as unknown as typeof fetch
    const send = (f: typeof fetch) => createClient({ fetch: f })(request('GET', '/api/x'))()
    expect(await send(brokenBody)).toEqual(
      E.left({ _tag: 'TransportError', method: 'GET', url: 'http://localhost/api/x', message: 'the response body could not be read' }),
    )
    expect(await send(noPromise)).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: 'http://localhost/api/x', message: 'fetch failed' }))
  })

  it('reports an abort as TransportError', async () => {
    const ctl = new AbortController()
    ctl.abort()
    const aborting: typeof fetch = (_i, init) =>
      Promise.reject(init?.signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'))
    const result = await createClient({ fetch: aborting })({ ...request('GET', '/api/x'), signal: ctl.signal })()
    expect(result).toEqual(
      E.left({ _tag: 'TransportError', method: 'GET', url: 'http://localhost/api/x', message: 'the request was aborted' }),
    )
  })

  it('uses the global fetch when none is injected, looked up at call time', async () => {
    const rec = recordingFetch(() => new Response('ok', { status: 200 }))
    const client = createClient({ baseUrl: 'https://h' })
    vi.stubGlobal('fetch', rec.fetch)
    const result = await client(request('GET', '/api/x'))()
    expect(E.isRight(result) && result.right.body).toBe('ok')
    expect(rec.sent.map((s) => s.url)).toEqual(['https://h/api/x'])
  })

  it('falls back to cross-fetch where there is no global fetch', async () => {
    vi.stubGlobal('fetch', undefined)
    // Port 9 (discard) on loopback refuses: the point is that a real fetch implementation ran.
    const result = await createClient({ baseUrl: 'http://127.0.0.1:9' })(request('GET', '/api/x'))()
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: 'http://127.0.0.1:9/api/x', message: 'fetch failed (ECONNREFUSED)' }))
  })
})

// An endless body: chunks of 64 KiB for as long as it is read; records whether it was cancelled.
const endless = () => {
  const state = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull: (ctl) => {
      state.pulled++
      ctl.enqueue(new Uint8Array(65_536).fill(120))
    },
    cancel: () => {
      state.cancelled = true
    },
  })
  return { state, stream }
}

describe('maxResponseBytes', () => {
  it('stops reading an endless body at the limit, cancels it, and answers ResponseTooLargeError', async () => {
    const { state, stream } = endless()
    const client = createClient({ baseUrl: 'https://h', fetch: async () => new Response(stream, { status: 200 }), maxResponseBytes: 1_000_000 })
    expect(await client(request('GET', '/api/x'))()).toEqual(
      E.left({ _tag: 'ResponseTooLargeError', method: 'GET', url: 'https://h/api/x', status: 200, limit: 1_000_000 }),
    )
    // 16 chunks pass 1 MB; the stream may have pulled one more ahead of the reader.
    expect(state.cancelled).toBe(true)
    expect(state.pulled).toBeLessThanOrEqual(17)
  })

  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { state, stream } = endless()
    const fetch = async () => new Response(stream, { status: 500, headers: { 'content-length': '2000' } })
    const result = await createClient({ baseUrl: 'https://h', fetch, maxResponseBytes: 1999 })(request('GET', '/api/x'))()
    expect(result).toEqual(E.left({ _tag: 'ResponseTooLargeError', method: 'GET', url: 'https://h/api/x', status: 500, limit: 1999 }))
    expect(state.cancelled).toBe(true)
  })

  it('reads a body of exactly the limit, counting UTF-8 bytes, and defaults to 64 MiB', async () => {
    const body = 'é'.repeat(500) // 1000 bytes
    const at = (limit?: number) =>
      createClient({ baseUrl: 'https://h', fetch: async () => new Response(body), ...(limit === undefined ? {} : { maxResponseBytes: limit }) })(request('GET', '/x'))()
    expect(E.isRight(await at(1000)) && (await at(1000))).toMatchObject(E.right({ body }))
    expect(await at(999)).toMatchObject(E.left({ _tag: 'ResponseTooLargeError', limit: 999 }))
    const { stream } = endless()
    const big = await createClient({ baseUrl: 'https://h', fetch: async () => new Response(stream) })(request('GET', '/x'))()
    expect(big).toMatchObject(E.left({ _tag: 'ResponseTooLargeError', limit: 64 * 1024 * 1024 }))
  })

  it.each([-1, Number.NaN, '10' as unknown as number])('refuses maxResponseBytes %s before sending', async (limit) => {
    const rec = recordingFetch(() => new Response('ok'))
    const result = await createClient({ baseUrl: 'https://h', fetch: rec.fetch, maxResponseBytes: limit })(request('GET', '/x'))()
    expect(result).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: 'https://h/x', message: 'maxResponseBytes must be a number ≥ 0' }))
    expect(rec.sent).toEqual([])
  })
})

describe('what the client refuses to send', () => {
  it.each([
    ['http://alice:p@ss@127.0.0.1:9', 'http://[redacted]@127.0.0.1:9/api/x', 'the URL holds credentials (user:password@): use basicAuth'],
    // Spellings the URL parser, so fetch, reads as user-info: refused all the same, and redacted.
    ['http:\\\\alice:SECRET@127.0.0.1:9', 'http:\\\\[redacted]@127.0.0.1:9/api/x', 'the URL holds credentials (user:password@): use basicAuth'],
    ['http:alice:SECRET@127.0.0.1:9', 'http:[redacted]@127.0.0.1:9/api/x', 'the URL holds credentials (user:password@): use basicAuth'],
    [' ht\ttp:/\n/alice:SECRET@127.0.0.1:9', ' ht\ttp:/\n/[redacted]@127.0.0.1:9/api/x', 'the URL holds credentials (user:password@): use basicAuth'],
    ['http://[::1', 'http://[::1/api/x', 'the URL is not valid'],
    ['not a url', 'not a url/api/x', 'the URL is not valid'],
  ])('%s', async (baseUrl, url, message) => {
    const rec = recordingFetch(() => new Response('ok'))
    expect(await createClient({ baseUrl, fetch: rec.fetch })(request('GET', '/api/x'))()).toEqual(
      E.left({ _tag: 'RequestError', method: 'GET', url, message }),
    )
    expect(rec.sent).toEqual([])
  })

  it('a request whose URL cannot be built (its query throws when read) is a RequestError, not a throw', async () => {
    const rec = recordingFetch(() => new Response('ok'))
    const throwing = new Proxy([], { get: () => { throw new Error('no') } }) as unknown as ReadonlyArray<readonly [string, string]>
    const result = await createClient({ baseUrl: 'https://h', fetch: rec.fetch })({ ...request('GET', '/api/x'), query: throwing })()
    expect(result).toEqual(
      E.left({ _tag: 'RequestError', method: 'GET', url: '/api/x', message: 'a path or query value cannot be encoded in the URL' }),
    )
    expect(rec.sent).toEqual([])
  })

  it('the same request to a client whose options could not be read: a RequestError, not a synchronous throw', async () => {
    const throwing = new Proxy([], { get: () => { throw new Error('no') } }) as unknown as ReadonlyArray<readonly [string, string]>
    const run = async () => createClient(null as never)({ ...request('GET', '/api/x'), query: throwing })()
    expect(await run().catch((e: unknown) => `threw ${String(e)}`)).toEqual(
      E.left({ _tag: 'RequestError', method: 'GET', url: '/api/x', message: 'a path or query value cannot be encoded in the URL' }),
    )
  })
})

describe('TransportError messages are ours, never the runtime text', () => {
  it("the runtime's own fetch, refused by a closed port on 127.0.0.1, gives its cause code", async () => {
    // A port just freed is closed (port 9 would not do: fetch blocks it as a "bad port").
    const server = createServer()
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    const { port } = server.address() as AddressInfo
    await new Promise((ok) => server.close(ok))
    const result = await createClient({ baseUrl: `http://127.0.0.1:${port}` })(request('GET', '/api/x'))()
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: `http://127.0.0.1:${port}/api/x`, message: 'fetch failed (ECONNREFUSED)' }))
  })


  it.each<[string, unknown, string]>([
    ['undici quoting a URL with credentials', new TypeError('Request cannot be constructed from a URL that includes credentials: http://a:SECRET@h/'), 'fetch failed'],
    ['a cause code', new TypeError('fetch failed: SECRET', { cause: { code: 'ECONNREFUSED', message: 'SECRET' } }), 'fetch failed (ECONNREFUSED)'],
    ['a nested cause code', new TypeError('x', { cause: new Error('y', { cause: { code: 'UND_ERR_SOCKET' } }) }), 'fetch failed (UND_ERR_SOCKET)'],
    ['a code that is not a code', Object.assign(new Error('x'), { code: 'http://SECRET' }), 'fetch failed'],
    ['an abort', new DOMException('SECRET', 'AbortError'), 'the request was aborted'],
    ['a string', 'SECRET', 'fetch failed'],
    ['a throwing getter', Object.defineProperty({}, 'name', { get: () => { throw new Error('SECRET') } }), 'fetch failed'],
    // Read once: a getter that answers a code, then anything, cannot smuggle text into the message.
    ['a code getter answering differently each time', Object.defineProperty({}, 'code', { get: ((n = 0) => () => (n++ === 0 ? 'ECONNRESET' : 'http://a:SECRET@h'))() }), 'fetch failed (ECONNRESET)'],
  ])('%s', async (_name, reason, message) => {
    const result = await createClient({ baseUrl: 'https://h', fetch: () => Promise.reject(reason) })(request('GET', '/x'))()
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: 'https://h/x', message }))
  })
})

describe('redirects a runtime hides', () => {
  it('an opaque redirect (browsers, redirect: manual) is a RedirectError saying so', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, statusText: '', headers: new Headers(), body: null, text: async () => '' } as unknown as Response
    let init: RequestInit | undefined
    const result = await createClient({ baseUrl: 'https://h', fetch: async (_u, i) => ((init = i), opaque) })(request('GET', '/x'))()
    expect(result).toEqual(E.left({ _tag: 'RedirectError', method: 'GET', url: 'https://h/x', status: 0, reason: 'opaque', location: '' }))
    expect(init?.redirect).toBe('manual')
  })
})
