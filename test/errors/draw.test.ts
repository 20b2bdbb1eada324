// Drawing a decode failure costs what is shown, not the value: scrubbing, cutting and the
// number of failing items kept are bounded whatever the server sent.
import * as E from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import * as K from '../../src/codecs/decoder'
import { boundedJson } from '../../src/errors/bounded'
import { drawDecodeError } from '../../src/errors/draw'

describe('scrubbing a drawn value costs what is shown, not the value', () => {
  // Each string was scrubbed before its cut; a value of 1000 long strings cost 1000 scrubs for the
  // 120 characters shown (40 such values per message). Past the cut nothing is scrubbed.
  it('scrubs only the strings that start before the cut', () => {
    const scrubbed: string[] = []
    const shown = (text: string) => (scrubbed.push(text), text.replace('s3cret', '[redacted]'))
    const value = ['a'.repeat(100), `${'b'.repeat(15)}s3cret-tail`, ...Array.from({ length: 998 }, () => 'c'.repeat(500))]
    expect(boundedJson(value, 120, shown)).toBe(`["${'a'.repeat(100)}","${'b'.repeat(15)}…`)
    expect(boundedJson([`${'b'.repeat(110)}s3cret-tail`], 200, shown)).toBe(`["${'b'.repeat(110)}[redacted]-tail"]`)
    expect(scrubbed.map((t) => t.length)).toEqual([100, 26, 121])
  })
})

describe('a 2xx page of millions of items that all fail', () => {
  // `{"results":[0,0,…]}`: 64 MiB of it is 33 million items, and the error tree kept every one
  // (~290 bytes each: ~10 GB, past Node's heap limit, so the process died). A message draws at
  // most 40 lines (20 items), so an array's failures stop at 100: what is drawn is io-ts's own.
  const indexes = (e: D.DecodeError): number => {
    const stack = [e]
    let n = 0
    for (let x = stack.pop(); x !== undefined; x = stack.pop())
      if (x._tag === 'Concat') stack.push(x.right, x.left)
      else if (x.value._tag === 'Index') n++
    return n
  }
  it('keeps at most 100 failing items, and draws as io-ts does', () => {
    const zeros = Array.from({ length: 5000 }, () => 0)
    const ours = K.array(K.string).decode(zeros)
    const theirs = D.array(D.string).decode(zeros)
    if (E.isRight(ours) || E.isRight(theirs)) return expect.fail('expected a Left')
    expect(indexes(ours.left)).toBe(100)
    expect(drawDecodeError(ours.left)).toBe(drawDecodeError(theirs.left))
  })
})
