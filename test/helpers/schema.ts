// Values generated from CVAT's OpenAPI schemas, and a small validator of the same schemas, for
// the property tests. Read at test time from ../shared/cvat, so the tests follow the schema files.
import fc from 'fast-check'
import { optionalToo, patterns, requiredToo } from '../../scripts/generate/overrides'

/** The part of OpenAPI 3.0's schema object CVAT's components use. */
export type Schema = {
  $ref?: string
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  allOf?: Schema[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  additionalProperties?: boolean | Schema
  nullable?: boolean
  enum?: Array<string | null>
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  items?: Schema
}

/** A generated value, and what decoding should give back (for request models: unknown keys dropped). */
export interface Gen {
  readonly value: unknown
  readonly expected: unknown
}

const same = (v: unknown): Gen => ({ value: v, expected: v })

const refName = (ref: string): string => ref.split('/').pop()!

/** Properties a codec requires beyond its schema: the read-only identifiers every server renders (scripts/generate/overrides.ts `requiredToo`, each with its reason). */
export const REQUIRED_TOO: Readonly<Record<string, ReadonlyArray<string>>> = Object.fromEntries(Object.entries(requiredToo).map(([k, v]) => [k, v.fields]))

/** Properties a codec leaves optional although its schema requires them (overrides.ts `optionalToo`: seed-era servers omit them). */
export const OPTIONAL_TOO: Readonly<Record<string, ReadonlyArray<string>>> = Object.fromEntries(Object.entries(optionalToo).map(([k, v]) => [k, v.fields]))

/** A schema pattern as JavaScript reads it: Python's `re` patterns as overrides.ts `patterns` translate them. */
export const regexOf = (pattern: string): RegExp => {
  const p = patterns[pattern]
  return p ? new RegExp(p.source, p.flags) : new RegExp(pattern)
}

const requiredOf = (name: string | undefined, s: Schema): ReadonlySet<string> =>
  new Set([...(s.required ?? []), ...((name && REQUIRED_TOO[name]) ?? [])].filter((k) => !(name && OPTIONAL_TOO[name]?.includes(k))))

const looser = (a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined =>
  a === undefined || b === undefined ? undefined : pick(a, b)

/**
 * Merges one component as two schema versions define it into the loosest schema both imply,
 * which is what the codecs decode: a property either version knows, required only if both
 * require it, nullable if either says so, typed only if both agree, string limits the looser
 * of the two.
 */
export const mergeSchema = (a: Schema | undefined, b: Schema | undefined): Schema => {
  if (a === undefined || b === undefined) return (a ?? b)!
  if (a.$ref !== undefined || b.$ref !== undefined) {
    // `$ref: X` and `allOf: [$ref: X]` (with `nullable`) are one reference; two different ones, either.
    if (a.$ref === b.$ref) return a
    const target = (s: Schema) => s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0]!.$ref : undefined)
    if (target(a) !== target(b)) return { anyOf: [a, b], ...(a.nullable || b.nullable ? { nullable: true } : {}) }
    return { allOf: [{ $ref: target(a)! }], ...(a.nullable || b.nullable ? { nullable: true } : {}) }
  }
  const merged: Schema = {
    ...(a.type === b.type && a.type !== undefined ? { type: a.type } : {}),
    ...(a.nullable || b.nullable ? { nullable: true } : {}),
    ...(a.enum ? { enum: [...new Set([...a.enum, ...(b.enum ?? [])])] } : {}),
    ...(a.pattern !== undefined && a.pattern === b.pattern ? { pattern: a.pattern } : {}),
    ...(a.format !== undefined ? { format: a.format } : {}),
  }
  const min = looser(a.minLength ?? 0, b.minLength ?? 0, Math.min)
  const max = looser(a.maxLength, b.maxLength, Math.max)
  if (min) merged.minLength = min
  if (max !== undefined) merged.maxLength = max
  if (a.items || b.items) merged.items = mergeSchema(a.items, b.items)
  if (a.allOf) merged.allOf = a.allOf.map((s, i) => mergeSchema(s, b.allOf?.[i]))
  if (a.anyOf) merged.anyOf = a.anyOf.map((s, i) => mergeSchema(s, b.anyOf?.[i]))
  if (a.oneOf || b.oneOf) merged.oneOf = (a.oneOf ?? b.oneOf)!.map((s, i) => mergeSchema(a.oneOf?.[i], b.oneOf?.[i]))
  if (typeof a.additionalProperties === 'object' || typeof b.additionalProperties === 'object')
    merged.additionalProperties = mergeSchema(typeof a.additionalProperties === 'object' ? a.additionalProperties : undefined, typeof b.additionalProperties === 'object' ? b.additionalProperties : undefined)
  if (merged.type === 'object' && (a.properties || b.properties)) {
    const keys = [...new Set([...Object.keys(a.properties ?? {}), ...Object.keys(b.properties ?? {})])]
    merged.properties = Object.fromEntries(keys.map((k) => [k, mergeSchema(a.properties?.[k], b.properties?.[k])]))
    merged.required = (a.required ?? []).filter((k) => (b.required ?? []).includes(k))
  }
  return merged
}

