/**
 * JPEG (ITU T.81 / JFIF, Exif 2.3): walks the marker segments to the first start-of-frame for
 * the size, and reads the Exif orientation on the way, because CVAT reports a picture rotated by
 * its Exif tag with width and height swapped (media_extractors.py image_size_within_orientation:
 * orientation > 4).
 */
import type { Size } from './png'

/** A JPEG's stored size and its Exif orientation (1 when it has none). */
export interface JpegInfo extends Size {
  readonly orientation: number
}

const u16be = (b: Uint8Array, i: number): number => ((b[i] as number) << 8) | (b[i + 1] as number)

// SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc

/** Tells whether bytes start with a JPEG start-of-image marker. */
export const isJpeg = (b: Uint8Array): boolean => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff

// Exif APP1: "Exif\0\0", then a TIFF header (II or MM, 42, offset of IFD0); tag 0x0112 is SHORT.
const exifOrientation = (b: Uint8Array, start: number, end: number): number | undefined => {
  if (end - start < 14 || String.fromCharCode(...b.subarray(start, start + 6)) !== 'Exif\0\0') return undefined
  const t = start + 6
  const le = b[t] === 0x49 && b[t + 1] === 0x49
  if (!le && !(b[t] === 0x4d && b[t + 1] === 0x4d)) return undefined
  const r16 = (i: number): number => (le ? (b[i] as number) | ((b[i + 1] as number) << 8) : u16be(b, i))
  const r32 = (i: number): number => (le ? (r16(i) | (r16(i + 2) << 16)) >>> 0 : ((r16(i) << 16) | r16(i + 2)) >>> 0)
  if (r16(t + 2) !== 42) return undefined
  const ifd = t + r32(t + 4)
  if (ifd + 2 > end) return undefined
  const count = r16(ifd)
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12
    if (e + 12 > end) return undefined
    if (r16(e) === 0x0112) return r16(e + 8)
  }
  return undefined
}

/** Reads a JPEG's size and Exif orientation from its headers, or `undefined` when they are not a JPEG's. */
export const jpegInfo = (b: Uint8Array): JpegInfo | undefined => {
  if (!isJpeg(b)) return undefined
  let orientation = 1
  let p = 2
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return undefined
    const m = b[p + 1] as number
    if (m === 0xff) {
      p += 1 // fill byte
      continue
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      p += 2 // markers with no segment
      continue
    }
    if (m === 0xd9 || m === 0xda) return undefined // end of image or scan data before any frame header
    const len = u16be(b, p + 2)
    if (len < 2 || p + 2 + len > b.length) return undefined
    if (m === 0xe1) orientation = exifOrientation(b, p + 4, p + 2 + len) ?? orientation
    if (isSof(m)) {
      if (len < 7) return undefined
      const height = u16be(b, p + 5)
      const width = u16be(b, p + 7)
      return width > 0 && height > 0 ? { width, height, orientation } : undefined
    }
    p += 2 + len
  }
  return undefined
}
