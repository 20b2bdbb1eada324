// The task data upload protocol, over a socket — cvat/apps/engine/mixins.py UploadMixin (2.26.2:
// lines 233-395; 2.73.0: mixins.py 89-275 with tus.py), views.py TaskViewSet.data and
// _handle_upload_data (2.26: 1208-1470; 2.73: 1381-1667), task.py _create_thread.
import { describe, expect, it } from 'vitest'
import { writeZip } from '../../../src/testing/engine/zip/zip'
import { jpegHeader, png } from '../../emulator/data/images'
import { b64, form, makeTask, settled, site, sj } from './helpers'

const tus = (name: string, length: number) => ({ 'upload-length': String(length), 'upload-metadata': `filename ${b64(name)}`, 'tus-resumable': '1.0.0' })
const pathOf = (loc: string | null) => new URL(loc ?? '').pathname

describe.each(['2.26', '2.73'] as const)('UploadMixin.upload_data, %s', (v) => {
  const s = site({ serverVersion: v })

  it('Upload-Start: 202 and no body (upload_started); the first POST creates the Data record with models.py defaults', async () => {
    const id = await makeTask(s, 'olga')
    const r = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-start': 'true' } })
    expect([r.status, r.text]).toEqual([202, ''])
    const t = (await s.call('olga', 'GET', `/api/tasks/${id}`)).json as Record<string, unknown>
    expect([t['size'], t['image_quality'], t['mode']]).toEqual([0, v === '2.73' ? 0 : 50, ''])
    expect(typeof t['data']).toBe('number')
  })

  it('TUS creation (init_tus_upload): 201, Location of the file under /data/, Upload-Filename, the TUS headers; PATCH 204 with Upload-Offset; HEAD gives the offset', async () => {
    const id = await makeTask(s, 'olga')
    const bytes = png(16, 9)
    const c = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: tus('a.png', bytes.length) })
    expect(c.status).toBe(201)
    expect(pathOf(c.headers.get('location'))).toMatch(v === '2.73' ? new RegExp(`^/api/tasks/${id}/data/2_[0-9a-f-]{36}$`) : new RegExp(`^/api/tasks/${id}/data/[0-9a-f-]{36}$`))
    expect([c.headers.get('upload-filename'), c.headers.get('tus-resumable'), c.headers.get('tus-version'), c.headers.get('tus-max-size'), c.headers.get('cache-control')]).toEqual(['a.png', '1.0.0', '1.0.0', '26843545600', 'no-store'])
    const at = pathOf(c.headers.get('location'))
    const p1 = await s.call('olga', 'PATCH', at, { body: bytes.subarray(0, 10), headers: { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' } })
    expect([p1.status, p1.headers.get('upload-offset')]).toEqual([204, '10'])
    const h = await s.call('olga', 'HEAD', at, { headers: { 'tus-resumable': '1.0.0' } })
    expect([h.status, h.headers.get('upload-offset'), h.headers.get('upload-length')]).toEqual([200, '10', String(bytes.length)])
    // mixins.py: an offset other than the file's is 409 (2.26 line 336; 2.73 line 216).
    expect((await s.call('olga', 'PATCH', at, { body: bytes.subarray(10), headers: { 'upload-offset': '5' } })).status).toBe(409)
    const p2 = await s.call('olga', 'PATCH', at, { body: bytes.subarray(10), headers: { 'upload-offset': '10' } })
    expect([p2.status, p2.headers.get('upload-offset'), p2.headers.get('upload-filename')]).toEqual([204, String(bytes.length), v === '2.26' ? 'a.png' : null])
    // test_tus_uploads.py test_get_upload_offset_after_complete_upload: the finished file's HEAD is 404.
    expect((await s.call('olga', 'HEAD', at)).status).toBe(404)
    const f = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-finish': 'true' }, body: { image_quality: 75 } })
    expect(f.status).toBe(202)
    expect((await settled(s, 'olga', (f.json as { rq_id: string }).rq_id))['status']).toBe('finished')
    expect(((await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { frames: unknown }).frames).toEqual([{ width: 16, height: 9, name: 'a.png', related_files: 0, has_related_context: false }])
  })

  it('TUS creation refuses a name already uploaded (409 "File with same name already exists") and a size over TUS_MAX_FILE_SIZE (413)', async () => {
    const id = await makeTask(s, 'olga')
    const c = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: tus('x.png', 3) })
    await s.call('olga', 'PATCH', pathOf(c.headers.get('location')), { body: new Uint8Array(3), headers: { 'upload-offset': '0' } })
    expect(sj(await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: tus('x.png', 3) }))).toEqual({ status: 409, body: 'File with same name already exists' })
    expect(sj(await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: tus('y.png', 26843545601) }))).toEqual({ status: 413, body: 'File size exceeds max limit of 26843545600 bytes' })
  })

  it('Upload-Multiple appends multipart files (200), Upload-Finish processes them all, frames in lexicographical order', async () => {
    const id = await makeTask(s, 'olga')
    // The SDK sends the data parameters with each request; 2.26's DataSerializer requires image_quality here too.
    const m = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-multiple': 'true' }, body: form([{ name: 'b.png', bytes: png(2, 3) }, { name: 'a.png', bytes: png(4, 5) }], { image_quality: '70' }) })
    expect(m.status).toBe(200)
    const bare = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-multiple': 'true' }, body: form([{ name: 'c.png', bytes: png(1, 1) }]) })
    expect(sj(bare)).toEqual(v === '2.26' ? { status: 400, body: { image_quality: ['This field is required.'] } } : { status: 200, body: undefined })
    const f = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-finish': 'true' }, body: { image_quality: 70 } })
    expect(f.json).toEqual({ rq_id: v === '2.73' ? `action=create&target=task&target_id=${id}` : `create:task-${id}` })
    await settled(s, 'olga', (f.json as { rq_id: string }).rq_id)
    const meta = (await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { frames: Array<{ name: string }>; size: number }
    expect([meta.size, meta.frames.map((x) => x.name)]).toEqual(v === '2.26' ? [2, ['a.png', 'b.png']] : [3, ['a.png', 'b.png', 'c.png']])
  })

  it('data once processed cannot be replaced: "Adding more data is not supported" (views.py 2.26 line 1454, 2.73 line 1636)', async () => {
    const id = await makeTask(s, 'olga')
    const r = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: form([{ name: 'a.png', bytes: png(2, 2) }], { image_quality: '50' }) })
    await settled(s, 'olga', (r.json as { rq_id: string }).rq_id)
    expect(sj(await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-start': 'true' } }))).toEqual({ status: 400, body: v === '2.73' ? ['Adding more data is not supported'] : 'Adding more data is not supported' })
  })

  it('DataSerializer: field errors as DRF renders them, before anything is queued', async () => {
    const id = await makeTask(s, 'olga')
    const post = (body: unknown) => s.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-finish': 'true' }, body })
    expect(sj(await post({ image_quality: 101, chunk_size: 0, frame_filter: 'every=2', sorting_method: 'alphabet', use_cache: 'maybe' }))).toEqual({
      status: 400,
      body: { image_quality: ['Ensure this value is less than or equal to 100.'], chunk_size: ['Chunk size must be a positive integer'], frame_filter: ['Invalid frame filter expression'], sorting_method: ['"alphabet" is not a valid choice.'], use_cache: ['Must be a valid boolean.'] },
    })
    expect(sj(await post({ image_quality: 5, start_frame: 4, stop_frame: 2 }))).toEqual({ status: 400, body: { non_field_errors: ['Stop frame must be more or equal start frame'] } })
    expect(sj(await post({ image_quality: 5, job_file_mapping: [['a.png'], ['a.png']] }))).toEqual({ status: 400, body: { job_file_mapping: ["The same file 'a.png' cannot be used multiple times in the job file mapping"] } })
    if (v === '2.26') expect(sj(await post({}))).toEqual({ status: 400, body: { image_quality: ['This field is required.'] } })
    else expect(sj(await post({ image_quality: 5, remote_files: ['ftp://x/a.png'] }))).toEqual({ status: 400, body: { remote_files: ["'ftp://x/a.png': remote_files entries must be http(s) URLs."] } })
  })

  it('predefined order with upload_file_order naming other files: the 400 of _sort_uploaded_files', async () => {
    const id = await makeTask(s, 'olga')
    const r = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: form([{ name: 'a.png', bytes: png(2, 2) }], { image_quality: '50', sorting_method: 'predefined', 'upload_file_order[0]': 'b.png' }) })
    expect(sj(r)).toEqual({ status: 400, body: ["Uploaded files do not match the 'upload_file_order' field contents. Please check the uploaded data and the list of uploaded files. Mismatching files: a.png (extra), b.png (missing)"] })
  })

  it('task.py _validate_data: no media, and mixed unique and multiple media, fail the request with CVAT\'s text', async () => {
    const fail = async (files: Array<{ name: string; bytes: Uint8Array }>) => {
      const id = await makeTask(s, 'olga')
      const r = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: form(files, { image_quality: '50' }) })
      return settled(s, 'olga', (r.json as { rq_id: string }).rq_id)
    }
    expect(await fail([{ name: 'notes.txt', bytes: new Uint8Array(3) }])).toMatchObject({ status: 'failed', message: 'ValueError: No media data found\n' })
    const mixed = await fail([{ name: 'a.png', bytes: png(1, 1) }, { name: 'v.mp4', bytes: new Uint8Array(9) }])
    expect(mixed['message']).toBe(
      v === '2.73'
        ? 'ValueError: Only one video, audio, archive, pdf, zip or many image, directory can be used simultaneously,             but 1 image(s), 1 video(s), 0 audio(s), 0 archive(s), 0 directory(s), 0 pdf(s), 0 zip(s) found.\n'
        : 'ValueError: Only one video, archive, pdf, zip or many image, directory can be used simultaneously,             but 1 image(s), 1 video(s), 0 archive(s), 0 directory(s), 0 pdf(s), 0 zip(s) found.\n',
    )
    // A video the emulator cannot decode fails as PyAV does on bad input; so does a picture it cannot read.
    expect((await fail([{ name: 'v.mp4', bytes: new Uint8Array(9) }]))['message']).toMatch(/^av\.error\.InvalidDataError: \[Errno 1094995529\] Invalid data found when processing input: '\/home\/django\/data\/data\/\d+\/raw\/v\.mp4'\n$/)
    expect((await fail([{ name: 'x.png', bytes: new Uint8Array([1, 2, 3]) }]))['message']).toMatch(/^PIL\.UnidentifiedImageError: cannot identify image file '.*\/raw\/x\.png'\n$/)
  })

  it('a zip of images is one archive: its image members become the frames, sorted; JPEG sizes read from SOF, Exif-rotated ones swapped', async () => {
    const zip = writeZip([{ name: 'd/2.jpg', bytes: jpegHeader({ width: 8, height: 6 }) }, { name: 'd/10.jpg', bytes: jpegHeader({ width: 8, height: 6, orientation: 6 }) }, { name: 'readme.txt', bytes: new Uint8Array(2) }])
    const id = await makeTask(s, 'olga')
    const r = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: form([{ name: 'pics.zip', bytes: zip }], { image_quality: '50', sorting_method: 'natural' }) })
    expect((await settled(s, 'olga', (r.json as { rq_id: string }).rq_id))['status']).toBe('finished')
    const meta = (await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { frames: Array<{ name: string; width: number; height: number }> }
    expect(meta.frames.map((f) => [f.name, f.width, f.height])).toEqual([['d/2.jpg', 8, 6], ['d/10.jpg', 6, 8]])
  })

  it('start_frame, stop_frame and frame_filter cut the frames; segment_size cuts the jobs (task.py _generate_segment_params)', async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}.png`, bytes: png(i + 1, 1) }))
    const id = await makeTask(s, 'olga', { segment_size: 2 })
    const r = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: form(files, { image_quality: '50', start_frame: '1', stop_frame: '5', frame_filter: 'step=2' }) })
    await settled(s, 'olga', (r.json as { rq_id: string }).rq_id)
    const meta = (await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as Record<string, unknown>
    expect([meta['size'], meta['start_frame'], meta['stop_frame'], meta['frame_filter'], (meta['frames'] as Array<{ name: string }>).map((f) => f.name)]).toEqual([3, 1, 5, 'step=2', ['f1.png', 'f3.png', 'f5.png']])
    const jobs = (await s.call('olga', 'GET', `/api/jobs?task_id=${id}&sort=id`)).json as { results: Array<{ start_frame: number; stop_frame: number }> }
    expect(jobs.results.map((j) => [j.start_frame, j.stop_frame])).toEqual([[0, 1], [2, 2]])
  })
})

describe('the generations differ', () => {
  const old = site({ serverVersion: '2.26' })
  const now = site({ serverVersion: '2.73' })

  it('2.26 builds the TUS Location from the Origin header (mixins.py line 303): without Origin and without a proxy it is a 500', async () => {
    const id = await makeTask(old, 'olga')
    expect((await old.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { ...tus('a.png', 3), origin: '' } })).status).toBe(500)
    const viaProxy = await old.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: { ...tus('a.png', 3), origin: '', 'x-forwarded-host': 'cvat.example', 'x-forwarded-proto': 'https' } })
    expect(viaProxy.headers.get('location')).toMatch(new RegExp(`^https://cvat\\.example/api/tasks/${id}/data/[0-9a-f-]{36}$`))
    // 2.73 reverses the chunk action's URL: no Origin needed.
    const id2 = await makeTask(now, 'olga')
    expect((await now.call('olga', 'POST', `/api/tasks/${id2}/data/`, { headers: { ...tus('a.png', 3), origin: '' } })).status).toBe(201)
  })

  it('2.73 ties a TUS file to its uploader (tus.py validate: 403); 2.26 does not', async () => {
    const id = await makeTask(now, 'olga', {}, '?org=acme')
    const c = await now.call('olga', 'POST', `/api/tasks/${id}/data/?org=acme`, { headers: tus('a.png', 3) })
    expect((await now.call('mia', 'HEAD', pathOf(c.headers.get('location')))).status).toBe(403)
  })

  it('2.73 refuses a chunk past the declared length before reading it (413, tus.py end_offset)', async () => {
    const id = await makeTask(now, 'olga')
    const c = await now.call('olga', 'POST', `/api/tasks/${id}/data/`, { headers: tus('a.png', 4) })
    expect((await now.call('olga', 'PATCH', pathOf(c.headers.get('location')), { body: new Uint8Array(9), headers: { 'upload-offset': '0' } })).status).toBe(413)
  })

  it('2.73 requires image_quality of image tasks inside the job (task.py: "required for image- and video-based tasks")', async () => {
    const id = await makeTask(now, 'olga')
    const r = await now.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: form([{ name: 'a.png', bytes: png(2, 2) }]) })
    expect(await settled(now, 'olga', (r.json as { rq_id: string }).rq_id)).toMatchObject({
      status: 'failed',
      message: `rest_framework.exceptions.ValidationError: [ErrorDetail(string="The 'image_quality' parameter is required for image- and video-based tasks", code='invalid')]\n`,
    })
  })
})

