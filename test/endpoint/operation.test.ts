// The interpreter: one descriptor, one `call`. Requests are compared whole as fetch received them
// (multipart decoded by the platform's own parser); answers of every kind; and the guarantees an
// endpoint gives, held once here: RequestError before sending, encoded path parameters.
import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/Either'
import { createClient } from '../../src/http/client'
import { call, camel, type Operation } from '../../src/endpoint/operation'
import { file, model, modelOrNothing, nothing } from '../../src/endpoint/answer'
import { json, jsonOrMultipart, multipart } from '../../src/endpoint/body'
import { headerParams, orgContext, pagedQuery, texts } from '../../src/endpoint/parts'
import * as D from '../../src/codecs/decoder'
import { optional } from '../../src/codecs/primitives'
import { isFileValue } from '../../src/json'

interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: RequestInit['body']
}

const capture = (answer: () => Response = () => new Response(null, { status: 204 })) => {
  const seen: Seen[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v))
    seen.push({ method: init?.method ?? 'GET', url: String(input), headers, body: init?.body })
    return answer()
  }) as typeof globalThis.fetch
  return { client: createClient({ baseUrl: 'https://cvat.test', fetch }), seen }
}

const Thing = D.struct({ name: D.string, note: optional(D.string) })
const Upload = D.struct({ image_quality: D.fromGuard({ is: (u): u is number => typeof u === 'number' }, 'number'), client_files: optional(D.array(D.fromGuard({ is: isFileValue }, 'file'))) })

const op = <A>(o: Operation<A>): Operation<A> => o

describe('camel', () => {
  it('names parameters as the schema names them, camelCased', () => {
    expect(['page_size', 'org_id', 'X-Organization', 'func_id', 'Upload-Start', 'id', 'delivery_id'].map(camel)).toEqual([
      'pageSize',
      'orgId',
      'xOrganization',
      'funcId',
      'uploadStart',
      'id',
      'deliveryId',
    ])
  })
})

describe('call builds the request the descriptor describes', () => {
  it('renders two path parameters (text and id), query, org context and header parameters', async () => {
    const { client, seen } = capture()
    const o = op({ method: 'POST', path: '/api/things/{func_id}/items/{id}/', text: texts(['func_id']), org: orgContext, query: pagedQuery(['page_size', 'search']), headers: headerParams(['Upload-Start', 'Upload-Finish']), answer: nothing })
    const r = await call(o, client, { funcId: 'a b/c', id: 7, org: 'acme', xOrganization: 'acme', pageSize: 5, search: 'x&y', uploadStart: true, uploadFinish: false })()
    expect(r).toEqual(E.right(undefined))
    expect(seen).toEqual([
      {
        method: 'POST',
        url: 'https://cvat.test/api/things/a%20b%2Fc/items/7/?org=acme&page_size=5&search=x%26y',
        headers: { accept: 'application/vnd.cvat+json', 'x-organization': 'acme', 'upload-start': 'true' },
        body: undefined,
      },
    ])
  })

  it.each([
    [{ funcId: '', id: 1 }, 'funcId must be a non-empty string, got an empty string'],
    [{ funcId: '..', id: 1 }, 'funcId cannot be ".."'],
    [{ funcId: 'f', id: 0 }, 'id must be a positive integer, got 0'],
    [{ funcId: 'f', id: '1' }, 'id must be a positive integer, got string'],
    [{ funcId: 'f', id: 1, page: 0 }, 'page must be a positive integer, got 0'],
    [{ funcId: 'f', id: 1, pageSize: -1 }, "pageSize must be a positive integer or 'all', got -1"],
    [{ funcId: 'f', id: 1, search: {} }, 'search must be well-formed text, a finite number or a boolean'],
    [{ funcId: 'f', id: 1, orgId: 1.5 }, 'orgId must be an integer, got 1.5'],
  ])('refuses %j before sending: %s', async (params, message) => {
    const { client, seen } = capture()
    const o = op({ method: 'GET', path: '/api/things/{func_id}/items/{id}', text: texts(['func_id']), org: orgContext, query: pagedQuery(['page', 'page_size', 'search']), answer: nothing })
    const r = await call(o, client, params)()
    expect(E.isLeft(r) && r.left._tag === 'RequestError' ? r.left.message : r).toBe(message)
    expect(seen).toEqual([])
  })

  it('refuses params that cannot be read, whatever a plain-JavaScript caller passes', async () => {
    const { client, seen } = capture()
    const o = op({ method: 'GET', path: '/api/things/{id}', answer: nothing })
    const hostile = [null, 5, 'x', new Proxy({}, { get: () => { throw new Error('trap') } }), { get id() { throw new Error('getter') } }]
    const results = await Promise.all(hostile.map((p) => call(o, client, p)()))
    expect(results.map((r) => (E.isLeft(r) ? r.left._tag : 'Right'))).toEqual(['RequestError', 'RequestError', 'RequestError', 'RequestError', 'RequestError'])
    expect(seen).toEqual([])
  })

  it('sends a JSON body decoded by its codec (unknown fields dropped), and none for an absent optional body', async () => {
    const { client, seen } = capture()
    const o = op({ method: 'PATCH', path: '/api/things/{id}', body: json('patchedThingRequest', Thing, true), answer: nothing })
    await call(o, client, { id: 1, patchedThingRequest: { name: 'n', extra: 1 } })()
    await call(o, client, { id: 1 })()
    expect(seen.map((s) => [s.headers['content-type'], s.body])).toEqual([
      ['application/json', '{"name":"n"}'],
      [undefined, undefined],
    ])
  })

  it('refuses a body its codec rejects, naming the parameter', async () => {
    const { client, seen } = capture()
    const o = op({ method: 'POST', path: '/api/things', body: json('thingRequest', Thing), answer: nothing })
    const r = await call(o, client, { thingRequest: { name: 1 } })()
    expect(E.isLeft(r) && r.left._tag === 'RequestError' && r.left.message.startsWith('thingRequest: ')).toBe(true)
    expect(seen).toEqual([])
  })

  it('sends multipart with the schema field names when the body holds files, JSON otherwise', async () => {
    const { client, seen } = capture()
    const o = op({ method: 'POST', path: '/api/tasks/{id}/data', body: jsonOrMultipart('dataRequest', Upload), answer: nothing })
    const png = new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' })
    await call(o, client, { id: 3, dataRequest: { image_quality: 70, client_files: [png, new Uint8Array([9])] } })()
    await call(o, client, { id: 3, dataRequest: { image_quality: 70 } })()
    const [form, plain] = seen
    expect(form?.headers['content-type']).toBeUndefined() // fetch writes the boundary
    const parsed = await new Request('https://x', { method: 'POST', body: form?.body ?? null }).formData()
    const entries = await Promise.all(
      [...parsed.entries()].map(async ([k, v]) => [k, typeof v === 'string' ? v : { name: v.name, bytes: [...new Uint8Array(await v.arrayBuffer())] }]),
    )
    expect(entries).toEqual([
      ['image_quality', '70'],
      ['client_files[0]', { name: 'a.png', bytes: [1, 2, 3] }],
      ['client_files[1]', { name: 'blob', bytes: [9] }],
    ])
    expect([plain?.headers['content-type'], plain?.body]).toEqual(['application/json', '{"image_quality":70}'])
  })

  it('sends multipart for an operation that takes only multipart, even without files', async () => {
    const { client, seen } = capture()
    const o = op({ method: 'POST', path: '/api/things', body: multipart('body', Thing), answer: nothing })
    await call(o, client, { body: { name: 'n' } })()
    const parsed = await new Request('https://x', { method: 'POST', body: seen[0]?.body ?? null }).formData()
    expect([...parsed.entries()]).toEqual([['name', 'n']])
  })
})

