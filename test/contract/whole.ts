// CVAT's whole schemas (2.26.2 and 2.73.0, ../shared/cvat/full) as operations a test can call:
// each operation with the function named after its id, params made from the schema (every
// parameter it declares, or only the required ones) and the request they must produce, whole.
// Written apart from the generator (scripts/generate), so the two can disagree.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { hasShared, readShared, sharedDir } from '../helpers/shared'

export interface Schema {
  readonly $ref?: string
  readonly type?: string
  readonly format?: string
  readonly enum?: ReadonlyArray<unknown>
  readonly nullable?: boolean
  readonly minLength?: number
  readonly maxLength?: number
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: ReadonlyArray<string>
  readonly additionalProperties?: boolean | Schema
  readonly items?: Schema
  readonly allOf?: ReadonlyArray<Schema>
  readonly oneOf?: ReadonlyArray<Schema>
  readonly anyOf?: ReadonlyArray<Schema>
}
export interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly required?: boolean
  readonly schema: Schema
}
export interface Operation {
  readonly operationId: string
  readonly parameters?: ReadonlyArray<Parameter>
  readonly requestBody?: { readonly required?: boolean; readonly content: Readonly<Record<string, { readonly schema: Schema }>> }
}
export interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> }
}

export const VERSIONS = ['2.26.2', '2.73.0'] as const
export type Version = (typeof VERSIONS)[number]
export const BASE = 'https://cvat.example'
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Both full schemas, oldest first (empty where CVAT's shared files are absent). */
export const documents: ReadonlyArray<readonly [Version, Document]> = hasShared
  ? VERSIONS.map((v) => [v, parse(readShared(`full/cvat-schema.${v}.yml`)) as Document] as const)
  : []

export interface SchemaOperation {
  readonly version: Version
  readonly doc: Document
  readonly path: string
  readonly method: (typeof METHODS)[number]
  readonly op: Operation
}

/** Every operation of both schemas. */
export const operations: ReadonlyArray<SchemaOperation> = documents.flatMap(([version, doc]) =>
  Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m] !== undefined).map((method) => ({ version, doc, path, method, op: item[method]! }))),
)

export const camel = (name: string): string => name.toLowerCase().replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const refName = (s: Schema): string => s.$ref!.split('/').pop()!

/** Every parameter, or only the required ones; the organisation named by slug (`org` and the header) or by id (`org_id`), as CVAT refuses both at once. */
export type Mode = 'every' | 'every-by-id' | 'required'

const SLUG = ['org', 'X-Organization']

/** One valid value of a schema: a request codec must accept it. */
export const valueOf = (components: Document['components']['schemas'], s: Schema, name: string, mode: Mode): unknown => {
  if (s.$ref) return valueOf(components, components[refName(s)]!, name, mode)
  const members = s.allOf ?? s.oneOf ?? s.anyOf
  if (members) {
    const real = members.find((m) => !(m.$ref && components[refName(m)]?.enum?.[0] === null))
    return valueOf(components, real ?? members[0]!, name, mode)
  }
  if (s.enum) return s.enum.find((v) => v !== null) ?? null
  switch (s.type) {
    case 'integer':
      return 3
    case 'number':
      return 1.5
    case 'boolean':
      return true
    case 'array':
      return [valueOf(components, s.items ?? {}, name, mode)]
    case 'object':
      if (s.properties)
        return Object.fromEntries(
          Object.entries(s.properties)
            .filter(([k]) => mode !== 'required' || (s.required ?? []).includes(k))
            .map(([k, p]) => [k, valueOf(components, p, k, mode)]),
        )
      return typeof s.additionalProperties === 'object' ? { k: valueOf(components, s.additionalProperties, name, mode) } : { note: name }
    case 'string':
      if (s.format === 'binary') return new Blob([`file ${name}`])
      if (s.format === 'email') return `${name.replace(/\W/g, '')}@example.com`
      if (s.format === 'date-time') return '2027-01-02T03:04:05Z'
      if (s.format === 'uri') return `https://example.com/${name}`
      if (s.format === 'uuid') return '2f4e0d0c-8d5b-4c9a-9a53-0c6e1d3b7a11'
      return `v${name.replace(/\W/g, '')}`.padEnd(s.minLength ?? 1, 'x').slice(0, s.maxLength ?? 64)
    default:
      return { note: name }
  }
}

/** What a request carried: its body read back (JSON text parsed, a form's entries listed). */
export interface Captured {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: unknown
}

const entryOf = async ([k, v]: [string, FormDataEntryValue]): Promise<[string, string]> => [k, typeof v === 'string' ? v : `file:${await v.text()}`]

