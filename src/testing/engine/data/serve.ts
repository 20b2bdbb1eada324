/**
 * Serving a task's media — the _DataGetter family (2.26: views.py lines 742–912; 2.73:
 * views.py lines 660–1010) and frame_provider.py: frames byte for byte (`quality` original or
 * compressed: the emulator does not re-encode, so both give the uploaded bytes), chunks as zips
 * of `000000.<ext>` members with X-Checksum and X-Updated-Date (2.73 adds byte ranges: 206 and
 * 416), previews, and data/meta for tasks and jobs. Frames of seeded tasks (fixtures, the demo)
 * are rendered on demand as PNGs of their size.
 */
import type { AuthedEnv } from '../../env'
import { type Reply, isoMicro, json } from '../../http'
import type { EmulatedData, EmulatedJob, EmulatedTask } from '../model'
import { dataOf, segmentOf } from '../model'
import { frameStep } from '../segments'
import { encodePng } from '../media/png'
import { crc32Update } from '../zip/crc32'
import { writeZip } from '../zip/zip'
import { type FrameBytes, dataState } from './state'

/** A file answer (HttpResponse with a content type). */
export const file = (bytes: Uint8Array, mime: string, headers: Record<string, string> = {}, status = 200): Reply => ({ _tag: 'Reply', status, raw: bytes, headers: { 'content-type': mime, ...headers } })

const textReply = (status: number, text: string): Reply => json(status, text)

/**
 * A data record's frames. Fixture tasks (CVAT's assets) have a size but no frame rows: their
 * frames are stood in for by generated 100×100 PNGs named frame_000000.png, frame_000001.png, …
 */
export const framesOf = (data: EmulatedData): ReadonlyArray<{ readonly name: string; readonly width: number; readonly height: number }> =>
  data.frames.length >= data.size ? data.frames : [...data.frames, ...Array.from({ length: data.size - data.frames.length }, (_, i) => ({ name: `frame_${String(data.frames.length + i).padStart(6, '0')}.png`, width: 100, height: 100 }))]

// A frame of a seeded task: a PNG of the frame's size, a colour per frame (capped at 4096 px a side).
const rendered = (idx: number, w: number, h: number): FrameBytes => {
  const width = Math.max(1, Math.min(4096, w))
  const height = Math.max(1, Math.min(4096, h))
  const hue = (idx * 47) % 256
  return { bytes: encodePng(width, height, (x, y) => [hue, (x * 255) / width, (y * 255) / height]), mime: 'image/png' }
}

/** The bytes of a task frame (relative index). */
export const frameBytes = (env: AuthedEnv, data: EmulatedData, idx: number): FrameBytes | undefined => {
  const f = framesOf(data)[idx]
  if (!f) return undefined
  return dataState(env.s, env.config).media.get(data.id)?.[idx] ?? rendered(idx, f.width, f.height)
}

const extOf = (name: string, mime: string): string => {
  const dot = name.lastIndexOf('.')
  return dot > name.lastIndexOf('/') && dot >= 0 ? name.slice(dot + 1) : mime === 'image/jpeg' ? 'jpeg' : 'png'
}

/** The date chunks last changed (Segment.chunks_updated_date). */
export const chunksUpdated = (env: AuthedEnv, task: EmulatedTask, data: EmulatedData): number => dataState(env.s, env.config).chunksUpdated.get(data.id) ?? task.createdDate

// views.py _get_chunk_checksum: crc32 of the first 1000 bytes, seeded with the crc32 of the length's digits.
const checksum = (b: Uint8Array): string => String(crc32Update(crc32Update(0, new TextEncoder().encode(String(b.length))), b.subarray(0, 1000)))

const chunkOf = (env: AuthedEnv, data: EmulatedData, frames: ReadonlyArray<number>, date: number): Uint8Array =>
  writeZip(
    frames.flatMap((idx, i) => {
      const fb = frameBytes(env, data, idx)
      return fb ? [{ name: `${String(i).padStart(6, '0')}.${extOf(framesOf(data)[idx]?.name ?? '', fb.mime)}`, bytes: fb.bytes }] : []
    }),
    date,
  )

