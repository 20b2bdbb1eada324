// tasksCreateFromData against a scripted CVAT (test/workflows/cvatServer.ts) over real sockets:
// every request in order with its headers, on 2.26 and 2.73; remote and share resources; failures
// at each step and the task deleted (or kept) after them.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { tasksCreateFromData } from '../../../src/index'
import { type CvatServer } from '../cvatServer'
import { useCvat } from '../useCvat'

const { start } = useCvat()
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
    expect(r).toEqual(E.right({
      url: `${s.url}/api/tasks/1`, id: 1, name: 'cats', project_id: null, status: 'annotation', size: 2, organization: null,
      jobs: { count: 1, completed: 0, validation: 0, url: `${s.url}/api/jobs?task_id=1` }, labels: { url: `${s.url}/api/labels?task_id=1` },
    }))
    expect(s.tasks.get(1)!.spec).toEqual({ name: 'cats', labels: [{ name: 'cat' }] })
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
      { spec: { name: 't' }, resources: [{ name: 'z.jpg', data: bytes(3) }, { name: 'a.jpg', data: bytes(3) }], dataParams: { sorting_method: 'predefined', chunk_size: 8, client_files: ['ignored'] } as never },
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
  }, 30_000)
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

describe('tasksCreateFromData failures', () => {
  const files = [{ name: 'a.jpg', data: bytes(30) }]

  it('a failed upload is a Left at the upload step; the task is deleted again', async () => {
    const { s, cvat } = await start({ fault: (r) => (r.headers['upload-multiple'] !== undefined ? { status: 500, body: 'boom' } : undefined) })
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: files }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StatusError', status: 500, step: 'upload', taskId: 1, taskDeleted: true })
    expect(s.requests.map(line).at(-1)).toBe('DELETE /api/tasks/1')
    expect(s.tasks.has(1)).toBe(false)
  })

  it('keepTaskOnFailure keeps it (and says so)', async () => {
    const { s, cvat } = await start({ fault: (r) => (r.headers['upload-multiple'] !== undefined ? { status: 500 } : undefined) })
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: files }, { ...fast, keepTaskOnFailure: true })()
    expect(E.isLeft(r) && r.left).toMatchObject({ step: 'upload', taskId: 1, taskDeleted: false })
    expect(s.requests.some((x) => x.method === 'DELETE')).toBe(false)
  })

  it('failed processing is a BackgroundRequestError at the processing step; the task is deleted', async () => {
    const { s, cvat } = await start({ states: () => [{ status: 'started', progress: 0.2 }, { status: 'failed', message: 'No media data found' }] })
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: files }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'BackgroundRequestError', message: 'No media data found', step: 'processing', taskId: 1, taskDeleted: true })
    expect(s.tasks.has(1)).toBe(false)
  })

  it('a deletion that fails is reported as not deleted', async () => {
    const { cvat } = await start({ states: () => [{ status: 'failed' }], fault: (r) => (r.method === 'DELETE' ? { status: 500 } : undefined) })
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: files }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ step: 'processing', taskId: 1, taskDeleted: false })
  })

  it('a task CVAT refuses to create is a Left at the create step; nothing else is sent', async () => {
    const { s, cvat } = await start({ fault: () => ({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"name":["This field is required."]}' }) })
    const r = await tasksCreateFromData(cvat, { spec: { name: 'refused' }, resources: files }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StatusError', status: 400, step: 'create', body: { _tag: 'FieldErrors', fields: { name: ['This field is required.'] } } })
    expect(E.isLeft(r) && 'taskId' in r.left).toBe(false)
    expect(s.requests.length).toBe(1)
  })

  it('a task that cannot be read back after processing is kept (its data is fine)', async () => {
    const { s, cvat } = await start({ fault: (r) => (r.method === 'GET' && r.url === '/api/tasks/1' ? { status: 503 } : undefined) })
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: files }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ status: 503, step: 'retrieve', taskId: 1, taskDeleted: false })
    expect(s.tasks.has(1)).toBe(true)
  })

  it('an abort during the upload ends it at once, and the task is still deleted', async () => {
    const { s, cvat } = await start()
    const ctl = new AbortController()
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: files }, { ...fast, signal: ctl.signal, onProgress: (p) => p.phase === 'upload' && ctl.abort() })()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'TransportError', message: 'the request was aborted', step: 'upload', taskId: 1, taskDeleted: true })
    expect(s.requests.map(line)).toEqual(['POST /api/tasks', 'DELETE /api/tasks/1'])
  })

  it('the deadline during processing is a TimeoutError; the task is deleted', async () => {
    const { s, cvat } = await start({ states: () => [{ status: 'started' }] })
    // Processing never ends here; 3 s leaves the upload before it time even on a loaded machine.
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: files }, { pollInterval: 20, timeout: 3_000 })()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'TimeoutError', ms: 3_000, step: 'processing', taskId: 1, taskDeleted: true })
    expect(s.tasks.has(1)).toBe(false)
  })

  it.each<[string, Record<string, unknown>, unknown, string]>([
    ['no resources', { spec: { name: 't' }, resources: [] }, undefined, 'resources must be a non-empty array'],
    ['two files of one name', { spec: { name: 't' }, resources: [{ name: 'a.jpg', data: bytes(1) }, new File(['x'], 'a.jpg')] }, undefined, 'resources[1] has the name of an earlier file: "a.jpg"'],
    ['a resource that is no file', { spec: { name: 't' }, resources: ['a.jpg'] }, undefined, 'resources[0] must be a File or { name, data }, got "a.jpg"'],
    ['a file without data', { spec: { name: 't' }, resources: [{ name: 'a.jpg' }] }, undefined, 'resources[0] must have data that is a Blob or bytes, got undefined'],
    ['a file name with a newline', { spec: { name: 't' }, resources: [{ name: 'a\n.jpg', data: bytes(1) }] }, undefined, 'resources[0] has a name with control characters or malformed text'],
    ['a remote resource that is no URL', { spec: { name: 't' }, resourceType: 'remote', resources: [3] }, undefined, 'resources[0] must be a non-empty string (a URL)'],
    ['an unknown resource type', { spec: { name: 't' }, resourceType: 'cloud', resources: ['a'] }, undefined, `resourceType must be 'local', 'remote' or 'share', got "cloud"`],
    ['no spec', { resources: files }, undefined, 'spec must be an object (a TaskWriteRequest), got undefined'],
    ['dataParams the DataRequest schema refuses', { spec: { name: 't' }, resources: files, dataParams: { image_quality: 'high' } }, undefined, 'dataParams: required property "image_quality"\n└─ cannot decode "high", should be integer'],
    ['a spec the TaskWriteRequest schema refuses', { spec: { name: '' }, resources: files }, undefined, 'spec: required property "name"\n└─ cannot decode "", should be string (1..256 characters)'],
    ['a keepTaskOnFailure that is no boolean', { spec: { name: 't' }, resources: files }, { keepTaskOnFailure: 'yes' }, 'keepTaskOnFailure must be a boolean, got "yes"'],
    ['a bad organisation id', { spec: { name: 't' }, resources: files, orgId: 1.5 }, undefined, 'orgId must be an integer, got 1.5'],
  ])('refuses %s with a RequestError, sending nothing', async (_, params, options, message) => {
    const { s, cvat } = await start()
    const r = await tasksCreateFromData(cvat, params as never, options as never)()
    expect(r).toEqual(E.left({ _tag: 'RequestError', method: 'POST', url: '/api/tasks', message }))
    expect(s.requests).toEqual([])
  })
})

describe('tasksCreateFromData with files that fail to read', () => {
  it('a Blob-like file FormData refuses stops the upload with a RequestError; the task is deleted', async () => {
    const { s, cvat } = await start()
    const fake = { size: 3, slice: () => new Blob(['abc']), arrayBuffer: () => Promise.resolve(new ArrayBuffer(3)) }
    const r = await tasksCreateFromData(cvat, { spec: { name: 't' }, resources: [{ name: 'a.jpg', data: fake as unknown as Blob }] }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'RequestError', message: 'the files "a.jpg" cannot be sent: one is not a Blob FormData can carry', step: 'upload', taskId: 1, taskDeleted: true })
    expect(s.requests.map(line)).toEqual(['POST /api/tasks', 'POST /api/tasks/1/data/', 'DELETE /api/tasks/1'])
  })
})
