// Shapes written as TypeScript: a decoder expression (built by the kernel, src/codecs/decoder.ts,
// and the primitives), the fast guard's predicate for response models, a type for parameters, and
// an example value that compiles. Every name an expression uses is recorded in `Imports`.
import type { Prop, Shape, TextRules } from './shape'

/** What a generated module imports, collected while its expressions are written. */
export interface Imports {
  readonly primitives: Set<string>
  readonly ids: Set<string>
  /** Model modules, each with the names used from it (`TaskRead`, `TaskReadGuard`). */
  readonly models: Map<string, Set<string>>
  decoder: boolean
  guardType: boolean
  isRecord: boolean
}

export const imports = (): Imports => ({ primitives: new Set(), ids: new Set(), models: new Map(), decoder: false, guardType: false, isRecord: false })

const model = (im: Imports, component: string, name: string): string => {
  const names = im.models.get(component) ?? new Set<string>()
  names.add(name)
  im.models.set(component, names)
  return name
}
const modelType = (im: Imports, component: string): string => (model(im, component, `type ${component}`), component)
const prim = (im: Imports, name: string): string => (im.primitives.add(name), name)

/** A string literal in single quotes. */
export const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const kernel = (im: Imports, name: string): string => ((im.decoder = true), `D.${name}`)
const PURE = '/*#__PURE__*/ '

const regex = (p: NonNullable<TextRules['pattern']>): string => `/${p.source.replace(/\//g, '\\/')}/${p.flags}`
const rulesText = (r: TextRules): string =>
  `{ ${[r.minLength !== undefined ? `minLength: ${r.minLength}` : '', r.maxLength !== undefined ? `maxLength: ${r.maxLength}` : '', r.pattern ? `pattern: ${regex(r.pattern)}` : ''].filter(Boolean).join(', ')} }`

/** A JSON value as a TypeScript literal (strings in single quotes). */
export const lit = (v: unknown): string => (typeof v === 'string' ? quote(v) : JSON.stringify(v))
const literalUnion = (values: ReadonlyArray<unknown>): string => values.map(lit).join(' | ')

// The decoder of a shape, nullability aside.
const bare = (s: Shape, im: Imports): string => {
  switch (s.k) {
    case 'ref':
      return model(im, s.name, s.name)
    case 'string':
      if (s.secret) return `${PURE}${prim(im, 'secret')}(${rulesText(s.rules ?? {})})`
      if (s.rules?.minLength === 1 && s.rules.maxLength === undefined && s.rules.pattern === undefined) return prim(im, 'NonEmptyText')
      return s.rules ? `${PURE}${prim(im, 'text')}(${rulesText(s.rules)})` : kernel(im, 'string')
    case 'int':
      return s.brand ? (im.ids.add(s.brand), s.brand) : prim(im, 'Int')
    case 'number':
      return kernel(im, 'number')
    case 'boolean':
      return kernel(im, 'boolean')
    case 'file':
      return prim(im, 'FileValue')
    case 'anyRecord':
      return prim(im, 'AnyRecord')
    case 'any':
      return prim(im, 'Anything')
    case 'enum':
      return `${PURE}${kernel(im, 'fromGuard')}({ is: (u: unknown): u is ${literalUnion(s.values)} => ${s.values.map((v) => `u === ${lit(v)}`).join(' || ')} }, ${quote(s.values.map((v) => JSON.stringify(v)).join(' | '))})`
    case 'array':
      return `${PURE}${kernel(im, 'array')}(${decoderOf(s.items, im)})`
    case 'record':
      return `${PURE}${kernel(im, 'record')}(${decoderOf(s.values, im)})`
    case 'object':
      return structOf(s.props, im)
    case 'union':
      return s.members.map((m) => decoderOf(m, im)).reduce((a, b) => `${PURE}${kernel(im, 'union')}(${a}, ${b})`)
  }
}

/** The decoder of a shape. */
export const decoderOf = (s: Shape, im: Imports): string => (s.nullable && s.k !== 'any' ? `${PURE}${kernel(im, 'nullable')}(${bare(s, im)})` : bare(s, im))

// The shared constants for the common optional properties (smaller bundles than a call each).
const SHARED: Readonly<Record<string, string>> = { string: 'OptionalString', int: 'OptionalInt', boolean: 'OptionalBoolean', number: 'OptionalNumber' }

/** The decoder of a property, `optional(…)` unless it is required. */
export const propertyDecoder = (p: Prop, im: Imports): string => {
  if (p.required || p.shape.k === 'any') return decoderOf(p.shape, im)
  const s = p.shape
  const plain = (s.k === 'string' && !s.rules && !s.secret) || (s.k === 'int' && !s.brand) || s.k === 'boolean' || s.k === 'number'
  const shared = !plain ? undefined : s.k === 'string' && s.nullable ? 'OptionalNullableString' : !s.nullable ? SHARED[s.k] : undefined
  return shared ? prim(im, shared) : `${PURE}${prim(im, 'optional')}(${decoderOf(s, im)})`
}

/** A `D.struct` of properties (required or `optional`). */
export const structOf = (props: ReadonlyArray<Prop>, im: Imports, indent = ''): string =>
  props.length === 0
    ? `${PURE}${kernel(im, 'struct')}({})`
    : `${PURE}${kernel(im, 'struct')}({\n${props.map((p) => `${indent}  ${key(p.name)}: ${propertyDecoder(p, im)},`).join('\n')}\n${indent}})`

/** A property name as an object key (quoted when it is not an identifier). */
export const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name))

