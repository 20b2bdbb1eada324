/**
 * Files from CVAT (frames, chunks, previews, exports, backups) as a `Download`: the body is the
 * response's own stream, never buffered by the library; its name, type and size are read from
 * the headers and bounded, and a name that could leave the folder it is saved in is never given.
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { type CvatError, responseTooLargeError, transportError } from '../errors'
import { DEFAULT_MAX_RESPONSE_BYTES } from '../errors/limits'
import type { HttpResponse } from '../http/request'

/**
 * Carries a file CVAT answered with, as a stream the caller reads (or cancels) once.
 *
 * In Node, save it with `pipeline(Readable.fromWeb(d.body), createWriteStream(path))`, which keeps
 * memory bounded; Node 20's `Writable.toWeb` does not wait for the disk and buffers the download.
 *
 * @example
 * const save = (d: Download, to: WritableStream<Uint8Array>) => d.body.pipeTo(to)
 */
export interface Download {
  /** The bytes, read once; cancel it to close the connection without reading. */
  readonly body: ReadableStream<Uint8Array>
  /** The `Content-Type` the server sent (at most 256 characters). */
  readonly contentType?: string
  /** The file name of `Content-Disposition`, absent when none was sent or it is unsafe (a path, `..`, control or bidi characters, reserved characters, over 255 characters). */
  readonly filename?: string
  /** The `Content-Length`, when the server sent a valid one. */
  readonly size?: number
  /** The URL it came from, credentials redacted. */
  readonly url: string
}

// Characters no saved file name may hold: separators, Windows' reserved set, C0/C1 controls and
// the bidi controls that make a name read as something else.
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/**
 * Says whether a file name can be used as given: not empty, `.` or `..`, at most 255 characters, no separator, control, bidi or reserved character.
 *
 * @example
 * isSafeFilename('../etc/passwd') // false
 */
export const isSafeFilename = (name: string): boolean => name !== '' && name !== '.' && name !== '..' && name.length <= 255 && !UNSAFE.test(name)

const decodeExtended = (value: string): string | undefined => {
  // RFC 8187: charset'language'percent-encoded; CVAT (Django) writes UTF-8.
  const m = /^utf-8'[^']*'(.*)$/i.exec(value)
  if (!m) return undefined
  try {
    return decodeURIComponent(m[1] ?? '')
  } catch {
    return undefined
  }
}

/**
 * Reads the file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred over
 * `filename="…"`), or `undefined` when there is none or it is unsafe to save under.
 *
 * @example
 * filenameOf('attachment; filename="task_1_dataset.zip"') // 'task_1_dataset.zip'
 */
export const filenameOf = (header: string | undefined): string | undefined => {
  if (header === undefined || header.length > 2048) return undefined
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^;]*)/i.exec(header)?.[1]?.trim()
  const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(header)?.[1]?.trim()
  const name = extended !== undefined ? decodeExtended(extended) : plain?.startsWith('"') ? plain.slice(1, -1).replace(/\\(.)/g, '$1') : plain
  return name !== undefined && isSafeFilename(name) ? name : undefined
}

const sizeOf = (header: string | undefined): number | undefined => {
  const n = header === undefined || !/^\d{1,16}$/.test(header.trim()) ? NaN : Number(header)
  return Number.isSafeInteger(n) ? n : undefined
}

/** Builds the `Download` of a 2xx response whose body was left unread. */
export const downloadOf = (res: HttpResponse, url: string): Download => {
  const { 'content-type': type, 'content-disposition': disposition, 'content-length': length } = res.headers
  const filename = filenameOf(disposition)
  const size = sizeOf(length)
  return {
    body: res.stream ?? new ReadableStream({ start: (c) => c.close() }),
    ...(type === undefined ? {} : { contentType: type.slice(0, 256) }),
    ...(filename === undefined ? {} : { filename }),
    ...(size === undefined ? {} : { size }),
    url,
  }
}

/**
 * Reads a whole download into memory, for small files only: past `maxBytes` (default 64 MiB) the
 * stream is cancelled and the result is a `ResponseTooLargeError`.
 *
 * @example
 * pipe(tasksExportDataset(cvat, { id: 1, format: 'COCO 1.0' }), TE.flatMap((d) => readDownload(d, 1_000_000)))
 */
export const readDownload =
  (download: Download, maxBytes: number = DEFAULT_MAX_RESPONSE_BYTES): TaskEither<CvatError, Uint8Array> =>
  async () => {
    const url = typeof download?.url === 'string' ? download.url : ''
    try {
      const reader = download.body.getReader()
      const parts: Uint8Array[] = []
      let size = 0
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        if (!ArrayBuffer.isView(value)) return E.left(transportError('GET', url, 'the download gave something other than bytes'))
        size += value.byteLength
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined)
          return E.left(responseTooLargeError('GET', url, 200, maxBytes))
        }
        parts.push(value)
      }
      const out = new Uint8Array(size)
      let at = 0
      for (const p of parts) out.set(p, (at += p.byteLength) - p.byteLength)
      return E.right(out)
    } catch {
      return E.left(transportError('GET', url, 'the download could not be read'))
    }
  }
