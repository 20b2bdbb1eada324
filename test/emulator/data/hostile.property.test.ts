// Hostile input on the data routes: whatever the method, headers and body, the emulator answers
// (never rejects) and never with a 5xx — the one 5xx it keeps is 2.26's TUS creation without an
// Origin header (mixins.py line 303), so every request here carries one.
import { deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../../src/testing'
import { writeZip } from '../../../src/testing/engine/zip/zip'
import { call, form, newTask, waitFor } from './helpers'
import { png } from './images'

const PATHS = (task: number, job: number) => [
  `/api/tasks/${task}/data/`,
  `/api/tasks/${task}/data`,
  `/api/tasks/${task}/data/2_c039d9fa-e2f1-4354-9d49-5b155f21e7f6`,
  `/api/tasks/${task}/data/c039d9fa-e2f1-4354-9d49-5b155f21e7f6`,
  `/api/tasks/${task}/data/meta`,
  `/api/tasks/${task}/annotations`,
  `/api/tasks/${task}/annotations/`,
  `/api/tasks/${task}/dataset/export`,
  `/api/tasks/${task}/dataset`,
  `/api/tasks/${task}/backup/export`,
  `/api/tasks/${task}/backup`,
  `/api/tasks/${task}/preview`,
  `/api/tasks/${task}/status`,
  `/api/jobs/${job}/data`,
  `/api/jobs/${job}/data/meta`,
  `/api/jobs/${job}/annotations`,
  '/api/tasks/backup/',
  '/api/projects/backup/',
  '/api/requests',
  '/api/requests/x',
  '/api/requests/x/cancel',
  '/api/server/share',
  '/api/server/annotation/formats',
]

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('', '0', '-1', '1e9', '99999999999999999999', 'abc', '5', 'bytes=0-', 'bytes=-0', 'filename Li4vLi4vZXRjL3Bhc3N3ZA==', 'filename !!!', 'multipart/form-data; boundary=x', 'application/json'))
const query = fc.array(fc.tuple(fc.constantFrom('type', 'number', 'index', 'quality', 'format', 'filename', 'action', 'location', 'cloud_storage_id', 'save_images', 'rq_id', 'org', 'directory', 'sort', 'filter', 'page_size'), fc.oneof(text, fc.constantFrom('frame', 'chunk', 'preview', 'original', 'COCO 1.0', 'CVAT 1.1', 'download', 'cloud_storage', 'true'))), { maxLength: 4 })
const headers = fc.dictionary(fc.constantFrom('upload-length', 'upload-offset', 'upload-metadata', 'upload-start', 'upload-finish', 'upload-multiple', 'content-type', 'range', 'prefer', 'tus-resumable', 'x-forwarded-host'), text, { maxKeys: 5 })
const body = fc.oneof(fc.constant(undefined), fc.uint8Array({ maxLength: 300 }), fc.json().map((j) => new TextEncoder().encode(j)))

describe.each(['2.26', '2.73'] as const)('hostile requests on the data routes, %s', (v) => {
  it('always answer, never 5xx', async () => {
    const em = createCvatEmulator({ serverVersion: v, requestPolls: 1 })
    const task = await newTask(em, 'olga')
    const r = await call(em, 'olga', 'POST', `/api/tasks/${task}/data/`, { body: form([{ name: 'a.png', bytes: png(3, 3) }], { image_quality: '50' }) })
    await waitFor(em, 'olga', (r.json as { rq_id: string }).rq_id)
    const job = (((await call(em, 'olga', 'GET', `/api/jobs?task_id=${task}`)).json as { results: Array<{ id: number }> }).results[0]?.id ?? 1)
    const bare = await newTask(em, 'olga')
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'), fc.constantFrom(...PATHS(task, job), ...PATHS(bare, job)), query, headers, body, fc.constantFrom('olga', 'otto', 'admin'), async (method, path, q, h, b, as) => {
        const qs = q.length > 0 ? `?${new URLSearchParams(q).toString()}` : ''
        const res = await call(em, as, method, `${path}${qs}`, { headers: h, ...(b === undefined || method === 'GET' || method === 'HEAD' ? {} : { body: b }) })
        expect(res.status).toBeLessThan(500)
      }),
      { numRuns: 200 },
    )
  }, 120_000)
})

