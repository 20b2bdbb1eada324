/**
 * Raw DEFLATE decoding (RFC 1951), written out so that the emulator reads zip archives with no
 * dependency, synchronously, in every runtime (Node 18 lacks `DecompressionStream('deflate-raw')`),
 * and — the reason it is ours — with a hard cap on the output: a zip bomb stops at the cap
 * instead of filling memory. Canonical Huffman decoding bit by bit, as zlib's `puff` reference
 * decoder does; failures are values.
 */

/** The result of inflating: the bytes, or why not. */
export type Inflated =
  | { readonly _tag: 'Inflated'; readonly bytes: Uint8Array }
  | { readonly _tag: 'InflateFailed'; readonly reason: 'corrupt' | 'truncated' | 'too large' }

interface Huffman {
  readonly counts: Uint16Array
  readonly symbols: Uint16Array
}

const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

// An over-subscribed code cannot be decoded; an incomplete one is allowed (its gaps are errors).
const build = (lengths: ArrayLike<number>): Huffman | undefined => {
  const counts = new Uint16Array(16)
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number
    counts[l] = (counts[l] as number) + 1
  }
  counts[0] = 0
  let left = 1
  for (let len = 1; len < 16; len++) {
    left = left * 2 - (counts[len] as number)
    if (left < 0) return undefined
  }
  const offs = new Uint16Array(16)
  for (let len = 1; len < 15; len++) offs[len + 1] = (offs[len] as number) + (counts[len] as number)
  const symbols = new Uint16Array(lengths.length)
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number
    if (l === 0) continue
    symbols[offs[l] as number] = i
    offs[l] = (offs[l] as number) + 1
  }
  return { counts, symbols }
}

const fixed = (() => {
  let made: { readonly lit: Huffman; readonly dist: Huffman } | undefined
  return () => {
    if (made) return made
    const l = new Uint8Array(288)
    l.fill(8, 0, 144)
    l.fill(9, 144, 256)
    l.fill(7, 256, 280)
    l.fill(8, 280, 288)
    made = { lit: build(l) as Huffman, dist: build(new Uint8Array(30).fill(5)) as Huffman }
    return made
  }
})()

interface Reader {
  readonly src: Uint8Array
  pos: number
  buf: number
  cnt: number
}

// -1 when the input ends first.
const bits = (r: Reader, n: number): number => {
  while (r.cnt < n) {
    if (r.pos >= r.src.length) return -1
    r.buf |= (r.src[r.pos++] as number) << r.cnt
    r.cnt += 8
  }
  const v = r.buf & ((1 << n) - 1)
  r.buf >>>= n
  r.cnt -= n
  return v
}

// -1 when the input ends, -2 for a code the table does not hold.
const decode = (r: Reader, h: Huffman): number => {
  let code = 0
  let first = 0
  let index = 0
  for (let len = 1; len < 16; len++) {
    const b = bits(r, 1)
    if (b < 0) return -1
    code |= b
    const count = h.counts[len] as number
    if (code - count < first) return h.symbols[index + (code - first)] as number
    index += count
    first += count
    first <<= 1
    code <<= 1
  }
  return -2
}

interface Output {
  bytes: Uint8Array
  len: number
  readonly max: number
}

const room = (o: Output, n: number): boolean => {
  if (o.len + n > o.max) return false
  if (o.len + n > o.bytes.length) {
    const grown = new Uint8Array(Math.min(o.max, Math.max(o.bytes.length * 2, o.len + n)))
    grown.set(o.bytes.subarray(0, o.len))
    o.bytes = grown
  }
  return true
}

type Step = 'ok' | 'corrupt' | 'truncated' | 'too large'

