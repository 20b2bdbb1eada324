// A schema read into the few shapes a codec is made of: the schema's spellings of one thing
// (`allOf: [$ref]`, `oneOf: [X, NullEnum]`, a nullable untyped value, …) become one shape, and
// every deviation the overrides name (a Python pattern, a secret field, a branded id) is applied
// here, once.
import { ids, patterns, secrets } from './overrides'
import { type Schema, refName } from './schema'

export interface TextRules {
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: { readonly source: string; readonly flags: string }
}

export type Shape = { readonly nullable?: boolean } & (
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'string'; readonly rules?: TextRules; readonly secret?: boolean }
  | { readonly k: 'int'; readonly brand?: string }
  | { readonly k: 'number' | 'boolean' | 'file' | 'anyRecord' | 'any' }
  | { readonly k: 'enum'; readonly values: ReadonlyArray<unknown> }
  | { readonly k: 'array'; readonly items: Shape }
  | { readonly k: 'record'; readonly values: Shape }
  | { readonly k: 'object'; readonly props: ReadonlyArray<Prop> }
  | { readonly k: 'union'; readonly members: ReadonlyArray<Shape> }
)

export interface Prop {
  readonly name: string
  readonly shape: Shape
  readonly required: boolean
  readonly description?: string
}

/** Where a schema is read: a request body checks string limits and sends files; `owner` names the component or operation for ids. */
export interface Place {
  readonly request: boolean
  readonly owner: string
  readonly components: Readonly<Record<string, Schema>>
}

const isNullEnum = (s: Schema, components: Place['components']): boolean => {
  const t = refName(s) ? components[refName(s)!] : s
  return t?.enum?.length === 1 && t.enum[0] === null
}

const brandOf = (place: Place, field: string): string | undefined =>
  ids.contexts[`${place.owner}.${field}`] ?? (field === 'id' ? ids.models[place.owner] : ids.names[field])

const rulesOf = (s: Schema, place: Place): TextRules | undefined => {
  if (!place.request) return undefined
  const pattern = s.pattern === undefined ? undefined : (patterns[s.pattern] ?? { source: s.pattern, flags: '' })
  const rules: TextRules = {
    ...(s.minLength ? { minLength: s.minLength } : {}),
    ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}),
    ...(pattern ? { pattern: { source: pattern.source, flags: pattern.flags } } : {}),
  }
  return Object.keys(rules).length > 0 ? rules : undefined
}

const nullable = (shape: Shape, yes: boolean | undefined): Shape => (yes ? { ...shape, nullable: true } : shape)

/** Reads one schema (a property named `field` of `place`, if it is one) into its shape. */
export const shapeOf = (s: Schema, place: Place, field?: string): Shape => {
  const name = refName(s)
  if (name !== undefined) return { k: 'ref', name }
  if (s.allOf?.length === 1) return nullable(shapeOf(s.allOf[0]!, place, field), s.nullable)
  const alternatives = s.oneOf ?? s.anyOf
  if (alternatives) {
    const real = alternatives.filter((a) => !isNullEnum(a, place.components) && !(a.format === 'binary' && !place.request))
    const isNull = real.length < alternatives.length && alternatives.some((a) => isNullEnum(a, place.components))
    const all = real.map((a) => shapeOf(a, place, field))
    // Text of any value holds every enum of text: the union is the text (2.26's enum, 2.73's string).
    const text = all.some((m) => m.k === 'string' && !m.rules && !m.nullable)
    // A body's member is taken by the first that decodes: the one that requires most comes first
    // (else a model whose every field is optional would take a file upload's fields and drop them).
    const required = (m: Shape) => (m.k === 'ref' ? (place.components[m.name]?.required?.length ?? 0) : 0)
    const members = (text ? all.filter((m) => !(m.k === 'enum' || (m.k === 'ref' && place.components[m.name]?.enum?.every((v) => typeof v === 'string')))) : all)
      .map((m, i) => [m, i] as const)
      .sort(([a, i], [b, j]) => required(b) - required(a) || i - j)
      .map(([m]) => m)
    return nullable(members.length === 1 ? members[0]! : { k: 'union', members }, s.nullable || isNull)
  }
  if (s.enum) {
    const values = s.enum.filter((v) => v !== null)
    return nullable({ k: 'enum', values }, s.nullable || values.length < s.enum.length)
  }
  const secret = field !== undefined && (secrets[place.owner]?.fields.includes(field) ?? false)
  switch (s.type) {
    case 'string': {
      if (s.format === 'binary') return nullable({ k: place.request ? 'file' : 'string' }, s.nullable)
      const rules = rulesOf(s, place)
      return nullable({ k: 'string', ...(rules ? { rules } : {}), ...(secret && place.request ? { secret: true } : {}) }, s.nullable)
    }
    case 'integer': {
      const brand = field === undefined ? undefined : brandOf(place, field)
      return nullable({ k: 'int', ...(brand ? { brand } : {}) }, s.nullable)
    }
    case 'number':
      return nullable({ k: 'number' }, s.nullable)
    case 'boolean':
      return nullable({ k: 'boolean' }, s.nullable)
    case 'array':
      return nullable({ k: 'array', items: shapeOf(s.items ?? {}, place) }, s.nullable)
    case 'object':
      if (s.properties) return nullable({ k: 'object', props: propsOf(s, place, []) }, s.nullable)
      if (typeof s.additionalProperties === 'object') return nullable({ k: 'record', values: shapeOf(s.additionalProperties, place) }, s.nullable)
      return nullable({ k: 'anyRecord' }, s.nullable)
    default:
      // No type: any JSON value (null included).
      return { k: 'any' }
  }
}

/** The properties of an object schema, each required as the schema (and the overrides) say. */
export const propsOf = (s: Schema, place: Place, requiredToo: ReadonlyArray<string>, optionalToo: ReadonlyArray<string> = []): ReadonlyArray<Prop> =>
  Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    shape: shapeOf(p, place, name),
    required: ((s.required ?? []).includes(name) || requiredToo.includes(name)) && !optionalToo.includes(name),
    ...(p.description ? { description: p.description } : {}),
  }))

/** The brand of an integer parameter of an operation (a path's `id` by the path's resource). */
export const paramBrand = (operationId: string, path: string, name: string, where: 'path' | 'query'): string | undefined => {
  const context = ids.contexts[`${operationId}.${name}`]
  if (context) return context
  if (where === 'query') return ids.names[name]
  if (ids.paths[name]) return ids.paths[name]
  const prefix = Object.keys(ids.paths)
    .filter((p) => p.startsWith('/') && path.startsWith(p))
    .sort((a, b) => b.length - a.length)[0]
  return prefix ? ids.paths[prefix] : undefined
}
