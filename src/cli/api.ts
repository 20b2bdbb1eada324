/**
 * `cvat-fp api OPERATION_ID [--param NAME=VALUE …] [--body FILE|-] [--output FILE]`: any operation
 * of CVAT's API by its id, as `gh api` calls any GitHub endpoint. Every value is typed as the
 * operation's schema says (ids integers, booleans, text, one of an enum's values) before anything
 * is sent; the operation itself (the generated table, src/generated/registry.ts) checks them again
 * and sends the request; JSON answers are printed, files streamed to `--output` or a pipe.
 */
import { registry, type RegisteredKind, type RegisteredOperation, type RegisteredParam } from '../generated/registry'
import type { Client, Download } from '../index'
import { bytes, progressBar } from './bar'
import { type Session, type Values, text, texts } from './command'
import { type Exit, type Fault, type Io, type Usage, faultOf, isFault, isUsage, usage } from './context'
import { type Target, nameFor, pour, readBody, save, targetOf } from './files'
import { didYouMean, nearest, own } from './parse'

const camel = (name: string): string => name.toLowerCase().replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())

const byId = new Map(Object.entries(registry).map(([fn, op]) => [op.id, fn]))

/** Finds an operation by its schema id (`tasks_list`) or its function name (`tasksList`). */
export const operationOf = (name: string): RegisteredOperation | Usage => {
  const op = own(registry, name) ?? own(registry, byId.get(name) ?? '')
  return op ?? usage(`unknown operation ${JSON.stringify(name)}${didYouMean(name, [...byId.keys(), ...Object.keys(registry)])}; cvat-fp api --list lists them`)
}

// The organisation context, for operations that take it: every such operation has these three.
const ORG_PARAMS: ReadonlyArray<RegisteredParam> = [
  ['org', 'query', 'text', false],
  ['org_id', 'query', 'int', false],
  ['X-Organization', 'header', 'text', false],
]
const paramsOf = (op: RegisteredOperation): ReadonlyArray<RegisteredParam> => [...op.params, ...(op.org ? ORG_PARAMS : [])]

const kindText = (k: RegisteredKind, wire: string): string => (typeof k !== 'string' ? k.join('|') : k === 'int' ? (wire === 'page_size' ? "integer or 'all'" : 'integer') : k === 'boolean' ? 'true|false' : 'text')

const ANSWERS: Readonly<Record<RegisteredOperation['answer'], string>> = {
  model: 'JSON',
  modelOrNothing: 'JSON, or nothing',
  byStatus: 'JSON (a background request id when CVAT answers 202)',
  nothing: 'nothing',
  file: 'a file (--output FILE, or a pipe)',
  fileOrNothing: 'a file when it is ready (--output FILE, or a pipe); nothing while CVAT prepares it',
}

/** Describes one operation: its HTTP line, its parameters and kinds, its body and its answer. */
export const operationHelp = (op: RegisteredOperation): string => {
  const params = paramsOf(op)
  const width = Math.max(4, ...params.map(([w]) => w.length))
  const lines = params.map(([w, place, k, req]) => `  ${w.padEnd(width)}  ${place.padEnd(6)} ${kindText(k, w)}${req ? ', required' : ''}`)
  return [
    `cvat-fp api ${op.id} — ${op.method} ${op.path}`,
    `${op.sentence} Servers: ${op.servers}.`,
    params.length === 0 ? 'Parameters: none.' : `Parameters (--param NAME=VALUE, NAME as here or in camelCase):\n${lines.join('\n')}`,
    `Body: ${op.body === undefined ? 'none' : `${op.body.name}, JSON (--body FILE|-)${op.body.required ? ', required' : ''}`}.`,
    `Answer: ${ANSWERS[op.answer]}.`,
  ].join('\n')
}

/** Lists every operation, one per line: id, method, path. */
export const operationList = (): string => {
  const ops = Object.values(registry).sort((a, b) => a.id.localeCompare(b.id))
  const width = Math.max(...ops.map((o) => o.id.length))
  return ops.map((o) => `${o.id.padEnd(width)}  ${o.method.padEnd(6)} ${o.path}`).join('\n')
}

// The nearest parameter to a typo, by either spelling, named by its schema name.
const suggestion = (key: string, known: ReadonlyArray<RegisteredParam>): string => {
  const near = nearest(key, known.flatMap(([w]) => [w, camel(w)]))
  const wire = known.find(([w]) => w === near || camel(w) === near)?.[0]
  return wire === undefined ? '' : `; did you mean ${wire}?`
}

// One value typed as the parameter's kind, or why it is not one.
const typed = (name: string, place: string, kind: RegisteredKind, value: string): unknown => {
  if (typeof kind !== 'string') return kind.includes(value) ? value : usage(`--param ${name} must be one of ${kind.join(', ')}, got ${JSON.stringify(value)}`)
  if (kind === 'boolean') return value === 'true' ? true : value === 'false' ? false : usage(`--param ${name} must be true or false, got ${JSON.stringify(value)}`)
  if (kind === 'text') return value
  if (name === 'page_size' && value === 'all') return value
  const n = /^-?\d{1,16}$/.test(value) ? Number(value) : NaN
  if (!Number.isSafeInteger(n)) return usage(`--param ${name} must be an integer, got ${JSON.stringify(value)}`)
  return place === 'path' && n < 1 ? usage(`--param ${name} must be a positive integer, got ${value}`) : n
}

/** What `api` sends, read before anything is. */
export interface ApiPlan {
  readonly op: RegisteredOperation
  readonly params: Readonly<Record<string, unknown>>
  /** Where a file answer goes; standard output when absent. */
  readonly target?: Target
}

