// Serving media — views.py _DataGetter/_TaskDataGetter/_JobDataGetter (2.26.2 lines 742-912,
// 2.73.0 lines 660-1010), frame_provider.py validate_frame_number/validate_chunk_number,
// media_extractors.py ZipChunkWriter (members "000000.<ext>"), TaskViewSet/JobViewSet metadata.
import { describe, expect, it } from 'vitest'
import { crc32Update } from '../../../src/testing/engine/zip/crc32'
import { listZip, readEntry } from '../../../src/testing/engine/zip/zip'
import { pngSize } from '../../../src/testing/engine/media/png'
import { jpegHeader, png } from '../../emulator/data/images'
import { makeTask, site, sj, taskWith } from './helpers'

const members = (zip: Uint8Array) => {
  const l = listZip(zip)
  return l._tag === 'Zip' ? l.entries.map((e) => { const r = readEntry(zip, e, 1 << 20); return [e.name, r._tag === 'Read' ? Array.from(r.bytes) : r.reason] as const }) : l.reason
}

describe.each(['2.26', '2.73'] as const)('task and job media, %s', (v) => {
  const s = site({ serverVersion: v })
  const files = [{ name: 'a.png', bytes: png(6, 4) }, { name: 'b.jpg', bytes: jpegHeader({ width: 9, height: 7 }) }, { name: 'c.png', bytes: png(2, 2) }]
  let id = 0
  const get = (path: string, headers: Record<string, string> = {}) => s.call('olga', 'GET', path, { headers })

  it('frames come back byte for byte with their content type, original and compressed alike', async () => {
    id = await taskWith(s, 'olga', files, { image_quality: '70', chunk_size: '2' }, { segment_size: 2 })
    for (const [n, f] of files.entries())
      for (const q of ['original', 'compressed']) {
        const r = await get(`/api/tasks/${id}/data?type=frame&number=${n}&quality=${q}`)
        expect([r.status, r.headers.get('content-type'), Array.from(r.bytes)]).toEqual([200, f.name.endsWith('png') ? 'image/png' : 'image/jpeg', Array.from(f.bytes)])
      }
  })

  it('chunks are zips of "000000.<ext>" members in frame order, with X-Checksum and X-Updated-Date', async () => {
    const c0 = await get(`/api/tasks/${id}/data?type=chunk&number=0&quality=original`)
    expect([c0.status, c0.headers.get('content-type')]).toEqual([200, 'application/zip'])
    expect(members(c0.bytes)).toEqual([['000000.png', Array.from(files[0]!.bytes)], ['000001.jpg', Array.from(files[1]!.bytes)]])
    // views.py _get_chunk_checksum: crc32 of the first 1000 bytes, seeded with crc32(str(len)).
    const seed = crc32Update(0, new TextEncoder().encode(String(c0.bytes.length)))
    expect(c0.headers.get('x-checksum')).toBe(String(crc32Update(seed, c0.bytes.subarray(0, 1000))))
    expect(c0.headers.get('x-updated-date')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/)
    expect(members((await get(`/api/tasks/${id}/data?type=chunk&number=1&quality=compressed`)).bytes)).toEqual([['000000.png', Array.from(files[2]!.bytes)]])
  })

  it('bad requests: type, number, quality, ranges (_DataGetter.__init__, validate_*_number)', async () => {
    expect(sj(await get(`/api/tasks/${id}/data?type=video&number=0`))).toEqual({ status: 400, body: 'Data type not specified or has wrong value' })
    expect(sj(await get(`/api/tasks/${id}/data?type=frame`))).toEqual({ status: 400, body: 'Number is not specified' })
    expect(sj(await get(`/api/tasks/${id}/data?type=frame&number=0&quality=best`))).toEqual({ status: 400, body: 'Wrong quality value' })
    expect(sj(await get(`/api/tasks/${id}/data?type=frame&number=3`))).toEqual({ status: 400, body: "Invalid frame '3'. The frame number should be in the [0, 3] range" })
    expect(sj(await get(`/api/tasks/${id}/data?type=chunk&number=2`))).toEqual({ status: 400, body: "Invalid chunk number '2'. The chunk number should be in the [0, 1] range" })
  })

  it('a job serves the frames of its segment; chunks by index (job-local) or number (task chunks within the job)', async () => {
    const jobs = ((await get(`/api/jobs?task_id=${id}&sort=id`)).json as { results: Array<{ id: number }> }).results
    const second = jobs[1]!.id
    expect(Array.from((await get(`/api/jobs/${second}/data?type=frame&number=2&quality=original`)).bytes)).toEqual(Array.from(files[2]!.bytes))
    expect(sj(await get(`/api/jobs/${second}/data?type=frame&number=0&quality=original`))).toEqual({ status: 400, body: 'Incorrect requested frame number: 0' })
    expect(members((await get(`/api/jobs/${second}/data?type=chunk&index=0&quality=original`)).bytes)).toEqual([['000000.png', Array.from(files[2]!.bytes)]])
    expect(members((await get(`/api/jobs/${second}/data?type=chunk&number=1&quality=original`)).bytes)).toEqual([['000000.png', Array.from(files[2]!.bytes)]])
    expect(sj(await get(`/api/jobs/${second}/data?type=chunk&quality=original`))).toEqual({ status: 400, body: 'Number or Index is not specified' })
    expect(sj(await get(`/api/jobs/${second}/data?type=chunk&index=0&number=1`))).toEqual({ status: 400, body: 'Number and Index cannot be used together' })
    expect(sj(await get(`/api/jobs/${second}/data?type=chunk&index=5`))).toEqual({ status: 400, body: ["Invalid chunk number '5'. The chunk number should be in the [0, 0] range"] })
  })

  it('data/meta of the task and of a job (the job: its segment, start and stop in task numbers)', async () => {
    const meta = (await get(`/api/tasks/${id}/data/meta`)).json as Record<string, unknown>
    expect({ ...meta, chunks_updated_date: 'x' }).toEqual({
      ...(v === '2.73' ? { chapters: null } : {}),
      chunks_updated_date: 'x',
      chunk_size: 2,
      size: 3,
      image_quality: 70,
      start_frame: 0,
      stop_frame: 2,
      frame_filter: '',
      frames: [
        { width: 6, height: 4, name: 'a.png', related_files: 0, has_related_context: false },
        { width: 9, height: 7, name: 'b.jpg', related_files: 0, has_related_context: false },
        { width: 2, height: 2, name: 'c.png', related_files: 0, has_related_context: false },
      ],
      deleted_frames: [],
      ...(v === '2.73' ? { storage: 'local', cloud_storage_id: null } : {}),
    })
    const second = ((await get(`/api/jobs?task_id=${id}&sort=id`)).json as { results: Array<{ id: number }> }).results[1]!.id
    const jm = (await get(`/api/jobs/${second}/data/meta`)).json as Record<string, unknown>
    expect([jm['size'], jm['start_frame'], jm['stop_frame'], jm['included_frames'], (jm['frames'] as Array<{ name: string }>).map((f) => f.name)]).toEqual([1, 2, 2, null, ['c.png']])
  })

  it('PATCH data/meta sets deleted_frames (DataMetaWriteSerializer, JobDataMetaWriteSerializer); repeats, unknown and foreign frames are 400s', async () => {
    const patch = (path: string, body: unknown) => s.call('olga', 'PATCH', path, { body })
    expect(((await patch(`/api/tasks/${id}/data/meta`, { deleted_frames: [2] })).json as { deleted_frames: number[] }).deleted_frames).toEqual([2])
    expect(sj(await patch(`/api/tasks/${id}/data/meta`, { deleted_frames: [1, 1] }))).toEqual({ status: 400, body: ['Deleted frames cannot repeat'] })
    expect(sj(await patch(`/api/tasks/${id}/data/meta`, { deleted_frames: [7, 5] }))).toEqual({ status: 400, body: ['Unknown frames 5, 7 requested for removal'] })
    expect(sj(await patch(`/api/tasks/${id}/data/meta`, { deleted_frames: [-1] }))).toEqual({ status: 400, body: { deleted_frames: { 0: ['Ensure this value is greater than or equal to 0.'] } } })
    expect(sj(await patch(`/api/tasks/${id}/data/meta`, {}))).toEqual({ status: 400, body: { deleted_frames: ['This field is required.'] } })
    const first = ((await get(`/api/jobs?task_id=${id}&sort=id`)).json as { results: Array<{ id: number }> }).results[0]!.id
    expect(sj(await patch(`/api/jobs/${first}/data/meta`, { deleted_frames: [2] }))).toEqual({ status: 400, body: ['Frames 2 do not belong to the job'] })
    expect(((await patch(`/api/jobs/${first}/data/meta`, { deleted_frames: [0] })).json as { deleted_frames: number[] }).deleted_frames).toEqual([0])
    // The task keeps its other deleted frames: 2 from before, 0 from the job.
    expect(((await get(`/api/tasks/${id}/data/meta`)).json as { deleted_frames: number[] }).deleted_frames).toEqual([0, 2])
    await patch(`/api/tasks/${id}/data/meta`, { deleted_frames: [] })
  })

  it('previews: any small valid image (a PNG here, CVAT sends a JPEG); a task without data: plain 404', async () => {
    const p = await get(`/api/tasks/${id}/preview`)
    expect([p.status, p.headers.get('content-type'), pngSize(p.bytes)]).toEqual([200, 'image/png', { width: 6, height: 4 }])
    const bare = await makeTask(s, 'olga')
    const none = await get(`/api/tasks/${bare}/preview`)
    expect([none.status, none.text]).toEqual([404, 'Task image preview not found'])
    expect(sj(await get(`/api/tasks/${bare}/data/meta`))).toEqual({ status: 400, body: ['Data is not uploaded for the task yet'] })
  })
})

