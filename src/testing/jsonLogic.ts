/**
 * CVAT's `filter` query parameter: JSON Logic compiled into a predicate the way
 * cvat/apps/engine/filters.py JsonLogicFilter._build_Q compiles it into a Django Q object —
 * the same operators (`and`, `or`, `!`, `!!`, `var`, `==`, `<`, `<=`, `>`, `>=`, `in`,
 * three-argument `<=`), the same lookups and the same error texts. Errors come from compiling,
 * so a bad filter fails even when there is nothing to filter.
 */
import type { ServerVersion } from './env'
import { type Or, invalid, isReply, pyRepr } from './http'

/** A value a filterable field holds. */
export type Scalar = string | number | boolean | null

/** A filterable field: how to read it from a row, and its column type (for Django's casts). */
export interface Field<T> {
  readonly get: (row: T) => Scalar
  readonly kind: 'str' | 'num' | 'bool' | 'date'
}

type Pred<T> = (row: T) => boolean

// Python's recursion limit (1000) turns deeper rules into a 500 on CVAT; we answer 400 instead.
const MAX_DEPTH = 900

const depthOf = (v: unknown, limit: number): number => {
  const stack: Array<[unknown, number]> = [[v, 1]]
  let max = 0
  while (stack.length > 0) {
    const [x, d] = stack.pop() as [unknown, number]
    max = Math.max(max, d)
    if (max > limit) return max
    if (typeof x === 'object' && x !== null) for (const c of Object.values(x)) stack.push([c, d + 1])
  }
  return max
}

/** Django's field.to_python for a lookup value. */
const cast = (kind: Field<unknown>['kind'], v: unknown): Scalar | undefined => {
  if (v === null) return null
  if (kind === 'num') return typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : undefined
  if (kind === 'bool') return v === true || v === 'true' || v === 'True' || v === 't' || v === '1' || v === 1 ? true : v === false || v === 'false' || v === 'False' || v === 'f' || v === '0' || v === 0 ? false : undefined
  if (kind === 'date') return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined
}

const asNum = (kind: Field<unknown>['kind'], v: Scalar): Scalar => (kind === 'date' && typeof v === 'string' ? Date.parse(v) : v)

// The error texts changed between the generations (engine/filters.py: 2.26 raised them inline,
// 2.73 raises FilterParsingError and prefixes "filter: ").
interface Texts {
  readonly unsupported: (op: string, args: unknown) => string
  readonly unknownTerm: (name: unknown) => string
}
const TEXTS: Readonly<Record<ServerVersion, Texts>> = {
  '2.26': {
    unsupported: (op, args) => `filter: ${op} operation with ${pyRepr(args)} arguments is not implemented`,
    unknownTerm: (name) => `filter: ${pyRepr(name)} term is not supported`,
  },
  '2.73': {
    unsupported: (op, args) => `filter: operation '${op}' with arguments '${pyRepr(args)}' is not supported`,
    unknownTerm: (name) => `filter: term '${String(name)}' is not supported`,
  },
}

const varName = (x: unknown): Or<string> => {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return invalid('filter: rule arguments are not implemented')
  const name = (x as Record<string, unknown>)['var']
  return typeof name === 'string' ? name : invalid(`filter: 'var' term is not supported`)
}

const compare = (op: string, a: Scalar, b: Scalar): boolean => {
  if (a === null || b === null) return false // SQL: NULL compares as unknown
  switch (op) {
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    default:
      return a >= b
  }
}

const build = <T>(rule: unknown, fields: Readonly<Record<string, Field<T>>>, texts: Texts): Or<Pred<T>> => {
  const notImplemented = (op: string, args: unknown) => invalid(texts.unsupported(op, args))
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return invalid(texts.unknownTerm(rule))
  const entries = Object.entries(rule)
  const first = entries[0]
  if (first === undefined) return invalid("filter shouldn't be empty")
  const [op, args] = first
  // Own fields only: `constructor`, `__proto__` or `toString` are every object's, never a field.
  const field = (name: string): Or<Field<T>> => (Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined) ?? invalid(texts.unknownTerm(name))
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(args) || args.length === 0) return notImplemented(op, args)
    const parts: Pred<T>[] = []
    for (const a of args) {
      const p = build(a, fields, texts)
      if (isReply(p)) return p
      parts.push(p)
    }
    return op === 'and' ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row))
  }
  if (op === '!' || op === '!!') {
    const p = build(args, fields, texts)
    return isReply(p) ? p : op === '!' ? (row) => !p(row) : p
  }
  if (op === 'var') {
    if (typeof args !== 'string') return notImplemented(op, args)
    const f = field(args)
    return isReply(f) ? f : (row) => f.get(row) !== null
  }
  if (!Array.isArray(args)) return notImplemented(op, args)
  if (['==', '<', '>', '<=', '>='].includes(op) && args.length === 2) {
    const name = varName(args[0])
    if (isReply(name)) return name
    const f = field(name)
    if (isReply(f)) return f
    const value = cast(f.kind, args[1])
    if (value === undefined) return invalid(`filter: ${pyRepr(args[1])} is not a valid value for ${name}`)
    return op === '==' ? (row) => asNum(f.kind, f.get(row)) === value : (row) => compare(op, asNum(f.kind, f.get(row)), value)
  }
  if (op === 'in' && args.length === 2) {
    const inList = typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0])
    const name = varName(inList ? args[0] : args[1])
    if (isReply(name)) return name
    const f = field(name)
    if (isReply(f)) return f
    if (inList) {
      if (!Array.isArray(args[1])) return notImplemented(op, args)
      const values = new Set(args[1].map((v) => cast(f.kind, v)))
      return (row) => values.has(asNum(f.kind, f.get(row)))
    }
    const needle = String(args[0]) // __contains: case-sensitive substring
    return (row) => String(f.get(row) ?? '').includes(needle)
  }
  if (op === '<=' && args.length === 3) {
    const name = varName(args[1])
    if (isReply(name)) return name
    const f = field(name)
    if (isReply(f)) return f
    const lo = cast(f.kind, args[0])
    const hi = cast(f.kind, args[2])
    if (lo === undefined || hi === undefined) return notImplemented(op, args)
    return (row) => compare('>=', asNum(f.kind, f.get(row)), lo ?? null) && compare('<=', asNum(f.kind, f.get(row)), hi ?? null)
  }
  return notImplemented(op, args)
}

/** Parses and compiles a `filter` value, with CVAT's texts for bad JSON and empty rules (the generation's texts for the rest). */
export const compileFilter = <T>(text: string, fields: Readonly<Record<string, Field<T>>>, version: ServerVersion = '2.73'): Or<Pred<T>> => {
  let rule: unknown
  try {
    rule = JSON.parse(text)
  } catch {
    return invalid('filter: Json syntax should be used')
  }
  if (depthOf(rule, MAX_DEPTH) > MAX_DEPTH) return invalid('filter: the rule is nested too deeply')
  // `if not len(rules)`: an empty object, array or string is "empty".
  if ((typeof rule === 'object' && rule !== null && Object.keys(rule).length === 0) || rule === '') return invalid("filter shouldn't be empty")
  return build(rule, fields, TEXTS[version])
}
