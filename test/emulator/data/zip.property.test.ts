// The emulator's zip reader and writer, and its inflate, against Node's zlib (the reference
// implementation CVAT's Python zipfile also wraps): round trips, truncation and zip bombs.
import { deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../../src/testing/engine/zip/crc32'
import { inflateRaw } from '../../../src/testing/engine/zip/inflate'
import { listZip, readEntry, writeZip, writeZipDeflated } from '../../../src/testing/engine/zip/zip'

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  // Repetitive input makes zlib use long matches and dynamic Huffman blocks.
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 16 }), fc.integer({ min: 1, max: 3000 })).map(([u, n]) => {
    const out = new Uint8Array(u.length * n)
    for (let i = 0; i < n; i++) out.set(u, i * u.length)
    return out
  }),
)

const readAll = (zip: Uint8Array) => {
  const listing = listZip(zip)
  if (listing._tag !== 'Zip') return listing
  return listing.entries.map((e) => {
    const r = readEntry(zip, e, 1 << 24)
    return { name: e.name, bytes: r._tag === 'Read' ? Array.from(r.bytes) : r.reason }
  })
}

describe('inflateRaw', () => {
  it('inverts zlib deflateRaw at every level and strategy', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 9 }), fc.constantFrom(0, 1, 2, 3, 4), (input, level, strategy) => {
        const packed = deflateRawSync(input, { level, strategy })
        const out = inflateRaw(packed, input.length)
        expect(out._tag === 'Inflated' ? Array.from(out.bytes) : out).toEqual(Array.from(input))
      }),
      { numRuns: 200 },
    )
  }, 30_000)

  it('stops at the output cap (a bomb is refused, not expanded)', () => {
    const bomb = deflateRawSync(new Uint8Array(10_000_000))
    expect(bomb.length).toBeLessThan(20_000)
    expect(inflateRaw(bomb, 1_000_000)).toEqual({ _tag: 'InflateFailed', reason: 'too large' })
  })

  it('reports truncated and corrupt input as values, whatever the bytes', () => {
    fc.assert(
      fc.property(bytes, fc.nat(), (input, cut) => {
        const packed = deflateRawSync(input)
        const short = packed.subarray(0, cut % Math.max(1, packed.length))
        const out = inflateRaw(short, input.length)
        expect(['Inflated', 'InflateFailed']).toContain(out._tag)
      }),
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (garbage) => {
        expect(['Inflated', 'InflateFailed']).toContain(inflateRaw(garbage, 1 << 16)._tag)
      }),
    )
  })
})

describe('zip', () => {
  const files = fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z0-9_/é.-]{1,40}$/), bytes }), { selector: (f) => f.name, maxLength: 8 })

  it('reads back what it writes, stored', () => {
    fc.assert(
      fc.property(files, fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2100, 0, 1) }), (fs, date) => {
        expect(readAll(writeZip(fs, date))).toEqual(fs.map((f) => ({ name: f.name, bytes: Array.from(f.bytes) })))
      }),
      { numRuns: 80 },
    )
  }, 30_000)

  it('reads back what it writes deflated by the platform (CompressionStream deflate-raw)', async () => {
    await fc.assert(
      fc.asyncProperty(files, async (fs) => {
        expect(readAll(await writeZipDeflated(fs))).toEqual(fs.map((f) => ({ name: f.name, bytes: Array.from(f.bytes) })))
      }),
      { numRuns: 40 },
    )
  }, 30_000)

  it('deflates members that shrink (method 8) and stores the rest (method 0)', async () => {
    const zip = await writeZipDeflated([
      { name: 'zeros', bytes: new Uint8Array(10_000) },
      { name: 'one', bytes: new Uint8Array([7]) },
    ])
    const listing = listZip(zip)
    expect(listing._tag === 'Zip' ? listing.entries.map((e) => [e.name, e.method, e.size]) : listing).toEqual([
      ['zeros', 8, 10_000],
      ['one', 0, 1],
    ])
  })

  it('is not a zip: too short, no end record, or a central directory out of bounds', () => {
    expect(listZip(new Uint8Array(10))).toEqual({ _tag: 'NotZip', reason: 'File is not a zip file' })
    expect(listZip(new TextEncoder().encode('<annotations/>'.repeat(10)))).toEqual({ _tag: 'NotZip', reason: 'File is not a zip file' })
    const zip = writeZip([{ name: 'a', bytes: new Uint8Array([1]) }])
    const bad = zip.slice()
    new DataView(bad.buffer).setUint32(bad.length - 6, 1_000_000, true)
    expect(listZip(bad)).toEqual({ _tag: 'NotZip', reason: 'Bad offset for central directory' })
  })

  it('refuses a member whose declared size is over the budget, and one that inflates past its declared size', () => {
    const big = writeZip([{ name: 'big.xml', bytes: new Uint8Array(5000) }])
    const listing = listZip(big)
    expect(listing._tag === 'Zip' && readEntry(big, listing.entries[0]!, 4999)).toEqual({ _tag: 'ReadFailed', reason: 'big.xml: larger than 4999 bytes' })
    // A hand-made bomb: the directory says 10 bytes, the deflate stream holds a million zeros.
    const liar = deflatedZip('bomb.xml', deflateRawSync(new Uint8Array(1_000_000)), 10, 0)
    const l2 = listZip(liar)
    expect(l2._tag === 'Zip' && readEntry(liar, l2.entries[0]!, 1 << 30)).toEqual({ _tag: 'ReadFailed', reason: 'bomb.xml: inflates past its declared size' })
  })

  it('checks the CRC-32', () => {
    const zip = writeZip([{ name: 'a.txt', bytes: new TextEncoder().encode('hello') }])
    const bad = zip.slice()
    bad[30 + 5] = 0x48 // 'h' -> 'H' in the stored data
    const listing = listZip(bad)
    expect(listing._tag === 'Zip' && readEntry(bad, listing.entries[0]!, 100)).toEqual({ _tag: 'ReadFailed', reason: 'a.txt: Bad CRC-32' })
  })

  it('survives any byte string and any corruption of a valid archive', () => {
    fc.assert(
      fc.property(files, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }), (fs, flips) => {
        const zip = writeZip(fs)
        for (const [at, v] of flips) zip[at % Math.max(1, zip.length)] = v
        const listing = listZip(zip)
        if (listing._tag === 'Zip') for (const e of listing.entries) expect(['Read', 'ReadFailed']).toContain(readEntry(zip, e, 1 << 20)._tag)
      }),
    )
  })
})

// A one-member archive with the given deflated data and a declared (possibly false) size.
function deflatedZip(name: string, data: Uint8Array, size: number, crc: number): Uint8Array {
  const zip = writeZip([{ name, bytes: new Uint8Array(size) }])
  const n = new TextEncoder().encode(name).length
  const head = zip.subarray(0, 30 + n)
  const central = zip.subarray(30 + n + size, zip.length - 22)
  const out = new Uint8Array(head.length + data.length + central.length + 22)
  out.set(head)
  out.set(data, head.length)
  out.set(central, head.length + data.length)
  out.set(zip.subarray(zip.length - 22), head.length + data.length + central.length)
  const v = new DataView(out.buffer)
  for (const at of [8, head.length + data.length + 10]) v.setUint16(at, 8, true)
  for (const at of [18, head.length + data.length + 20]) v.setUint32(at, data.length, true)
  for (const at of [14, head.length + data.length + 16]) v.setUint32(at, crc || crc32(new Uint8Array(size)), true)
  v.setUint32(out.length - 6, head.length + data.length, true)
  return out
}
