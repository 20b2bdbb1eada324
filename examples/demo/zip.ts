/**
 * Just enough of a zip reader (PKWARE APPNOTE 4.3) to check what CVAT sent: find one member by
 * the central directory and read it, stored or deflated. CVAT writes its exports stored (Python's
 * zipfile default); no zip64, no encryption — a demo's files are small.
 */
import { inflateRawSync } from 'node:zlib'

/** Reads the member called `name` from an archive's bytes, or says why it cannot. */
export const readZipMember = (zip: Buffer, name: string): { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly why: string } => {
  // The end-of-central-directory record: signature PK\5\6, at most 64 KiB of comment after it.
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (end < 0 || end + 22 > zip.length) return { ok: false, why: 'not a zip archive' }
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  for (let n = 0; n < count && at + 46 <= end; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) return { ok: false, why: 'a broken central directory' }
    const method = zip.readUInt16LE(at + 10)
    const compressed = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      // The local header repeats the name and has its own extra field: the data follows them.
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
      const data = zip.subarray(start, start + compressed)
      if (method === 0) return { ok: true, bytes: data }
      if (method === 8) {
        try {
          return { ok: true, bytes: inflateRawSync(data, { maxOutputLength: Math.max(size, 1) }) }
        } catch {
          return { ok: false, why: `${name} does not inflate` }
        }
      }
      return { ok: false, why: `${name} is compressed by method ${method}` }
    }
    at += 46 + nameLength + extra
  }
  return { ok: false, why: `no ${name} in the archive` }
}