// 2.73 _parse_range_header / _resolve_range.
const ranged = (env: AuthedEnv, zip: Uint8Array, headers: Record<string, string>): Reply => {
  const h = { ...headers, 'Accept-Ranges': 'bytes' }
  const range = env.req.headers.get('range')
  if (env.config.serverVersion !== '2.73' || !range) return file(zip, 'application/zip', env.config.serverVersion === '2.73' ? h : headers)
  const spec = /^([^=\s]+)\s*=\s*(.+)$/.exec(range.trim())
  if (!spec) return { _tag: 'Reply', status: 400, raw: 'Invalid Range header', headers: { 'content-type': 'text/html; charset=utf-8' } }
  if ((spec[1] as string).toLowerCase() !== 'bytes') return file(zip, 'application/zip', h)
  const m = /^(\d*)-(\d*)$/.exec((spec[2] as string).trim())
  if (!m || (m[1] === '' && m[2] === '')) return { _tag: 'Reply', status: 400, raw: 'Invalid Range header', headers: { 'content-type': 'text/html; charset=utf-8' } }
  const size = zip.length
  let start: number
  let end: number
  if (m[1] !== '') {
    start = Number(m[1])
    end = m[2] !== '' ? Number(m[2]) : size - 1
  } else {
    const suffix = Number(m[2])
    if (suffix <= 0) return { _tag: 'Reply', status: 416, headers: { ...h, 'Content-Range': `bytes */${size}` } }
    start = Math.max(size - suffix, 0)
    end = size - 1
  }
  if (end < start || start >= size) return { _tag: 'Reply', status: 416, headers: { ...h, 'Content-Range': `bytes */${size}` } }
  end = Math.min(end, size - 1)
  return file(zip.subarray(start, end + 1), 'application/zip', { ...h, 'Content-Range': `bytes ${start}-${end}/${size}` }, 206)
}

/** What a data request asks for (type, number or index, quality), or the 400 CVAT gives. */
const params = (env: AuthedEnv, job: boolean): { type: string; number: number | null; index: number | null } | Reply => {
  const q = env.url.searchParams
  const type = q.get('type')
  const num = q.get('number')
  const index = job ? q.get('index') : null
  const quality = q.get('quality') ?? 'compressed'
  if (!type || !['chunk', 'frame', 'preview', 'context_image'].includes(type)) return textReply(400, 'Data type not specified or has wrong value')
  if (type === 'chunk' && job) {
    if (num === null && index === null) return textReply(400, 'Number or Index is not specified')
    if (num !== null && index !== null) return textReply(400, 'Number and Index cannot be used together')
  } else if ((type === 'chunk' || type === 'frame') && num === null) return textReply(400, 'Number is not specified')
  if (!(type === 'chunk' && job) && type !== 'context_image' && !['compressed', 'original'].includes(quality)) return textReply(400, 'Wrong quality value')
  // int() of a non-number crashes CVAT (a 500); the emulator answers 400 with Python's text.
  for (const v of [num, index]) if (v !== null && !/^\s*[+-]?\d+\s*$/.test(v)) return textReply(400, `invalid literal for int() with base 10: '${v}'`)
  return { type, number: num === null ? null : Number(num), index: index === null ? null : Number(index) }
}

/** GET /api/tasks/{id}/data?type=frame|chunk|preview|context_image */
export const taskData = (env: AuthedEnv, t: EmulatedTask): Reply => {
  const p = params(env, false)
  if ('_tag' in p) return p
  const data = dataOf(env.s.engine, t)
  if (!data || data.size === 0) return env.config.serverVersion === '2.73' ? textReply(404, 'Task has no media') : textReply(400, 'Task has no data')
  if (p.type === 'preview') return preview(env, data)
  if (p.type === 'context_image') return { _tag: 'Reply', status: 404, raw: '', headers: { 'content-type': 'text/html; charset=utf-8' } }
  const n = p.number as number
  if (p.type === 'frame') {
    if (!(n >= 0 && n < data.size)) return textReply(400, `Invalid frame '${n}'. The frame number should be in the [0, ${data.size}] range`)
    const fb = frameBytes(env, data, n)
    return fb ? file(fb.bytes, fb.mime) : textReply(400, `Invalid frame '${n}'. The frame number should be in the [0, ${data.size}] range`)
  }
  const size = data.chunkSize ?? 36
  const last = Math.ceil(data.size / size) - 1
  if (!(n >= 0 && n <= last)) return textReply(400, `Invalid chunk number '${n}'. The chunk number should be in the [0, ${last}] range`)
  const frames = Array.from({ length: Math.min(size, data.size - n * size) }, (_, i) => n * size + i)
  const date = chunksUpdated(env, t, data)
  const zip = chunkOf(env, data, frames, date)
  return ranged(env, zip, { 'X-Checksum': checksum(zip), 'X-Updated-Date': isoMicro(date) })
}

