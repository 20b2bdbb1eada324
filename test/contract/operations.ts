// CVAT's org-admin schemas as operations a test can call: each operation with the function
// named after its id, the parameters generated from the schema (every one the operation declares,
// or only the required ones) and the request those parameters must produce. Shared by the conformance and Prism suites.
import { parse } from 'yaml'
import type { Sent } from '../helpers/fetch'
import { hasShared, readShared } from '../helpers/shared'

export interface Schema {
  readonly $ref?: string
  readonly type?: string
  readonly format?: string
  readonly enum?: ReadonlyArray<string>
  readonly minLength?: number
  readonly maxLength?: number
  readonly readOnly?: boolean
  readonly properties?: Record<string, Schema>
  readonly required?: ReadonlyArray<string>
  readonly items?: Schema
  readonly allOf?: ReadonlyArray<Schema>
}
interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly required?: boolean
  readonly schema: Schema
}
export interface Operation {
  readonly operationId: string
  readonly parameters?: ReadonlyArray<Parameter>
  readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }>; readonly required?: boolean }
  readonly security?: ReadonlyArray<Record<string, unknown>>
}
export interface Document {
  readonly paths: Record<string, Record<string, Operation>>
  readonly components: { readonly schemas: Record<string, Schema> }
}

export const FILES = ['org-admin.openapi.yml', 'org-admin.v2.73.0.openapi.yml'] as const
export const BASE = 'https://cvat.example'
const METHODS = ['get', 'post', 'patch', 'delete', 'put'] as const

export const camel = (name: string): string => name.toLowerCase().replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const lowerFirst = (name: string): string => name[0]!.toLowerCase() + name.slice(1)
const refName = (s: Schema): string => s.$ref!.split('/').pop()!

/**
 * Every parameter and body property the schema declares, or only the required ones. CVAT answers
 * 400 to `org_id` beside `org` or `X-Organization` (and the client refuses the pair), so "every"
 * names the organisation by slug (`org` and the header, one value) and "every-by-id" by `org_id`.
 */
export type Mode = 'every' | 'every-by-id' | 'required'

const BY_SLUG = ['org', 'X-Organization']

// One valid value per schema: every property the client may send (readOnly ones are the
// server's), or only the required ones.
const valueOf = (components: Document['components']['schemas'], s: Schema, name: string, mode: Mode): unknown => {
  if (s.$ref) return valueOf(components, components[refName(s)]!, name, mode)
  if (s.allOf) return valueOf(components, s.allOf[0]!, name, mode)
  if (s.enum) return s.enum[0]
  switch (s.type) {
    case 'integer':
      return 3
    case 'boolean':
      return true
    case 'array':
      return [valueOf(components, s.items!, name, mode)]
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {})
          .filter(([k, p]) => !p.readOnly && (mode === 'every' || (s.required ?? []).includes(k)))
          .map(([k, p]) => [k, valueOf(components, p, k, mode)]),
      )
    case 'string':
      if (s.format === 'email') return `${name.replace(/\W/g, '')}@example.com`
      if (s.format === 'date-time') return '2027-01-02T03:04:05Z'
      return `v${name.replace(/\W/g, '')}`.padEnd(s.minLength ?? 1, 'x').slice(0, s.maxLength ?? 64)
    default:
      // `contact` and other free-form JSON.
      return { note: name }
  }
}

export interface Expected {
  readonly fn: string
  readonly params: Record<string, unknown>
  readonly sent: Sent
}

export const expectedOf = (doc: Document, path: string, method: string, op: Operation, mode: Mode = 'every'): Expected => {
  const every = mode !== 'required'
  const parameters = (op.parameters ?? []).filter(
    (p) => p.required === true || (mode === 'every' ? p.name !== 'org_id' : mode === 'every-by-id' && !BY_SLUG.includes(p.name)),
  )
  const value = (p: Parameter): unknown =>
    p.name === 'id' ? 7 : p.name === 'key' ? 'k3y' : BY_SLUG.includes(p.name) ? 'acme' : valueOf(doc.components.schemas, p.schema, p.name, every ? 'every' : mode)
  const body = every || op.requestBody?.required === true ? op.requestBody?.content['application/json']?.schema : undefined
  const bodyValue = body && valueOf(doc.components.schemas, body, '', every ? 'every' : mode)
  const params = Object.fromEntries([
    ...parameters.map((p) => [p.in === 'path' ? p.name : camel(p.name), value(p)] as const),
    ...(body ? [[lowerFirst(refName(body)), bodyValue] as const] : []),
  ])
  const pathOnly = parameters.filter((p) => p.in === 'path').reduce((acc, p) => acc.replace(`{${p.name}}`, String(value(p))), path)
  const query = parameters
    .filter((p) => p.in === 'query')
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(value(p)))}`)
    .sort()
  const header = parameters.find((p) => p.in === 'header')
  return {
    fn: camel(op.operationId),
    params,
    sent: {
      method: method.toUpperCase(),
      url: `${BASE}${pathOnly}${query.length ? `?${query.join('&')}` : ''}`,
      headers: {
        accept: 'application/vnd.cvat+json',
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(header ? { [header.name.toLowerCase()]: String(value(header)) } : {}),
      },
      ...(body ? { body: JSON.stringify(bodyValue) } : {}),
    },
  }
}

export interface SchemaOperation {
  readonly file: (typeof FILES)[number]
  readonly doc: Document
  readonly path: string
  readonly method: (typeof METHODS)[number]
  readonly op: Operation
}

/** Both files parsed (empty where CVAT's shared files are absent). */
export const documents: ReadonlyArray<readonly [(typeof FILES)[number], Document]> = hasShared
  ? FILES.map((f) => [f, parse(readShared(f)) as Document] as const)
  : []

/** Every operation of both files, in file order. */
export const operations: ReadonlyArray<SchemaOperation> = documents.flatMap(([file, doc]) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => ({ file, doc, path, method, op: item[method]! })),
  ),
)
