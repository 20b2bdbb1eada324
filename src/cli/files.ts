/// <reference types="node" />
/**
 * Files on this machine: local files to upload (opened lazily with `fs.openAsBlob`, so a 5 GB video
 * costs one chunk of memory), JSON given inline or as a file, and files CVAT sends, streamed to
 * disk through a temporary file that is renamed once whole. A name the server proposes is used
 * only when it is a plain file name of the expected kind, and never replaces a file already there.
 */
import type { Decoder } from 'io-ts/Decoder'
import * as fs from 'node:fs'
import { basename, dirname, extname, join, resolve, sep } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { type Download, type UploadFile, isSafeFilename } from '../index'
import { type Fault, type Io, type Usage, fault, isUsage, usage } from './context'
import { problemsOf } from './problems'

const codeOf = (e: unknown): string => String((e as { code?: unknown } | undefined)?.code ?? 'error')

// A JSON file given on the command line is a spec, not a dataset: anything bigger is a mistake.
const MAX_JSON_BYTES = 16 * 2 ** 20

/** Reads JSON given inline or, when the text names a file, from that file (as cvat-cli's `--labels`). */
export const jsonArg = (io: Io, flag: string, text: string): { readonly value: unknown } | Usage => {
  const path = resolve(io.cwd, text)
  let source = text
  try {
    if (fs.statSync(path).isFile()) {
      if (fs.statSync(path).size > MAX_JSON_BYTES) return usage(`${flag}: ${text} is larger than ${MAX_JSON_BYTES / 2 ** 20} MiB`)
      source = fs.readFileSync(path, 'utf8')
    }
  } catch {
    // Not a file: the text itself is the JSON.
  }
  try {
    return { value: JSON.parse(source) as unknown }
  } catch (e) {
    return usage(`${flag} takes JSON or a JSON file, got ${JSON.stringify(text)} (${String((e as { message?: unknown }).message ?? 'not JSON')})`)
  }
}

/** Reads `--labels` (JSON or a file holding it): a list, or nothing when the flag is absent. */
export const labelsArg = (io: Io, given: string | undefined): { readonly labels?: ReadonlyArray<unknown> } | Usage => {
  if (given === undefined) return {}
  const parsed = jsonArg(io, '--labels', given)
  if (isUsage(parsed)) return parsed
  return Array.isArray(parsed.value) ? { labels: parsed.value } : usage('--labels takes a JSON list of labels, like [{"name": "cat"}]')
}

/** Checks a request body built from flags with its codec: what CVAT would refuse is a usage error, nothing sent. */
export const checkedBy = <A>(what: string, codec: Decoder<unknown, A>, value: unknown): A | Usage => {
  const r = codec.decode(value)
  return r._tag === 'Right' ? r.right : usage(`the ${what} is not one CVAT takes: ${problemsOf(r.left)}`)
}

/** Opens local files for upload, lazily; a missing file, a folder or two files of one name are usage errors. */
export const openLocal = async (io: Io, paths: ReadonlyArray<string>): Promise<ReadonlyArray<UploadFile> | Usage> => {
  const open: unknown = Reflect.get(fs, 'openAsBlob')
  if (typeof open !== 'function') return usage('uploading local files needs Node 20 or newer (fs.openAsBlob reads them lazily)')
  const seen = new Map<string, string>()
  const files: UploadFile[] = []
  for (const given of paths) {
    const path = resolve(io.cwd, given)
    let stat: fs.Stats
    try {
      stat = fs.statSync(path)
    } catch (e) {
      return usage(`cannot read ${given} (${codeOf(e)})`)
    }
    if (stat.isDirectory()) return usage(`${given} is a folder: name its files (e.g. ${join(given, '*')})`)
    const name = basename(path)
    // CVAT joins two uploads of one name into one file.
    const earlier = seen.get(name)
    if (earlier !== undefined) return usage(`${earlier} and ${given} have the same name, ${JSON.stringify(name)}: CVAT would take them for one file`)
    seen.set(name, given)
    try {
      files.push({ name, data: (await Reflect.apply(open, fs, [path])) as Blob })
    } catch (e) {
      return usage(`cannot read ${given} (${codeOf(e)})`)
    }
  }
  return files
}

/** Where a file goes: a folder, and the file name when the person gave one. */
export interface Target {
  readonly dir: string
  readonly file?: string
}

/**
 * Reads an output argument before any request, as cvat-cli does: nothing is the current folder, a
 * folder is that folder (made when the argument ends with a separator), anything else a file in
 * an existing folder.
 */
export const targetOf = (io: Io, given: string | undefined): Target | Usage => {
  if (given === undefined || given === '') return { dir: io.cwd }
  const path = resolve(io.cwd, given)
  try {
    if (given.endsWith('/') || given.endsWith(sep)) fs.mkdirSync(path, { recursive: true })
    if (fs.statSync(path).isDirectory()) return { dir: path }
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') return usage(`cannot write to ${given} (${codeOf(e)})`)
  }
  const dir = dirname(path)
  try {
    if (fs.statSync(dir).isDirectory()) return { dir, file: basename(path) }
  } catch {
    // Reported below.
  }
  return usage(`cannot write ${given}: the folder ${dirname(given)} does not exist`)
}

