// The codec kernel (src/codecs/decoder.ts) against io-ts on inputs a plain JavaScript caller or a
// hostile server can make, beyond the generated ones of kernel.test.ts.
import * as E from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import * as K from '../../src/codecs/decoder'

describe('the codec kernel against io-ts, on an array whose own method is replaced', () => {
  // io-ts's array decoder walks its input with the input's `reduce`; the kernel walked it with
  // `forEach`, so an array carrying its own `forEach` decoded to [] where io-ts refused it.
  it('decodes as io-ts does', () => {
    const input = (): unknown => Object.assign(['a', 1], { forEach: () => undefined })
    expect(K.array(K.string).decode(input())).toEqual(D.array(D.string).decode(input()))
    expect(K.array(K.string).decode(input())).toEqual(
      E.left({ _tag: 'Of', value: { _tag: 'Index', index: 1, kind: 'optional', errors: { _tag: 'Of', value: { _tag: 'Leaf', actual: 1, error: 'string' } } } }),
    )
  })
})
