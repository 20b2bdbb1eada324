// waitForRequest: the finished request, a failed one as BackgroundRequestError (scrubbed and
// bounded), 502/503/504 retried as cvat-core does, the growing poll interval bounded above and
// never more than one status request per interval, timeout, signal, a hook that throws.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { createClient, formatError, tokenAuth, waitForRequest } from '../../../src/index'
import { nextWait } from '../../../src/workflows/backgroundRequest'
import { type CvatServer, type Options, cvatServer } from '../cvatServer'
import { useCvat } from '../useCvat'

const { track } = useCvat()
// A server holding one background request, `rq`, that goes through `states`.
const start = async (states: Options['states'], o: Options = {}) => {
  const s = track(await cvatServer({ ...o, states }))
  s.rqs.set('rq:1', { id: 'rq:1', kind: 'create', target: { target: 'task', id: 1 }, polls: 0, resultId: 1 })
  return { s, cvat: tokenAuth('s3cret-token-9')(createClient({ baseUrl: s.url })) }
}
const polls = (s: CvatServer) => s.requests.filter((r) => r.url.startsWith('/api/requests/'))

describe('waitForRequest', () => {
  it('polls until the request finishes and resolves to it, reporting CVAT’s progress', async () => {
    const { s, cvat } = await start(() => [{ status: 'queued' }, { status: 'started', progress: 0.25 }, { status: 'started', progress: 0.75 }, { status: 'finished', progress: 1 }])
    const seen: unknown[] = []
    const r = await waitForRequest(cvat, { id: 'rq:1' }, { pollInterval: 1, onProgress: (p) => seen.push(p) })()
    expect(r).toEqual(E.right({ id: 'rq:1', status: 'finished', message: '', progress: 1, operation: { type: 'create:task', target: 'task', task_id: 1, format: null }, created_date: '2026-08-12T00:00:00Z', owner: { id: 1, username: 'admin' }, result_url: null, result_id: 1 }))
    expect(polls(s).map((r) => r.url)).toEqual(Array(4).fill('/api/requests/rq%3A1'))
    expect(seen).toEqual([0, 0.25, 0.75, 1].map((done) => ({ phase: 'processing', done, total: 1 })))
  })

  it('a failed request is a BackgroundRequestError with CVAT’s message, credentials scrubbed', async () => {
    const { s, cvat } = await start(() => [{ status: 'failed', message: 'Could not fetch https://ann:pw@data.example/a.jpg with Token s3cret-token-9' }])
    const r = await waitForRequest(cvat, { id: 'rq:1' }, { pollInterval: 1 })()
    expect(r).toEqual(E.left({ _tag: 'BackgroundRequestError', method: 'GET', url: `${s.url}/api/requests/rq%3A1`, rqId: 'rq:1', message: 'Could not fetch https://[redacted]@data.example/a.jpg with [redacted]' }))
    expect(formatError(E.isLeft(r) ? r.left : (undefined as never))).toBe(
      `BackgroundRequestError: GET ${s.url}/api/requests/rq%3A1: the background request rq:1 failed: Could not fetch https://[redacted]@data.example/a.jpg with [redacted]`,
    )
  })

  it('bounds CVAT’s message', async () => {
    const { cvat } = await start(() => [{ status: 'failed', message: 'x'.repeat(100_000) }])
    const r = await waitForRequest(cvat, { id: 'rq:1' }, { pollInterval: 1 })()
    expect(E.isLeft(r) && r.left._tag === 'BackgroundRequestError' && r.left.message.length).toBeLessThan(4200)
  })

  it('retries 502, 503 and 504 three times in a row, as cvat-core does', async () => {
    const gateway = [502, 503, 504]
    const { s, cvat } = await start(() => [{ status: 'finished' }], { fault: (r, n) => (n <= 3 && r.url.startsWith('/api/requests/') ? { status: gateway[n - 1]! } : undefined) })
    expect(E.isRight(await waitForRequest(cvat, { id: 'rq:1' }, { pollInterval: 1 })())).toBe(true)
    expect(polls(s).length).toBe(4)
  })

  it('fails on the fourth gateway error in a row, and at once on another status', async () => {
    const { s, cvat } = await start(() => [{ status: 'started' }], { fault: (r) => (r.url.startsWith('/api/requests/') ? { status: 502 } : undefined) })
    const r = await waitForRequest(cvat, { id: 'rq:1' }, { pollInterval: 1 })()
    expect(E.isLeft(r) && r.left._tag === 'StatusError' && r.left.status).toBe(502)
    expect(polls(s).length).toBe(4)
    const other = await start(() => [{ status: 'started' }], { fault: () => ({ status: 500 }) })
    const r2 = await waitForRequest(other.cvat, { id: 'rq:1' }, { pollInterval: 1 })()
    expect(E.isLeft(r2) && r2.left._tag === 'StatusError' && r2.left.status).toBe(500)
    expect(polls(other.s).length).toBe(1)
  })

  it('never sends two status requests within one interval, whatever the server’s latency', async () => {
    const { s, cvat } = await start(() => [...Array(7).fill({ status: 'started' }), { status: 'finished' }], { statusDelayMs: 20 })
    const at: number[] = []
    const timed = tokenAuth('t')((req) => () => (at.push(performance.now()), cvat(req)()))
    const r = await waitForRequest(timed, { id: 'rq:1' }, { pollInterval: 160 })()
    expect(E.isRight(r)).toBe(true)
    expect(polls(s).length).toBe(8)
    // Each poll starts at least the server's 20 ms plus the interval (min(500, 160) = 160, capped) after the one before.
    for (const [i, t] of at.slice(1).entries()) expect(t - at[i]!).toBeGreaterThanOrEqual(160 + 20 - 5)
  })

  it('waits 0.5 s after the first poll, then doubles, up to pollInterval', async () => {
    const schedule = (pollInterval: number, n: number) => Array.from({ length: n }).reduce<number[]>((ws) => [...ws, nextWait(ws.at(-1) ?? 0, pollInterval)], [])
    expect(schedule(5_000, 7)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000])
    expect(schedule(160, 3)).toEqual([160, 160, 160])
    expect(schedule(1_000, 4)).toEqual([500, 1000, 1000, 1000])
    const { cvat } = await start(() => [{ status: 'queued' }, { status: 'queued' }, { status: 'queued' }, { status: 'finished' }])
    const at: number[] = []
    const timed = (req: Parameters<typeof cvat>[0]) => () => (at.push(performance.now()), cvat(req)())
    expect(E.isRight(await waitForRequest(timed, { id: 'rq:1' })())).toBe(true)
    for (const [i, wait] of [500, 1000, 2000].entries()) expect(at[i + 1]! - at[i]!).toBeGreaterThanOrEqual(wait - 5)
  }, 15_000)

  it('ends with a TimeoutError at the deadline, between polls or during one', async () => {
    const { cvat } = await start(() => [{ status: 'started' }])
    // The request never finishes: only the deadline ends the wait.
    const r = await waitForRequest(cvat, { id: 'rq:1' }, { pollInterval: 1000, timeout: 100 })()
    expect(E.isLeft(r) && [r.left._tag, r.left._tag === 'TimeoutError' && r.left.ms]).toEqual(['TimeoutError', 100])
    const slow = await start(() => [{ status: 'started' }], { statusDelayMs: 5_000 })
    const r2 = await waitForRequest(slow.cvat, { id: 'rq:1' }, { timeout: 100 })()
    expect(E.isLeft(r2) && r2.left).toEqual({ _tag: 'TimeoutError', method: 'GET', url: `${slow.s.url}/api/requests/rq%3A1`, ms: 100 })
  })

  it('ends at once when the caller aborts, between polls or during one, with a TransportError', async () => {
    const { s, cvat } = await start(() => [{ status: 'started' }], { statusDelayMs: 5_000 })
    const ctl = new AbortController()
    setTimeout(() => ctl.abort(), 50)
    const t0 = performance.now()
    const r = await waitForRequest(cvat, { id: 'rq:1' }, { signal: ctl.signal })()
    expect(E.isLeft(r) && r.left).toEqual({ _tag: 'TransportError', method: 'GET', url: `${s.url}/api/requests/rq%3A1`, message: 'the request was aborted' })
    // Well before the server's 5 s answer.
    expect(performance.now() - t0).toBeLessThan(4000)
    const before = await start(() => [{ status: 'started' }])
    const r2 = await waitForRequest(before.cvat, { id: 'rq:1' }, { signal: AbortSignal.abort() })()
    expect(E.isLeft(r2) && r2.left._tag).toBe('TransportError')
    expect(before.s.requests).toEqual([])
  })

  it('a hook that throws or rejects changes nothing', async () => {
    const { cvat } = await start(() => [{ status: 'started', progress: 0.5 }, { status: 'finished' }])
    const throwing = await waitForRequest(cvat, { id: 'rq:1' }, { pollInterval: 1, onProgress: () => { throw new Error('hook') } })()
    expect(E.isRight(throwing)).toBe(true)
    const { cvat: c2 } = await start(() => [{ status: 'started', progress: 0.5 }, { status: 'finished' }])
    const rejecting = await waitForRequest(c2, { id: 'rq:1' }, { pollInterval: 1, onProgress: () => Promise.reject(new Error('hook')) })()
    expect(E.isRight(rejecting)).toBe(true)
  })

  it.each<[string, unknown, unknown, string]>([
    ['an empty id', { id: '' }, undefined, 'id must be a non-empty string, got ""'],
    ['a number id', { id: 3 }, undefined, 'id must be a non-empty string, got 3'],
    ['no params', null, undefined, 'id must be a non-empty string, got undefined'],
    ['a bad pollInterval', { id: 'a' }, { pollInterval: 0 }, 'pollInterval must be a number of milliseconds > 0, got 0'],
    ['a bad timeout', { id: 'a' }, { timeout: 'soon' }, 'timeout must be a number of milliseconds > 0, got "soon"'],
    ['a bad signal', { id: 'a' }, { signal: {} }, 'signal must be an AbortSignal'],
    ['a bad hook', { id: 'a' }, { onProgress: 1 }, 'onProgress must be a function, got 1'],
  ])('refuses %s with a RequestError, sending nothing', async (_, params, options, message) => {
    const { s, cvat } = await start(() => [{ status: 'finished' }])
    const r = await waitForRequest(cvat, params as { id: string }, options as undefined)()
    expect(E.isLeft(r) && r.left._tag === 'RequestError' && r.left.message).toBe(message)
    expect(s.requests).toEqual([])
  })
})