/** A fetch that records every request, bodies read back, and answers 500. */
export const capturing = () => {
  const sent: Captured[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v
    })
    const body = init?.body
    const read =
      body === undefined || body === null
        ? undefined
        : body instanceof FormData
          ? (await Promise.all([...body.entries()].map(entryOf))).sort()
          : typeof body === 'string'
            ? JSON.parse(body)
            : `unexpected ${typeof body}`
    const url = new URL(String(input))
    const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`).sort()
    sent.push({ method: init?.method ?? 'GET', url: `${url.origin}${url.pathname}${query.length ? `?${query.join('&')}` : ''}`, headers, ...(read === undefined ? {} : { body: read }) })
    return new Response(JSON.stringify({ detail: 'recorded' }), { status: 500 })
  }
  return { fetch: fetch as typeof globalThis.fetch, sent }
}

const holdsFile = (v: unknown): boolean => typeof v === 'object' && v !== null && Object.values(v).some((x) => x instanceof Blob || (Array.isArray(x) && x.some((y) => y instanceof Blob)))

// A form as CVAT's SDK sends one: a list as `name[0]`, an object as JSON text, a file as a file.
const formOf = async (value: Record<string, unknown>): Promise<ReadonlyArray<readonly [string, string]>> => {
  const form = new FormData()
  const put = (k: string, v: unknown) => (v instanceof Blob ? form.append(k, v) : form.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v)))
  for (const [k, v] of Object.entries(value)) if (Array.isArray(v)) v.forEach((x, i) => put(`${k}[${i}]`, x))
  else put(k, v)
  return (await Promise.all([...form.entries()].map(entryOf))).sort()
}

export interface Expected {
  readonly fn: string
  readonly params: Record<string, unknown>
  readonly sent: Captured
}

/** The params of one operation in one mode, and the request they must produce. */
export const expectedOf = async (o: SchemaOperation, mode: Mode, bodyName: (component: string | undefined) => string, bodyFrom: Operation = o.op, bodyDoc: Document = o.doc): Promise<Expected> => {
  const components = o.doc.components.schemas
  const declared = o.op.parameters ?? []
  const parameters = declared.filter((p) => p.in === 'path' || (mode === 'required' ? p.required === true : mode === 'every' ? p.name !== 'org_id' : !SLUG.includes(p.name)))
  const value = (p: Parameter): unknown =>
    p.in === 'path' ? (p.schema.type === 'integer' ? 7 : `k3y-${p.name}`) : SLUG.includes(p.name) ? 'acme' : valueOf(components, p.schema, p.name, mode)
  const content = bodyFrom.requestBody?.content ?? {}
  const [type, media] = Object.entries(content)[0] ?? []
  const sendBody = media !== undefined && (mode !== 'required' || bodyFrom.requestBody?.required === true)
  const body = sendBody ? valueOf(bodyDoc.components.schemas, media.schema, '', mode === 'required' ? 'required' : 'every') : undefined
  const multipart = sendBody && (type === 'multipart/form-data' || ('multipart/form-data' in content && holdsFile(body)))
  const params = Object.fromEntries([
    ...parameters.map((p) => [camel(p.name), value(p)] as const),
    ...(sendBody ? [[bodyName(media.schema.$ref ? refName(media.schema) : undefined), body] as const] : []),
  ])
  const path = parameters.filter((p) => p.in === 'path').reduce((acc, p) => acc.replace(`{${p.name}}`, encodeURIComponent(String(value(p)))), o.path)
  const query = parameters
    .filter((p) => p.in === 'query')
    .map((p) => `${p.name}=${String(value(p))}`)
    .sort()
  const headers = Object.fromEntries(parameters.filter((p) => p.in === 'header').map((p) => [p.name.toLowerCase(), String(value(p))]))
  return {
    fn: camel(o.op.operationId),
    params,
    sent: {
      method: o.method.toUpperCase(),
      url: `${BASE}${path}${query.length ? `?${query.join('&')}` : ''}`,
      headers: { accept: 'application/vnd.cvat+json', ...(sendBody && !multipart ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(sendBody ? { body: multipart ? await formOf(body as Record<string, unknown>) : body } : {}),
    },
  }
}

/** Every release's operation ids (releases.tar.xz), oldest first: the release matrix. */
export const releaseMatrix = (): ReadonlyArray<readonly [string, ReadonlySet<string>]> => {
  if (!hasShared) return []
  const dir = mkdtempSync(join(tmpdir(), 'cvat-matrix-'))
  try {
    execFileSync('tar', ['-xJf', join(sharedDir, 'full/releases.tar.xz'), '-C', dir])
    const key = (v: string) => v.split('.').map((n) => n.padStart(4, '0')).join('.')
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => f.replace(/\.yml$/, ''))
      .sort((a, b) => key(a).localeCompare(key(b)))
      .map((v) => [v, new Set([...readFileSync(join(dir, `${v}.yml`), 'utf8').matchAll(/operationId: (\w+)/g)].map((m) => m[1]!))] as const)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
