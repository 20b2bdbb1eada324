// Conformance with CVAT's own schemas, walked at test time: every operation of both org-admin
// schema files (2.26.2 and 2.73.0) has its exported function, named after the operation id;
// called with every parameter the operation declares (values generated from the schema), the
// function sends exactly that operation's request (method, path, query names and values,
// headers, body), compared whole; and every component has its codec export.
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import * as api from '../../src/index'
import { type Sent, jsonResponse, recordingFetch } from '../helpers/fetch'
import { hasShared, readShared, skipReason } from '../helpers/shared'

interface Schema {
  readonly $ref?: string
  readonly type?: string
  readonly format?: string
  readonly enum?: ReadonlyArray<string>
  readonly minLength?: number
  readonly maxLength?: number
  readonly readOnly?: boolean
  readonly properties?: Record<string, Schema>
  readonly items?: Schema
  readonly allOf?: ReadonlyArray<Schema>
}
interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly schema: Schema
}
interface Operation {
  readonly operationId: string
  readonly parameters?: ReadonlyArray<Parameter>
  readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }> }
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>
  readonly components: { readonly schemas: Record<string, Schema> }
}

const FILES = ['org-admin.openapi.yml', 'org-admin.v2.73.0.openapi.yml'] as const
const BASE = 'https://cvat.example'
const METHODS = ['get', 'post', 'patch', 'delete', 'put'] as const

const camel = (name: string): string => name.toLowerCase().replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const lowerFirst = (name: string): string => name[0]!.toLowerCase() + name.slice(1)
const refName = (s: Schema): string => s.$ref!.split('/').pop()!

// One valid value per schema: every property the client may send (readOnly ones are the server's).
const valueOf = (components: Document['components']['schemas'], s: Schema, name: string): unknown => {
  if (s.$ref) return valueOf(components, components[refName(s)]!, name)
  if (s.allOf) return valueOf(components, s.allOf[0]!, name)
  if (s.enum) return s.enum[0]
  switch (s.type) {
    case 'integer':
      return 3
    case 'boolean':
      return true
    case 'array':
      return [valueOf(components, s.items!, name)]
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {})
          .filter(([, p]) => !p.readOnly)
          .map(([k, p]) => [k, valueOf(components, p, k)]),
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

interface Expected {
  readonly fn: string
  readonly params: Record<string, unknown>
  readonly sent: Sent
}

const expectedOf = (doc: Document, path: string, method: string, op: Operation): Expected => {
  const parameters = op.parameters ?? []
  const value = (p: Parameter): unknown => (p.name === 'id' ? 7 : p.name === 'key' ? 'k3y' : valueOf(doc.components.schemas, p.schema, p.name))
  const body = op.requestBody?.content['application/json']?.schema
  const bodyValue = body && valueOf(doc.components.schemas, body, '')
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

// The query order is ours to choose (CVAT ignores it): compare it sorted.
const normalised = (s: Sent): Sent => {
  const [head, query] = s.url.split('?')
  return { ...s, url: query === undefined ? head! : `${head}?${query.split('&').sort().join('&')}`, ...(s.body === undefined ? {} : { body: JSON.stringify(JSON.parse(s.body)) }) }
}

type Endpoint = (client: api.Client, params?: unknown) => () => Promise<unknown>
const exported = api as unknown as Record<string, unknown>

describe.skipIf(!hasShared)(`conformance with CVAT's schemas ${skipReason}`, () => {
  const docs = hasShared ? FILES.map((f) => [f, parse(readShared(f)) as Document] as const) : []
  const operations = docs.flatMap(([file, doc]) =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m] !== undefined).map((m) => ({ file, doc, path, method: m, op: item[m]! })),
    ),
  )

  it('walks every operation of both files (2.26.2: 30, 2.73.0: 34)', () => {
    expect(FILES.map((f) => operations.filter((o) => o.file === f).length)).toEqual([30, 34])
  })

  it('exports a function for every operation, and no endpoint-named function without an operation', () => {
    const ids = new Set(operations.map((o) => camel(o.op.operationId)))
    const missing = [...ids].filter((id) => typeof exported[id] !== 'function')
    const helpers = new Set(['invitationsListAll', 'invitationsPages'])
    const extra = Object.keys(exported).filter(
      (k) => /^(auth|users|organizations|memberships|invitations)[A-Z]/.test(k) && typeof exported[k] === 'function' && !ids.has(k) && !helpers.has(k),
    )
    expect({ missing, extra }).toEqual({ missing: [], extra: [] })
  })

  it.each(operations.map((o) => [`${o.file} ${o.method.toUpperCase()} ${o.path} ${o.op.operationId}`, o] as const))(
    'sends exactly the operation with every parameter set: %s',
    async (_name, { doc, path, method, op }) => {
      const expected = expectedOf(doc, path, method, op)
      const { fetch, sent } = recordingFetch(() => jsonResponse(500, { detail: 'recorded' }))
      const fn = exported[expected.fn] as Endpoint
      await fn(api.createClient({ baseUrl: BASE, fetch }), expected.params)()
      expect(sent.map(normalised)).toEqual([normalised(expected.sent)])
    },
  )

  it('exports a codec for every component of both files', () => {
    const names = [...new Set(docs.flatMap(([, doc]) => Object.keys(doc.components.schemas)))].sort()
    const missing = names.filter((n) => {
      const codec = exported[n] as { decode?: unknown } | undefined
      return typeof codec?.decode !== 'function'
    })
    expect({ components: names.length, missing }).toEqual({ components: names.length, missing: [] })
  })
})
