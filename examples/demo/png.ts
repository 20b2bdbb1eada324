/**
 * Pictures for the demo's task, made in memory: small PNGs (ISO/IEC 15948) of a street scene —
 * sky, road, and a car that moves along it frame by frame — so there is something to annotate.
 */
import { deflateSync } from 'node:zlib'

// CRC-32 as PNG chunks need it (ISO 3309, the table-driven form).
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (bytes: Uint8Array): number => (bytes.reduce((c, b) => (TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0

const chunk = (type: string, data: Uint8Array): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return out
}

/** Encodes an RGB picture whose colour at (x, y) is `pixel(x, y)`. */
const encodePng = (width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): Uint8Array => {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits a channel, RGB, deflate, no filter, no interlace
  // Each scanline starts with its filter byte (0: none).
  const raw = Buffer.alloc(height * (1 + 3 * width))
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(pixel(x, y), y * (1 + 3 * width) + 1 + 3 * x)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())])
}

/** The frame size of every street scene. */
export const SCENE = { width: 64, height: 48 } as const

/** Frame `i` of the street: the car (a 12×6 box on the road) is 8 pixels further right each frame. */
export const carBox = (i: number): [number, number, number, number] => [4 + 8 * i, 30, 16 + 8 * i, 36]

/** Makes frame `i` of the street as a PNG named `street_<i>.png`. */
export const streetScene = (i: number): { readonly name: string; readonly data: Uint8Array } => {
  const [x1, y1, x2, y2] = carBox(i)
  return {
    name: `street_${String(i).padStart(2, '0')}.png`,
    data: encodePng(SCENE.width, SCENE.height, (x, y) =>
      x >= x1 && x < x2 && y >= y1 && y < y2 ? [40, 60, 200] : y < 24 ? [150, 200, 240] : y < 40 ? [90, 90, 90] : [70, 140, 60],
    ),
  }
}
