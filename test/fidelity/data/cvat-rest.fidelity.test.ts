// CVAT's own REST tests for the data side, ported where they need no real video, cloud or
// database: tests/python/rest_api/test_tus_uploads.py (2.73.0), test_tasks.py (TestPostTaskData,
// TestGetData, TestTaskBackups, TestWorkWithTask data cases), test_requests.py — with
// create_task (tests/python/rest_api/utils.py: Upload-Start, Upload-Multiple, Upload-Finish).
import { describe, expect, it } from 'vitest'
import type { CvatAssets } from '../../../src/testing'
import { pngSize } from '../../../src/testing/engine/media/png'
import { png } from '../../emulator/data/images'
import { hasShared, readSharedJson, skipReason } from '../../helpers/shared'
import { type Site, b64, form, settled, site, sj } from './helpers'

// shared/utils/helpers.py generate_image_files: image_0.jpeg … named so that natural order is creation order.
const images = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `image_${i}.png`, bytes: png(10 + i, 5) }))

// utils.py create_task: JSON Upload-Start, multipart Upload-Multiple, JSON Upload-Finish, then wait.
const createTask = async (s: Site, as: string, spec: Record<string, unknown>, data: Record<string, unknown> & { client_files?: Array<{ name: string; bytes: Uint8Array }> }) => {
  const t = (await s.call(as, 'POST', '/api/tasks', { body: spec })).json as { id: number }
  const { client_files: files = [], ...rest } = data
  expect((await s.call(as, 'POST', `/api/tasks/${t.id}/data/`, { headers: { 'upload-start': 'true' }, body: { image_quality: rest['image_quality'] } })).status).toBe(202)
  expect((await s.call(as, 'POST', `/api/tasks/${t.id}/data/`, { headers: { 'upload-multiple': 'true' }, body: form(files, { image_quality: String(rest['image_quality']) }) })).status).toBe(200)
  const fin = await s.call(as, 'POST', `/api/tasks/${t.id}/data/`, { headers: { 'upload-finish': 'true' }, body: rest })
  expect(fin.status).toBe(202)
  const done = await settled(s, as, (fin.json as { rq_id: string }).rq_id)
  return { id: t.id, request: done }
}