describe('2.73 chunk byte ranges (views.py _parse_range_header, _resolve_range)', () => {
  const s = site({ serverVersion: '2.73' })

  it('206 with Content-Range for a range; 416 with bytes */size when unsatisfiable; 400 for a bad header; Accept-Ranges always', async () => {
    const id = await taskWith(s, 'olga', [{ name: 'a.png', bytes: png(20, 20) }])
    const path = `/api/tasks/${id}/data?type=chunk&number=0&quality=original`
    const whole = await s.call('olga', 'GET', path)
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    const n = whole.bytes.length
    const part = await s.call('olga', 'GET', path, { headers: { range: 'bytes=10-19' } })
    expect([part.status, part.headers.get('content-range'), Array.from(part.bytes)]).toEqual([206, `bytes 10-19/${n}`, Array.from(whole.bytes.subarray(10, 20))])
    const tail = await s.call('olga', 'GET', path, { headers: { range: 'bytes=-5' } })
    expect([tail.status, tail.headers.get('content-range')]).toEqual([206, `bytes ${n - 5}-${n - 1}/${n}`])
    const bad = await s.call('olga', 'GET', path, { headers: { range: `bytes=${n}-` } })
    expect([bad.status, bad.headers.get('content-range')]).toEqual([416, `bytes */${n}`])
    expect([(await s.call('olga', 'GET', path, { headers: { range: 'bytes=x' } })).status, (await s.call('olga', 'GET', path, { headers: { range: 'bytes=x' } })).text]).toEqual([400, 'Invalid Range header'])
    expect((await s.call('olga', 'GET', path, { headers: { range: 'items=0-1' } })).status).toBe(200)
  })
})

describe("seed 'demo' frames are real PNGs", () => {
  const s = site({ seed: 'demo' })

  it('every frame of the demo task decodes as a PNG of its recorded size', async () => {
    const tasks = ((await s.call('olga', 'GET', '/api/tasks?org=acme')).json as { results: Array<{ id: number; size: number }> }).results
    const t = tasks[0]!
    const meta = (await s.call('olga', 'GET', `/api/tasks/${t.id}/data/meta?org=acme`)).json as { frames: Array<{ width: number; height: number }> }
    for (let n = 0; n < t.size; n++) {
      const f = await s.call('olga', 'GET', `/api/tasks/${t.id}/data?type=frame&number=${n}&quality=original&org=acme`)
      expect([f.headers.get('content-type'), pngSize(f.bytes)]).toEqual(['image/png', { width: meta.frames[n]!.width, height: meta.frames[n]!.height }])
    }
  })
})
