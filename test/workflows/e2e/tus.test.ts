// The TUS part of CVAT's upload protocol against the scripted CVAT over real sockets: chunks at
// contiguous offsets, resume after a dropped chunk (HEAD) or a 409, a 5xx's own Upload-Offset,
// 3 tries a chunk, 413 and other refusals final, a Location on another origin refused with
// nothing sent there, answers that break the protocol.
import { mkdtempSync, openAsBlob, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { type CvatError, createClient, tasksImportAnnotations, tokenAuth } from '../../../src/index'
import { request } from '../../../src/http/request'
import { readFile } from '../../../src/workflows/files'
import { startRun } from '../../../src/workflows/run'
import { tusUpload } from '../../../src/workflows/tus'
import { scriptedServer } from '../../helpers/server'
import { type CvatServer, type Options } from '../cvatServer'
import { useCvat } from '../useCvat'

const { start, track } = useCvat()
const bytes = (n: number) => {
  const b = new Uint8Array(n)
  for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >> 8)) & 255
  return b
}
const MiB = 2 ** 20

// One TUS upload of `data` in `chunk`-byte pieces, through a run that learnt the origin first.
const tus = async (s: CvatServer, data: Uint8Array, chunk: number, cvat = tokenAuth('tok3n')(createClient({ baseUrl: s.url }))) => {
  const run = startRun('POST', '/x', cvat, { pollInterval: 1 })
  if (E.isLeft(run)) expect.fail('run')
  await run.right.client(request('GET', '/api/projects/1'))()
  const acked: number[] = []
  const source = readFile({ name: 'ann.xml', data })
  if (E.isLeft(source)) expect.fail('source')
  const r = await tusUpload(run.right, '/api/tasks/1/annotations/', source.right, (o) => acked.push(o), chunk)
  return { r, acked }
}
const patches = (s: CvatServer) => s.requests.filter((r) => r.method === 'PATCH' || r.method === 'HEAD').map((r) => `${r.method} ${r.headers['upload-offset'] ?? ''} ${r.bodyBytes}`)

