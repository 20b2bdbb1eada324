// Every operation of either full schema, the two versions joined into one: parameters united
// (required only where every version requires it), the body and the answer read from the
// schema, or from overrides.ts where the schema leaves them undeclared or the versions disagree.
// Anything ambiguous that no override decides stops the generator with a message.
import { sentenceOf } from './docs'
import { type AnswerOverride, answers, bodies, orgContext, sentences } from './overrides'
import { type Release, type Span, spanOf } from './releases'
import { type Document, type FullVersion, type Parameter, type RawOperation, type Schema, merge, refName } from './schema'
import { type Place, type Shape, paramBrand, shapeOf } from './shape'

export interface OpParam {
  /** The name on the wire (`page_size`, `X-Organization`). */
  readonly wire: string
  /** The parameter's name in params (`pageSize`). */
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly required: boolean
  readonly shape: Shape
  readonly description?: string
  /** The releases that have it, when fewer than the operation's. */
  readonly span?: Span
}

export type Answer =
  | { readonly kind: 'model' | 'modelOrNothing'; readonly shape: Shape; readonly name: string }
  | { readonly kind: 'byStatus'; readonly accepted: { readonly shape: Shape; readonly name: string }; readonly otherwise: { readonly shape: Shape; readonly name: string } }
  | { readonly kind: 'nothing' | 'file' | 'fileOrNothing' }

export interface Body {
  readonly name: string
  readonly shape: Shape
  readonly component?: string
  readonly encoding: 'json' | 'multipart' | 'jsonOrMultipart'
  readonly required: boolean
}

export interface Op {
  readonly id: string
  readonly fn: string
  readonly tag: string
  readonly method: string
  readonly path: string
  readonly versions: ReadonlyArray<FullVersion>
  readonly span: Span
  readonly params: ReadonlyArray<OpParam>
  readonly org: boolean
  /** The item component of a paginated list. */
  readonly paginated?: string
  readonly body?: Body
  readonly answer: Answer
  readonly sentence: string
  readonly description?: string
  readonly filterFields: ReadonlyArray<string>
}

/** Turns a schema name into its parameter name, as src/endpoint/operation.ts `camel` does. */
export const camel = (name: string): string => name.toLowerCase().replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())
export const lowerFirst = (name: string): string => name[0]!.toLowerCase() + name.slice(1)

const ORG = ['org', 'org_id', 'X-Organization']
const METHODS = ['get', 'post', 'put', 'patch', 'delete']

interface Found {
  readonly version: FullVersion
  readonly path: string
  readonly method: string
  readonly op: RawOperation
}

const stop = (message: string): never => {
  throw new Error(`generate: ${message}`)
}

type Derived = Answer | { readonly kind: 'json-inline'; readonly schema: Schema } | undefined

// The schema of a response's body: JSON, a file, or nothing.
const bodyOf = (r: RawOperation['responses'][string]): { kind: 'json'; schema: Schema } | { kind: 'binary' } | { kind: 'empty' } => {
  const content = Object.values(r.content ?? {})[0]
  if (content?.schema === undefined) return { kind: 'empty' }
  return content.schema.format === 'binary' ? { kind: 'binary' } : { kind: 'json', schema: content.schema }
}

const named = (s: Schema, place: Place): { shape: Shape; name: string } => ({
  shape: shapeOf(s, place),
  name: refName(s) ?? (s.type === 'array' && s.items && refName(s.items) ? `Array<${refName(s.items)}>` : (s.type ?? 'JSON')),
})