describe('hostile archives', () => {
  it('a zip bomb, a lying central directory or garbage as a task\'s zip fails the request, never the emulator', async () => {
    const em = createCvatEmulator({ requestPolls: 0, maxStoredBytes: 4 << 20 })
    const bomb = deflateRawSync(new Uint8Array(50_000_000))
    const lying = writeZip([{ name: 'a.png', bytes: new Uint8Array(10) }])
    for (const [name, bytes] of [['bomb.zip', makeDeflated('big.png', bomb, 50_000_000)], ['lying.zip', lying.map((x, i) => (i === lying.length - 5 ? 0xff : x))], ['garbage.zip', new Uint8Array(100).fill(7)]] as const) {
      const task = await newTask(em, 'olga')
      const r = await call(em, 'olga', 'POST', `/api/tasks/${task}/data/`, { body: form([{ name, bytes: bytes as Uint8Array }], { image_quality: '50' }) })
      const done = await waitFor(em, 'olga', (r.json as { rq_id: string }).rq_id)
      expect([name, done['status']]).toEqual([name, 'failed'])
    }
  })

  it('an annotation import of a zip bomb fails its request with BadZipFile', async () => {
    const em = createCvatEmulator({ requestPolls: 0, maxStoredBytes: 4 << 20 })
    const task = await newTask(em, 'olga')
    const r = await call(em, 'olga', 'POST', `/api/tasks/${task}/data/`, { body: form([{ name: 'a.png', bytes: png(3, 3) }], { image_quality: '50' }) })
    await waitFor(em, 'olga', (r.json as { rq_id: string }).rq_id)
    const fd = form([{ name: 'a.zip', bytes: makeDeflated('annotations.xml', deflateRawSync(new Uint8Array(50_000_000).fill(32)), 50_000_000) }], {}, () => 'annotation_file')
    const imp = await call(em, 'olga', 'POST', `/api/tasks/${task}/annotations?format=CVAT%201.1`, { body: fd })
    const done = await waitFor(em, 'olga', (imp.json as { rq_id: string }).rq_id)
    expect([done['status'], String(done['message']).split(':')[0]]).toEqual(['failed', 'zipfile.BadZipFile'])
  })
})

// A one-member archive whose member is the given deflate stream (method 8) of `size` bytes.
function makeDeflated(name: string, data: Uint8Array, size: number): Uint8Array {
  const n = new TextEncoder().encode(name)
  const local = new Uint8Array(30 + n.length)
  const lv = new DataView(local.buffer)
  lv.setUint32(0, 0x04034b50, true)
  lv.setUint16(8, 8, true)
  lv.setUint32(18, data.length, true)
  lv.setUint32(22, size, true)
  lv.setUint16(26, n.length, true)
  local.set(n, 30)
  const central = new Uint8Array(46 + n.length)
  const cv = new DataView(central.buffer)
  cv.setUint32(0, 0x02014b50, true)
  cv.setUint16(10, 8, true)
  cv.setUint32(20, data.length, true)
  cv.setUint32(24, size, true)
  cv.setUint16(28, n.length, true)
  central.set(n, 46)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, 1, true)
  ev.setUint16(10, 1, true)
  ev.setUint32(12, central.length, true)
  ev.setUint32(16, local.length + data.length, true)
  const out = new Uint8Array(local.length + data.length + central.length + 22)
  out.set(local)
  out.set(data, local.length)
  out.set(central, local.length + data.length)
  out.set(end, local.length + data.length + central.length)
  return out
}

describe('bounded storage and cascades', () => {
  it('deleting a task gives its frames\' bytes back: the next upload fits in maxStoredBytes again', async () => {
    const big = png(30, 30) // ~2.8 kB stored uncompressed
    const em = createCvatEmulator({ requestPolls: 0, maxStoredBytes: big.length + 500 })
    const a = await newTask(em, 'olga')
    expect((await call(em, 'olga', 'POST', `/api/tasks/${a}/data/`, { body: form([{ name: 'a.png', bytes: big }], { image_quality: '50' }) })).status).toBe(202)
    const b = await newTask(em, 'olga')
    expect((await call(em, 'olga', 'POST', `/api/tasks/${b}/data/`, { body: form([{ name: 'b.png', bytes: big }], { image_quality: '50' }) })).status).toBe(413)
    expect((await call(em, 'olga', 'DELETE', `/api/tasks/${a}`)).status).toBe(204)
    expect((await call(em, 'olga', 'POST', `/api/tasks/${b}/data/`, { body: form([{ name: 'b.png', bytes: big }], { image_quality: '50' }) })).status).toBe(202)
  })
})