describe('test_tus_uploads.py TestTUSUpload (2.73)', () => {
  const s = site({ serverVersion: '2.73' })
  const start = async (task: number, size: number, name: string, path = `/api/tasks/${task}/data/`) => {
    const r = await s.call('admin', 'POST', path, { headers: { 'upload-length': String(size), 'upload-metadata': `filename ${b64(name)}`, 'tus-resumable': '1.0.0' } })
    expect(r.status).toBe(201)
    return new URL(r.headers.get('location') ?? '').pathname
  }
  const chunk = (at: string, offset: number, data: Uint8Array) => s.call('admin', 'PATCH', at, { body: data, headers: { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', 'tus-resumable': '1.0.0' } })
  const task = async () => ((await s.call('admin', 'POST', '/api/tasks', { body: { name: 'test TUS upload', labels: [{ name: 'car' }] } })).json as { id: number }).id

  it('test_can_upload_file_via_tus_in_single_chunk', async () => {
    const data = png(100, 100)
    const r = await chunk(await start(await task(), data.length, 'test_image.png'), 0, data)
    expect([r.status, Number(r.headers.get('upload-offset'))]).toEqual([204, data.length])
  })

  it('test_upload_offset_is_updated_incrementally', async () => {
    const data = png(150, 150)
    const at = await start(await task(), data.length, 'test_image.png')
    for (let offset = 0; offset < data.length; ) {
      const end = Math.min(offset + 1024, data.length)
      const r = await chunk(at, offset, data.subarray(offset, end))
      expect([r.status, Number(r.headers.get('upload-offset'))]).toEqual([204, end])
      if (end < data.length) expect(Number((await s.call('admin', 'HEAD', at, { headers: { 'tus-resumable': '1.0.0' } })).headers.get('upload-offset'))).toBe(end)
      offset = end
    }
  })

  it('test_cannot_upload_with_wrong_offset', async () => {
    const data = new Uint8Array(10000)
    const at = await start(await task(), data.length, 'test_image.jpg')
    expect(Number((await chunk(at, 0, data.subarray(0, 1000))).headers.get('upload-offset'))).toBe(1000)
    expect((await chunk(at, 500, data.subarray(1000, 2000))).status).toBe(409)
    expect((await chunk(at, 1500, data.subarray(1000, 2000))).status).toBe(409)
  })

  it('test_cannot_upload_chunk_exceeding_file_size', async () => {
    const at = await start(await task(), 10000, 'test_image.jpg')
    expect((await chunk(at, 0, new Uint8Array(1000))).status).toBe(204)
    expect((await chunk(at, 1000, new Uint8Array(9500))).status).toBe(413)
  })

  it('test_get_upload_offset_after_complete_upload', async () => {
    const data = png(100, 100)
    const at = await start(await task(), data.length, 'test_image.png')
    expect(Number((await s.call('admin', 'HEAD', at)).headers.get('upload-offset'))).toBe(0)
    expect((await chunk(at, 0, data)).status).toBe(204)
    expect((await s.call('admin', 'HEAD', at, { headers: { 'tus-resumable': '1.0.0' } })).status).toBe(404)
  })

  it('test_upload_without_trailing_slash', async () => {
    const id = await task()
    const at = await start(id, 1000, 'test_image.jpg', `/api/tasks/${id}/data`)
    const r = await chunk(at, 0, new TextEncoder().encode('xxxxx'))
    expect([r.status, r.headers.get('upload-offset')]).toEqual([204, '5'])
  })
})

describe.each(['2.26', '2.73'] as const)('test_tasks.py data cases, %s', (v) => {
  const s = site({ serverVersion: v, requestPolls: 1 })
  const spec = { name: 'test user to create a task', labels: [{ name: 'car', color: '#ff00ff', attributes: [{ name: 'a', mutable: true, input_type: 'number', default_value: '5', values: ['4', '5', '6'] }] }] }

  it('test_can_create_task_with_defined_start_and_stop_frames: size 4', async () => {
    const { id } = await createTask(s, 'olga', spec, { image_quality: 75, start_frame: 2, stop_frame: 5, client_files: images(7) })
    expect(((await s.call('olga', 'GET', `/api/tasks/${id}`)).json as { size: number }).size).toBe(4)
  })

  it('test_can_create_task_with_sorting_method_natural: frames sorted again', async () => {
    const files = images(15)
    const { id } = await createTask(s, 'olga', spec, { image_quality: 70, sorting_method: 'natural', client_files: [...files.slice(5), ...files.slice(0, 5)] })
    const meta = (await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { frames: Array<{ name: string }> }
    expect(meta.frames.map((f) => f.name)).toEqual(files.map((f) => f.name))
  })

  it('test_can_create_task_with_sorting_method_predefined (client_files): the upload order stays', async () => {
    const files = images(15)
    const shuffled = [...files.slice(5), ...files.slice(0, 5)]
    const { id } = await createTask(s, 'olga', spec, { image_quality: 70, sorting_method: 'predefined', client_files: shuffled })
    const meta = (await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { frames: Array<{ name: string }> }
    expect(meta.frames.map((f) => f.name)).toEqual(shuffled.map((f) => f.name))
  })

  it('test_can_get_task_meta / test_can_get_task_frames / test_can_get_task_chunks (images)', async () => {
    const files = images(5)
    const { id } = await createTask(s, 'olga', spec, { image_quality: 70, chunk_size: 2, client_files: files })
    const meta = (await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { size: number; start_frame: number; stop_frame: number; frame_filter: string; chunk_size: number; frames: Array<{ width: number; height: number }> }
    expect([meta.size, meta.start_frame, meta.stop_frame, meta.frame_filter, meta.chunk_size, meta.frames.length]).toEqual([5, 0, 4, '', 2, 5])
    for (const [n, f] of files.entries()) {
      const frame = await s.call('olga', 'GET', `/api/tasks/${id}/data?type=frame&quality=original&number=${n}`)
      expect([pngSize(frame.bytes), Array.from(frame.bytes)]).toEqual([{ width: meta.frames[n]!.width, height: meta.frames[n]!.height }, Array.from(f.bytes)])
    }
    const t = (await s.call('olga', 'GET', `/api/tasks/${id}`)).json as { data_original_chunk_type: string; data_compressed_chunk_type: string }
    expect([t.data_original_chunk_type, t.data_compressed_chunk_type]).toEqual(['imageset', 'imageset'])
  })

  it('test_cannot_export_backup_for_task_without_data', async () => {
    const t = (await s.call('olga', 'POST', '/api/tasks', { body: spec })).json as { id: number }
    const r = v === '2.73' ? await s.call('olga', 'POST', `/api/tasks/${t.id}/backup/export`) : await s.call('olga', 'GET', `/api/tasks/${t.id}/backup`)
    expect(r.status).toBe(400)
  })

  it('test_requests.py test_can_retrieve_task_creation_requests_using_legacy_ids (2.73) / the same id (2.26)', async () => {
    const { id } = await createTask(s, 'olga', { name: 'Test task', labels: [{ name: 'car' }], segment_size: 1 }, { image_quality: 75, client_files: images(2) })
    const listed = (await s.call('olga', 'GET', '/api/requests?target=task&action=create&task_id=' + id)).json as { results: Array<{ id: string }> }
    expect(listed.results.length).toBe(1)
    expect(((await s.call('olga', 'GET', `/api/requests/${encodeURIComponent(`create:task-${id}`)}`)).json as { id: string }).id).toBe(listed.results[0]!.id)
  })

  it('test_requests.py test_owner_can_retrieve_request / test_non_owner_cannot_retrieve_request (project dataset export)', async () => {
    const p = (await s.call('olga', 'POST', '/api/projects', { body: { name: 'p', labels: [{ name: 'car' }] } })).json as { id: number }
    await createTask(s, 'olga', { name: 't', project_id: p.id }, { image_quality: 70, client_files: images(2) })
    const ex = await s.call('olga', 'POST', `/api/projects/${p.id}/dataset/export?format=CVAT%20for%20images%201.1&save_images=true`)
    const rq = (ex.json as { rq_id: string }).rq_id
    const done = await settled(s, 'olga', rq)
    expect([done['status'], (done['operation'] as Record<string, unknown>)['format'], (done['operation'] as Record<string, unknown>)['project_id'], (done['operation'] as Record<string, unknown>)['target'], (done['operation'] as Record<string, unknown>)['type']]).toEqual(['finished', 'CVAT for images 1.1', p.id, 'project', 'export:dataset'])
    const url = new URL(String(done['result_url']))
    expect([url.protocol, url.host !== '', url.pathname !== '', url.search !== '']).toEqual(['http:', true, true, true])
    expect((await s.call('otto', 'GET', `/api/requests/${encodeURIComponent(rq)}`)).status).toBe(403)
  })
})

describe.skipIf(!hasShared)(`fixture tasks (CVAT's assets as seed) ${skipReason}`, () => {
  const NAMES = ['users', 'organizations', 'memberships', 'invitations', 'projects', 'tasks', 'jobs', 'labels'] as const
  const assets: CvatAssets = hasShared ? { ...Object.fromEntries(NAMES.map((n) => [n, readSharedJson<{ results: never[] }>(`assets/${n}.json`).results])), annotations: readSharedJson('assets/annotations.json') } : {}
  const s = site({ serverVersion: '2.26', defaultSeed: false, assets, requestPolls: 0 })

  it('TestGetData.test_frame_content_type: image tasks 8 and 5 serve image/png frames', async () => {
    for (const id of [8, 5]) {
      const r = await s.call('user1', 'GET', `/api/tasks/${id}/data?type=frame&quality=original&number=0`)
      expect([id, r.status, r.headers.get('content-type')]).toEqual([id, 200, 'image/png'])
    }
  })

  it('TestTaskBackups.test_can_export_backup and import: a fixture task with data backs up and restores', async () => {
    const tasks = readSharedJson<{ results: Array<{ id: number; mode: string; dimension: string; validation_mode: string | null; size: number; jobs: { count: number } }> }>('assets/tasks.json').results
    const t = tasks.find((x) => x.mode === 'annotation' && x.dimension === '2d' && !x.validation_mode && x.jobs.count > 0)!
    const ex = await s.call('admin1', 'POST', `/api/tasks/${t.id}/backup/export`)
    const done = await settled(s, 'admin1', (ex.json as { rq_id: string }).rq_id)
    const file = await s.call('admin1', 'GET', new URL(String(done['result_url'])).pathname + new URL(String(done['result_url'])).search)
    expect([file.status, file.bytes.length > 0]).toEqual([200, true])
    const r = await s.call('admin1', 'POST', '/api/tasks/backup/', { body: form([{ name: 'b.zip', bytes: file.bytes }], {}, () => 'task_file') })
    const back = await s.call('admin1', 'POST', '/api/tasks/backup/', { body: { rq_id: (r.json as { rq_id: string }).rq_id } })
    expect(back.status).toBe(201)
    expect(sj(await s.call('admin1', 'GET', `/api/tasks/${(back.json as { id: number }).id}`)).body).toMatchObject({ size: t.size, mode: 'annotation' })
  })
})
