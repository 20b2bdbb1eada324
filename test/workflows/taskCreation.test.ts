// tasksCreateFromData against a scripted CVAT (test/workflows/cvatServer.ts) over real sockets:
// every request in order with its headers, on 2.26 and 2.73; remote and share resources; failures
// at each step and the task deleted (or kept) after them.
import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient, tasksCreateFromData, tokenAuth } from '../../src/index'
import { type CvatServer, type Options, cvatServer } from './cvatServer'

let servers: CvatServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})
const start = async (o: Options = {}) => {
  const s = await cvatServer(o)
  servers.push(s)
  return { s, cvat: tokenAuth('tok3n')(createClient({ baseUrl: s.url })) }
}
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255)
const line = (r: CvatServer['requests'][number]) => `${r.method} ${r.url}`
const fast = { pollInterval: 1 }

describe('tasksCreateFromData with local files', () => {
  it.each(['2.73', '2.26'] as const)('creates the task, uploads small files in one Upload-Multiple, finishes, waits and reads the task (%s)', async (version) => {
    const { s, cvat } = await start({ version })
    const progress: unknown[] = []
    const r = await tasksCreateFromData(
      cvat,
      { spec: { name: 'cats', labels: [{ name: 'cat' }] }, resources: [{ name: 'a.jpg', data: bytes(300) }, new File([bytes(200, 2)], 'b.png')] },
      { ...fast, onProgress: (p) => progress.push(p) },
    )()
    expect(r).toEqual(E.right({ id: 1, name: 'cats', labels: [{ name: 'cat' }], size: 2, data_compressed_chunk_type: 'imageset' }))
    const rq = version === '2.73' ? 'action%3Dcreate%26target%3Dtask%26target_id%3D1' : 'create%3Atask-1'
    expect(s.requests.map(line)).toEqual([
      'POST /api/tasks',
      'POST /api/tasks/1/data/',
      'POST /api/tasks/1/data/',
      'POST /api/tasks/1/data/',
      `GET /api/requests/${rq}`,
      `GET /api/requests/${rq}`,
      `GET /api/requests/${rq}`,
      'GET /api/tasks/1',
    ])
    const [, startReq, multiple, finish] = s.requests
    expect([startReq!.headers['upload-start'], startReq!.headers['upload-multiple'], startReq!.bodyBytes]).toEqual(['', undefined, 0])
    expect(multiple!.headers['upload-multiple']).toBe('')
    expect(multiple!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(Number(multiple!.headers['content-length'])).toBe(multiple!.bodyBytes)
    expect(finish!.headers['upload-finish']).toBe('')
    expect(finish!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(finish!.body!.toString())).toEqual({ image_quality: 70 })
    for (const r of s.requests) expect(r.headers.authorization).toBe('Token tok3n')
    expect([...s.tasks.get(1)!.files]).toEqual([['a.jpg', Buffer.from(bytes(300))], ['b.png', Buffer.from(bytes(200, 2))]])
    expect(progress).toEqual([
      { phase: 'upload', done: 0, total: 500 },
      { phase: 'upload', done: 500, total: 500 },
      { phase: 'processing', done: 0, total: 1 },
      { phase: 'processing', done: 0.5, total: 1 },
      { phase: 'processing', done: 1, total: 1 },
    ])
  })

  it('sends the data request the caller gave, image_quality 70 unless given, and the file order for predefined sorting', async () => {
    const { s, cvat } = await start()
    const r = await tasksCreateFromData(
      cvat,
      { spec: { name: 't' }, resources: [{ name: 'z.jpg', data: bytes(3) }, { name: 'a.jpg', data: bytes(3) }], dataParams: { sorting_method: 'predefined', chunk_size: 8, client_files: ['ignored'] } },
      fast,
    )()
    expect(E.isRight(r)).toBe(true)
    const finish = s.requests.find((x) => x.headers['upload-finish'] !== undefined)!
    expect(JSON.parse(finish.body!.toString())).toEqual({ image_quality: 70, sorting_method: 'predefined', chunk_size: 8, upload_file_order: ['z.jpg', 'a.jpg'] })
    const multiple = s.requests.find((x) => x.headers['upload-multiple'] !== undefined)!
    const form = await new Response(new Uint8Array(multiple.body!), { headers: { 'content-type': String(multiple.headers['content-type']) } }).formData()
    expect([...form.keys()]).toEqual(['image_quality', 'client_files[0]', 'client_files[1]'])
    expect(form.get('image_quality')).toBe('70')
  })

  it('uploads a file over 100 MiB by TUS in 10 MiB chunks with the SDK headers and an Origin', async () => {
    const { s, cvat } = await start({ version: '2.26' })
    const big = new Uint8Array(100 * 2 ** 20 + 5)
    big[0] = 7
    big[big.length - 1] = 9
    const r = await tasksCreateFromData(cvat, { spec: { name: 'v' }, resources: [{ name: 'video.mp4', data: new Blob([big]) }, { name: 'small.jpg', data: bytes(10) }] }, fast)()
    expect(E.isRight(r)).toBe(true)
    const tus = s.requests.filter((x) => x.headers['upload-length'] !== undefined)
    expect(tus.map((x) => [x.url, x.headers['upload-length'], x.headers['upload-metadata'], x.headers['tus-resumable'], x.headers.origin])).toEqual([
      ['/api/tasks/1/data/', String(big.length), `filename ${Buffer.from('video.mp4').toString('base64')}`, '1.0.0', s.url],
    ])
    const patches = s.requests.filter((x) => x.method === 'PATCH')
    expect(patches.map((x) => [x.headers['upload-offset'], x.bodyBytes, x.headers['content-type'], x.headers['tus-resumable']])).toEqual(
      Array.from({ length: 11 }, (_, i) => [String(i * 10 * 2 ** 20), i < 10 ? 10 * 2 ** 20 : 5, 'application/offset+octet-stream', '1.0.0']),
    )
    // The small file goes first, in its Upload-Multiple; the TUS file after it; then the finish.
    const kinds = s.requests.map((x) => (x.headers['upload-start'] !== undefined ? 'start' : x.headers['upload-multiple'] !== undefined ? 'multiple' : x.headers['upload-length'] !== undefined ? 'tus' : x.headers['upload-finish'] !== undefined ? 'finish' : x.method))
    expect(kinds.slice(0, 5)).toEqual(['POST', 'start', 'multiple', 'tus', 'PATCH'])
    expect(kinds.indexOf('finish')).toBe(kinds.lastIndexOf('PATCH') + 1)
    expect(Buffer.compare(s.tasks.get(1)!.files.get('video.mp4')!, Buffer.from(big))).toBe(0)
  })
})

describe('tasksCreateFromData with remote and share resources', () => {
  it.each([
    ['remote', 'remote_files', ['https://example.com/a.jpg']],
    ['share', 'server_files', ['images/a.jpg', 'images/b.jpg']],
  ] as const)('sends one data request with %s files and no upload headers', async (resourceType, field, resources) => {
    const { s, cvat } = await start()
    const r = await tasksCreateFromData(cvat, { spec: { name: 'r' }, resourceType, resources, dataParams: { image_quality: 90, cloud_storage_id: 3 } }, fast)()
    expect(E.isRight(r)).toBe(true)
    const data = s.requests[1]!
    expect([data.method, data.url, data.headers['upload-start'], data.headers['upload-finish'], data.headers['content-type']]).toEqual(['POST', '/api/tasks/1/data/', undefined, undefined, 'application/json'])
    expect(JSON.parse(data.body!.toString())).toEqual({ image_quality: 90, cloud_storage_id: 3, [field]: resources })
  })
})