// What one version's declared success answers amount to, or undefined when they do not say.
const derive = (op: RawOperation, place: Place): Derived => {
  const ok = Object.entries(op.responses)
    .filter(([status]) => status.startsWith('2'))
    .map(([status, r]) => ({ status, ...bodyOf(r) }))
  const json = ok.flatMap((r) => (r.kind === 'json' ? [{ status: r.status, schema: r.schema }] : []))
  const empty = ok.filter((r) => r.kind === 'empty')
  const binary = ok.some((r) => r.kind === 'binary')
  if (binary) return { kind: json.length > 0 ? 'file' : empty.length > 0 ? 'fileOrNothing' : 'file' }
  const distinct = [...new Map(json.map((j) => [JSON.stringify(j.schema), j.schema])).values()]
  if (distinct.length === 1) {
    const schema = distinct[0]!
    if (refName(schema) === undefined && empty.length === 0) return { kind: 'json-inline', schema }
    return { kind: empty.length > 0 ? 'modelOrNothing' : 'model', ...named(schema, place) }
  }
  if (distinct.length === 2 && empty.length === 0) {
    const accepted = json.find((j) => j.status === '202')
    const otherwise = json.find((j) => j.status !== '202')
    if (accepted && otherwise) return { kind: 'byStatus', accepted: named(accepted.schema, place), otherwise: named(otherwise.schema, place) }
  }
  return json.length === 0 && empty.length > 0 && empty.every((r) => r.status === '204') ? { kind: 'nothing' } : undefined
}

const overridden = (o: AnswerOverride, place: Place): Answer =>
  o.kind === 'model' || o.kind === 'modelOrNothing'
    ? { kind: o.kind, shape: { k: 'ref', name: o.component }, name: o.component }
    : o.kind === 'json'
      ? { kind: 'model', ...named(o.schema, place) }
      : { kind: o.kind }

const answerOf = (id: string, found: ReadonlyArray<Found>, place: Place): Answer => {
  const override = answers[id]
  if (override) {
    const plain = ((): Answer | undefined => {
      try {
        return fromSchema(id, found, place)
      } catch {
        return undefined
      }
    })()
    const answer = overridden(override, place)
    return JSON.stringify(plain) === JSON.stringify(answer) ? stop(`${id}: overrides.answers says what the schema says; remove the entry`) : answer
  }
  return fromSchema(id, found, place)
}

const fromSchema = (id: string, found: ReadonlyArray<Found>, place: Place): Answer => {
  const derived = found.map((f) => derive(f.op, place))
  if (derived.some((d) => d === undefined)) return stop(`${id}: the schema leaves its answer undeclared (${found.map((f) => f.version).join(', ')}); say how to read it in overrides.answers`)
  const inline = derived.filter((d): d is { kind: 'json-inline'; schema: Schema } => d?.kind === 'json-inline')
  if (inline.length === derived.length) {
    const schema = inline.map((d) => d.schema).reduce((a, b) => merge(a, b))
    return { kind: 'model', ...named(schema, place) }
  }
  const keys = new Set(derived.map((d) => JSON.stringify(d)))
  if (keys.size > 1 || derived[0]!.kind === 'json-inline') return stop(`${id}: the versions answer differently (${[...keys].join(' / ')}); say how to read it in overrides.answers`)
  return derived[0] as Answer
}

const bodyOfOp = (id: string, found: ReadonlyArray<Found>, place: Place): Body | undefined => {
  const declared = found.filter((f) => f.op.requestBody !== undefined)
  if (declared.length === 0) return undefined
  const distinct = new Set(declared.map((f) => JSON.stringify([Object.entries(f.op.requestBody!.content).map(([type, c]) => [type, c.schema]), f.op.requestBody!.required === true])))
  if (distinct.size > 1 && bodies[id] === undefined) return stop(`${id}: the versions declare different bodies; say which holds in overrides.bodies`)
  if (distinct.size === 1 && bodies[id] !== undefined) return stop(`${id}: the versions declare one body; remove its overrides.bodies entry`)
  const chosen = declared[declared.length - 1]!.op.requestBody!
  const types = Object.keys(chosen.content)
  const schema = Object.values(chosen.content)[0]!.schema
  const component = refName(schema)
  const json = types.includes('application/json')
  const multipart = types.includes('multipart/form-data')
  return {
    name: component ? lowerFirst(component) : 'body',
    shape: shapeOf(schema, { ...place, request: true, owner: component ?? id }),
    ...(component ? { component } : {}),
    encoding: json && multipart ? 'jsonOrMultipart' : multipart ? 'multipart' : 'json',
    required: distinct.size > 1 ? chosen.required === true : declared.every((f) => f.op.requestBody!.required === true),
  }
}

