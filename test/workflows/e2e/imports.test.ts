// Imports and restores by CVAT's upload protocol on 2.26 and 2.73: every request in order, the
// file as CVAT stored it, the restored task or project read back, failures at each step.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { jobsImportAnnotations, projectsCreateFromBackup, projectsImportDataset, tasksCreateFromBackup } from '../../../src/index'
import { type CvatServer } from '../cvatServer'
import { useCvat } from '../useCvat'

const { start } = useCvat()
const fast = { pollInterval: 1 }
const kind = (r: CvatServer['requests'][number]) =>
  `${r.headers['upload-start'] !== undefined ? 'start ' : r.headers['upload-length'] !== undefined ? 'tus ' : r.headers['upload-finish'] !== undefined ? 'finish ' : ''}${r.method} ${r.url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'UUID')}`

describe('imports', () => {
  it.each(['2.73', '2.26'] as const)('imports a job’s annotations: start, TUS, finish with the stored name, wait (%s)', async (version) => {
    const { s, cvat } = await start({ version })
    const seen: unknown[] = []
    const r = await jobsImportAnnotations(cvat, { id: 4, format: 'CVAT 1.1', file: { name: 'job.xml', data: new TextEncoder().encode('<annotations/>') } }, { ...fast, onProgress: (p) => seen.push(p) })()
    expect(r).toEqual(E.right(undefined))
    const stored = version === '2.73' ? '1_UUID' : 'job.xml'
    const rq = version === '2.73' ? 'action%3Dimport%26target%3Djob%26target_id%3D4%26subresource%3Dannotations' : 'import%3Ajob-4-annotations'
    expect(s.requests.map(kind)).toEqual([
      'start POST /api/jobs/4/annotations/?format=CVAT%201.1&filename=job.xml',
      'tus POST /api/jobs/4/annotations/',
      `PATCH /api/jobs/4/annotations/${version === '2.73' ? '1_UUID' : 'UUID'}`,
      `finish POST /api/jobs/4/annotations/?format=CVAT%201.1&filename=${stored}`,
      ...Array(3).fill(`GET /api/requests/${rq}`),
    ])
    expect([...s.stored.values()].map(String)).toEqual(['<annotations/>'])
    expect(seen.slice(0, 2)).toEqual([{ phase: 'upload', done: 0, total: 14 }, { phase: 'upload', done: 14, total: 14 }])
  })

  it('imports a project dataset on 2.73', async () => {
    const { s, cvat } = await start()
    const r = await projectsImportDataset(cvat, { id: 2, format: 'COCO 1.0', file: new File(['zip'], 'coco.zip'), convMaskToPoly: true }, fast)()
    expect(r).toEqual(E.right(undefined))
    expect(s.requests.map(kind).slice(0, 4)).toEqual([
      'start POST /api/projects/2/dataset/?format=COCO%201.0&filename=coco.zip&conv_mask_to_poly=true',
      'tus POST /api/projects/2/dataset/',
      'PATCH /api/projects/2/dataset/1_UUID',
      'finish POST /api/projects/2/dataset/?format=COCO%201.0&filename=1_UUID&conv_mask_to_poly=true',
    ])
  })

  it('a failed import is a BackgroundRequestError with CVAT’s message at the processing step', async () => {
    const { cvat } = await start({ states: () => [{ status: 'failed', message: 'Dataset must contain a file: annotations.xml' }] })
    const r = await jobsImportAnnotations(cvat, { id: 4, format: 'CVAT 1.1', file: { name: 'a.zip', data: new Uint8Array(3) } }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'BackgroundRequestError', message: 'Dataset must contain a file: annotations.xml', step: 'processing' })
  })

  it('an Upload-Start refused is a StatusError at the upload step, nothing more sent', async () => {
    const { s, cvat } = await start({ fault: () => ({ status: 403, headers: { 'content-type': 'application/json' }, body: '{"detail":"You do not have permission to perform this action."}' }) })
    const r = await jobsImportAnnotations(cvat, { id: 4, format: 'CVAT 1.1', file: { name: 'a.xml', data: new Uint8Array(3) } }, fast)()
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StatusError', status: 403, step: 'upload', body: { _tag: 'Detail', detail: 'You do not have permission to perform this action.' } })
    expect(s.requests.length).toBe(1)
  })
})

describe('restores', () => {
  it.each(['2.73', '2.26'] as const)('restores a task from a backup into the organisation named, and reads the new task (%s)', async (version) => {
    const { s, cvat } = await start({ version })
    const r = await tasksCreateFromBackup(cvat, { file: { name: 'task_5_backup.zip', data: new Uint8Array([80, 75, 3, 4]) }, org: 'acme' }, fast)()
    const host = s.url.slice('http://'.length)
    expect(r).toEqual(E.right({
      url: `${s.url}/api/tasks/1`, id: 1, name: 'restored from ' + [...s.stored.keys()][0], project_id: null, status: 'annotation', size: 0, organization: 1,
      jobs: { count: 0, completed: 0, validation: 0, url: `http://${host}/api/jobs?task_id=1` }, labels: { url: `http://${host}/api/labels?task_id=1` },
    }))
    const stored = version === '2.73' ? '1_UUID' : [...s.stored.keys()][0]!.replace(/[0-9a-f]{8}\.zip$/, 'XXXX.zip')
    const lines = s.requests.map(kind).map((l) => l.replace(/admin[0-9a-f]{8}\.zip/, 'adminXXXX.zip'))
    expect(lines.slice(0, 4)).toEqual([
      'start POST /api/tasks/backup/?filename=task_5_backup.zip&org=acme',
      'tus POST /api/tasks/backup/?org=acme',
      `PATCH /api/tasks/backup/${version === '2.73' ? '1_UUID' : 'UUID'}?org=acme`,
      `finish POST /api/tasks/backup/?filename=${encodeURIComponent(stored)}&org=acme`,
    ])
    expect(lines.at(-1)).toBe('GET /api/tasks/1?org=acme')
  })

  it('restores a project and reads it back', async () => {
    const { s, cvat } = await start()
    const r = await projectsCreateFromBackup(cvat, { file: new File(['PK'], 'project_3_backup.zip') }, fast)()
    expect(r).toEqual(E.right({ url: `${s.url}/api/projects/1`, id: 1, name: 'project 1', tasks: { count: 0, url: `${s.url}/api/tasks?project_id=1` }, labels: { url: `${s.url}/api/labels?project_id=1` } }))
  })

  it('a finished restore that names no result_id is a DecodeError at the retrieve step', async () => {
    const { cvat } = await start({ withoutResultId: true })
    const r = await tasksCreateFromBackup(cvat, { file: new File(['PK'], 'b.zip') }, fast)()
    expect(E.isLeft(r) && [r.left._tag, r.left.step, r.left._tag === 'DecodeError' && r.left.message]).toEqual(['DecodeError', 'retrieve', 'the finished restore names no task (result_id is null)'])
  })
})