const access = (v: string, name: string): string => `${v}[${/^[\w-]+$/.test(name) ? `'${name}'` : JSON.stringify(name)}]`

// The guard's predicate of a shape for the value `v`, nullability aside.
const bareGuard = (s: Shape, v: string, im: Imports, depth: number): string => {
  const x = `x${depth}`
  switch (s.k) {
    case 'ref':
      return `${model(im, s.name, `${s.name}Guard`)}.is(${v})`
    case 'string':
      return `typeof ${v} === 'string'`
    case 'int':
      return `Number.isInteger(${v})`
    case 'number':
      return `(typeof ${v} === 'number' && !Number.isNaN(${v}))`
    case 'boolean':
      return `typeof ${v} === 'boolean'`
    case 'file':
      return 'false'
    case 'anyRecord':
      return `${(im.isRecord = true, 'isRecord')}(${v})`
    case 'any':
      return 'true'
    case 'enum':
      return `(${s.values.map((val) => `${v} === ${lit(val)}`).join(' || ')})`
    case 'array':
      return `(Array.isArray(${v}) && ${v}.every((${x}: unknown) => ${guardOf(s.items, x, im, depth + 1)}))`
    case 'record':
      return `(${(im.isRecord = true, 'isRecord')}(${v}) && Object.values(${v}).every((${x}: unknown) => ${guardOf(s.values, x, im, depth + 1)}))`
    case 'object':
      return `(${(im.isRecord = true, 'isRecord')}(${v}) && ${s.props.map((p) => propertyGuard(p, v, im, depth)).join(' && ') || 'true'})`
    case 'union':
      return `(${s.members.map((m) => guardOf(m, v, im, depth)).join(' || ')})`
  }
}

/** The guard's predicate of a shape for the value `v`. */
export const guardOf = (s: Shape, v: string, im: Imports, depth = 0): string =>
  s.nullable && s.k !== 'any' ? `(${v} === null || ${bareGuard(s, v, im, depth)})` : bareGuard(s, v, im, depth)

const SHARED_GUARDS: Readonly<Record<string, string>> = { string: 'isOptionalString', int: 'isOptionalInt', boolean: 'isOptionalBoolean', number: 'isOptionalNumber' }

/** The guard's predicate of one property of the object `v`. */
export const propertyGuard = (p: Prop, v: string, im: Imports, depth = 0): string => {
  const value = access(v, p.name)
  if (p.required || p.shape.k === 'any') return guardOf(p.shape, value, im, depth)
  const s = p.shape
  const shared = s.k === 'string' && s.nullable ? 'isOptionalNullableString' : s.k === 'int' && s.nullable ? 'isOptionalNullableInt' : !s.nullable ? SHARED_GUARDS[s.k] : undefined
  if (shared) return `${prim(im, shared)}(${value})`
  if (s.k === 'ref') return `${prim(im, s.nullable ? 'isOptionalNullable' : 'isOptional')}(${model(im, s.name, `${s.name}Guard`)}, ${value})`
  return s.nullable && s.k !== 'any' ? `(${value} === undefined || ${value} === null || ${bareGuard(s, value, im, depth)})` : `(${value} === undefined || ${guardOf(s, value, im, depth)})`
}

/** A TypeScript type for a shape: of a parameter (`readonly` arrays), or of a decoded answer. */
export const typeOf = (s: Shape, im: Imports, enumNames: ReadonlyMap<string, string>, decoded = false): string => {
  const t = ((): string => {
    switch (s.k) {
      case 'string':
        return 'string'
      case 'int':
        return s.brand ? (im.ids.add(s.brand), s.brand) : 'number'
      case 'number':
        return 'number'
      case 'boolean':
        return 'boolean'
      case 'enum': {
        const named = enumNames.get(JSON.stringify([...s.values].map(String).sort()))
        return named ? modelType(im, named) : literalUnion(s.values)
      }
      case 'array':
        return decoded ? `Array<${typeOf(s.items, im, enumNames, decoded)}>` : `ReadonlyArray<${typeOf(s.items, im, enumNames, decoded)}>`
      case 'ref':
        return modelType(im, s.name)
      case 'anyRecord':
        return 'Record<string, unknown>'
      case 'record':
        return `Record<string, ${typeOf(s.values, im, enumNames, decoded)}>`
      case 'file':
        return (im.primitives.add('type FileValue'), 'FileValue')
      case 'union':
        return s.members.map((m) => typeOf(m, im, enumNames, decoded)).join(' | ')
      default:
        return 'unknown'
    }
  })()
  return s.nullable && t !== 'unknown' ? `${t} | null` : t
}

/** Renders a module's imports of models; a name only used as a type is imported as one. */
export const modelImports = (im: Imports, from: string, self?: string): ReadonlyArray<string> => {
  const lines: string[] = []
  const bare = (n: string) => n.replace(/^type /, '')
  for (const [module, names] of [...im.models].sort(([a], [b]) => a.localeCompare(b))) {
    if (module === self) continue
    const values = [...names].filter((n) => !n.startsWith('type '))
    const types = [...names].filter((n) => n.startsWith('type ') && !values.includes(bare(n)))
    lines.push(
      values.length === 0
        ? `import type { ${types.map(bare).sort().join(', ')} } from '${from}/${module}'`
        : `import { ${[...values, ...types].sort((a, b) => bare(a).localeCompare(bare(b))).join(', ')} } from '${from}/${module}'`,
    )
  }
  return lines
}
