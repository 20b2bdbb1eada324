// The TUS state machine (mixins.py UploadMixin at 2.26.2; mixins.py + tus.py at 2.73.0) over an
// upload directory: any file size and chunk size -> the same bytes, contiguous offsets; resume,
// conflicts and limits per generation.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ServerVersion } from '../../../src/testing/env'
import { contents, emptyDir } from '../../../src/testing/engine/upload/store'
import { type TusSpec, parseMetadata, tusChunk, tusCreate } from '../../../src/testing/engine/upload/tus'

const base = 'http://cvat.test/api/tasks/1/data/'
const spec = (version: ServerVersion, over: Partial<TusSpec> = {}): TusSpec => {
  let n = 0
  return { version, dir: emptyDir(), budget: { used: 0, max: 1 << 26 }, purpose: 'data', userId: 7, username: 'u', random: () => ((n = (n * 16807 + 11) % 2147483647), n / 2147483647), maxFileSize: 26843545600, maxChunkBytes: 1 << 24, ...over }
}
const meta = (name: string) => `filename ${btoa(name)}`
const create = (s: TusSpec, length: number | string, headers: Record<string, string> = {}) =>
  tusCreate(s, new Request(base, { method: 'POST', headers: { 'upload-length': String(length), 'upload-metadata': meta('a.png'), origin: 'http://cvat.test', ...headers } }), new URL(base), (id) => `/api/tasks/1/data/${id}`)
const patch = (s: TusSpec, id: string, offset: number, body: Uint8Array, headers: Record<string, string> = {}) =>
  tusChunk(s, new Request(`${base}${id}`, { method: "PATCH", headers: { "upload-offset": String(offset), "content-type": "application/offset+octet-stream", ...headers }, body: body as Uint8Array<ArrayBuffer> }), id)
const head = (s: TusSpec, id: string) => tusChunk(s, new Request(`${base}${id}`, { method: 'HEAD' }), id)
const idOf = (location: string) => location.slice(location.lastIndexOf('/') + 1)

describe.each(['2.26', '2.73'] as const)('TUS %s', (version) => {
  it('any file size and chunk size: the finished file holds the same bytes; each 204 reports the next contiguous offset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.integer({ min: 1, max: 700 }), async (file, chunk) => {
        const s = spec(version)
        const created = create(s, file.length)
        expect(created.status).toBe(201)
        const id = idOf(created.headers!['Location']!)
        for (let at = 0; at < file.length; at += chunk) {
          const r = await patch(s, id, at, file.subarray(at, at + chunk))
          expect([r.status, r.headers?.['Upload-Offset']]).toEqual([204, String(Math.min(file.length, at + chunk))])
        }
        expect(Array.from(contents(s.dir.files.get('a.png')!))).toEqual(Array.from(file))
        expect((await head(s, id)).status).toBe(404) // finished: the TUS file is gone (test_tus_uploads.py)
      }),
      { numRuns: 80 },
    )
  }, 30_000)

  it('HEAD gives the offset to resume from; a PATCH at another offset is a 409 and changes nothing', async () => {
    const s = spec(version)
    const id = idOf(create(s, 10).headers!['Location']!)
    expect((await patch(s, id, 0, new Uint8Array(4))).status).toBe(204)
    const h = await head(s, id)
    expect([h.status, h.headers?.['Upload-Offset'], h.headers?.['Upload-Length']]).toEqual([200, '4', '10'])
    expect((await patch(s, id, 2, new Uint8Array(2))).status).toBe(409)
    expect((await patch(s, id, 6, new Uint8Array(2))).status).toBe(409)
    expect((await head(s, id)).headers?.['Upload-Offset']).toBe('4')
  })

  it('creation answers 201 with Tus-Resumable, the Location of the file and its name', () => {
    const r = create(spec(version), 5)
    expect(r.status).toBe(201)
    expect(r.headers).toMatchObject({ 'Tus-Resumable': '1.0.0', 'Tus-Max-Size': '26843545600', 'Upload-Filename': 'a.png', 'Cache-Control': 'no-store' })
    expect(r.headers!['Location']).toMatch(version === '2.73' ? /^http:\/\/cvat\.test\/api\/tasks\/1\/data\/7_[0-9a-f-]{36}$/ : /^http:\/\/cvat\.test\/api\/tasks\/1\/data\/[0-9a-f-]{36}$/)
  })

  it('refuses a declared size over TUS_MAX_FILE_SIZE (413), an unsafe name (400) and a name already uploaded (409)', async () => {
    expect(create(spec(version), 26843545601)).toMatchObject({ status: 413, body: 'File size exceeds max limit of 26843545600 bytes' })
    expect(create(spec(version), 5, { 'upload-metadata': meta('../../etc/passwd') })).toMatchObject({ status: 400, body: 'File name ../../etc/passwd is not allowed' })
    const s = spec(version)
    const id = idOf(create(s, 1).headers!['Location']!)
    await patch(s, id, 0, new Uint8Array([1]))
    expect(create(s, 1)).toMatchObject({ status: 409, body: 'File with same name already exists' })
  })

  it('hostile headers are 4xx, never a crash: garbage lengths, offsets and base64', async () => {
    const s = spec(version)
    for (const length of ['abc', '-5', '0', '1e3']) expect(create(s, length).status).toBe(400)
    expect(create(s, 5, { 'upload-metadata': 'filename !!!' }).status).toBe(400)
    expect(create(s, 5, { 'upload-metadata': `filename ${btoa('\xff\xfe')}` }).status).toBe(400) // not UTF-8
    const id = idOf(create(s, 5).headers!['Location']!)
    expect((await patch(s, id, 0, new Uint8Array(1), { 'upload-offset': 'x' })).status).toBe(400)
    expect((await patch(s, 'nope', 0, new Uint8Array(1))).status).toBe(404)
  })
})

