/**
 * The primitives every codec is built from: the generated models (src/generated/models, written
 * by `npm run generate` from CVAT's schemas) import these, never the other way round. Every
 * top-level call is marked pure so a bundler drops the codecs an import does not use.
 *
 * Each model is written twice, as a guard and as an io-ts Decoder, and `checked` pairs them:
 * valid input (the usual case) is checked by the guard and passed through whole, unknown fields
 * included; only invalid input pays for the decoder's error tree. The guards are plain
 * predicates typed as io-ts Guards: built from `G.struct`/`G.partial`, each property check is a
 * call through a table of closures, which cost ~25 µs per 10-invitation page against a real
 * socket (`npm run bench`), six times its cost in a hot loop; a direct predicate costs a fraction
 * of that. A property test keeps each guard and its decoder in agreement, on valid and broken
 * values.
 *
 * The decoders are built by ./decoder.ts, a small kernel that makes io-ts Decoders without io-ts's
 * run-time modules (`D` here is that kernel; its values are io-ts's own).
 *
 * Each model's type is derived from its decoder (`Optionals<D.TypeOf<typeof XDecoder>>`), never
 * written beside it, so the two cannot drift. One codec serves CVAT 2.26.2 and 2.73.0: it accepts,
 * field by field, what either schema allows (a field new in 2.73 is optional; where limits differ,
 * the looser holds and the server judges the rest). Request bodies are checked with their string
 * limits; a response's strings are only type-checked, their lengths being the server's business.
 */
import type * as G from 'io-ts/Guard'
import * as D from './decoder'
import { isFileValue, isRecord } from '../json'

