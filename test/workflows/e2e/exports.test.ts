// Exports and backups as files: start, wait, stream from result_url (2.26's v1 link and 2.73's
// download link), a 409 joining the running export (2.73 names it; 2.26 is found in the request
// list), a result_url on another origin refused, progress while the caller reads, abort.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { type Download, jobsExportDataset, projectsDownloadBackup, projectsExportDataset, readDownload, tasksDownloadBackup, tasksExportDataset } from '../../../src/index'
import { scriptedServer } from '../../helpers/server'
import { type CvatServer } from '../cvatServer'
import { useCvat } from '../useCvat'

const { start, track } = useCvat()
const text = async (d: Download) => {
  const r = await readDownload(d)()
  return E.isRight(r) ? new TextDecoder().decode(r.right) : 'unreadable'
}
const line = (r: CvatServer['requests'][number]) => `${r.method} ${r.url}`
const fast = { pollInterval: 1 }

describe('dataset exports', () => {
  it('2.73: starts the export, waits, streams the file from …/dataset/download?rq_id=', async () => {
    const { s, cvat } = await start({ version: '2.73' })
    const r = await tasksExportDataset(cvat, { id: 5, format: 'COCO 1.0', saveImages: true }, fast)()
    if (E.isLeft(r)) expect.fail(JSON.stringify(r.left))
    expect(await text(r.right)).toBe('PK-exported')
    const rq = 'action%3Dexport%26target%3Dtask%26target_id%3D5%26subresource%3Ddataset%26format%3DCOCO%25201.0%26user_id%3D1'
    expect(s.requests.map(line)).toEqual([
      'POST /api/tasks/5/dataset/export?format=COCO%201.0&location=local&save_images=true',
      ...Array(3).fill(`GET /api/requests/${rq}`),
      `GET /api/tasks/5/dataset/download?rq_id=${rq}`,
    ])
    expect(s.requests.every((x) => x.headers.authorization === 'Token tok3n')).toBe(true)
    expect({ ...r.right, body: undefined }).toEqual({ body: undefined, contentType: 'application/zip', filename: 'task_5_dataset.zip', size: 11, url: `${s.url}/api/tasks/5/dataset/download?rq_id=${rq}` })
  })

  it('2.26: follows the v1 link …/dataset?…&action=download; annotations only unless saveImages', async () => {
    const { s, cvat } = await start({ version: '2.26' })
    const r = await projectsExportDataset(cvat, { id: 3, format: 'YOLO 1.1' }, fast)()
    if (E.isLeft(r)) expect.fail(JSON.stringify(r.left))
    expect(await text(r.right)).toBe('PK-exported')
    expect(s.requests.map(line).at(0)).toBe('POST /api/projects/3/dataset/export?format=YOLO%201.1&location=local&save_images=false')
    expect(s.requests.map(line).at(-1)).toBe('GET /api/projects/3/dataset?format=YOLO+1.1&location=local&save_images=false&action=download')
  })

  it.each(['2.73', '2.26'] as const)('a 409 joins the export already running (%s)', async (version) => {
    const { s, cvat } = await start({ version, states: () => [{ status: 'started', progress: 0.1 }, { status: 'started', progress: 0.6 }, { status: 'finished' }] })
    await fetch(`${s.url}/api/jobs/9/dataset/export?format=CVAT%201.1&location=local&save_images=false`, { method: 'POST' })
    const r = await jobsExportDataset(cvat, { id: 9, format: 'CVAT 1.1' }, fast)()
    if (E.isLeft(r)) expect.fail(JSON.stringify(r.left))
    expect(await text(r.right)).toBe('PK-exported')
    const lines = s.requests.slice(1).map(line)
    expect(lines[0]).toBe('POST /api/jobs/9/dataset/export?format=CVAT%201.1&location=local&save_images=false')
    if (version === '2.26') expect(lines[1]).toBe('GET /api/requests?action=export&format=CVAT%201.1&job_id=9&page_size=10&subresource=annotations&target=job')
    expect(s.rqs.size).toBe(1)
  })

  it('refuses a result_url on another origin: no request goes there, the credential stays home', async () => {
    const other = await scriptedServer([(_req, res) => res.writeHead(200).end('stolen')])
    track(other)
    const { s, cvat } = await start({ linkOrigin: other.url })
    const r = await tasksExportDataset(cvat, { id: 5, format: 'COCO 1.0' }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'RedirectError', reason: 'cross-origin', status: 200, step: 'download', url: expect.stringContaining(`${s.url}/api/requests/`) })
    expect(other.requests).toEqual([])
  })

  it('a failed export is a BackgroundRequestError at the processing step', async () => {
    const { cvat } = await start({ states: () => [{ status: 'failed', message: 'Unknown format' }] })
    const r = await tasksExportDataset(cvat, { id: 5, format: 'nope' }, fast)()
    expect(E.isLeft(r) && [r.left._tag, r.left.step, r.left._tag === 'BackgroundRequestError' && r.left.message]).toEqual(['BackgroundRequestError', 'processing', 'Unknown format'])
  })

  it('reports download bytes as the caller reads, against the size the server sent', async () => {
    const size = 3 * 2 ** 20 + 7
    const { cvat } = await start({ exported: () => ({ size, piece: (_o, n) => new Uint8Array(n).fill(1) }) })
    const seen: Array<{ phase: string; done: number; total?: number }> = []
    const r = await tasksExportDataset(cvat, { id: 5, format: 'COCO 1.0' }, { ...fast, onProgress: (p) => seen.push(p) })()
    if (E.isLeft(r)) expect.fail('export')
    const downloads = () => seen.filter((p) => p.phase === 'download')
    // Before the caller reads: the start, and at most the one chunk read ahead.
    expect(downloads()[0]).toEqual({ phase: 'download', done: 0, total: size })
    expect(downloads().length).toBeLessThanOrEqual(2)
    let read = 0
    await r.right.body.pipeTo(new WritableStream({ write: (c) => void (read += c.byteLength) }))
    expect(read).toBe(size)
    expect(downloads().at(-1)).toEqual({ phase: 'download', done: size, total: size })
    expect(downloads().every((p, i, all) => i === 0 || p.done > all[i - 1]!.done)).toBe(true)
  })

  it('the caller’s signal still cuts the stream after the workflow resolved', async () => {
    const { cvat } = await start({ exported: () => ({ size: 64 * 2 ** 20, piece: (_o, n) => new Uint8Array(n) }) })
    const ctl = new AbortController()
    const r = await tasksExportDataset(cvat, { id: 5, format: 'COCO 1.0' }, { ...fast, signal: ctl.signal })()
    if (E.isLeft(r)) expect.fail('export')
    const reader = r.right.body.getReader()
    await reader.read()
    ctl.abort()
    await expect((async () => { for (;;) if ((await reader.read()).done) return 'ended' })()).rejects.toBeDefined()
  })

  it('a finished request without result_url (a cloud-storage export) is a DecodeError at the download step', async () => {
    const { cvat } = await start({ withoutResultUrl: true })
    const r = await tasksExportDataset(cvat, { id: 5, format: 'COCO 1.0' }, fast)()
    expect(E.isLeft(r) && [r.left._tag, r.left.step]).toEqual(['DecodeError', 'download'])
  })
})

describe('backup downloads', () => {
  it.each(['2.73', '2.26'] as const)('streams a task backup and a project backup (%s)', async (version) => {
    const { s, cvat } = await start({ version })
    const t = await tasksDownloadBackup(cvat, { id: 5 }, fast)()
    const p = await projectsDownloadBackup(cvat, { id: 3 }, fast)()
    if (E.isLeft(t) || E.isLeft(p)) expect.fail('backup')
    expect([await text(t.right), await text(p.right), t.right.filename, p.right.filename]).toEqual(['PK-exported', 'PK-exported', 'task_5_backup.zip', 'project_3_backup.zip'])
    expect(s.requests.filter((x) => x.method === 'POST').map(line)).toEqual(['POST /api/tasks/5/backup/export?location=local', 'POST /api/projects/3/backup/export?location=local'])
  })
})