const segmentFrames = (env: AuthedEnv, j: EmulatedJob): number[] => {
  const g = segmentOf(env.s.engine, j)
  if (!g) return []
  return g.type === 'specific_frames' ? [...g.frames].sort((a, b) => a - b) : Array.from({ length: g.stopFrame - g.startFrame + 1 }, (_, i) => g.startFrame + i)
}

/** GET /api/jobs/{id}/data: frames of the job's segment, chunks by `index` (job-local) or `number` (task chunks, limited to the job). */
export const jobData = (env: AuthedEnv, j: EmulatedJob, t: EmulatedTask): Reply => {
  const p = params(env, true)
  if ('_tag' in p) return p
  const data = dataOf(env.s.engine, t)
  if (!data || data.size === 0) return textReply(400, 'Task has no data')
  if (p.type === 'preview') return preview(env, data, segmentFrames(env, j)[0] ?? 0)
  if (p.type === 'context_image') return { _tag: 'Reply', status: 404, raw: '', headers: { 'content-type': 'text/html; charset=utf-8' } }
  const mine = segmentFrames(env, j)
  const size = data.chunkSize ?? 36
  if (p.type === 'frame') {
    const n = p.number as number
    const fb = mine.includes(n) ? frameBytes(env, data, n) : undefined
    return fb ? file(fb.bytes, fb.mime) : textReply(400, `Incorrect requested frame number: ${n}`)
  }
  let frames: number[]
  if (p.index !== null) {
    const last = Math.ceil(mine.length / size) - 1
    if (!(p.index >= 0 && p.index <= last)) return json(400, [`Invalid chunk number '${p.index}'. The chunk number should be in the [0, ${last}] range`])
    frames = mine.slice(p.index * size, (p.index + 1) * size)
  } else {
    const n = p.number as number
    const first = Math.floor((mine[0] ?? 0) / size)
    const lastChunk = Math.floor((mine[mine.length - 1] ?? 0) / size)
    if (!(n >= first && n <= lastChunk)) return json(400, [`Invalid chunk number '${n}'. The chunk number should be in the [${first}, ${lastChunk}] range`])
    frames = mine.filter((f) => Math.floor(f / size) === n)
  }
  const date = chunksUpdated(env, t, data)
  const zip = chunkOf(env, data, frames, date)
  return ranged(env, zip, { 'X-Checksum': checksum(zip), 'X-Updated-Date': isoMicro(date) })
}

/**
 * A preview: any small valid image will do (CVAT sends a 256-pixel JPEG thumbnail of the first
 * frame; the emulator sends a grey PNG of that shape, at most 256 pixels a side).
 */
export const preview = (env: AuthedEnv, data: EmulatedData, idx = 0): Reply => {
  const f = framesOf(data)[idx] ?? { width: 256, height: 256 }
  const scale = Math.min(1, 256 / Math.max(f.width, f.height, 1))
  const w = Math.max(1, Math.round(f.width * scale))
  const h = Math.max(1, Math.round(f.height * scale))
  return file(encodePng(w, h, () => [128, 128, 128]), 'image/png')
}

// FrameMetaSerializer: no related (context) images in the emulator.
const frameMeta = (f: { readonly name: string; readonly width: number; readonly height: number }) => ({ width: f.width, height: f.height, name: f.name, related_files: 0, has_related_context: false })