describe('TUS uploads', () => {
  it('sends an import by TUS in 10 MiB chunks at contiguous offsets, then finishes with the name CVAT gave the file (2.73: its id)', async () => {
    const { s, cvat } = await start({ version: '2.73' })
    const data = bytes(21 * MiB)
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'CVAT 1.1', file: { name: 'ann.xml', data } }, { pollInterval: 1 })()
    expect(r).toEqual(E.right(undefined))
    expect(patches(s)).toEqual([`PATCH 0 ${10 * MiB}`, `PATCH ${10 * MiB} ${10 * MiB}`, `PATCH ${20 * MiB} ${MiB}`])
    const [id] = [...s.uploads.keys()]
    expect(Buffer.compare(s.stored.get(id!)!, Buffer.from(data))).toBe(0)
    const start_ = s.requests[0]!
    const finish = s.requests.find((x) => x.headers['upload-finish'] !== undefined)!
    expect([start_.url, start_.headers['upload-start']]).toEqual(['/api/tasks/1/annotations/?format=CVAT%201.1&filename=ann.xml', ''])
    expect(finish.url).toBe(`/api/tasks/1/annotations/?format=CVAT%201.1&filename=${id}`)
  }, 30_000)

  it('on 2.26 the Location is built from the Origin it sent, and the file keeps its own name', async () => {
    const { s, cvat } = await start({ version: '2.26' })
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'COCO 1.0', file: new File(['{"images":[]}'], 'coco.json'), convMaskToPoly: false }, { pollInterval: 1 })()
    expect(r).toEqual(E.right(undefined))
    const created = s.requests.find((x) => x.headers['upload-length'] !== undefined)!
    expect([created.headers.origin, created.headers['upload-metadata']]).toEqual([s.url, `filename ${btoa('coco.json')}`])
    expect(s.requests.find((x) => x.headers['upload-finish'] !== undefined)!.url).toBe('/api/tasks/1/annotations/?format=COCO%201.0&filename=coco.json&conv_mask_to_poly=false')
  })

  it('a 2.26 server answers 500 to a TUS creation without Origin (why the client sends one)', async () => {
    const { s } = await start({ version: '2.26' })
    const res = await fetch(`${s.url}/api/tasks/1/annotations/`, { method: 'POST', headers: { 'upload-length': '1', 'tus-resumable': '1.0.0', 'upload-metadata': `filename ${btoa('a')}` } })
    expect(res.status).toBe(500)
  })

  it('resumes after a dropped chunk from the offset HEAD gives', async () => {
    const { s } = await start({ fault: (r, n) => (r.method === 'PATCH' && n === 2 ? 'drop' : undefined) })
    const data = bytes(2500)
    const { r, acked } = await tus(s, data, 1000)
    expect(E.isRight(r)).toBe(true)
    expect(patches(s)).toEqual(['PATCH 0 1000', 'PATCH 1000 0', 'HEAD  0', 'PATCH 1000 1000', 'PATCH 2000 500'])
    expect(acked).toEqual([1000, 2000, 2500])
    expect(Buffer.compare(s.stored.get(E.isRight(r) ? r.right : '')!, Buffer.from(data))).toBe(0)
  })

  it('resumes after a 409 (the server holds another offset) from the offset HEAD gives', async () => {
    const { s } = await start({ fault: (r, n) => (r.method === 'PATCH' && n === 2 ? { status: 409, headers: { 'tus-resumable': '1.0.0' } } : undefined) })
    const { r } = await tus(s, bytes(2500), 1000)
    expect(E.isRight(r)).toBe(true)
    expect(patches(s)).toEqual(['PATCH 0 1000', 'PATCH 1000 0', 'HEAD  0', 'PATCH 1000 1000', 'PATCH 2000 500'])
  })

  it('takes the offset a failed chunk answer gives (no HEAD then)', async () => {
    const { s } = await start({ fault: (r, n) => (r.method === 'PATCH' && n === 2 ? { status: 502, headers: { 'upload-offset': '1000' } } : undefined) })
    const { r } = await tus(s, bytes(2500), 1000)
    expect(E.isRight(r)).toBe(true)
    expect(patches(s)).toEqual(['PATCH 0 1000', 'PATCH 1000 0', 'PATCH 1000 1000', 'PATCH 2000 500'])
  })

  it('tries a chunk 3 times, then fails with the last failure', async () => {
    const { s } = await start({ fault: (r) => (r.method === 'PATCH' && r.headers['upload-offset'] === '1000' ? { status: 503 } : undefined) })
    const { r } = await tus(s, bytes(2500), 1000)
    expect(E.isLeft(r) && [r.left._tag, r.left._tag === 'StatusError' && r.left.status]).toEqual(['StatusError', 503])
    expect(patches(s)).toEqual(['PATCH 0 1000', 'PATCH 1000 0', 'HEAD  0', 'PATCH 1000 0', 'HEAD  0', 'PATCH 1000 0'])
  })

  it('gives each chunk its own 3 tries (one failure per chunk never ends the upload)', async () => {
    let seen = new Set<string>()
    const { s } = await start({ fault: (r) => (r.method === 'PATCH' && !seen.has(String(r.headers['upload-offset'])) ? (seen.add(String(r.headers['upload-offset'])), 'drop') : undefined) })
    seen = new Set()
    const { r } = await tus(s, bytes(5000), 1000)
    expect(E.isRight(r)).toBe(true)
    expect(patches(s).filter((p) => p.startsWith('PATCH')).length).toBe(10)
  })

  it('stops at once on a 413 (chunk past Upload-Length) or another client error', async () => {
    const { s } = await start({ fault: (r, n) => (r.method === 'PATCH' && n === 2 ? { status: 413, headers: { 'tus-resumable': '1.0.0' } } : undefined) })
    const { r } = await tus(s, bytes(2500), 1000)
    expect(E.isLeft(r) && r.left._tag === 'StatusError' && r.left.status).toBe(413)
    expect(patches(s)).toEqual(['PATCH 0 1000', 'PATCH 1000 0'])
  })

  it('a real 413: a file over the server’s Tus-Max-Size is refused at creation', async () => {
    const { s, cvat } = await start({ tusMaxSize: 100 })
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'CVAT 1.1', file: { name: 'a.xml', data: bytes(101) } }, { pollInterval: 1 })()
    expect(E.isLeft(r) && [r.left._tag, r.left._tag === 'StatusError' && r.left.status, r.left.step]).toEqual(['StatusError', 413, 'upload'])
    expect(s.requests.filter((x) => x.method === 'PATCH')).toEqual([])
  })

  it('the scripted CVAT answers as CVAT does: 409 at an offset it does not hold, 404 once the file is complete', async () => {
    const { s } = await start()
    const created = await fetch(`${s.url}/api/tasks/1/annotations/`, { method: 'POST', headers: { 'upload-length': '2', 'tus-resumable': '1.0.0', 'upload-metadata': `filename ${btoa('a')}` } })
    const at = created.headers.get('location')!
    const patch = (offset: string) => fetch(at, { method: 'PATCH', headers: { 'upload-offset': offset, 'tus-resumable': '1.0.0' }, body: 'x' }).then((r) => [r.status, r.headers.get('upload-offset')])
    expect([created.status, await patch('1'), await patch('0'), await patch('1'), await patch('1')]).toEqual([201, [409, null], [204, '1'], [204, '2'], [404, null]])
  })

  it('refuses a Location on another origin: nothing is sent there, the credential stays home', async () => {
    const other = await scriptedServer([(_req, res) => res.writeHead(204, { 'upload-offset': '10' }).end()])
    track(other)
    const { s, cvat } = await start({ linkOrigin: other.url })
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'CVAT 1.1', file: { name: 'a.xml', data: bytes(10) } }, { pollInterval: 1 })()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'RedirectError', method: 'POST', url: `${s.url}/api/tasks/1/annotations/`, status: 201, reason: 'cross-origin', step: 'upload' })
    expect(other.requests).toEqual([])
    expect(s.requests.filter((x) => x.method === 'PATCH')).toEqual([])
  })

  it.each<[string, Record<string, string>, string]>([
    ['no Location', { 'upload-filename': 'a' }, 'the TUS creation answer has no Location header'],
    ['no Upload-Filename', { location: '/api/tasks/1/annotations/x' }, 'the TUS creation answer has no usable Upload-Filename header'],
  ])('a creation answer with %s is a DecodeError', async (_, headers, message) => {
    const { s, cvat } = await start({ fault: (r) => (r.headers['upload-length'] !== undefined ? { status: 201, headers } : undefined) })
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'CVAT 1.1', file: { name: 'a.xml', data: bytes(10) } }, { pollInterval: 1 })()
    expect(E.isLeft(r) && r.left).toEqual({ _tag: 'DecodeError', method: 'POST', url: `${s.url}/api/tasks/1/annotations/`, status: 201, message, body: '', step: 'upload' })
  })

  it.each<[string, Options['fault'], string]>([
    ['no Upload-Offset', (r) => (r.method === 'PATCH' ? { status: 204 } : undefined), 'the TUS chunk answer has no valid Upload-Offset header'],
    ['an offset short of the chunk', (r) => (r.method === 'PATCH' ? { status: 204, headers: { 'upload-offset': '3' } } : undefined), "the server acknowledged offset 3, short of the chunk's end 10"],
    ['an offset that is no number', (r) => (r.method === 'PATCH' ? { status: 204, headers: { 'upload-offset': '1e3' } } : undefined), 'the TUS chunk answer has no valid Upload-Offset header'],
    ['an offset past the file', (r) => (r.method === 'PATCH' ? { status: 204, headers: { 'upload-offset': '99999999999' } } : undefined), "the server gave offset 99999999999, past the file's 10 bytes"],
  ])('a chunk answer with %s ends the upload with a DecodeError', async (_, fault, message) => {
    const { s } = await start({ fault })
    const { r } = await tus(s, bytes(10), 100)
    expect(E.isLeft(r) && (r.left as CvatError & { message: string }).message).toBe(message)
  })
})

