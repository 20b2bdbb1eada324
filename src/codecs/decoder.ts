/**
 * The io-ts Decoder combinators the codecs use, rebuilt without io-ts's run-time modules, which
 * reach every combinator through `Kleisli` and fp-ts's Either, function and Chain modules (~1.8 kB
 * gzipped in every bundle that decodes anything). These build the very values io-ts builds (the
 * same `Either`, `FreeSemigroup` tree of `DecodeError`s and decoded object), typed as io-ts's own:
 * a codec built here IS an io-ts `Decoder`, which users compose with `D.array`… and render with
 * `D.draw`. test/codecs/kernel.test.ts holds each to io-ts, value for value. One bound io-ts has
 * not: an array keeps its first 100 failing items only (see `array`).
 */
import type { Either } from 'fp-ts/Either'
import type * as DE from 'io-ts/DecodeError'
import type { DecodeError, Decoder } from 'io-ts/Decoder'
import type * as G from 'io-ts/Guard'
import { left, right } from '../http/either'
import { isRecord } from '../json'

export type { DecodeError, Decoder, TypeOf } from 'io-ts/Decoder'

const of = (error: DE.DecodeError<string>): DecodeError => ({ _tag: 'Of', value: error })

// io-ts decodes every field (item, side) even after a failure and joins the failures as its `ap`
// does: each new one to the right of all those before, `Concat(Concat(a, b), c)`.
const join = (before: DecodeError | undefined, error: DecodeError): DecodeError => (before ? { _tag: 'Concat', left: before, right: error } : error)

const leaf = (actual: unknown, message: string): DecodeError => of({ _tag: 'Leaf', actual, error: message })

/** Builds a successful decoding, as `D.success` does. */
export const success: <A>(a: A) => Either<DecodeError, A> = right

/** Builds a failed decoding of one value, as `D.failure` does. */
export const failure = <A = never>(actual: unknown, message: string): Either<DecodeError, A> => left(leaf(actual, message))

/**
 * Turns a guard into a decoder that names what it expected, as `D.fromGuard` does.
 *
 * @example
 * fromGuard({ is: (u): u is number => u === 1 }, '1').decode(2) // Left: cannot decode 2, should be 1
 */
export const fromGuard = <I, A extends I>(guard: G.Guard<I, A>, expected: string): Decoder<I, A> => ({
  decode: (i) => (guard.is(i) ? success(i) : failure(i, expected)),
})

/** Decodes a string, as `D.string` does. */
export const string: Decoder<unknown, string> = /*#__PURE__*/ fromGuard({ is: (u: unknown): u is string => typeof u === 'string' }, 'string')

/** Decodes a boolean, as `D.boolean` does. */
export const boolean: Decoder<unknown, boolean> = /*#__PURE__*/ fromGuard({ is: (u: unknown): u is boolean => typeof u === 'boolean' }, 'boolean')

// One walk for `struct` and `partial`. They differ in the kind of key they report and in an
// undefined property: struct's decoder judges it, partial keeps it only if the key is there.
const fields = (properties: Readonly<Record<string, Decoder<unknown, unknown>>>, kind: DE.Kind): Decoder<unknown, Record<string, unknown>> => ({
  decode: (u) => {
    if (!isRecord(u)) return failure(u, 'Record<string, unknown>')
    const out: Record<string, unknown> = {}
    let errors: DecodeError | undefined
    for (const [key, decoder] of Object.entries(properties)) {
      const value = u[key]
      if (kind === 'optional' && value === undefined) {
        if (key in u) out[key] = value
        continue
      }
      const result = decoder.decode(value)
      if (result._tag === 'Left') errors = join(errors, of({ _tag: 'Key', key, kind, errors: result.left }))
      else out[key] = result.right
    }
    return errors ? left(errors) : success(out)
  },
})

// The overloads give struct and partial io-ts's own generic signatures (so a model's type follows
// its decoder); TypeScript cannot follow a record built key by key, so the bodies use plain records.
/**
 * Decodes an object with these properties, every one required, as `D.struct` does: unknown
 * properties are dropped and an optional one that is absent comes back as `undefined`.
 *
 * @example
 * struct({ name: string }).decode({ name: 'ann', x: 1 }) // Right({ name: 'ann' })
 */
export function struct<A>(properties: { [K in keyof A]: Decoder<unknown, A[K]> }): Decoder<unknown, { [K in keyof A]: A[K] }>
export function struct(properties: Readonly<Record<string, Decoder<unknown, unknown>>>): Decoder<unknown, Record<string, unknown>> {
  return fields(properties, 'required')
}

/**
 * Decodes an object whose properties may each be absent, as `D.partial` does.
 *
 * @example
 * partial({ name: string }).decode({}) // Right({})
 */
