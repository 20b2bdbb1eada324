/**
 * Request bodies that carry passwords or reset tokens: a body that does not match its codec is
 * refused with the path and the expectation of each failure, never the offending value (io-ts's
 * `draw` quotes it, and a RequestError's message ends up in logs).
 */
import * as E from 'fp-ts/Either'
import type * as D from 'io-ts/Decoder'
import type * as DE from 'io-ts/DecodeError'

const HIDDEN = '(value hidden)'

const strip = (e: D.DecodeError): D.DecodeError =>
  e._tag === 'Concat' ? { ...e, left: strip(e.left), right: strip(e.right) } : { ...e, value: stripOne(e.value) }

const stripOne = (e: DE.DecodeError<string>): DE.DecodeError<string> =>
  e._tag === 'Leaf' ? { ...e, actual: HIDDEN } : { ...e, errors: strip(e.errors) }

/** Wraps a request decoder so that its failures never quote the value that failed. */
export const hidden = <A>(decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A> => ({
  decode: (u) => {
    const decoded = decoder.decode(u)
    return E.isLeft(decoded) ? E.left(strip(decoded.left)) : decoded
  },
})
