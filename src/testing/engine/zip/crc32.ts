/**
 * CRC-32 (ISO 3309, polynomial 0xEDB88320) as zip archives and PNG chunks use it: one table,
 * computed once, and an incremental update so large inputs need no copy.
 */

let table: Uint32Array | undefined

const crcTable = (): Uint32Array => {
  if (table) return table
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  table = t
  return t
}

/** Continues a CRC-32 over more bytes (start from 0; the result is unsigned). */
export const crc32Update = (crc: number, bytes: Uint8Array): number => {
  const t = crcTable()
  let c = (crc ^ 0xffffffff) >>> 0
  for (let i = 0; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** Computes the CRC-32 of some bytes. */
export const crc32 = (bytes: Uint8Array): number => crc32Update(0, bytes)