export function partial<A>(properties: { [K in keyof A]: Decoder<unknown, A[K]> }): Decoder<unknown, Partial<{ [K in keyof A]: A[K] }>>
export function partial(properties: Readonly<Record<string, Decoder<unknown, unknown>>>): Decoder<unknown, Record<string, unknown>> {
  return fields(properties, 'optional')
}

/**
 * Decodes an array, item by item, into a new array, as `D.array` does (holes are skipped).
 *
 * @example
 * array(string).decode(['a', 1]) // Left: item 1 cannot decode 1, should be string
 */
export const array = <A>(item: Decoder<unknown, A>): Decoder<unknown, Array<A>> => ({
  decode: (u) => {
    if (!Array.isArray(u)) return failure(u, 'Array<unknown>')
    const out: Array<A> = []
    let errors: DecodeError | undefined
    let failed = 0
    // Walked with the input's own `reduce`, as io-ts walks it (an array may carry its own methods).
    // Unlike io-ts, failures stop at 100: a hostile 64 MiB page of `0`s is 33 million items, whose
    // tree (~290 bytes each) outgrew Node's heap and ended the process. No message draws more than
    // 40 lines (20 items), so what is drawn is io-ts's own.
    u.reduce((_: unknown, value: unknown, index: number) => {
      if (failed >= 100) return
      const result = item.decode(value)
      if (result._tag === 'Right') out.push(result.right)
      else {
        failed++
        errors = join(errors, of({ _tag: 'Index', index, kind: 'optional', errors: result.left }))
      }
    }, 0)
    return errors ? left(errors) : success(out)
  },
})

/**
 * Decodes null or what `or` decodes, as `D.nullable` does.
 *
 * @example
 * nullable(string).decode(null) // Right(null)
 */
export const nullable = <I, A>(or: Decoder<I, A>): Decoder<null | I, null | A> => ({
  decode: (i) => {
    if (i === null) return success(null)
    const result = or.decode(i)
    return result._tag === 'Right' ? result : left(join(of({ _tag: 'Member', index: 0, errors: leaf(i, 'null') }), of({ _tag: 'Member', index: 1, errors: result.left })))
  },
})

/**
 * Decodes what both object decoders decode and merges the two results, as `D.intersect` does
 * with objects.
 *
 * @example
 * intersect(partial({ key: string }))(struct({ role: string })).decode({ role: 'worker' }) // Right({ role: 'worker' })
 */
export const intersect =
  <IB, B extends object>(second: Decoder<IB, B>) =>
  <IA, A extends object>(first: Decoder<IA, A>): Decoder<IA & IB, A & B> => ({
    decode: (i) => {
      const a = first.decode(i)
      const b = second.decode(i)
      if (a._tag === 'Left') return b._tag === 'Left' ? left(join(a.left, b.left)) : a
      return b._tag === 'Left' ? b : success(Object.assign({}, a.right, b.right))
    },
  })

/** Decodes a number (not NaN), as `D.number` does. */
export const number: Decoder<unknown, number> = /*#__PURE__*/ fromGuard({ is: (u: unknown): u is number => typeof u === 'number' && !Number.isNaN(u) }, 'number')

/**
 * Decodes an object whose every own enumerable property decodes with `codomain`, into a new
 * object, as `D.record` does (OpenAPI `additionalProperties`).
 *
 * @example
 * record(string).decode({ a: 'x' }) // Right({ a: 'x' })
 */
export const record = <A>(codomain: Decoder<unknown, A>): Decoder<unknown, Record<string, A>> => ({
  decode: (u) => {
    if (!isRecord(u)) return failure(u, 'Record<string, unknown>')
    const out: Record<string, A> = {}
    let errors: DecodeError | undefined
    for (const key of Object.keys(u)) {
      const result = codomain.decode(u[key])
      if (result._tag === 'Left') errors = join(errors, of({ _tag: 'Key', key, kind: 'optional', errors: result.left }))
      // A key such as `__proto__` is defined as data, never set through the prototype chain.
      else Object.defineProperty(out, key, { value: result.right, enumerable: true, writable: true, configurable: true })
    }
    return errors ? left(errors) : success(out)
  },
})

/**
 * Decodes what the first member that succeeds decodes, as `D.union` does; when none does, the
 * failure lists every member's.
 *
 * @example
 * union(string, boolean).decode(true) // Right(true)
 */
export const union = <A, B>(first: Decoder<unknown, A>, second: Decoder<unknown, B>): Decoder<unknown, A | B> => ({
  decode: (u) => {
    const a = first.decode(u)
    if (a._tag === 'Right') return a
    const b = second.decode(u)
    return b._tag === 'Right' ? b : left(join(of({ _tag: 'Member', index: 0, errors: a.left }), of({ _tag: 'Member', index: 1, errors: b.left })))
  },
})
