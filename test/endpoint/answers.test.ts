// The answer readers the generator adds for CVAT's undeclared and multi-status answers:
// `fileOrNothing` (older exports: 202 while running, 201 when done, 200 with the file) and
// `byStatus` (a request id for 202, the result otherwise), over an injected fetch.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { byStatus, fileOrNothing, model } from '../../src/endpoint/answer'
import { call, type Operation } from '../../src/endpoint/operation'
import * as D from '../../src/codecs/decoder'
import { createClient } from '../../src/http/client'

const answering = (response: () => Response) =>
  createClient({ baseUrl: 'https://cvat.test', fetch: (async () => response()) as typeof globalThis.fetch })

// A body that records whether it was cancelled (a 201/202's body is not the caller's to read).
const watched = () => {
  const state = { cancelled: false }
  const body = new ReadableStream<Uint8Array>({ cancel: () => void (state.cancelled = true) })
  return { state, body }
}

describe('fileOrNothing', () => {
  const o: Operation<unknown> = { method: 'GET', path: '/api/tasks/{id}/dataset', answer: fileOrNothing }

  it('is a Download for 200, read by the caller', async () => {
    const r = await call(o, answering(() => new Response(new Uint8Array([1, 2]), { headers: { 'content-type': 'application/zip', 'content-disposition': 'attachment; filename="task.zip"' } })), { id: 1 })()
    if (E.isLeft(r) || r.right === undefined) throw new Error(JSON.stringify(r))
    const { body, ...rest } = r.right as { body: ReadableStream<Uint8Array> }
    expect(rest).toEqual({ filename: 'task.zip', contentType: 'application/zip', url: 'https://cvat.test/api/tasks/1/dataset' })
    expect([...new Uint8Array(await new Response(body).arrayBuffer())]).toEqual([1, 2])
  })

  it.each([201, 202])('is undefined for %i, its body cancelled unread', async (status) => {
    const { state, body } = watched()
    expect(await call(o, answering(() => new Response(body, { status })), { id: 1 })()).toEqual(E.right(undefined))
    expect(state).toEqual({ cancelled: true })
  })

  it('is a StatusError for anything else, its body read as text', async () => {
    const r = await call(o, answering(() => new Response('{"detail":"Not found."}', { status: 404 })), { id: 1 })()
    expect(E.isLeft(r) && r.left._tag === 'StatusError' ? [r.left.status, r.left.body] : r).toEqual([404, { _tag: 'Detail', detail: 'Not found.' }])
  })
})

describe('byStatus', () => {
  const RqId = D.struct({ rq_id: D.string })
  const Report = D.struct({ id: D.number })
  const o: Operation<unknown> = { method: 'POST', path: '/api/quality/reports', answer: byStatus(202, model('RqId', RqId), model('QualityReport', Report)) }
  const replying = (status: number, body: unknown) => answering(() => new Response(JSON.stringify(body), { status }))

  it('reads 202 as the request id and every other status as the result', async () => {
    expect(await call(o, replying(202, { rq_id: 'quality:1' }))()).toEqual(E.right({ rq_id: 'quality:1' }))
    expect(await call(o, replying(201, { id: 4 }))()).toEqual(E.right({ id: 4 }))
  })

  it('names the model it expected when a body does not fit', async () => {
    const [accepted, created] = [await call(o, replying(202, { id: 4 }))(), await call(o, replying(201, { rq_id: 'x' }))()]
    expect([accepted, created].map((r) => (E.isLeft(r) && r.left._tag === 'DecodeError' ? r.left.message.split(':')[0] : r))).toEqual(['RqId', 'QualityReport'])
  })

  it('is a StatusError for a failure', async () => {
    const r = await call(o, replying(400, ['Invalid task']))()
    expect(E.isLeft(r) && r.left._tag === 'StatusError' ? r.left.status : r).toBe(400)
  })
})