/** GET /api/tasks/{id}/data/meta (DataMetaReadSerializer). */
export const taskMeta = (env: AuthedEnv, t: EmulatedTask): Reply => {
  const data = dataOf(env.s.engine, t)
  const v73 = env.config.serverVersion === '2.73'
  if (!data || t.mode === '') return json(400, ['Data is not uploaded for the task yet'])
  return json(200, {
    ...(v73 ? { chapters: null } : {}),
    chunks_updated_date: isoMicro(chunksUpdated(env, t, data)),
    chunk_size: data.chunkSize,
    size: data.size,
    image_quality: data.imageQuality,
    start_frame: data.startFrame,
    stop_frame: data.stopFrame,
    frame_filter: data.frameFilter,
    frames: framesOf(data).map(frameMeta),
    deleted_frames: [...data.deletedFrames].sort((a, b) => a - b),
    ...(v73 ? { storage: data.storage, cloud_storage_id: data.cloudStorageId } : {}),
  })
}

/** GET /api/jobs/{id}/data/meta: the segment's frames (placeholders for skipped ones), start/stop in task numbers. */
export const jobMeta = (env: AuthedEnv, j: EmulatedJob, t: EmulatedTask): Reply => {
  const data = dataOf(env.s.engine, t)
  const g = segmentOf(env.s.engine, j)
  const v73 = env.config.serverVersion === '2.73'
  if (!data || !g) return json(400, ['Data is not uploaded for the task yet'])
  const step = frameStep(data)
  const set = new Set(segmentFrames(env, j))
  const start = data.startFrame + g.startFrame * step
  const stop = Math.min(data.stopFrame, data.startFrame + g.stopFrame * step)
  const frames = framesOf(data).flatMap((f, idx) => (idx >= g.startFrame && idx <= g.stopFrame ? [set.has(idx) ? f : { name: 'placeholder.jpg', width: f.width, height: f.height }] : []))
  return json(200, {
    ...(v73 ? { chapters: null } : {}),
    chunks_updated_date: isoMicro(chunksUpdated(env, t, data)),
    chunk_size: data.chunkSize,
    size: set.size,
    image_quality: data.imageQuality,
    start_frame: start,
    stop_frame: stop,
    frame_filter: data.frameFilter,
    frames: frames.map(frameMeta),
    deleted_frames: data.deletedFrames.filter((f) => f >= g.startFrame && f <= g.stopFrame).sort((a, b) => a - b),
    included_frames: g.type === 'specific_frames' ? [...g.frames] : null,
    ...(v73 ? { storage: data.storage, cloud_storage_id: data.cloudStorageId } : {}),
  })
}

// 2.73 sends Vary: Prefer, and Preference-Applied when the client asked for `Prefer: handling=empty`.
const previewHeaders = (env: AuthedEnv): Record<string, string> => {
  if (env.config.serverVersion !== '2.73') return {}
  const empty = (env.req.headers.get('prefer') ?? '').split(',').some((t) => /^\s*handling\s*=\s*"?empty"?\s*$/i.test(t))
  return { Vary: 'Prefer', ...(empty ? { 'Preference-Applied': 'handling=empty' } : {}) }
}

const previewOf = (env: AuthedEnv, t: EmulatedTask, idx = 0): Reply => {
  const data = dataOf(env.s.engine, t)
  if (!data || data.size === 0) return env.config.serverVersion === '2.73' ? textReply(404, 'Task has no media') : textReply(400, 'Task has no data')
  const p = preview(env, data, idx)
  return { ...p, headers: { ...p.headers, ...previewHeaders(env) } }
}

/** GET /api/tasks/{id}/preview (a task without data: Django's plain 404). */
export const taskPreview = (env: AuthedEnv, t: EmulatedTask): Reply =>
  dataOf(env.s.engine, t) ? previewOf(env, t) : { _tag: 'Reply', status: 404, raw: 'Task image preview not found', headers: { 'content-type': 'text/html; charset=utf-8' } }

/** GET /api/jobs/{id}/preview: the first frame of the job's segment. */
export const jobPreview = (env: AuthedEnv, j: EmulatedJob, t: EmulatedTask): Reply => previewOf(env, t, segmentFrames(env, j)[0] ?? 0)

/** GET /api/projects/{id}/preview: its newest task's preview. */
export const projectPreview = (env: AuthedEnv, p: { readonly id: number }): Reply => {
  const newest = env.s.engine.tasks.filter((t) => t.projectId === p.id).sort((a, b) => b.id - a.id)[0]
  return newest ? previewOf(env, newest) : { _tag: 'Reply', status: 404, raw: 'Project image preview not found', headers: { 'content-type': 'text/html; charset=utf-8' } }
}
