/**
 * Where uploaded bytes live: CVAT writes each upload to a directory (the task's raw data
 * directory, a tmp directory for annotation and dataset imports, the backup directory); the
 * emulator keeps a directory as a map of files. Memory is bounded by design: a file the emulator
 * will read (a picture, a zip, a manifest, an annotation file, a backup) is kept whole, within
 * one budget shared by the whole emulator; any other file (a video, a pdf, a tar) is only
 * counted, and its first bytes kept — CVAT would decode it, the emulator never does.
 */
import { kindOf } from '../media/kinds'

/** Bytes kept of a file the emulator never reads (enough to sniff its type). */
export const PREFIX_BYTES = 64 * 1024

/** One file in an upload directory. */
export interface StoredFile {
  readonly name: string
  /** Bytes received, whether kept or not. */
  size: number
  /** When false only the first PREFIX_BYTES are kept. */
  readonly whole: boolean
  readonly parts: Uint8Array[]
}

/** A TUS upload in progress (mixins.py TusFile: its meta file and its partial file). */
export interface TusUpload {
  readonly id: string
  readonly userId: number
  /** The `filename` metadata; the name the finished file gets (before de-duplication). */
  filename: string
  /** The declared Upload-Length. */
  readonly length: number
  offset: number
  readonly file: StoredFile
}

/** An upload directory: finished files by name, and TUS uploads in progress by file id. */
export interface UploadDir {
  readonly files: Map<string, StoredFile>
  readonly tus: Map<string, TusUpload>
}

/** The emulator-wide budget for kept upload bytes. */
export interface Budget {
  used: number
  readonly max: number
}

/** Creates an empty upload directory. */
export const emptyDir = (): UploadDir => ({ files: new Map(), tus: new Map() })

/** Decides how much of a file to keep: everything the emulator reads later, the head of the rest. */
export const keepsWhole = (name: string, purpose: 'data' | 'import'): boolean =>
  purpose === 'import' || ['image', 'zip', 'manifest'].includes(kindOf(name))

/** Creates a stored file. */
export const newFile = (name: string, whole: boolean): StoredFile => ({ name, size: 0, whole, parts: [] })

/** Appends bytes to a file; `false` (nothing appended) when keeping them would pass the budget. */
export const append = (budget: Budget, f: StoredFile, bytes: Uint8Array): boolean => {
  const kept = f.whole ? bytes.length : Math.max(0, Math.min(bytes.length, PREFIX_BYTES - f.size))
  if (budget.used + kept > budget.max) return false
  if (kept > 0) f.parts.push(bytes.slice(0, kept))
  budget.used += kept
  f.size += bytes.length
  return true
}

/** Gives a file's bytes back to the budget. */
export const release = (budget: Budget, f: StoredFile): void => {
  budget.used -= f.parts.reduce((n, p) => n + p.length, 0)
  f.parts.length = 0
}

/** Joins a file's kept bytes (a whole file's content, or the head of another). */
export const contents = (f: StoredFile): Uint8Array => {
  if (f.parts.length === 1) return f.parts[0] as Uint8Array
  const out = new Uint8Array(f.parts.reduce((n, p) => n + p.length, 0))
  f.parts.reduce((at, p) => (out.set(p, at), at + p.length), 0)
  // Keep one part from now on: later reads need no copy.
  f.parts.splice(0, f.parts.length, out)
  return out
}

/** Deletes every file of a directory, giving their bytes back. */
export const clearDir = (budget: Budget, d: UploadDir): void => {
  for (const f of d.files.values()) release(budget, f)
  for (const t of d.tus.values()) release(budget, t.file)
  d.files.clear()
  d.tus.clear()
}

/**
 * Reads a request body piece by piece into `sink`, stopping at `limit` bytes: never more than
 * one piece is held besides what the sink keeps. `over` when the body is larger than the limit.
 */
export const drain = async (req: Request, limit: number, sink: (piece: Uint8Array) => boolean): Promise<'ok' | 'over' | 'full' | 'unreadable'> => {
  if (req.body === null) return 'ok'
  let total = 0
  try {
    const reader = req.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return 'ok'
      total += value.length
      if (total > limit) {
        await reader.cancel().catch(() => undefined)
        return 'over'
      }
      if (!sink(value)) {
        await reader.cancel().catch(() => undefined)
        return 'full'
      }
    }
  } catch {
    return 'unreadable'
  }
}