const codes = (r: Reader, o: Output, lit: Huffman, dist: Huffman): Step => {
  for (;;) {
    const sym = decode(r, lit)
    if (sym === -1) return 'truncated'
    if (sym < 0) return 'corrupt'
    if (sym < 256) {
      if (!room(o, 1)) return 'too large'
      o.bytes[o.len++] = sym
    } else if (sym === 256) return 'ok'
    else {
      const li = sym - 257
      if (li >= 29) return 'corrupt'
      const le = bits(r, LEXT[li] as number)
      const ds = decode(r, dist)
      if (le < 0 || ds === -1) return 'truncated'
      if (ds < 0 || ds >= 30) return 'corrupt'
      const de = bits(r, DEXT[ds] as number)
      if (de < 0) return 'truncated'
      const length = (LBASE[li] as number) + le
      const distance = (DBASE[ds] as number) + de
      if (distance > o.len) return 'corrupt'
      if (!room(o, length)) return 'too large'
      for (let i = 0; i < length; i++, o.len++) o.bytes[o.len] = o.bytes[o.len - distance] as number
    }
  }
}

const stored = (r: Reader, o: Output): Step => {
  r.buf = 0
  r.cnt = 0
  if (r.pos + 4 > r.src.length) return 'truncated'
  const s = r.src
  const len = (s[r.pos] as number) | ((s[r.pos + 1] as number) << 8)
  const nlen = (s[r.pos + 2] as number) | ((s[r.pos + 3] as number) << 8)
  r.pos += 4
  if (len !== (~nlen & 0xffff)) return 'corrupt'
  if (r.pos + len > s.length) return 'truncated'
  if (!room(o, len)) return 'too large'
  o.bytes.set(s.subarray(r.pos, r.pos + len), o.len)
  o.len += len
  r.pos += len
  return 'ok'
}

const dynamic = (r: Reader, o: Output): Step => {
  const nlen = bits(r, 5)
  const ndist = bits(r, 5)
  const ncode = bits(r, 4)
  if (nlen < 0 || ndist < 0 || ncode < 0) return 'truncated'
  if (nlen + 257 > 286 || ndist + 1 > 30) return 'corrupt'
  const lengths = new Uint8Array(19)
  for (let i = 0; i < ncode + 4; i++) {
    const b = bits(r, 3)
    if (b < 0) return 'truncated'
    lengths[ORDER[i] as number] = b
  }
  const lencode = build(lengths)
  if (!lencode) return 'corrupt'
  const all = new Uint8Array(nlen + 257 + ndist + 1)
  for (let i = 0; i < all.length; ) {
    const sym = decode(r, lencode)
    if (sym === -1) return 'truncated'
    if (sym < 0) return 'corrupt'
    if (sym < 16) all[i++] = sym
    else {
      const prev = sym === 16 ? (i === 0 ? -1 : (all[i - 1] as number)) : 0
      if (prev < 0) return 'corrupt'
      const extra = sym === 16 ? bits(r, 2) : sym === 17 ? bits(r, 3) : bits(r, 7)
      if (extra < 0) return 'truncated'
      const times = (sym === 16 ? 3 : sym === 17 ? 3 : 11) + extra
      if (i + times > all.length) return 'corrupt'
      all.fill(prev, i, i + times)
      i += times
    }
  }
  if (all[256] === 0) return 'corrupt'
  const lit = build(all.subarray(0, nlen + 257))
  const dist = build(all.subarray(nlen + 257))
  return lit && dist ? codes(r, o, lit, dist) : 'corrupt'
}

/** Inflates raw DEFLATE data, giving up once the output would pass `maxOutput` bytes. */
export const inflateRaw = (src: Uint8Array, maxOutput: number): Inflated => {
  const r: Reader = { src, pos: 0, buf: 0, cnt: 0 }
  const o: Output = { bytes: new Uint8Array(Math.max(0, Math.min(maxOutput, src.length * 4 + 64))), len: 0, max: Math.max(0, maxOutput) }
  for (;;) {
    const last = bits(r, 1)
    const type = bits(r, 2)
    if (last < 0 || type < 0) return { _tag: 'InflateFailed', reason: 'truncated' }
    const step: Step = type === 0 ? stored(r, o) : type === 1 ? codes(r, o, fixed().lit, fixed().dist) : type === 2 ? dynamic(r, o) : 'corrupt'
    if (step !== 'ok') return { _tag: 'InflateFailed', reason: step }
    if (last === 1) return { _tag: 'Inflated', bytes: o.bytes.slice(0, o.len) }
  }
}