describe('TUS uploads of files that fail to read', () => {
  it('a Blob whose slice throws ends the upload with a RequestError naming the range', async () => {
    const { s, cvat } = await start()
    const fake = { size: 3, slice: () => { throw new Error('gone') }, arrayBuffer: () => Promise.reject(new Error('gone')) }
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'CVAT 1.1', file: { name: 'a.xml', data: fake as unknown as Blob } }, { pollInterval: 1 })()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'RequestError', method: 'PATCH', message: 'a.xml cannot be read: its slice 0–3 failed', step: 'upload' })
    expect(s.requests.filter((x) => x.method === 'PATCH')).toEqual([])
  })

  it('a file changed on disk after fs.openAsBlob fails as fetch reads it: tried 3 times, then a TransportError', async () => {
    const { s, cvat } = await start()
    const dir = mkdtempSync(join(tmpdir(), 'cvat-fp-'))
    const path = join(dir, 'a.xml')
    writeFileSync(path, 'x'.repeat(100))
    const blob = await openAsBlob(path)
    writeFileSync(path, 'y'.repeat(50))
    utimesSync(path, new Date(), new Date(Date.now() + 5_000))
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'CVAT 1.1', file: { name: 'a.xml', data: blob } }, { pollInterval: 1 })()
    rmSync(dir, { recursive: true })
    expect(E.isLeft(r) && [r.left._tag, r.left.step]).toEqual(['TransportError', 'upload'])
    // Three tries, a HEAD after each of the first two (whether a PATCH reached the server before the read failed is up to fetch).
    expect(s.requests.filter((x) => x.method === 'HEAD').length).toBe(2)
    expect(s.requests.filter((x) => x.method === 'PATCH' && x.bodyBytes > 0)).toEqual([])
  })
})

