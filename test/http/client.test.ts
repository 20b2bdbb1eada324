import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../../src/http/client'
import { request } from '../../src/http/request'
import { recordingFetch } from '../helpers/fetch'

describe('createClient', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('returns every status as a Right with headers lowercased and the body read', async () => {
    const rec = recordingFetch(() => new Response('{"detail":"x"}', { status: 404, statusText: 'Not Found', headers: { 'X-Thing': 'a' } }))
    const result = await createClient({ baseUrl: 'https://h', fetch: rec.fetch })(request('GET', '/api/x'))()
    expect(result).toEqual(
      E.right({
        status: 404,
        statusText: 'Not Found',
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-thing': 'a' },
        body: '{"detail":"x"}',
        url: 'https://h/api/x',
      }),
    )
  })

  it('never rejects when fetch throws synchronously', async () => {
    const throwing = (() => {
      throw new Error('boom')
    }) as unknown as typeof fetch
    const result = await createClient({ fetch: throwing })(request('GET', '/api/x'))()
    expect(result).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: 'http://localhost/api/x', message: 'boom' }))
  })

  it('never rejects when reading the body fails, or fetch returns no promise', async () => {
    const brokenBody = (async () => ({ status: 200, statusText: 'OK', headers: new Headers(), text: () => Promise.reject(new TypeError('terminated')) })) as unknown as typeof fetch
    const noPromise = (() => undefined) as unknown as typeof fetch
    const send = (f: typeof fetch) => createClient({ fetch: f })(request('GET', '/api/x'))()
    expect(await send(brokenBody)).toEqual(E.left({ _tag: 'TransportError', method: 'GET', url: 'http://localhost/api/x', message: 'terminated' }))
    expect(await send(noPromise)).toEqual(
      E.left({ _tag: 'TransportError', method: 'GET', url: 'http://localhost/api/x', message: "Cannot read properties of undefined (reading 'then')" }),
    )
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
    expect(result).toMatchObject(E.left({ _tag: 'TransportError', url: 'http://127.0.0.1:9/api/x' }))
    expect(E.isLeft(result) && result.left._tag === 'TransportError' && result.left.message).toMatch(/^request to http:\/\/127.0.0.1:9\/api\/x failed, reason: connect ECONNREFUSED/) // node-fetch wording: cross-fetch ran
  })
})
