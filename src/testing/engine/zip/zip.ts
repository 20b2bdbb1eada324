/**
 * Zip archives (PKWARE APPNOTE 6.3, no zip64, no encryption): a reader that lists the central
 * directory and inflates one entry at a time under a byte budget, and a writer. CVAT writes its
 * exports and backups with Python's `zipfile` defaults, i.e. stored, not deflated
 * (cvat/apps/dataset_manager/util.py make_zip_archive, engine/backup.py), so the synchronous
 * writer stores; `writeZipDeflated` deflates through the platform's
 * `CompressionStream('deflate-raw')` where there is one. Failures are values.
 */
import { crc32 } from './crc32'
import { inflateRaw } from './inflate'

/** One member of an archive, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string
  /** 0 stored, 8 deflated; anything else cannot be read. */
  readonly method: number
  readonly compressedSize: number
  /** The declared uncompressed size (a zip bomb may lie; reading checks it). */
  readonly size: number
  readonly crc: number
  readonly localOffset: number
  readonly encrypted: boolean
}

/** An archive's members, or why the bytes are not a readable archive. */
export type ZipListing = { readonly _tag: 'Zip'; readonly entries: ReadonlyArray<ZipEntry> } | { readonly _tag: 'NotZip'; readonly reason: string }

/** A member's bytes, or why they cannot be had. */
export type ZipRead = { readonly _tag: 'Read'; readonly bytes: Uint8Array } | { readonly _tag: 'ReadFailed'; readonly reason: string }

/** A file to put in an archive. */
export interface ZipInput {
  readonly name: string
  readonly bytes: Uint8Array
}

const u16 = (b: Uint8Array, i: number): number => (b[i] as number) | ((b[i + 1] as number) << 8)
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0
const utf8 = new TextDecoder('utf-8', { fatal: false })

const findEnd = (b: Uint8Array): number => {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) if (u32(b, i) === 0x06054b50) return i
  return -1
}

/** Lists an archive's members (at most `maxEntries`), as Python's zipfile reads the central directory. */
export const listZip = (b: Uint8Array, maxEntries = 10_000): ZipListing => {
  const end = b.length >= 22 ? findEnd(b) : -1
  if (end < 0) return { _tag: 'NotZip', reason: 'File is not a zip file' }
  const count = u16(b, end + 10)
  const cdSize = u32(b, end + 12)
  const cdOffset = u32(b, end + 16)
  if (count === 0xffff || cdOffset === 0xffffffff) return { _tag: 'NotZip', reason: 'zip64 archives are not supported' }
  if (count > maxEntries) return { _tag: 'NotZip', reason: `the archive holds more than ${maxEntries} files` }
  if (cdOffset + cdSize > end) return { _tag: 'NotZip', reason: 'Bad offset for central directory' }
  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || u32(b, p) !== 0x02014b50) return { _tag: 'NotZip', reason: 'Bad magic number for central directory' }
    const nameLen = u16(b, p + 28)
    const next = p + 46 + nameLen + u16(b, p + 30) + u16(b, p + 32)
    if (next > end) return { _tag: 'NotZip', reason: 'Truncated central directory' }
    entries.push({
      name: utf8.decode(b.subarray(p + 46, p + 46 + nameLen)),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      size: u32(b, p + 24),
      crc: u32(b, p + 16),
      localOffset: u32(b, p + 42),
      encrypted: (u16(b, p + 8) & 1) === 1,
    })
    p = next
  }
  return { _tag: 'Zip', entries }
}

/** Reads one member, refusing (before inflating further) anything larger than `maxBytes`. */
export const readEntry = (b: Uint8Array, e: ZipEntry, maxBytes: number): ZipRead => {
  const fail = (reason: string): ZipRead => ({ _tag: 'ReadFailed', reason: `${e.name}: ${reason}` })
  if (e.encrypted) return fail('encrypted members are not supported')
  if (e.size > maxBytes) return fail(`larger than ${maxBytes} bytes`)
  const p = e.localOffset
  if (p + 30 > b.length || u32(b, p) !== 0x04034b50) return fail('Bad magic number for file header')
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28)
  if (start + e.compressedSize > b.length) return fail('truncated')
  const raw = b.subarray(start, start + e.compressedSize)
  let bytes: Uint8Array
  if (e.method === 0) bytes = raw.slice()
  else if (e.method === 8) {
    // The declared size bounds the output: a member that inflates past it is refused.
    const out = inflateRaw(raw, e.size)
    if (out._tag === 'InflateFailed') return fail(out.reason === 'too large' ? 'inflates past its declared size' : `Error -3 while decompressing data (${out.reason})`)
    bytes = out.bytes
  } else return fail(`compression method ${e.method} is not supported`)
  if (bytes.length !== e.size) return fail('size differs from the directory')
  return crc32(bytes) === e.crc ? { _tag: 'Read', bytes } : fail('Bad CRC-32')
}

