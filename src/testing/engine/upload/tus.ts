/**
 * TUS 1.0.0 as CVAT's UploadMixin serves it (cvat/apps/engine/mixins.py at 2.26.2; mixins.py and
 * tus.py at 2.73.0), over an abstract upload directory: creation (`Upload-Length`,
 * `Upload-Metadata`, 201 + `Location`), `HEAD` (the offset, to resume) and `PATCH` at
 * `Upload-Offset` (409 on a mismatch, 413 past the declared length). Where CVAT itself would
 * crash on hostile headers (int() of garbage, base64 of garbage, a zero length, an unknown file
 * id in 2.26) the emulator answers 400 or 404 instead; the one 500 it keeps is 2.26's
 * creation without an `Origin` header and without a proxy, which CVAT's own SDK works around.
 */
import type { ServerVersion } from '../../env'
import { type Reply, detail, json } from '../../http'
import { type Budget, type StoredFile, type TusUpload, type UploadDir, append, drain, keepsWhole, newFile, release } from './store'

/** What a TUS endpoint uploads into, and for whom. */
export interface TusSpec {
  readonly version: ServerVersion
  readonly dir: UploadDir
  readonly budget: Budget
  /** The action: data keeps file names (and refuses duplicates); imports name files by id (2.73). */
  readonly purpose: 'data' | 'annotations' | 'dataset' | 'backup'
  readonly userId: number
  readonly username: string
  readonly random: () => number
  /** TUS_MAX_FILE_SIZE (cvat/settings/base.py: 25 GB). */
  readonly maxFileSize: number
  /** Largest PATCH body (the emulator's bound; DATA_UPLOAD_MAX_MEMORY_SIZE is 100 MB in CVAT). */
  readonly maxChunkBytes: number
}

const BASE_HEADERS = (max: number): Record<string, string> => ({
  'Tus-Resumable': '1.0.0',
  'Tus-Version': '1.0.0',
  'Tus-Extension': '',
  'Tus-Max-Size': String(max),
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'PATCH,HEAD,GET,POST,OPTIONS',
  'Access-Control-Expose-Headers': 'Tus-Resumable,upload-length,upload-metadata,Location,Upload-Offset',
  'Access-Control-Allow-Headers': 'Tus-Resumable,upload-length,upload-metadata,Location,Upload-Offset,content-type',
  'Cache-Control': 'no-store',
})

const tus = (spec: TusSpec, status: number, body?: string, extra: Record<string, string> = {}): Reply => ({
  _tag: 'Reply',
  status,
  ...(body === undefined ? {} : { body }),
  headers: { ...BASE_HEADERS(spec.maxFileSize), ...extra },
})

/** Makes a version-4 UUID from the emulator's random numbers (uuid.uuid4 in CVAT). */
export const uuid4 = (random: () => number): string => {
  const b = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 255)
  b[6] = ((b[6] as number) & 0x0f) | 0x40
  b[8] = ((b[8] as number) & 0x3f) | 0x80
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

