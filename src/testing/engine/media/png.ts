/**
 * PNG (ISO/IEC 15948): the size from the IHDR chunk that must follow the signature, and a small
 * encoder for the emulator's own frames (the demo seed, previews) that stores its pixels in
 * uncompressed DEFLATE blocks inside the zlib stream — valid PNG, no compressor needed.
 */
import { crc32 } from '../zip/crc32'

/** A picture's size in pixels. */
export interface Size {
  readonly width: number
  readonly height: number
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

const u32 = (b: Uint8Array, i: number): number => (((b[i] as number) << 24) | ((b[i + 1] as number) << 16) | ((b[i + 2] as number) << 8) | (b[i + 3] as number)) >>> 0

/** Tells whether bytes start with the PNG signature. */
export const isPng = (b: Uint8Array): boolean => b.length >= 8 && SIGNATURE.every((x, i) => b[i] === x)

/** Reads a PNG's width and height from its IHDR chunk, or `undefined` when the header is not a PNG's. */
export const pngSize = (b: Uint8Array): Size | undefined => {
  // Signature, then IHDR: length 13, type "IHDR", width, height (both 1 .. 2^31-1).
  if (!isPng(b) || b.length < 24 || u32(b, 8) !== 13 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return undefined
  const width = u32(b, 16)
  const height = u32(b, 20)
  return width > 0 && height > 0 && width < 2 ** 31 && height < 2 ** 31 ? { width, height } : undefined
}

const chunk = (type: string, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(12 + data.length)
  const v = new DataView(out.buffer)
  v.setUint32(0, data.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(data, 8)
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

// zlib stream (RFC 1950) of stored blocks: header 0x78 0x01, blocks of ≤ 65535 bytes, Adler-32.
const zlibStored = (raw: Uint8Array): Uint8Array => {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535))
  const out = new Uint8Array(2 + raw.length + blocks * 5 + 4)
  out[0] = 0x78
  out[1] = 0x01
  let p = 2
  for (let i = 0; i < blocks; i++) {
    const part = raw.subarray(i * 65535, Math.min(raw.length, (i + 1) * 65535))
    out[p] = i === blocks - 1 ? 1 : 0
    out[p + 1] = part.length & 0xff
    out[p + 2] = part.length >>> 8
    out[p + 3] = ~part.length & 0xff
    out[p + 4] = (~part.length >>> 8) & 0xff
    out.set(part, p + 5)
    p += 5 + part.length
  }
  let a = 1
  let b = 0
  for (let i = 0; i < raw.length; i++) {
    a = (a + (raw[i] as number)) % 65521
    b = (b + a) % 65521
  }
  new DataView(out.buffer).setUint32(p, ((b << 16) | a) >>> 0)
  return out
}

/** Encodes an 8-bit RGB PNG whose pixel colours come from `rgb(x, y)`. */
export const encodePng = (width: number, height: number, rgb: (x: number, y: number) => readonly [number, number, number]): Uint8Array => {
  const raw = new Uint8Array(height * (1 + width * 3))
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3) // filter byte 0 (None), then the row's pixels
    for (let x = 0; x < width; x++) raw.set(rgb(x, y), row + 1 + x * 3)
  }
  const ihdr = new Uint8Array(13)
  const v = new DataView(ihdr.buffer)
  v.setUint32(0, width)
  v.setUint32(4, height)
  ihdr.set([8, 2, 0, 0, 0], 8) // bit depth 8, colour type 2 (RGB), deflate, adaptive filter, no interlace
  const parts = [new Uint8Array(SIGNATURE), chunk('IHDR', ihdr), chunk('IDAT', zlibStored(raw)), chunk('IEND', new Uint8Array(0))]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0)
  return out
}