describe('TUS: where the generations differ', () => {
  it('2.73 refuses a chunk past the declared length with 413 and keeps the offset; 2.26 takes it and the upload never completes', async () => {
    const s73 = spec('2.73')
    const id73 = idOf(create(s73, 4).headers!['Location']!)
    expect((await patch(s73, id73, 0, new Uint8Array(6))).status).toBe(413)
    expect((await head(s73, id73)).headers?.['Upload-Offset']).toBe('0')
    const s26 = spec('2.26')
    const id26 = idOf(create(s26, 4).headers!['Location']!)
    const r = await patch(s26, id26, 0, new Uint8Array(6))
    expect([r.status, r.headers?.['Upload-Offset']]).toEqual([204, '6'])
    expect(s26.dir.files.size).toBe(0)
    expect((await head(s26, id26)).headers?.['Upload-Offset']).toBe('6')
  })

  it('2.26 without Origin and without X-Forwarded-Host is the 500 CVAT gives (None + str); with X-Forwarded-Host the URL is the request URI', () => {
    expect(create(spec('2.26'), 5, { origin: '' }).status).toBe(201)
    const s = spec('2.26')
    const r = tusCreate(s, new Request(base, { method: 'POST', headers: { 'upload-length': '5', 'upload-metadata': meta('a.png') } }), new URL(base), (id) => id)
    expect(r.status).toBe(500)
    const fwd = tusCreate(s, new Request(base, { method: 'POST', headers: { 'upload-length': '5', 'upload-metadata': meta('b.png'), 'x-forwarded-host': 'proxy.example', 'x-forwarded-proto': 'https' } }), new URL(base), (id) => id)
    expect(fwd.headers!['Location']).toMatch(/^https:\/\/proxy\.example\/api\/tasks\/1\/data\/[0-9a-f-]{36}$/)
  })

  it('2.26 joins the file id onto a path without its trailing slash as urljoin does (the bug #10266 fixed)', () => {
    const s = spec('2.26')
    const url = 'http://cvat.test/api/tasks/1/data'
    const r = tusCreate(s, new Request(url, { method: 'POST', headers: { 'upload-length': '5', 'upload-metadata': meta('a.png'), origin: 'http://cvat.test' } }), new URL(url), (id) => id)
    expect(r.headers!['Location']).toMatch(/^http:\/\/cvat\.test\/api\/tasks\/1\/[0-9a-f-]{36}$/)
  })

  it('2.73 answers 403 to another user PATCHing or HEADing a TUS file (tus.py validate)', async () => {
    const s = spec('2.73')
    const id = idOf(create(s, 5).headers!['Location']!)
    expect((await head({ ...s, userId: 8 }, id)).status).toBe(403)
    expect((await patch({ ...s, userId: 8 }, id, 0, new Uint8Array(1))).status).toBe(403)
  })

  it('2.73 names an import upload by its file id, 2.26 by its metadata name (de-duplicated)', async () => {
    for (const version of ['2.26', '2.73'] as const) {
      const s = spec(version, { purpose: 'annotations' })
      const c = create(s, 2)
      const id = idOf(c.headers!['Location']!)
      await patch(s, id, 0, new Uint8Array(2))
      expect([c.headers!['Upload-Filename'], [...s.dir.files.keys()]]).toEqual(version === '2.73' ? [id, [id]] : ['a.png', ['a.png']])
    }
  })

  it('keeps a video only by its head: memory stays bounded while a large non-image file streams in', async () => {
    const s = spec('2.73', { budget: { used: 0, max: 200_000 } })
    const c = tusCreate(s, new Request(base, { method: 'POST', headers: { 'upload-length': String(4 << 20), 'upload-metadata': meta('v.mp4') } }), new URL(base), (id) => `/x/${id}`)
    const id = idOf(c.headers!['Location']!)
    for (let at = 0; at < 4 << 20; at += 1 << 20) expect((await patch(s, id, at, new Uint8Array(1 << 20))).status).toBe(204)
    expect(s.dir.files.get('v.mp4')!.size).toBe(4 << 20)
    expect(s.budget.used).toBe(64 * 1024)
  })

  it('refuses (413) a picture that would pass the storage budget, and keeps nothing of that chunk', async () => {
    const s = spec('2.73', { budget: { used: 0, max: 1000 } })
    const id = idOf(create(s, 1500).headers!['Location']!)
    expect((await patch(s, id, 0, new Uint8Array(800))).status).toBe(204)
    const r = await patch(s, id, 800, new Uint8Array(700))
    expect(r.status).toBe(413)
    expect([s.budget.used, (await head(s, id)).headers?.['Upload-Offset']]).toEqual([800, '800'])
  })
})

describe('Upload-Metadata', () => {
  it('decodes "key b64" pairs; a lone key is an empty value (mixins.py _get_metadata)', () => {
    expect(parseMetadata(`filename ${btoa('x.png')},filetype ${btoa('image/png')},flag`)).toEqual({ filename: 'x.png', filetype: 'image/png', flag: '' })
    fc.assert(fc.property(fc.string(), (name) => {
      const header = `filename ${btoa(String.fromCharCode(...new TextEncoder().encode(name)))}`
      expect(parseMetadata(header)).toEqual({ filename: name })
    }))
  })
})