const length = (s: string): number => [...s].length

const stringOf = (s: Schema): fc.Arbitrary<string> => {
  const min = s.minLength ?? 0
  const max = s.maxLength ?? 40
  const fits = (x: string): boolean => length(x) >= min && length(x) <= (s.maxLength ?? Infinity)
  return s.format === 'date-time'
    ? fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString())
    : s.format === 'uri'
      ? fc.webUrl()
      : s.format === 'email'
        ? fc.emailAddress().filter(fits)
        : s.format === 'uuid'
          ? fc.uuid()
          : s.pattern
          ? fc.stringMatching(regexOf(s.pattern)).filter(fits)
          : fc.string({ minLength: min, maxLength: Math.max(min, max) })
}

/**
 * Generates values the schema allows: every optional property present or absent, every nullable
 * null or not, properties the schema does not know added (`x_…`). `keepUnknown` says whether
 * decoding keeps those (responses) or drops them (requests); a name found in REQUIRED_TOO is
 * always generated with those properties. Below two levels an array holds one item at most (an
 * annotation page nests shapes, their elements and attributes: four of each is thousands).
 */
export const arbitraryOf = (schemas: Record<string, Schema>, schema: Schema, keepUnknown = true, name?: string, depth = 0): fc.Arbitrary<Gen> => {
  if (schema.$ref) return arbitraryOf(schemas, schemas[refName(schema.$ref)]!, keepUnknown, refName(schema.$ref), depth)
  const nested = (s: Schema) => arbitraryOf(schemas, s, keepUnknown, undefined, depth + 1)
  // A file is a request's (a JSON answer cannot carry one): bytes or a Blob, passed through as they are.
  const members = (schema.anyOf ?? schema.oneOf ?? []).filter((m) => keepUnknown === false || m.format !== 'binary')
  const base: fc.Arbitrary<Gen> = schema.allOf
    ? arbitraryOf(schemas, schema.allOf[0]!, keepUnknown, undefined, depth)
    : members.length > 0
      ? fc.oneof(...members.map((s) => arbitraryOf(schemas, s, keepUnknown, undefined, depth)))
      : schema.enum
        ? fc.constantFrom(...schema.enum).map(same)
        : schema.type === 'integer'
          ? fc.integer().map(same)
          : schema.type === 'number'
            ? fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => same(x === 0 ? 0 : x))
            : schema.type === 'boolean'
              ? fc.boolean().map(same)
              : schema.type === 'array'
                ? fc.array(nested(schema.items!), { maxLength: depth > 1 ? 1 : 4 }).map((xs) => ({ value: xs.map((x) => x.value), expected: xs.map((x) => x.expected) }))
                : schema.type === 'object' && schema.properties
                  ? objectOf(schemas, schema, keepUnknown, name, depth)
                  : schema.type === 'object' && typeof schema.additionalProperties === 'object'
                    ? fc.dictionary(fc.string({ maxLength: 8 }), nested(schema.additionalProperties), { maxKeys: 3 }).map((d) => ({
                        value: Object.fromEntries(Object.entries(d).map(([k, g]) => [k, g.value])),
                        expected: Object.fromEntries(Object.entries(d).map(([k, g]) => [k, g.expected])),
                      }))
                    : schema.type === 'object'
                      ? fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }).map(same)
                      : schema.type === 'string' && schema.format === 'binary'
                        ? fc.constantFrom<unknown>(new Uint8Array([1, 2, 3]), new Blob(['file'])).map(same)
                        : schema.type === 'string'
                          ? stringOf(schema).map(same)
                          : fc.jsonValue().map(same)
  return schema.nullable ? fc.oneof(fc.constant(same(null)), base) : base
}

