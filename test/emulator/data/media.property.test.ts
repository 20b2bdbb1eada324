// The hand-written image header parsers (PNG IHDR, JPEG SOFn + Exif orientation), the PNG
// encoder and the file orders of sorting_method (media_extractors.py sort, image_size_within_orientation).
import { inflateSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { jpegInfo } from '../../../src/testing/engine/media/jpeg'
import { kindOf, readPicture, sortFiles } from '../../../src/testing/engine/media/kinds'
import { encodePng, pngSize } from '../../../src/testing/engine/media/png'
import { jpegHeader } from './images'

const dim = fc.integer({ min: 1, max: 65535 })

describe('PNG', () => {
  it('reads back the size it encodes, and the IDAT inflates (zlib) to the filtered rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 255 }), (w, h, seed) => {
        const png = encodePng(w, h, (x, y) => [(x * seed) & 255, (y * 7) & 255, (x + y) & 255])
        expect(pngSize(png)).toEqual({ width: w, height: h })
        const len = new DataView(png.buffer).getUint32(33)
        const raw = inflateSync(png.subarray(41, 41 + len))
        expect(raw.length).toBe(h * (1 + 3 * w))
        expect([raw[0], raw[1], raw[2], raw[3]]).toEqual([0, 0, 0, 0]) // filter None, pixel (0,0)
      }),
      { numRuns: 60 },
    )
  }, 30_000)

  it('takes only a signature followed by a 13-byte IHDR with sizes in 1 .. 2^31-1', () => {
    const png = encodePng(3, 2, () => [1, 2, 3])
    const zeroWidth = png.slice()
    zeroWidth.set([0, 0, 0, 0], 16)
    expect(pngSize(zeroWidth)).toBeUndefined()
    const notIhdr = png.slice()
    notIhdr[12] = 0x69
    expect(pngSize(notIhdr)).toBeUndefined()
    expect(pngSize(png.subarray(0, 23))).toBeUndefined()
  })

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const s = pngSize(b)
        expect(s === undefined || (s.width > 0 && s.height > 0)).toBe(true)
      }),
    )
  })
})

describe('JPEG', () => {
  it('finds the first SOFn after any APPn/COM segments and fill bytes', () => {
    fc.assert(
      fc.property(dim, dim, fc.constantFrom(0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc9, 0xcf), fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 4 }), (width, height, sof, apps) => {
        expect(jpegInfo(jpegHeader({ width, height, sof, apps }))).toEqual({ width, height, orientation: 1 })
      }),
    )
  })

  it('reads the Exif orientation in both byte orders; 5-8 swap width and height as CVAT reports them', () => {
    fc.assert(
      fc.property(dim, dim, fc.integer({ min: 1, max: 8 }), fc.boolean(), (width, height, orientation, littleEndian) => {
        const jpeg = jpegHeader({ width, height, orientation, littleEndian })
        expect(jpegInfo(jpeg)).toEqual({ width, height, orientation })
        expect(readPicture(jpeg)).toEqual(orientation > 4 ? { width: height, height: width, mime: 'image/jpeg' } : { width, height, mime: 'image/jpeg' })
      }),
    )
  })

  it('gives up (undefined) on truncation, scan data before a frame, or a bad segment length', () => {
    const jpeg = jpegHeader({ width: 10, height: 20 })
    for (let cut = 0; cut < jpeg.length - 2; cut++) expect(jpegInfo(jpeg.subarray(0, cut))).toBeUndefined()
    expect(jpegInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeUndefined()
    expect(jpegInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 1, 0, 0]))).toBeUndefined()
  })

  it('never throws on arbitrary bytes after a start-of-image', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        const b = new Uint8Array([0xff, 0xd8, 0xff, ...tail])
        const info = jpegInfo(b)
        expect(info === undefined || (info.width > 0 && info.height > 0)).toBe(true)
      }),
    )
  })
})

describe('media kinds and sorting_method', () => {
  it('classifies by extension, case-insensitively; svg is not an image; jsonl is the manifest', () => {
    expect(['a.PNG', 'b.jpeg', 'c.mp4', 'd.zip', 'e.pdf', 'f.tar.gz', 'g.svg', 'manifest.jsonl', 'h.txt'].map(kindOf)).toEqual([
      'image', 'image', 'video', 'zip', 'pdf', 'archive', 'unknown', 'manifest', 'unknown',
    ])
  })

  it('lexicographical is Python sorted(): by code point (astral characters after U+FFFF-range BMP ones)', () => {
    expect(sortFiles(['b.png', 'a10.png', 'a2.png', 'B.png', '\u{1F600}.png', '\uFF5E.png'], 'lexicographical', Math.random)).toEqual([
      'B.png', 'a10.png', 'a2.png', 'b.png', '\uFF5E.png', '\u{1F600}.png',
    ])
  })

  it('natural orders digit runs as numbers, case-insensitively, directory by directory', () => {
    expect(sortFiles(['img10.png', 'img2.png', 'IMG1.png', 'd10/a.png', 'd9/b.png', 'img2.jpg'], 'natural', Math.random)).toEqual([
      'd9/b.png', 'd10/a.png', 'IMG1.png', 'img2.jpg', 'img2.png', 'img10.png',
    ])
  })

  it('predefined keeps the given order; random is a seeded permutation', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 30 }), fc.integer(), (files, seed) => {
        expect(sortFiles(files, 'predefined', Math.random)).toEqual(files)
        const rng = (s: number) => () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s / 0x80000000)
        const shuffled = sortFiles(files, 'random', rng(seed))
        expect(sortFiles(files, 'random', rng(seed))).toEqual(shuffled)
        expect([...shuffled].sort()).toEqual([...files].sort())
      }),
    )
  })
})
