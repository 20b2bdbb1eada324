// TUS chunking for any file size and chunk size, against an in-memory TUS server behind an
// injected fetch: the bytes the server holds equal the file's, every accepted chunk starts where
// the previous one ended, no chunk is larger than asked; failures (network errors, 409, 5xx) up to
// 2 per chunk are resumed from the server's offset, a third ends the upload.
import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { createClient } from '../../src/index'
import { request } from '../../src/http/request'
import { readFile } from '../../src/workflows/files'
import { startRun } from '../../src/workflows/run'
import { TUS_TRIES, tusUpload } from '../../src/workflows/tus'

type Fault = 'network' | 409 | 500

interface Accepted {
  readonly offset: number
  readonly size: number
}

// A TUS endpoint in memory; `faults(offset, attempt)` fails the attempt-th try at an offset.
const tusFetch = (faults: (offset: number, attempt: number) => Fault | undefined) => {
  let stored = new Uint8Array(0)
  let length = 0
  const accepted: Accepted[] = []
  const tries = new Map<number, number>()
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET'
    const headers = new Headers(init?.headers)
    if (method === 'GET') return new Response('{}', { status: 200 })
    if (method === 'POST') {
      length = Number(headers.get('upload-length'))
      return new Response(null, { status: 201, headers: { location: `${String(url)}f1`, 'upload-filename': 'f1' } })
    }
    if (method === 'HEAD') return new Response(null, { status: 200, headers: { 'upload-offset': String(stored.length) } })
    const offset = Number(headers.get('upload-offset'))
    const attempt = (tries.get(offset) ?? 0) + 1
    tries.set(offset, attempt)
    const fault = faults(offset, attempt)
    if (fault === 'network') throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })
    if (fault !== undefined) return new Response(null, { status: fault })
    if (offset !== stored.length) return new Response(null, { status: 409 })
    const body = new Uint8Array(await new Response(init?.body as BodyInit).arrayBuffer())
    if (offset + body.length > length) return new Response(null, { status: 413 })
    const next = new Uint8Array(stored.length + body.length)
    next.set(stored)
    next.set(body, stored.length)
    stored = next
    accepted.push({ offset, size: body.length })
    return new Response(null, { status: 204, headers: { 'upload-offset': String(stored.length) } })
  }
  return { fetch: fetch as typeof globalThis.fetch, accepted, stored: () => stored }
}

const upload = async (data: Uint8Array, chunk: number, asBlob: boolean, faults: (offset: number, attempt: number) => Fault | undefined) => {
  const server = tusFetch(faults)
  const client = createClient({ baseUrl: 'http://cvat.test', fetch: server.fetch })
  const run = startRun('POST', '/x', client, {})
  if (E.isLeft(run)) expect.fail('run')
  await run.right.client(request('GET', '/api/server/about'))()
  const source = readFile({ name: 'f.bin', data: asBlob ? new Blob([new Uint8Array(data)]) : data })
  if (E.isLeft(source)) expect.fail('source')
  const acked: number[] = []
  const r = await tusUpload(run.right, '/api/tasks/1/annotations/', source.right, (o) => acked.push(o), chunk)
  return { r, server, acked }
}

const contiguous = (accepted: ReadonlyArray<Accepted>, size: number) =>
  accepted.every((a, i) => a.offset === (i === 0 ? 0 : accepted[i - 1]!.offset + accepted[i - 1]!.size)) && (accepted.at(-1)?.offset ?? 0) + (accepted.at(-1)?.size ?? 0) === size

describe('TUS chunking', () => {
  it('any file size and chunk size: the server holds the same bytes, offsets contiguous, no chunk over the size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), fc.integer({ min: 1, max: 1500 }), fc.boolean(), async (data, chunk, asBlob) => {
        const { r, server, acked } = await upload(data, chunk, asBlob, () => undefined)
        expect(r).toEqual(E.right('f1'))
        expect(server.stored()).toEqual(data)
        expect(contiguous(server.accepted, data.length)).toBe(true)
        expect(server.accepted.every((a) => a.size <= chunk)).toBe(true)
        expect(server.accepted.length).toBe(Math.max(1, Math.ceil(data.length / chunk)))
        expect(acked).toEqual(server.accepted.map((a) => a.offset + a.size).filter((o) => o > 0))
      }),
      { numRuns: 150 },
    )
  })

  it('up to 2 failures a chunk (network, 409, 5xx) are resumed: same bytes, contiguous offsets', async () => {
    const fault = fc.constantFrom<Fault>('network', 409, 500)
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 800 }), fc.boolean(), fc.array(fc.array(fault, { maxLength: TUS_TRIES - 1 }), { maxLength: 40 }), async (data, chunk, asBlob, plan) => {
        const { r, server } = await upload(data, chunk, asBlob, (offset, attempt) => plan[Math.floor(offset / chunk)]?.[attempt - 1])
        expect(r).toEqual(E.right('f1'))
        expect(server.stored()).toEqual(data)
        expect(contiguous(server.accepted, data.length)).toBe(true)
      }),
      { numRuns: 150 },
    )
  })

  it('a third failure of one chunk ends the upload; nothing past that chunk is sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 800 }), fc.nat(), fc.constantFrom<Fault>('network', 409, 500), async (data, chunk, at, kind) => {
        const chunks = Math.ceil(data.length / chunk)
        const bad = (at % chunks) * chunk
        const { r, server } = await upload(data, chunk, false, (offset) => (offset === bad ? kind : undefined))
        expect(E.isLeft(r)).toBe(true)
        expect(server.accepted.map((a) => a.offset)).toEqual(Array.from({ length: at % chunks }, (_, i) => i * chunk))
      }),
      { numRuns: 100 },
    )
  })
})