// base64.b64decode(value).decode(): non-alphabet characters are dropped, padding must be right,
// the bytes must be UTF-8. Where Python raises (a 500 in CVAT), `undefined`.
const b64 = (value: string): string | undefined => {
  const clean = value.replace(/[^A-Za-z0-9+/=]/g, '')
  if (clean.length % 4 !== 0) return undefined
  try {
    const bin = atob(clean)
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

/** Parses `Upload-Metadata` as CVAT does: "key b64value" pairs split on commas; a lone key is "". */
export const parseMetadata = (header: string | null): Record<string, string> | undefined => {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const kv of header.split(',')) {
    const parts = kv.split(' ')
    if (parts.length === 2) {
      const v = b64(parts[1] as string)
      if (v === undefined) return undefined
      out[parts[0] as string] = v
    } else out[parts[0] as string] = ''
  }
  return out
}

const INT = /^\s*[+-]?\d+\s*$/

// mixins.py is_valid_uploaded_file_name (2.26: realpath under the upload dir) and
// utils/paths.py join_untrusted_path (2.73: resolved under the root): no absolute path, no '..'.
const safeName = (name: string): boolean => {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.')
  return !name.startsWith('/') && !name.includes('\0') && parts.length > 0 && !parts.includes('..')
}

// urllib.parse.urljoin(base, file_id): the id replaces what follows the base's last '/'.
const urljoin = (base: string, id: string): string => {
  const noQuery = base.replace(/[?#].*$/, '')
  return `${noQuery.slice(0, noQuery.lastIndexOf('/') + 1)}${id}`
}

// Django's build_absolute_uri with USE_X_FORWARDED_HOST and SECURE_PROXY_SSL_HEADER.
const absolute = (req: Request, url: URL, path: string): string => {
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || url.host
  const scheme = req.headers.get('x-forwarded-proto') === 'https' ? 'https' : url.protocol.replace(':', '')
  return `${scheme}://${host}${path}`
}

/**
 * Starts a TUS upload (init_tus_upload). `chunkPath` is where its chunks go, the creation path
 * plus the file id (2.73 reverse_action; 2.26 derives it from the request instead).
 */
export const tusCreate = (spec: TusSpec, req: Request, url: URL, chunkPath: (id: string) => string): Reply => {
  const lengthHeader = req.headers.get('upload-length') ?? '0'
  if (!INT.test(lengthHeader)) return detail(400, 'Invalid Upload-Length header.')
  const length = Number(lengthHeader)
  const metadata = parseMetadata(req.headers.get('upload-metadata'))
  if (metadata === undefined) return detail(400, 'Invalid Upload-Metadata header.')
  const filename = metadata['filename'] ?? ''
  const tooLarge = () => tus(spec, 413, `File size exceeds max limit of ${spec.maxFileSize} bytes`)
  const named = spec.version === '2.26' || spec.purpose === 'data'
  // 2.73 validates the size while reading the metadata, before the name; 2.26 after.
  if (spec.version === '2.73' && length > spec.maxFileSize) return tooLarge()
  if (named) {
    if (spec.version === '2.73' && filename === '') return tus(spec, 400, "Metadata is expected to contain 'filename' key")
    if (!safeName(filename))
      return spec.version === '2.73'
        ? { _tag: 'Reply', status: 400, body: `File name ${filename} is not allowed`, headers: { 'content-type': 'text/plain' } }
        : tus(spec, 400, `File name ${filename} is not allowed`)
    // Only a finished file of that name conflicts; uploads in progress live under their ids.
    if (spec.purpose !== 'backup' && spec.dir.files.has(filename))
      return tus(spec, 409, 'File with same name already exists')
  }
  if (spec.version === '2.26' && length > spec.maxFileSize) return tooLarge()
  // CVAT pre-allocates the file (seek(size - 1)); a size below 1 crashes it. Ours is a 400.
  if (length < 1) return detail(400, 'Invalid Upload-Length header.')
  const uuid = uuid4(spec.random)
  const id = spec.version === '2.73' ? `${spec.userId}_${uuid}` : uuid
  // 2.26 names a backup upload with a unique temporary name (NamedTemporaryFile).
  const name = spec.purpose === 'backup' && spec.version === '2.26' ? `cvat-backup-${filename}-by-${spec.username}${uuid.slice(0, 8)}.zip` : filename
  let location: string
  if (spec.version === '2.26') {
    const origin = req.headers.get('origin')
    const forwarded = req.headers.get('x-forwarded-host')
    // location = request.META['HTTP_ORIGIN'] + PATH_INFO: None + str is a TypeError, a 500.
    if (forwarded === null && origin === null) return detail(500, 'A server error occurred.')
    location = urljoin(forwarded !== null ? absolute(req, url, `${url.pathname}${url.search}`) : `${origin}${url.pathname}`, id)
  } else location = absolute(req, url, chunkPath(id))
  const upload: TusUpload = { id, userId: spec.userId, filename: name, length, offset: 0, file: newFile(name, spec.purpose !== 'data' || keepsWhole(name, 'data')) }
  spec.dir.tus.set(id, upload)
  return tus(spec, 201, undefined, { Location: location, 'Upload-Filename': named ? name : id })
}

// The finished file's name: the metadata name, de-duplicated as TusFile.rename does ("a_1.png").
const finalName = (dir: UploadDir, name: string): string => {
  if (!dir.files.has(name)) return name
  const dot = name.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  let n = 1
  while (dir.files.has(`${stem}_${n}${ext}`)) n++
  return `${stem}_${n}${ext}`
}

const complete = (spec: TusSpec, t: TusUpload): string => {
  spec.dir.tus.delete(t.id)
  const renamed = spec.version === '2.26' || spec.purpose === 'data'
  const name = renamed ? finalName(spec.dir, t.filename) : t.id
  const f: StoredFile = { ...t.file, name }
  spec.dir.files.set(name, f)
  return name
}

/** Answers `HEAD` (the offset) or `PATCH` (a chunk) at a TUS file's URL (append_tus_chunk). */
export const tusChunk = async (spec: TusSpec, req: Request, fileId: string): Promise<Reply> => {
  const t = spec.dir.tus.get(fileId)
  if (!t) return tus(spec, 404)
  if (spec.version === '2.73' && t.userId !== spec.userId) return tus(spec, 403)
  if (req.method === 'HEAD') return tus(spec, 200, undefined, { 'Upload-Offset': String(t.offset), 'Upload-Length': String(t.length) })
  const offsetHeader = req.headers.get('upload-offset') ?? '0'
  if (!INT.test(offsetHeader)) return detail(400, 'Invalid Upload-Offset header.')
  const offset = Number(offsetHeader)
  if (offset !== t.offset) return tus(spec, 409)
  const declared = req.headers.get('content-length')
  if (declared !== null && !INT.test(declared)) return detail(400, 'Invalid Content-Length header.')
  // 2.73: the declared end past the file's length is a 413 before anything is read (tus.py).
  if (spec.version === '2.73' && declared !== null && offset + Number(declared) > t.length) return tus(spec, 413)
  if (offset > t.length) return tus(spec, 413)
  const before = { parts: t.file.parts.length, size: t.file.size, used: spec.budget.used }
  const room = t.length - t.offset
  let seen = 0
  const outcome = await drain(req, spec.maxChunkBytes, (piece) => {
    // 2.26 writes past the declared length (the upload then never completes); nothing past it is kept.
    const inside = piece.subarray(0, Math.max(0, Math.min(piece.length, room - seen)))
    seen += piece.length
    if (spec.version === '2.73' && seen > room) return false
    const ok = inside.length === 0 || append(spec.budget, t.file, inside)
    t.file.size += piece.length - inside.length
    return ok
  })
  if (outcome !== 'ok') {
    // Nothing of a refused chunk stays: the offset is where it was.
    t.file.parts.splice(before.parts)
    spec.budget.used = before.used
    t.file.size = before.size
    if (outcome === 'over') return detail(413, 'Request body is too large.')
    if (outcome === 'unreadable') return detail(400, 'The request body could not be read.')
    if (spec.version === '2.73' && seen > room) return tus(spec, 413)
    return detail(413, `The emulator keeps at most ${spec.budget.max} bytes of uploaded files; raise its maxStoredBytes option.`)
  }
  t.offset += seen
  const name = t.offset === t.length ? complete(spec, t) : undefined
  return tus(spec, 204, undefined, { 'Upload-Offset': String(t.offset), ...(spec.version === '2.26' ? { 'Upload-Filename': name ?? t.filename } : {}) })
}

/** Forgets a TUS upload and its bytes (a task deleted, an import finished). */
export const tusDrop = (spec: Pick<TusSpec, 'dir' | 'budget'>, id: string): void => {
  const t = spec.dir.tus.get(id)
  if (t) release(spec.budget, t.file)
  spec.dir.tus.delete(id)
}
