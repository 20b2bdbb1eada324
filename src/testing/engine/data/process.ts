/**
 * The task-creation job (cvat/apps/engine/task.py _create_thread, 2.26.2 and 2.73.0) for what
 * the emulator can decode: the request's files — uploaded, from the share, or "downloaded" from
 * the remoteFiles option — are counted by media type (_count_files, _validate_data: one
 * video/archive/pdf/zip or many images, else CVAT's ValueError), images are taken from the files
 * or from a zip archive, sorted per sorting_method (or by job_file_mapping), cut by start, stop
 * and step, and measured from their headers; then part 1's attachFrames makes the segments and
 * jobs. A failure is the exception text CVAT's request would carry. Videos, PDFs and tar-like
 * archives fail as when CVAT cannot decode them.
 */
import type { ServerVersion } from '../../env'
import type { EmulatorState } from '../../model'
import type { EmulatedData, EmulatedFrame, EmulatedTask } from '../model'
import { attachFrames, frameStep } from '../segments'
import { type MediaKind, type Picture, kindOf, readPicture, sortFiles } from '../media/kinds'
import { type Outcome, exceptionText, validationText } from '../requests/queue'
import { type UploadDir, contents } from '../upload/store'
import { listZip, readEntry } from '../zip/zip'
import type { DataRequest } from './request'
import type { DataConfig, DataState, FrameBytes } from './state'

/** What the creation job works from. */
export interface CreationInput {
  readonly version: ServerVersion
  readonly task: EmulatedTask
  readonly data: EmulatedData
  readonly request: DataRequest
  /** Client file names in the order they were registered (upload order). */
  readonly clientNames: ReadonlyArray<string>
  readonly dir: UploadDir
  readonly config: DataConfig
  readonly random: () => number
}

const fail = (type: string, message: string): Outcome => ({ ok: false, message: exceptionText(type, message) })
const invalid = (message: string): Outcome => ({ ok: false, message: validationText(message) })

const KINDS = (version: ServerVersion): ReadonlyArray<MediaKind | 'audio' | 'directory'> =>
  version === '2.73' ? ['image', 'video', 'audio', 'archive', 'directory', 'pdf', 'zip'] : ['image', 'video', 'archive', 'directory', 'pdf', 'zip']
const UNIQUE = new Set(['video', 'audio', 'archive', 'pdf', 'zip'])
const AUDIO = /\.(mp3|wav|flac|ogg|oga|m4a|aac|opus)$/i

// task.py _download_data: the file name is the URL path's basename.
const urlName = (url: string): string => {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').replace(/[?#].*$/, '')
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1))
  } catch {
    return path.slice(path.lastIndexOf('/') + 1)
  }
}

interface Source {
  readonly name: string
  readonly bytes: () => Uint8Array | undefined
}

