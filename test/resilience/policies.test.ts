// Issue 10 §5: every policy is validated and bounded, with the same rules everywhere. A bad
// option is a RequestError on every request (nothing sent); no timer is ever longer than
// 2^31−1 ms (setTimeout fires at once beyond that); `null` and `undefined` mean the default.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type Client, type RetryPolicy, createClient, invitationsList, invitationsRetrieve, organization, retry, timeout, withSignal } from '../../src/index'
import { emptyResponse, jsonResponse, recordingFetch } from '../helpers/fetch'
import { page } from '../helpers/samples'

const MAX_TIMER = 2 ** 31 - 1
const listIn = (client: Client) => invitationsList(client)()
const refused = (message: string) => E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message })
const recorder = (reply: () => Response | Promise<Response> = () => jsonResponse(200, page([]))) => {
  const rec = recordingFetch(reply)
  return { ...rec, client: createClient({ baseUrl: 'http://cvat.test', fetch: rec.fetch }) }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('retry validates its policy', () => {
  it.each([
    [{ limit: NaN }, 'retry limit must be an integer from 0 to 100, got NaN'],
    [{ limit: -1 }, 'retry limit must be an integer from 0 to 100, got -1'],
    [{ limit: 1e9 }, 'retry limit must be an integer from 0 to 100, got 1000000000'],
    [{ limit: 1.5 }, 'retry limit must be an integer from 0 to 100, got 1.5'],
    [{ limit: '3' }, 'retry limit must be an integer from 0 to 100, got "3"'],
    [{ baseDelay: -5 }, 'retry baseDelay must be a number of milliseconds ≥ 0, got -5'],
    [{ maxDelay: NaN }, 'retry maxDelay must be a number of milliseconds ≥ 0, got NaN'],
    [{ maxRetryAfter: -1 }, 'retry maxRetryAfter must be a number of seconds ≥ 0, got -1'],
    [{ random: 0.5 }, 'retry random must be a function, got 0.5'],
    [{ methods: 'GET' }, 'retry methods must be an array, got "GET"'],
    [{ statuses: null }, undefined],
    [{ onRetry: 'log' }, 'retry onRetry must be a function, got "log"'],
  ])('%o', async (policy, message) => {
    const { client, sent } = recorder()
    const r = await listIn(pipe(client, retry(policy as unknown as RetryPolicy)))
    if (message === undefined) expect(r).toEqual(E.right(page([])))
    else {
      expect(r).toEqual(refused(message))
      expect(sent).toEqual([])
    }
  })

  it('retry(null) is refused, as a null options argument is everywhere', async () => {
    const { client, sent } = recorder()
    expect(await listIn(pipe(client, retry(null as unknown as RetryPolicy)))).toEqual(refused('retry policy must be an object, got null'))
    expect(sent).toEqual([])
  })

  it('retry(), { limit: undefined } and { limit: null } are the default policy: at most 3 requests', async () => {
    for (const policy of [undefined, { limit: undefined }, { limit: null }]) {
      const { client, sent } = recorder(() => emptyResponse(503))
      await listIn(pipe(client, retry({ ...(policy ?? {}), baseDelay: 0 } as RetryPolicy)))
      expect(sent.length).toBe(3)
    }
  })

  it('a huge Retry-After with maxRetryAfter Infinity waits at most 2^31−1 ms, never retrying at once', async () => {
    vi.useFakeTimers()
    const { client, sent } = recorder(() => emptyResponse(503, { 'retry-after': '3000000' }))
    const spy = vi.spyOn(globalThis, 'setTimeout')
    const pending = listIn(pipe(client, retry({ limit: 1, maxRetryAfter: Infinity })))
    await vi.advanceTimersByTimeAsync(10)
    expect(sent.length).toBe(1)
    expect(Math.max(...spy.mock.calls.map((c) => Number(c[1] ?? 0)))).toBe(MAX_TIMER)
    await vi.advanceTimersByTimeAsync(MAX_TIMER)
    expect(sent.length).toBe(2)
    await pending
  })

  it('a random() that returns nonsense or throws is a zero jitter, never a rejection', async () => {
    for (const random of [() => NaN, () => -3, () => 7, () => { throw new Error('x') }]) {
      const { client, sent } = recorder(() => emptyResponse(503))
      const r = await listIn(pipe(client, retry({ random, baseDelay: 10, maxDelay: 10 })))
      expect(E.isLeft(r) && r.left._tag).toBe('StatusError')
      expect(sent.length).toBe(3)
    }
  })

  it('onRetry hears attempt, status or error, and delay, with a redacted URL and no credential', async () => {
    const heard: unknown[] = []
    let n = 0
    const { client } = recorder(() => (n++ === 0 ? emptyResponse(503, { 'retry-after': '0' }) : jsonResponse(200, page([]))))
    const cvat = pipe(client, (next): Client => (req) => next({ ...req, headers: { ...req.headers, authorization: 'Token s3cret' }, query: [...req.query, ['sign', 's3cret']] }), retry({ onRetry: (e) => heard.push(e) }))
    expect(await listIn(cvat)).toEqual(E.right(page([])))
    expect(heard).toEqual([{ attempt: 1, method: 'GET', url: 'http://cvat.test/api/invitations?sign=[redacted]', status: 503, delayMs: 0 }])
    expect(JSON.stringify(heard)).not.toContain('s3cret')
  })

  it('a throwing onRetry does not break the call', async () => {
    let n = 0
    const { client } = recorder(() => (n++ === 0 ? emptyResponse(503, { 'retry-after': '0' }) : jsonResponse(200, page([]))))
    expect(await listIn(pipe(client, retry({ onRetry: () => { throw new Error('x') } })))).toEqual(E.right(page([])))
  })
})

describe('timeout validates and bounds its limit', () => {
  it.each([NaN, 0, -1, '50', null])('timeout(%o) is a RequestError on every request, nothing sent', async (ms) => {
    const { client, sent } = recorder()
    expect(await listIn(pipe(client, timeout(ms as number)))).toEqual(
      refused(`timeout must be a number of milliseconds > 0, got ${typeof ms === 'string' ? `"${ms}"` : String(ms)}`),
    )
    expect(sent).toEqual([])
  })

  it.each([Infinity, 2 ** 31, 1e300])('timeout(%d) is clamped to 2^31−1 ms (it does not fire at once)', async (ms) => {
    vi.useFakeTimers()
    const spy = vi.spyOn(globalThis, 'setTimeout')
    const { client } = recorder(() => new Promise<Response>(() => {}))
    const pending = listIn(pipe(client, timeout(ms)))
    await vi.advanceTimersByTimeAsync(1000)
    expect(spy.mock.calls.map((c) => c[1])).toContain(MAX_TIMER)
    await vi.advanceTimersByTimeAsync(MAX_TIMER)
    // This fetch ignores its signal: the error names the request's path (the URL it never answered for).
    expect(await pending).toEqual(E.left({ _tag: 'TimeoutError', method: 'GET', url: '/api/invitations', ms: MAX_TIMER }))
  })

  it('timeout(50) answers TimeoutError at ~50 ms even when fetch ignores its signal', async () => {
    const deaf: typeof fetch = () => new Promise((ok) => setTimeout(() => ok(jsonResponse(200, page([]))), 500))
    const start = performance.now()
    const r = await invitationsList(pipe(createClient({ baseUrl: 'http://cvat.test', fetch: deaf }), timeout(50)))()
    const ms = performance.now() - start
    expect(r).toEqual(E.left({ _tag: 'TimeoutError', method: 'GET', url: '/api/invitations', ms: 50 }))
    expect(ms).toBeLessThan(300)
  })

  it('a timeout outside retry cuts a long Retry-After wait short', async () => {
    const { client, sent } = recorder(() => emptyResponse(503, { 'retry-after': '30' }))
    const start = performance.now()
    const r = await listIn(pipe(client, retry(), timeout(100)))
    expect(r).toEqual(E.left({ _tag: 'TimeoutError', method: 'GET', url: 'http://cvat.test/api/invitations', ms: 100 }))
    expect(performance.now() - start).toBeLessThan(1000)
    expect(sent.length).toBe(1)
  })
})

describe('withSignal and organization validate their argument', () => {
  it.each([null, undefined, {}, 'abort'])('withSignal(%o) is a RequestError, nothing sent', async (signal) => {
    const { client, sent } = recorder()
    expect(await listIn(pipe(client, withSignal(signal as unknown as AbortSignal)))).toEqual(refused('withSignal needs an AbortSignal'))
    expect(sent).toEqual([])
  })

  it('a signal cuts short a retry wait', async () => {
    const ctl = new AbortController()
    const { client } = recorder(() => emptyResponse(503, { 'retry-after': '30' }))
    setTimeout(() => ctl.abort(), 50)
    const start = performance.now()
    const r = await listIn(pipe(client, retry(), withSignal(ctl.signal)))
    expect(E.isLeft(r) && r.left._tag).toBe('TransportError')
    expect(performance.now() - start).toBeLessThan(1000)
  })

  it.each([null, 42, 'acme\n', 'cut\uD83D'])('organization(%o) is a RequestError, nothing sent', async (slug) => {
    const { client, sent } = recorder()
    expect(await listIn(pipe(client, organization(slug as string)))).toEqual(refused('organization must be printable ASCII (an organisation slug)'))
    expect(sent).toEqual([])
  })

  it('the same requests through retry, timeout and withSignal with good options still succeed', async () => {
    const { client, sent } = recorder()
    const r = await invitationsRetrieve(pipe(client, retry(), timeout(1000), withSignal(new AbortController().signal), organization('acme')), { key: 'k' })()
    expect(E.isLeft(r) && r.left._tag).toBe('DecodeError')
    expect(sent.map((s) => [s.url, s.headers['x-organization']])).toEqual([['http://cvat.test/api/invitations/k', 'acme']])
  })
})