// ext4 and most file systems take names of at most 255 bytes (not characters): a server's name
// is kept under that with room for the `-1` that `unused` may add.
const MAX_NAME_BYTES = 240

/**
 * The name a file from the server is saved under: the server's, when it is a plain file name (no
 * path, no control character, not hidden, at most 240 bytes) with the expected extension; else ours.
 */
export const nameFor = (proposed: string | undefined, fallback: string, ext?: string): string =>
  proposed !== undefined &&
  isSafeFilename(proposed) &&
  !proposed.startsWith('.') &&
  Buffer.byteLength(proposed) <= MAX_NAME_BYTES &&
  (ext === undefined || proposed.toLowerCase().endsWith(ext))
    ? proposed
    : fallback

// A name nobody typed never replaces a file: `x.zip` is taken, so `x-1.zip`.
const unused = (dir: string, name: string): string => {
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let i = 0; i < 1000; i++) {
    const candidate = i === 0 ? name : `${stem}-${i}${ext}`
    if (!fs.existsSync(join(dir, candidate))) return candidate
  }
  return `${stem}-${Date.now()}${ext}`
}

/** A file written: where, and how many bytes. */
export interface Saved {
  readonly path: string
  readonly bytes: number
}

const counting = (onBytes: (n: number) => void) => {
  let n = 0
  return {
    count: () => n,
    stream: new Transform({
      transform(chunk: Buffer, _enc, done) {
        n += chunk.byteLength
        onBytes(n)
        done(null, chunk)
      },
    }),
  }
}

const web = (d: Download) => Readable.fromWeb(d.body as NodeReadableStream<Uint8Array>)

// The temporary file's name is ours and short: one built from the final name would pass the
// folder's limit when that name is near it (the folder then refuses both writing and removing it).
let parts = 0
const temporaryIn = (dir: string): string => join(dir, `.cvat-fp-${process.pid}-${parts++}.part`)

// Why a stream failed, in our words: interrupted (Ctrl-C, or the server cut it), or the system's code.
const whyFailed = (e: unknown, signal: AbortSignal | undefined): string =>
  signal?.aborted === true ? 'interrupted' : typeof (e as { code?: unknown })?.code === 'string' ? codeOf(e) : 'the download was interrupted'

/**
 * Streams a download into its file in bounded memory: into a temporary file beside it, renamed
 * when whole (an interrupted download leaves no half file under the real name). A file the person
 * named is replaced, as cvat-cli replaces it; a name from the server never replaces one. `signal`
 * (Ctrl-C) stops it: the client's own signal no longer reaches a body once its headers came.
 */
export const save = async (d: Download, target: Target, name: string, onBytes: (n: number) => void = () => undefined, signal?: AbortSignal): Promise<Saved | Fault> => {
  const file = target.file ?? unused(target.dir, name)
  const path = join(target.dir, file)
  const temporary = temporaryIn(target.dir)
  const counter = counting(onBytes)
  try {
    await pipeline(web(d), counter.stream, fs.createWriteStream(temporary, { flags: 'wx' }), signal === undefined ? {} : { signal })
    fs.renameSync(temporary, path)
    return { path, bytes: counter.count() }
  } catch (e) {
    try {
      fs.rmSync(temporary, { force: true })
    } catch {
      // Nothing was written there, or nothing more can be done about it.
    }
    await d.body.cancel().catch(() => undefined)
    return fault('SaveError', `could not save ${path}: ${whyFailed(e, signal)}`)
  }
}

/** Streams a download to standard output (a pipe), in bounded memory; `signal` (Ctrl-C) stops it. */
export const pour = async (io: Io, d: Download, onBytes: (n: number) => void = () => undefined, signal?: AbortSignal): Promise<Saved | Fault> => {
  const counter = counting(onBytes)
  try {
    await pipeline(web(d), counter.stream, io.stdout, { end: false, ...(signal === undefined ? {} : { signal }) })
    return { path: '-', bytes: counter.count() }
  } catch (e) {
    await d.body.cancel().catch(() => undefined)
    return fault('SaveError', `could not write to standard output: ${whyFailed(e, signal)}`)
  }
}

// Reads a stream to its end as text, or undefined past `limit` bytes (leaving the loop destroys it).
const readUpTo = async (stream: NodeJS.ReadableStream, limit: number): Promise<string | undefined> => {
  const parts: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += b.byteLength
    if (size > limit) return undefined
    parts.push(b)
  }
  return Buffer.concat(parts).toString('utf8')
}

/**
 * Reads a JSON body from a file or from standard input (`-`), at most 64 MiB: counted as it is
 * read, so a device or a pipe (`/dev/zero`, `<(…)`), whose size is 0 to `stat`, is bounded too.
 */
export const readBody = async (io: Io, given: string): Promise<{ readonly value: unknown } | Usage> => {
  const limit = 64 * 2 ** 20
  const shown = given === '-' ? 'standard input' : given
  let text: string | undefined
  try {
    text = await readUpTo(given === '-' ? io.stdin : fs.createReadStream(resolve(io.cwd, given)), limit)
  } catch (e) {
    return usage(`--body: cannot read ${shown} (${codeOf(e)})`)
  }
  if (text === undefined) return usage(`--body: ${shown} holds more than 64 MiB`)
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (e) {
    return usage(`--body: ${shown} is not JSON (${String((e as { message?: unknown }).message ?? 'error')})`)
  }
}
