// The caller's signal cuts a streamed answer (a Download) for as long as it is read, also through
// the middleware that combine it with their own (withSignal, timeout): they used to let go of it
// once the headers came, so aborting during a 5 GB download did nothing until undici's own
// 300 s body timeout.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Middleware, createClient } from '../../src/http/client'
import { request } from '../../src/http/request'
import { timeout, withSignal } from '../../src/middleware/timeout'

let server: Server
let base = ''
beforeAll(async () => {
  // One chunk, then nothing: a stalled download.
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/zip' })
    res.write(Buffer.alloc(1024, 1))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

const STILL_WAITING = 'still waiting 3 s after the abort'

const readAfterAbort = async (wrap: (signal: AbortSignal) => Middleware): Promise<string> => {
  const ctl = new AbortController()
  const client = pipe(createClient({ baseUrl: base }), wrap(ctl.signal))
  const r = await client({ ...request('GET', '/export.zip'), responseType: 'stream' })()
  if (E.isLeft(r) || r.right.stream === undefined) return 'no stream'
  const reader = r.right.stream.getReader()
  const first = await reader.read()
  ctl.abort()
  const next = reader.read().then(
    (c) => (c.done ? 'ended' : 'more bytes'),
    (e: unknown) => `cut: ${(e as { name?: string }).name}`,
  )
  const outcome = await Promise.race([next, new Promise<string>((done) => setTimeout(() => done(STILL_WAITING), 3_000))])
  void reader.cancel().catch(() => undefined)
  return `${first.value?.length ?? 0} bytes, then ${outcome}`
}

describe("the caller's signal and a streamed answer", () => {
  it.each<[string, (s: AbortSignal) => Middleware]>([
    ['withSignal', (s) => withSignal(s)],
    ['timeout inside withSignal', (s) => (next) => withSignal(s)(timeout(60_000)(next))],
  ])('%s: aborting while the body is read cuts it', async (_name, wrap) => {
    expect(await readAfterAbort(wrap)).toBe('1024 bytes, then cut: AbortError')
  }, 15_000)
})