const paramsOf = (id: string, found: ReadonlyArray<Found>, place: Place, releases: ReadonlyArray<Release>, span: Span | undefined): ReadonlyArray<OpParam> => {
  const byKey = new Map<string, ReadonlyArray<Parameter>>()
  for (const f of found) for (const p of f.op.parameters ?? []) byKey.set(`${p.in}:${p.name}`, [...(byKey.get(`${p.in}:${p.name}`) ?? []), p])
  const path = found[found.length - 1]!.path
  return [...byKey.values()]
    .filter((ps) => !ORG.includes(ps[0]!.name))
    .map((ps) => {
      const p = ps[ps.length - 1]!
      if (p.in === 'cookie') return stop(`${id}: cookie parameter ${p.name}`)
      const schema = ps.map((x) => x.schema).reduce((a, b) => merge(a, b))
      const shape = shapeOf(schema, { ...place, request: false, owner: id })
      const brand = shape.k === 'int' && p.in !== 'header' ? paramBrand(id, path, p.name, p.in) : undefined
      const own = spanOf(releases, (r) => r.operations.get(id)?.has(p.name) ?? false)
      return {
        wire: p.name,
        name: camel(p.name),
        in: p.in,
        required: p.in === 'path' || (ps.length === found.length && ps.every((x) => x.required === true)),
        shape: brand ? { ...shape, k: 'int', brand } : shape,
        ...(p.description ? { description: p.description } : {}),
        ...(own && span && (own.first !== span.first || own.last !== span.last) ? { span: own } : {}),
      } satisfies OpParam
    })
    .sort((a, b) => (a.wire < b.wire ? -1 : a.wire > b.wire ? 1 : 0))
}

const filterFieldsOf = (found: ReadonlyArray<Found>): ReadonlyArray<string> => {
  const names = found.flatMap((f) => {
    const d = (f.op.parameters ?? []).find((p) => p.name === 'filter')?.description ?? ''
    const list = /Available filter_fields: \[([^\]]*)\]/.exec(d)?.[1] ?? ''
    return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]!)
  })
  return [...new Set(names)]
}

/** Every operation of the documents, joined by operation id, in the order the newest document lists them. */
export const operationsOf = (docs: ReadonlyArray<readonly [FullVersion, Document]>, components: Readonly<Record<string, Schema>>, releases: ReadonlyArray<Release>): ReadonlyArray<Op> => {
  const byId = new Map<string, Array<Found>>()
  for (const [version, doc] of docs)
    for (const [path, item] of Object.entries(doc.paths))
      for (const method of METHODS) {
        const op = item[method]
        if (op?.operationId) byId.set(op.operationId, [...(byId.get(op.operationId) ?? []), { version, path, method, op }])
      }
  const place: Place = { request: false, owner: '', components }
  return [...byId.entries()].map(([id, found]) => {
    const last = found[found.length - 1]!
    if (found.some((f) => f.path !== last.path || f.method !== last.method)) stop(`${id}: the versions disagree on its method or path`)
    const span = spanOf(releases, (r) => r.operations.has(id)) ?? stop(`${id}: no contiguous span of releases has it`)
    const answer = answerOf(id, found, place)
    const summary = [...found].reverse().find((f) => f.op.summary)?.op.summary
    const description = [...found].reverse().find((f) => f.op.description)?.op.description
    const sentence = sentences[id]?.text ?? (summary ? sentenceOf(summary) : stop(`${id}: no summary to make a sentence of; write one in overrides.sentences`))
    const items = answer.kind === 'model' && answer.shape.k === 'ref' && /^Paginated\w+List$/.test(answer.shape.name) ? components[answer.shape.name]?.properties?.['results']?.items : undefined
    const paginated = items ? refName(items) : undefined
    const body = bodyOfOp(id, found, place)
    return {
      id,
      fn: camel(id),
      tag: last.op.tags?.[0] ?? stop(`${id}: no tag`),
      method: last.method.toUpperCase(),
      path: last.path,
      versions: found.map((f) => f.version),
      span,
      params: paramsOf(id, found, place, releases, span),
      org: orgContext[id] !== undefined || found.some((f) => (f.op.parameters ?? []).some((p) => ORG.includes(p.name))),
      ...(paginated ? { paginated } : {}),
      ...(body ? { body } : {}),
      answer,
      sentence,
      ...(description ? { description } : {}),
      filterFields: filterFieldsOf(found),
    }
  })
}
