// Test pictures: JPEG headers built segment by segment (the emulator reads headers only) and PNGs.
import { encodePng } from '../../../src/testing/engine/media/png'

const seg = (marker: number, payload: Uint8Array | number[]): number[] => {
  const p = Array.from(payload)
  return [0xff, marker, (p.length + 2) >> 8, (p.length + 2) & 255, ...p]
}

const exif = (orientation: number, le: boolean): number[] => {
  const u16 = (v: number) => (le ? [v & 255, v >> 8] : [v >> 8, v & 255])
  const u32 = (v: number) => (le ? [v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24] : [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255])
  // IFD0 with two entries: ImageDescription (ignored) then Orientation (SHORT, count 1).
  const tiff = [...(le ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8), ...u16(2), ...u16(0x010e), ...u16(2), ...u32(1), ...u32(0), ...u16(0x0112), ...u16(3), ...u32(1), ...u16(orientation), 0, 0, ...u32(0)]
  return [...Array.from(new TextEncoder().encode('Exif')), 0, 0, ...tiff]
}

/** A JPEG that ends after its frame header: SOI, JFIF, optional Exif, extra APPn, SOFn, EOI. */
export const jpegHeader = (o: { width: number; height: number; sof?: number; apps?: Uint8Array[]; orientation?: number; littleEndian?: boolean }): Uint8Array =>
  new Uint8Array([
    0xff, 0xd8,
    ...seg(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...(o.orientation === undefined ? [] : seg(0xe1, exif(o.orientation, o.littleEndian ?? false))),
    0xff, // a fill byte
    ...(o.apps ?? []).flatMap((a, i) => seg(0xe2 + (i % 12), a)),
    ...seg(o.sof ?? 0xc0, [8, o.height >> 8, o.height & 255, o.width >> 8, o.width & 255, 1, 1, 0x11, 0]),
    0xff, 0xd9,
  ])

/** A small PNG of one colour. */
export const png = (width: number, height: number, rgb: readonly [number, number, number] = [200, 30, 30]): Uint8Array => encodePng(width, height, () => rgb)
