// CVAT's two full schemas, read and merged: every component of either, the two versions merged
// loosest (a field either knows; required only if both require; nullable if either says; enums
// the union; string limits the looser; a type only where both agree). The test helper
// test/helpers/schema.ts `mergeSchema` states the same rule independently for the property tests.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

/** The part of OpenAPI 3.0's schema object CVAT's schemas use. */
export interface Schema {
  readonly $ref?: string
  readonly type?: string
  readonly format?: string
  readonly enum?: ReadonlyArray<unknown>
  readonly nullable?: boolean
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: ReadonlyArray<string>
  readonly additionalProperties?: boolean | Schema
  readonly items?: Schema
  readonly allOf?: ReadonlyArray<Schema>
  readonly anyOf?: ReadonlyArray<Schema>
  readonly oneOf?: ReadonlyArray<Schema>
  readonly minLength?: number
  readonly maxLength?: number
  readonly pattern?: string
  readonly description?: string
  readonly readOnly?: boolean
  readonly writeOnly?: boolean
}

export interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header' | 'cookie'
  readonly required?: boolean
  readonly description?: string
  readonly schema: Schema
}

export interface Response {
  readonly description?: string
  readonly content?: Readonly<Record<string, { readonly schema?: Schema }>>
}

export interface RawOperation {
  readonly operationId: string
  readonly summary?: string
  readonly description?: string
  readonly tags?: ReadonlyArray<string>
  readonly parameters?: ReadonlyArray<Parameter>
  readonly requestBody?: { readonly required?: boolean; readonly content: Readonly<Record<string, { readonly schema: Schema }>> }
  readonly responses: Readonly<Record<string, Response>>
  readonly deprecated?: boolean
}

export interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, RawOperation>>>>
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> }
}

/** The two full schemas, oldest first, by the version they describe. */
export const FULL = [
  ['2.26.2', 'full/cvat-schema.2.26.2.yml'],
  ['2.73.0', 'full/cvat-schema.2.73.0.yml'],
] as const

export type FullVersion = (typeof FULL)[number][0]

export const readDocuments = (shared: string): ReadonlyArray<readonly [FullVersion, Document]> =>
  FULL.map(([version, file]) => [version, parse(readFileSync(join(shared, file), 'utf8')) as Document] as const)

/** The component name a `$ref` points at. */
export const refName = (s: Schema): string | undefined => s.$ref?.split('/').pop()

const looser = (a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined =>
  a === undefined || b === undefined ? undefined : pick(a, b)

const union = <A>(a: ReadonlyArray<A>, b: ReadonlyArray<A>): ReadonlyArray<A> => [...new Set([...a, ...b])]

/** Merges one schema as two versions write it into the loosest schema both imply (newer first in property order). */
export const merge = (older: Schema | undefined, newer: Schema | undefined): Schema => {
  if (older === undefined || newer === undefined) return (newer ?? older)!
  // A reference is written `$ref: X` or `allOf: [$ref: X]` (with `nullable` beside): one form.
  if (older.$ref !== undefined || newer.$ref !== undefined) {
    if (older.$ref === newer.$ref) return newer
    const [a, b] = [older, newer].map((s) => (s.$ref !== undefined ? { allOf: [{ $ref: s.$ref }] } : s))
    const [ra, rb] = [a, b].map((s) => (s!.allOf?.length === 1 ? refName(s!.allOf[0]!) : undefined))
    // Two different models: either is allowed.
    if (ra === undefined || rb === undefined || ra !== rb) return { anyOf: [older, newer], ...(older.nullable || newer.nullable ? { nullable: true } : {}) }
    return { allOf: [{ $ref: a!.allOf![0]!.$ref! }], ...(a!.nullable || b!.nullable ? { nullable: true } : {}) }
  }
  const type = older.type === newer.type ? older.type : undefined
  const min = looser(older.minLength ?? 0, newer.minLength ?? 0, Math.min)
  const max = looser(older.maxLength, newer.maxLength, Math.max)
  const properties =
    older.properties || newer.properties
      ? Object.fromEntries(
          union(Object.keys(newer.properties ?? {}), Object.keys(older.properties ?? {})).map((k) => [k, merge(older.properties?.[k], newer.properties?.[k])]),
        )
      : undefined
  const members = (a?: ReadonlyArray<Schema>, b?: ReadonlyArray<Schema>) =>
    a || b ? Array.from({ length: Math.max(a?.length ?? 0, b?.length ?? 0) }, (_, i) => merge(a?.[i], b?.[i])) : undefined
  const additional =
    typeof older.additionalProperties === 'object' || typeof newer.additionalProperties === 'object'
      ? merge(typeof older.additionalProperties === 'object' ? older.additionalProperties : undefined, typeof newer.additionalProperties === 'object' ? newer.additionalProperties : undefined)
      : undefined
  const merged: Schema = {
    ...(type !== undefined ? { type } : {}),
    ...(older.format !== undefined && older.format === newer.format ? { format: older.format } : {}),
    ...(older.nullable || newer.nullable ? { nullable: true } : {}),
    ...(older.enum && newer.enum ? { enum: union(older.enum, newer.enum) } : {}),
    ...(older.pattern !== undefined && older.pattern === newer.pattern ? { pattern: older.pattern } : {}),
    ...(min ? { minLength: min } : {}),
    ...(max !== undefined ? { maxLength: max } : {}),
    ...(properties ? { properties } : {}),
    ...(properties ? { required: (older.required ?? []).filter((k) => (newer.required ?? []).includes(k)) } : {}),
    ...(additional ? { additionalProperties: additional } : {}),
    ...(older.items || newer.items ? { items: merge(older.items, newer.items) } : {}),
    ...(older.allOf || newer.allOf ? { allOf: members(older.allOf, newer.allOf)! } : {}),
    ...(older.anyOf || newer.anyOf ? { anyOf: members(older.anyOf, newer.anyOf)! } : {}),
    ...(older.oneOf || newer.oneOf ? { oneOf: members(older.oneOf, newer.oneOf)! } : {}),
    ...(newer.description ?? older.description ? { description: newer.description ?? older.description } : {}),
  }
  return merged
}

/** Every component of either document, merged. */
export const mergeComponents = (docs: ReadonlyArray<readonly [FullVersion, Document]>): Readonly<Record<string, Schema>> => {
  const [older, newer] = docs.map(([, d]) => d.components.schemas)
  const names = [...union(Object.keys(older ?? {}), Object.keys(newer ?? {}))].sort()
  return Object.fromEntries(names.map((n) => [n, merge(older?.[n], newer?.[n])]))
}