/** Parses the command line of `api` into the operation and its params; every problem is a usage error. */
export const parseApi = async (io: Io, v: Values, args: ReadonlyArray<string>): Promise<ApiPlan | Usage> => {
  const [name, ...rest] = args
  if (name === undefined) return usage('give an OPERATION_ID (cvat-fp api --list lists them)')
  if (rest.length > 0) return usage(`unexpected argument ${JSON.stringify(rest[0])} (parameters go in --param NAME=VALUE)`)
  const op = operationOf(name)
  if (isUsage(op)) return op
  const known = paramsOf(op)
  const params: Record<string, unknown> = {}
  const given = new Set<string>()
  for (const pair of texts(v, 'param')) {
    const at = pair.indexOf('=')
    if (at <= 0) return usage(`--param takes NAME=VALUE, got ${JSON.stringify(pair)}`)
    const key = pair.slice(0, at)
    const spec = known.find(([w]) => key === w || key === camel(w) || key.toLowerCase() === w.toLowerCase())
    if (spec === undefined)
      return usage(`${op.id} has no parameter ${JSON.stringify(key)}${suggestion(key, known)}${known.length === 0 ? ' (it takes none)' : `; it takes ${known.map(([w]) => w).join(', ')}`}`)
    const [wire, place, kind] = spec
    if (given.has(wire)) return usage(`--param ${wire} is given twice`)
    given.add(wire)
    const value = typed(wire, place, kind, pair.slice(at + 1))
    if (isUsage(value)) return value
    params[camel(wire)] = value
  }
  const org = text(v, 'org')
  if (org !== undefined && !op.org) return usage(`${op.id} takes no organisation context (--org)`)
  if (org !== undefined && (given.has('org') || given.has('org_id') || given.has('X-Organization'))) return usage('give the organisation once: --org, or --param org=…')
  if (org !== undefined) params['org'] = org
  const missing = known.find(([w, , , required]) => required && !given.has(w))
  if (missing !== undefined) return usage(`${op.id} needs --param ${missing[0]}=…`)
  const bodyFile = text(v, 'body')
  if (bodyFile !== undefined && op.body === undefined) return usage(`${op.id} takes no body`)
  if (bodyFile === undefined && op.body?.required === true) return usage(`${op.id} needs a JSON body: --body FILE, or --body - for standard input`)
  if (bodyFile !== undefined && op.body !== undefined) {
    const body = await readBody(io, bodyFile)
    if (isUsage(body)) return body
    params[op.body.name] = body.value
  }
  const output = text(v, 'output')
  const isFile = op.answer === 'file' || op.answer === 'fileOrNothing'
  if (output !== undefined && !isFile) return usage(`${op.id} answers ${ANSWERS[op.answer]}: --output is for file answers`)
  if (output === undefined && isFile && io.outIsTty) return usage(`${op.id} answers with a file: give --output FILE, or pipe the output`)
  if (output === undefined && isFile && v['json'] === true) return usage(`${op.id} answers with a file: with --json, give --output FILE (standard output holds the JSON)`)
  const target = output === undefined ? undefined : targetOf(io, output)
  if (isUsage(target)) return target
  const refused = await refusal(op, params)
  if (refused !== undefined) return refused
  return { op, params, ...(target === undefined ? {} : { target }) }
}

// A client that sends nothing: the operation checks its input (a body against its schema, a
// header's characters) before it calls one, so what it refuses is known before any request, a
// login included, and is the person's mistake: a usage error, not CVAT refusing.
const PROBE = 'cvat-fp: the input was accepted'
const probe: Client = (req) => () => Promise.resolve({ _tag: 'Left', left: { _tag: 'TransportError', method: req.method, url: req.url, message: PROBE } })

const refusal = async (op: RegisteredOperation, params: Readonly<Record<string, unknown>>): Promise<Usage | undefined> => {
  const r = await op.run(probe, params)()
  return r._tag === 'Left' && r.left._tag === 'RequestError' ? usage(`${op.id} refuses its input: ${r.left.message.replace(/\s+/g, ' ')}`) : undefined
}

const isDownload = (v: unknown): v is Download => typeof v === 'object' && v !== null && 'body' in v && typeof (v as { body?: { getReader?: unknown } }).body?.getReader === 'function'

/** Runs the operation: prints its JSON answer, or streams its file to --output or standard output. */
export const api = async (s: Session, plan: ApiPlan): Promise<Exit | Fault> => {
  const r = await plan.op.run(s.client, plan.params)()
  if (r._tag === 'Left') return faultOf(r.left)
  const value = r.right
  if (!isDownload(value)) {
    if (value === undefined) {
      if (plan.op.answer === 'fileOrNothing') s.io.err('CVAT is preparing the file (it answered without one): run the same command again to get it\n')
      if (s.json) s.io.out('null\n')
      return 0
    }
    s.io.out(`${JSON.stringify(value, null, 2)}\n`)
    return 0
  }
  const bar = progressBar(s.io, s.json)
  const onBytes = (done: number) => bar.onProgress({ phase: 'download', done, ...(value.size === undefined ? {} : { total: value.size }) })
  // A name from the server only when it is a plain file name, and never over a file already there.
  const saved = plan.target === undefined ? await pour(s.io, value, onBytes, s.signal) : await save(value, plan.target, nameFor(value.filename, `${plan.op.id}.bin`), onBytes, s.signal)
  bar.finish()
  if (isFault(saved)) return saved
  if (saved.path !== '-') s.io.out(s.json ? `${JSON.stringify({ path: saved.path, bytes: saved.bytes, contentType: value.contentType ?? null })}\n` : `saved ${saved.path} (${bytes(saved.bytes)})\n`)
  return 0
}