/** Pairs a fast guard with the decoder that explains failures. */
export const checked = <A>(guard: G.Guard<unknown, A>, decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A> => ({
  decode: (u) => (guard.is(u) ? D.success(u) : decoder.decode(u)),
})

/** Whether an optional property is absent or a string. */
export const isOptionalString = (u: unknown): boolean => u === undefined || typeof u === 'string'

/** Whether an optional property is absent or an integer. */
export const isOptionalInt = (u: unknown): boolean => u === undefined || Number.isInteger(u)

/** Whether an optional property is absent or a boolean. */
export const isOptionalBoolean = (u: unknown): boolean => u === undefined || typeof u === 'boolean'

/** Whether an optional, nullable property is absent, null or an integer. */
export const isOptionalNullableInt = (u: unknown): boolean => u === undefined || u === null || Number.isInteger(u)

/** Whether an optional property is absent or passes `guard`. */
export const isOptional = (guard: G.Guard<unknown, unknown>, u: unknown): boolean => u === undefined || guard.is(u)

/** Whether an optional, nullable property is absent, null or passes `guard`. */
export const isOptionalNullable = (guard: G.Guard<unknown, unknown>, u: unknown): boolean => u === undefined || u === null || guard.is(u)

/** Whether an optional, nullable property is absent, null or a string. */
export const isOptionalNullableString = (u: unknown): boolean => u === undefined || u === null || typeof u === 'string'

export { isStringArray } from '../json'

/**
 * Turns the properties a `D.struct` of `optional(...)` decoders types as `K: A | undefined` into
 * optional ones (`K?: A`), so a model's type is derived from its decoder without a cast and a
 * field deleted from the decoder is a compile error wherever the field is used.
 *
 * @example
 * interface Named extends Optionals<{ name: string; note: string | undefined }> {} // { name: string; note?: string }
 */
export type Optionals<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/** Decodes an optional property: absent, or valid. */
export const optional = <A>(decoder: D.Decoder<unknown, A>): D.Decoder<unknown, A | undefined> => ({
  decode: (u) => (u === undefined ? D.success(undefined) : decoder.decode(u)),
})

/** Checks a JSON number that is an integer (OpenAPI `type: integer`). */
export const IntGuard: G.Guard<unknown, number> = { is: (u: unknown): u is number => Number.isInteger(u) }

/** Decodes a JSON number that is an integer (OpenAPI `type: integer`). */
export const Int: D.Decoder<unknown, number> = /*#__PURE__*/ D.fromGuard(IntGuard, 'integer')

/** Decodes an optional string property. */
export const OptionalString = /*#__PURE__*/ optional(D.string)

/** Decodes an optional integer property. */
export const OptionalInt = /*#__PURE__*/ optional(Int)

/** Decodes an optional boolean property. */
export const OptionalBoolean = /*#__PURE__*/ optional(D.boolean)

/** Decodes an optional, nullable string property. */
export const OptionalNullableString = /*#__PURE__*/ optional(/*#__PURE__*/ D.nullable(D.string))


/** Whether an optional property is absent or a number. */
export const isOptionalNumber = (u: unknown): boolean => u === undefined || (typeof u === 'number' && !Number.isNaN(u))

/** Decodes an optional number property. */
export const OptionalNumber = /*#__PURE__*/ optional(D.number)

/** Decodes a free-form JSON object (an OpenAPI `object` without properties). */
export const AnyRecord: D.Decoder<unknown, Record<string, unknown>> = /*#__PURE__*/ D.fromGuard({ is: (u: unknown): u is Record<string, unknown> => isRecord(u) }, 'Record<string, unknown>')

/**
 * Names a file a request carries: a `Blob` (a `File` is one) or bytes; multipart bodies send it as a file part.
 *
 * @example
 * const file: FileValue = new Blob(['name,email'], { type: 'text/csv' })
 */
export type FileValue = Blob | ArrayBufferView

/**
 * Decodes a file to upload (an OpenAPI `format: binary` field): a `Blob` or bytes.
 *
 * @example
 * FileValue.decode(new Uint8Array([1, 2])) // Right(Uint8Array [1, 2])
 */
export const FileValue: D.Decoder<unknown, FileValue> = /*#__PURE__*/ D.fromGuard({ is: isFileValue }, 'Blob | Uint8Array')

/** Describes the string constraints a request field carries in the schema. */
export interface TextRules {
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: RegExp
}

const textGuard = (rules: TextRules): G.Guard<unknown, string> => ({
  is: (u: unknown): u is string => {
    if (typeof u !== 'string') return false
    const length = [...u].length
    return length >= (rules.minLength ?? 0) && length <= (rules.maxLength ?? Infinity) && (rules.pattern === undefined || rules.pattern.test(u))
  },
})

const describe = (rules: TextRules): string =>
  `string (${rules.minLength ?? 0}..${rules.maxLength ?? '∞'} characters${rules.pattern ? `, ${rules.pattern.source}` : ''})`

/**
 * Decodes a string within a request field's limits. Lengths count code points, as the schema
 * (and Django's `max_length`) do; where 2.26 and 2.73 differ, the looser limit holds and the
 * server judges the rest.
 *
 * @example
 * text({ minLength: 1, maxLength: 16 }).decode('acme') // Right('acme')
 */
export const text = (rules: TextRules): D.Decoder<unknown, string> => D.fromGuard(textGuard(rules), describe(rules))

/**
 * Decodes a non-empty string, as `text({ minLength: 1 })` does (the same message), with none of
 * its code: the limit a request field carries most often (`minLength: 1`), in the smallest bundle.
 *
 * @example
 * NonEmptyText.decode('') // Left: cannot decode "", should be string (1..∞ characters)
 */
export const NonEmptyText: D.Decoder<unknown, string> = /*#__PURE__*/ D.fromGuard({ is: (u: unknown): u is string => typeof u === 'string' && u !== '' }, 'string (1..∞ characters)')

/**
 * Decodes a secret request field (a password, a reset token) within its limits; a failure names
 * the rule but never the value, so a RequestError cannot carry a password into a log.
 *
 * @example
 * secret({ minLength: 1 }).decode('') // Left: cannot decode "<secret>", should be string (1..∞ characters)
 */
export const secret = (rules: TextRules): D.Decoder<unknown, string> => {
  const guard = textGuard(rules)
  return { decode: (u) => (guard.is(u) ? D.success(u) : D.failure('<secret>', describe(rules))) }
}

/** Decodes any JSON value (a schema property without a type). */
export const Anything: D.Decoder<unknown, unknown> = { decode: D.success }

/** Types one page of a CVAT list with links to its neighbours. */
export interface Page<A> {
  count: number
  results: Array<A>
  next?: string | null
  previous?: string | null
}

/** Checks one page of a list whose items pass `item` (the fast half of every `Paginated*List`). */
export const pageGuard = <A>(item: G.Guard<unknown, A>): G.Guard<unknown, Page<A>> => ({
  is: (u: unknown): u is Page<A> =>
    isRecord(u) &&
    Number.isInteger(u['count']) &&
    Array.isArray(u['results']) &&
    u['results'].every((x) => item.is(x)) &&
    isOptionalNullableString(u['next']) &&
    isOptionalNullableString(u['previous']),
})

/** Decodes one page of a list strictly (the explaining half of every `Paginated*List`). */
export const pageDecoder = <A>(item: D.Decoder<unknown, A>): D.Decoder<unknown, Page<A>> =>
  D.struct({
    count: Int,
    results: D.array(item),
    next: OptionalNullableString,
    previous: OptionalNullableString,
  })