describe('server_files from the share and remote_files (options)', () => {
  const s = site({ share: { 'images/a.png': png(3, 3), 'images/sub/b.png': png(4, 4), 'other.txt': new Uint8Array(1) }, remoteFiles: { 'https://example.test/pics/c.png': png(5, 5) } })

  it('a share directory brings every image under it; /api/server/share lists the share (ServerViewSet.share)', async () => {
    const id = await makeTask(s, 'olga')
    const r = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: { image_quality: 50, server_files: ['images/'] } })
    await settled(s, 'olga', (r.json as { rq_id: string }).rq_id)
    const meta = (await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { frames: Array<{ name: string }> }
    expect(meta.frames.map((f) => f.name)).toEqual(['images/a.png', 'images/sub/b.png'])
    expect(sj(await s.call('olga', 'GET', '/api/server/share?directory=/'))).toEqual({ status: 200, body: [{ name: 'images', type: 'DIR', mime_type: 'DIR' }, { name: 'other.txt', type: 'REG', mime_type: 'unknown' }] })
    expect(sj(await s.call('olga', 'GET', '/api/server/share?directory=/nope'))).toEqual({ status: 400, body: 'nope is an invalid directory' })
  })

  it('a remote URL downloads to its basename; an unreachable one fails as a download error', async () => {
    const id = await makeTask(s, 'olga')
    const ok = await s.call('olga', 'POST', `/api/tasks/${id}/data/`, { body: { image_quality: 50, remote_files: ['https://example.test/pics/c.png'] } })
    await settled(s, 'olga', (ok.json as { rq_id: string }).rq_id)
    expect(((await s.call('olga', 'GET', `/api/tasks/${id}/data/meta`)).json as { frames: unknown }).frames).toEqual([{ width: 5, height: 5, name: 'c.png', related_files: 0, has_related_context: false }])
    const id2 = await makeTask(s, 'olga')
    const bad = await s.call('olga', 'POST', `/api/tasks/${id2}/data/`, { body: { image_quality: 50, remote_files: ['https://unreachable.test/x.png'] } })
    expect(await settled(s, 'olga', (bad.json as { rq_id: string }).rq_id)).toMatchObject({ status: 'failed', message: 'cvat.apps.engine.task._FailedToDownloadFileError: Failed to download https://unreachable.test/x.png; HTTP error 404\n' })
  })
})

describe('permissions (tasks.rego upload:data)', () => {
  const s = site()

  it('a user who may not change the task gets 403; an unknown task 404', async () => {
    const id = await makeTask(s, 'olga')
    expect(sj(await s.call('otto', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-start': 'true' } }))).toEqual({ status: 403, body: { detail: 'You do not have permission to perform this action.' } })
    expect((await s.call('olga', 'POST', '/api/tasks/999/data/', { headers: { 'upload-start': 'true' } })).status).toBe(404)
  })
})