/** Runs the creation job: frames, segments and jobs on success; CVAT's exception text on failure. */
export const createTaskData = (s: EmulatorState, d: DataState, input: CreationInput, now: number): Outcome => {
  const { version, task, data, request: r, config } = input
  const rawDir = `/home/django/data/data/${data.id}/raw`
  const sources = new Map<string, Source>()
  // Uploaded files, in registration order.
  for (const name of input.clientNames) {
    const f = input.dir.files.get(name)
    if (f) sources.set(name, { name, bytes: () => (f.whole ? contents(f) : undefined) })
  }
  // Remote files: only http(s); a URL the option does not hold is unreachable.
  for (const url of r.remoteFiles) {
    const name = urlName(url)
    const type = version === '2.73' ? 'cvat.apps.engine.task._FailedToDownloadFileError' : 'Exception'
    if (sources.has(name)) return fail(type, `filename collision: ${name}`)
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? ''
    if (scheme !== 'http' && scheme !== 'https') return fail('ValueError', `Unsupported URL scheme: ${scheme}. Only http and https are supported`)
    const bytes = config.remote.get(url)
    if (!bytes) return fail(type, `Failed to download ${url}; HTTP error 404`)
    sources.set(name, { name, bytes: () => bytes })
  }
  // Share files and directories (a directory lists every file under it).
  const shareDirs: string[] = []
  for (const raw of r.serverFiles) {
    const p = raw.replace(/^\/+/, '').replace(/\/+$/, '')
    if (p.split('/').includes('..')) return fail('ValueError', "Don't use '..' inside file paths")
    const file = config.share.get(p)
    if (file) sources.set(p, { name: p, bytes: () => file })
    else if ([...config.share.keys()].some((k) => k.startsWith(`${p}/`) || p === '')) shareDirs.push(p)
    else return fail('FileNotFoundError', `[Errno 2] No such file or directory: '/home/django/share/${p}'`)
  }
  // Count by media type; manifests are set aside (the emulator does not read them).
  const counter = new Map<string, string[]>(KINDS(version).map((k) => [k, []]))
  for (const src of sources.values()) {
    const kind = version === '2.73' && AUDIO.test(src.name) ? 'audio' : kindOf(src.name)
    if (kind === 'manifest' || kind === 'unknown') continue
    counter.get(kind)?.push(src.name)
  }
  counter.get('directory')?.push(...shareDirs)
  const unique = [...counter].filter(([k]) => UNIQUE.has(k)).reduce((n, [, v]) => n + v.length, 0)
  const multiple = [...counter].filter(([k]) => !UNIQUE.has(k)).reduce((n, [, v]) => n + v.length, 0)
  if ((unique === 1 && multiple > 0) || unique > 1) {
    const kinds = KINDS(version)
    const counts = [...counter].map(([k, v]) => `${v.length} ${k}(s)`).join(', ')
    return fail('ValueError', `Only one ${kinds.filter((k) => UNIQUE.has(k)).join(', ')} or many ${kinds.filter((k) => !UNIQUE.has(k)).join(', ')} can be used simultaneously,             but ${counts} found.`)
  }
  if (unique === 0 && multiple === 0) return fail('ValueError', 'No media data found')
  const video = counter.get('video') ?? []
  if (video.length > 0) return fail('av.error.InvalidDataError', `[Errno 1094995529] Invalid data found when processing input: '${rawDir}/${video[0]}'`)
  for (const kind of ['audio', 'pdf', 'archive'])
    if ((counter.get(kind) ?? []).length > 0) return fail('NotImplementedError', `the emulator does not decode ${kind} media ('${counter.get(kind)![0]}'): use images or a zip of images`)
  // The images: files, a zip's image members, or a share directory's images.
  let images: Array<{ readonly name: string; readonly bytes: () => Uint8Array | undefined }> = (counter.get('image') ?? []).map((n) => sources.get(n) as Source)
  for (const dir of shareDirs)
    for (const [k, v] of config.share) if ((dir === '' || k.startsWith(`${dir}/`)) && kindOf(k) === 'image') images.push({ name: k, bytes: () => v })
  const zipName = (counter.get('zip') ?? [])[0]
  if (zipName !== undefined) {
    const zip = sources.get(zipName)?.bytes()
    const listing = zip ? listZip(zip) : { _tag: 'NotZip' as const, reason: 'File is not a zip file' }
    if (!zip || listing._tag === 'NotZip') return fail('zipfile.BadZipFile', listing._tag === 'NotZip' ? listing.reason : 'File is not a zip file')
    let budget = config.maxStoredBytes
    images = []
    for (const e of listing.entries) {
      if (e.name.endsWith('/') || kindOf(e.name) !== 'image') continue
      const got = readEntry(zip, e, budget)
      if (got._tag === 'ReadFailed') return fail('zipfile.BadZipFile', got.reason)
      budget -= got.bytes.length
      const bytes = got.bytes
      images.push({ name: e.name, bytes: () => bytes })
    }
  }
  // Related images (context images of 3D/2D tasks) are not frames.
  images = images.filter((i) => !/(^|\/)related_images\//.test(i.name))
  // Order: job_file_mapping, or upload_file_order (predefined), or sorting_method.
  const byName = new Map(images.map((i) => [i.name, i]))
  let order: string[]
  if (r.jobFileMapping) {
    order = r.jobFileMapping.flat()
    const missing = order.find((n) => !byName.has(n))
    if (missing !== undefined) return invalid(`Can't find file '${missing.slice(missing.lastIndexOf('/') + 1)}' in the input files`)
  } else order = sortFiles([...byName.keys()], r.sortingMethod ?? data.sortingMethod, input.random)
  if (images.length === 0) return invalid("Can't create a task without data")
  // start, stop, step (the extractor's range).
  const step = frameStep(data)
  const stop = r.stopFrame === undefined ? order.length - 1 : Math.min(r.stopFrame, order.length - 1)
  const picked = order.filter((_, i) => i >= data.startFrame && i <= stop && (i - data.startFrame) % step === 0)
  const frames: EmulatedFrame[] = []
  const stored = new Map<string, FrameBytes>()
  for (const name of picked) {
    const bytes = byName.get(name)?.bytes()
    const pic: Picture | undefined = bytes && readPicture(bytes)
    if (!bytes || !pic) return fail('PIL.UnidentifiedImageError', `cannot identify image file '${rawDir}/${name}'`)
    frames.push({ name, width: pic.width, height: pic.height })
    stored.set(name, { bytes, mime: pic.mime })
  }
  if (frames.length === 0) return invalid("Can't create a task without data")
  // 2.73: image tasks need an image quality (task.py: "required for image- and video-based tasks").
  if (version === '2.73' && !data.imageQuality) return invalid("The 'image_quality' parameter is required for image- and video-based tasks")
  if (r.jobFileMapping) data.sortingMethod = 'predefined'
  data.stopFrame = r.stopFrame === undefined ? 0 : data.stopFrame
  attachFrames(s.engine, task, frames, now, r.jobFileMapping?.map((j) => j.length))
  d.media.set(data.id, [...stored.values()].length > 0 ? frames.map((f) => stored.get(f.name)) : [])
  d.chunksUpdated.set(data.id, now)
  return { ok: true }
}