describe('TUS uploads stopped midway', () => {
  const { start } = useCvat()
  const twoChunks = () => bytes(10 * MiB + 5)

  it('the caller’s abort after the first chunk ends the upload at once; no chunk follows', async () => {
    const { s, cvat } = await start()
    const ctl = new AbortController()
    const r = await tasksImportAnnotations(cvat, { id: 1, format: 'CVAT 1.1', file: { name: 'a.xml', data: twoChunks() } }, { pollInterval: 1, signal: ctl.signal, onProgress: (p) => p.phase === 'upload' && p.done > 0 && ctl.abort() })()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'TransportError', message: 'the request was aborted', step: 'upload' })
    expect(s.requests.filter((x) => x.method === 'PATCH').map((x) => x.headers['upload-offset'])).toEqual(['0'])
    expect(s.requests.some((x) => x.headers['upload-finish'] !== undefined)).toBe(false)
  }, 30_000)

  it('the deadline during a chunk is a TimeoutError at the upload step', async () => {
    const { cvat } = await start({ fault: (r) => (r.method === 'PATCH' ? 'drop' : undefined) })
    const slow = (req: Parameters<typeof cvat>[0]) => () => new Promise<Awaited<ReturnType<ReturnType<typeof cvat>>>>((done) => setTimeout(() => void cvat(req)().then(done), req.method === 'PATCH' ? 400 : 0))
    const r = await tasksImportAnnotations(slow, { id: 1, format: 'CVAT 1.1', file: { name: 'a.xml', data: bytes(100) } }, { pollInterval: 1, timeout: 200 })()
    expect(E.isLeft(r) && [r.left._tag, r.left.step, r.left._tag === 'TimeoutError' && r.left.ms]).toEqual(['TimeoutError', 'upload', 200])
  })
})