const objectOf = (schemas: Record<string, Schema>, s: Schema, keepUnknown: boolean, name: string | undefined, depth = 0): fc.Arbitrary<Gen> => {
  const props = Object.entries(s.properties ?? {})
  const required = requiredOf(name, s)
  const record: Record<string, fc.Arbitrary<Gen>> = Object.fromEntries(props.map(([k, v]) => [k, arbitraryOf(schemas, v, keepUnknown, undefined, depth + 1)]))
  const requiredKeys = props.map(([k]) => k).filter((k) => required.has(k))
  return fc
    .tuple(
      fc.record(record, { requiredKeys }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`), fc.jsonValue(), { maxKeys: 3 }),
    )
    .map(([known, extra]) => {
      const entries = Object.entries(known) as Array<[string, Gen]>
      const expected = Object.fromEntries(entries.map(([k, g]) => [k, g.expected]))
      return { value: { ...extra, ...Object.fromEntries(entries.map(([k, g]) => [k, g.value])) }, expected: keepUnknown ? { ...extra, ...expected } : expected }
    })
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * Says whether the schema allows a value, as the codecs read it: types, `required` (plus
 * REQUIRED_TOO), `nullable`, `enum`, `anyOf`/`oneOf`/`allOf`, `additionalProperties`, files
 * (requests only); string lengths and patterns (as JavaScript reads them) only when
 * `strings` is set (request bodies: a response's string is the server's business). `format` is
 * never checked (the server validates e-mail addresses and dates).
 */
export const allows = (schemas: Record<string, Schema>, schema: Schema, u: unknown, strings: boolean, name?: string): boolean => {
  if (schema.$ref) return allows(schemas, schemas[refName(schema.$ref)]!, u, strings, refName(schema.$ref))
  // OpenAPI 3.0: `nullable` adds null to a typed schema; an untyped one (`{}`) allows anything.
  if (u === null && schema.nullable === true) return true
  if (schema.allOf) return schema.allOf.every((s) => allows(schemas, s, u, strings))
  if (schema.anyOf) return schema.anyOf.some((s) => allows(schemas, s, u, strings))
  if (schema.oneOf) return schema.oneOf.some((s) => allows(schemas, s, u, strings))
  if (schema.enum) return (schema.enum as ReadonlyArray<unknown>).includes(u)
  switch (schema.type) {
    case 'integer':
      return Number.isInteger(u)
    case 'number':
      return typeof u === 'number' && !Number.isNaN(u)
    case 'boolean':
      return typeof u === 'boolean'
    case 'string':
      // A file travels in a request (a Blob or bytes); a JSON answer cannot hold one.
      if (schema.format === 'binary') return strings && (ArrayBuffer.isView(u) || u instanceof Blob)
      return (
        typeof u === 'string' &&
        (!strings || (length(u) >= (schema.minLength ?? 0) && length(u) <= (schema.maxLength ?? Infinity) && (!schema.pattern || regexOf(schema.pattern).test(u))))
      )
    case 'array':
      return Array.isArray(u) && u.every((x) => allows(schemas, schema.items!, x, strings))
    case 'object': {
      if (!isRecord(u)) return false
      const required = requiredOf(name, schema)
      const extra = schema.additionalProperties
      return (
        Object.entries(schema.properties ?? {}).every(([k, s]) => (u[k] === undefined ? !required.has(k) : allows(schemas, s, u[k], strings))) &&
        (typeof extra !== 'object' || Object.values(u).every((v) => allows(schemas, extra, v, strings)))
      )
    }
    default:
      return true
  }
}