describe('call reads every kind of answer', () => {
  const thing = op({ method: 'GET', path: '/api/things/{id}', answer: model('Thing', Thing) })
  const json200 = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/vnd.cvat+json' } })

  it('a model, kept whole (unknown fields too, as the guard fast path keeps them)', async () => {
    const { client } = capture(json200({ name: 'n', more: 1 }))
    expect(await call(thing, client, { id: 1 })()).toEqual(E.right({ name: 'n' }))
  })

  it('a model or nothing: an empty 202 is undefined, a body is decoded', async () => {
    const o = op({ method: 'POST', path: '/api/things', answer: modelOrNothing('RqId', D.struct({ rq_id: D.string })) })
    const empty = capture(() => new Response(null, { status: 202 }))
    const full = capture(json200({ rq_id: 'r1' }, 202))
    expect([await call(o, empty.client)(), await call(o, full.client)()]).toEqual([E.right(undefined), E.right({ rq_id: 'r1' })])
  })

  it('a file as a stream the caller reads, with its safe name, type and size', async () => {
    const o = op({ method: 'GET', path: '/api/things/{id}/data', answer: file })
    const { client, seen } = capture(
      () => new Response(new Uint8Array([5, 6, 7]), { headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="frame 1.png"', 'content-length': '3' } }),
    )
    const r = await call(o, client, { id: 1 })()
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
    const { body, ...rest } = r.right
    expect(rest).toEqual({ contentType: 'image/png', filename: 'frame 1.png', size: 3, url: 'https://cvat.test/api/things/1/data' })
    expect([...new Uint8Array(await new Response(body).arrayBuffer())]).toEqual([5, 6, 7])
    expect(seen).toHaveLength(1)
  })

  it('a file that fails is a StatusError read as text, as any other', async () => {
    const o = op({ method: 'GET', path: '/api/things/{id}/data', answer: file })
    const { client } = capture(json200({ detail: 'Not found.' }, 404))
    const r = await call(o, client, { id: 1 })()
    expect(E.isLeft(r) && r.left._tag === 'StatusError' ? r.left.body : r).toEqual({ _tag: 'Detail', detail: 'Not found.' })
  })
})