/** Reads every member (directories left out) within one byte budget for them all; the first failure otherwise. */
export const unzipAll = (b: Uint8Array, maxBytes: number): Map<string, Uint8Array> | { readonly _tag: 'NotZip' | 'ReadFailed'; readonly reason: string } => {
  const listing = listZip(b)
  if (listing._tag === 'NotZip') return listing
  const files = new Map<string, Uint8Array>()
  let budget = maxBytes
  for (const e of listing.entries) {
    if (e.name.endsWith('/')) continue
    const r = readEntry(b, e, budget)
    if (r._tag === 'ReadFailed') return r
    budget -= r.bytes.length
    files.set(e.name, r.bytes)
  }
  return files
}

// MS-DOS date and time (2-second resolution, local time in zip; UTC here, so runs repeat).
const dosTime = (ms: number): readonly [number, number] => {
  const d = new Date(Math.max(ms, Date.UTC(1980, 0, 1)))
  return [(d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1), ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate()]
}

interface Packed extends ZipInput {
  readonly data: Uint8Array
  readonly method: 0 | 8
}

const assemble = (files: ReadonlyArray<Packed>, date: number): Uint8Array => {
  const enc = new TextEncoder()
  const [time, day] = dosTime(date)
  const names = files.map((f) => enc.encode(f.name))
  const size = files.reduce((n, f, i) => n + 30 + (names[i] as Uint8Array).length + f.data.length + 46 + (names[i] as Uint8Array).length, 22)
  const out = new Uint8Array(size)
  const v = new DataView(out.buffer)
  let p = 0
  const offsets: number[] = []
  const header = (sig: number, f: Packed, name: Uint8Array, central: boolean, offset: number) => {
    v.setUint32(p, sig, true)
    const q = central ? p + 2 : p
    if (central) v.setUint16(p + 4, 20, true)
    v.setUint16(q + 4, 20, true)
    v.setUint16(q + 6, 0x0800, true) // UTF-8 names
    v.setUint16(q + 8, f.method, true)
    v.setUint16(q + 10, time, true)
    v.setUint16(q + 12, day, true)
    v.setUint32(q + 14, crc32(f.bytes), true)
    v.setUint32(q + 18, f.data.length, true)
    v.setUint32(q + 22, f.bytes.length, true)
    v.setUint16(q + 26, name.length, true)
    if (central) v.setUint32(p + 42, offset, true)
    p += central ? 46 : 30
    out.set(name, p)
    p += name.length
  }
  files.forEach((f, i) => {
    offsets.push(p)
    header(0x04034b50, f, names[i] as Uint8Array, false, 0)
    out.set(f.data, p)
    p += f.data.length
  })
  const cd = p
  files.forEach((f, i) => header(0x02014b50, f, names[i] as Uint8Array, true, offsets[i] as number))
  v.setUint32(p, 0x06054b50, true)
  v.setUint16(p + 8, files.length, true)
  v.setUint16(p + 10, files.length, true)
  v.setUint32(p + 12, p - cd, true)
  v.setUint32(p + 16, cd, true)
  return out
}

/** Writes a stored (uncompressed) archive, as CVAT's exports and backups are; `date` stamps every member. */
export const writeZip = (files: ReadonlyArray<ZipInput>, date = Date.UTC(1980, 0, 1)): Uint8Array =>
  assemble(files.map((f) => ({ ...f, data: f.bytes, method: 0 })), date)

/** Deflates raw with the platform's CompressionStream, or `undefined` where it has none. */
export const deflateRaw = async (bytes: Uint8Array): Promise<Uint8Array | undefined> => {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate-raw' as CompressionFormat))
    return new Uint8Array(await new Response(stream).arrayBuffer())
  } catch {
    return undefined
  }
}

/** Writes an archive whose members are deflated where that makes them smaller (stored otherwise). */
export const writeZipDeflated = async (files: ReadonlyArray<ZipInput>, date = Date.UTC(1980, 0, 1)): Promise<Uint8Array> => {
  const packed: Packed[] = []
  for (const f of files) {
    const d = await deflateRaw(f.bytes)
    packed.push(d !== undefined && d.length < f.bytes.length ? { ...f, data: d, method: 8 } : { ...f, data: f.bytes, method: 0 })
  }
  return assemble(packed, date)
}
