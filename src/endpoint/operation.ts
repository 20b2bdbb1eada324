/**
 * An operation is data; `call` runs it. A descriptor says what CVAT's schema says of one
 * operation (method, path template, query and header names, organisation context, body, answer,
 * secret fields); `call` turns it and a caller's params into a request, sends it, and reads the
 * answer. Every guarantee an endpoint gives lives here once: totality for any JavaScript input,
 * a `RequestError` before anything is sent, encoded path parameters, and (through `exchange`)
 * bounded, scrubbed errors.
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, type RequestError, requestError } from '../errors'
import * as E from '../http/either'
import { type HttpRequest, type Method, type QueryValue, encode, isWellFormed, request, withHeader, withQuery } from '../http/request'
import type { Answer } from './answer'
import type { Body } from './body'
import { isPositiveInt } from './bounded'
import { guard } from './input'
import { exchange } from './send'

/**
 * Describes one operation of CVAT's API as data, as the generator writes it from the schema.
 *
 * @example
 * const tasksRetrieveOperation: Operation<TaskRead> = { method: 'GET', path: '/api/tasks/{id}', answer: model('TaskRead', TaskRead) }
 */
export interface Operation<A> {
  readonly method: Method
  /** The path template as the schema writes it; each `{name}` is the parameter `camel(name)`, an integer id unless `text` names it. */
  readonly path: string
  /** Path parameters that are text (keys, uuids, function ids), not integer ids. */
  readonly text?: ReadonlyArray<string>
  /** Whether the organisation context applies (`org`, `orgId`, `xOrganization`). */
  readonly org?: true
  /** Query parameters by their wire names, in the order they are sent; each is the parameter `camel(name)`. */
  readonly query?: ReadonlyArray<string>
  /** Header parameters by their wire names (`Upload-Start`); each is the parameter `camel(name)`. */
  readonly headers?: ReadonlyArray<string>
  readonly body?: Body
  readonly answer: Answer<A>
  /** The JSON fields of the body and of the answer that carry secrets (from the schema). */
  readonly secrets?: ReadonlyArray<string>
}

/**
 * Turns a schema name into its parameter name: `page_size` → `pageSize`, `X-Organization` → `xOrganization`, `func_id` → `funcId`.
 *
 * @example
 * camel('org_id') // 'orgId'
 */
export const camel = (name: string): string => name.toLowerCase().replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())

// Reads a caller's field; getters that throw are caught by `guard` around the whole build.
const get = (params: object, name: string): unknown => Reflect.get(params, name)

const textProblem = (name: string, v: unknown): string | undefined =>
  typeof v !== 'string'
    ? `${name} must be a non-empty string, got ${typeof v}`
    : v === ''
      ? `${name} must be a non-empty string, got an empty string`
      : v === '.' || v === '..'
        ? // URL parsers collapse these (even percent-encoded) into the parent path.
          `${name} cannot be "${v}"`
        : isWellFormed(v)
          ? undefined
          : `${name} must be well-formed text`

const idProblem = (name: string, v: unknown): string | undefined =>
  isPositiveInt(v) ? undefined : `${name} must be a positive integer, got ${typeof v === 'number' ? String(v) : typeof v}`

// The path with every parameter checked and encoded, or the first problem.
const renderPath = (op: Operation<unknown>, params: object): E.Either<string, string> => {
  let problem: string | undefined
  const path = op.path.replace(/\{(\w+)\}/g, (_, wire: string) => {
    const name = camel(wire)
    const v = get(params, name)
    problem ??= op.text?.includes(wire) ? textProblem(name, v) : idProblem(name, v)
    return encode(String(v))
  })
  return problem === undefined ? E.right(path) : E.left(problem)
}

const valueProblem = (name: string, v: unknown): string | undefined =>
  v == null || (typeof v === 'string' ? isWellFormed(v) : typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
    ? name === 'page' && v != null && !isPositiveInt(v)
      ? `page must be a positive integer, got ${String(v)}`
      : name === 'page_size' && v != null && v !== 'all' && !isPositiveInt(v)
        ? `pageSize must be a positive integer or 'all', got ${String(v)}`
        : undefined
    : `${name} must be well-formed text, a finite number or a boolean`

// Absent (`undefined` or `null`) leaves a parameter out.
const present = (v: unknown): QueryValue => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined)

const orgProblem = (params: object): string | undefined => {
  const orgId = get(params, 'orgId')
  const slug = get(params, 'xOrganization')
  return orgId != null && !Number.isSafeInteger(orgId)
    ? `orgId must be an integer, got ${String(orgId)}`
    : slug != null && !/^[\x20-\x7e]*$/.test(String(slug))
      ? 'xOrganization must be printable ASCII (an organisation slug)'
      : undefined
}

/** Builds the request an operation sends for these params, or the `RequestError` that says why it cannot. */
export const build = (op: Operation<unknown>, params: object): E.Either<RequestError, HttpRequest> => {
  const fail = (url: string, message: string) => E.left(requestError(op.method, url, message))
  const path = renderPath(op, params)
  if (E.isLeft(path)) return fail(op.path, path.left)
  const names = [...(op.org ? ['org', 'org_id'] : []), ...(op.query ?? [])]
  const pairs = names.map((wire) => [wire, get(params, camel(wire))] as const)
  const problem = (op.org ? orgProblem(params) : undefined) ?? pairs.map(([wire, v]) => valueProblem(wire, v)).find((p) => p !== undefined)
  if (problem !== undefined) return fail(path.right, problem)
  let req = withQuery(pairs.map(([wire, v]) => [wire, present(v)] as const))(request(op.method, path.right))
  if (op.org) req = withHeader('x-organization', present(get(params, 'xOrganization'))?.toString())(req)
  // A header parameter is sent when true or text (CVAT reads `Upload-Start` and its kin by presence).
  for (const wire of op.headers ?? []) {
    const v = get(params, camel(wire))
    if (v === true || typeof v === 'string') req = withHeader(wire, v === true ? 'true' : v)(req)
  }
  if (op.answer.stream) req = { ...req, responseType: 'stream' }
  req = { ...req, redact: op.secrets ?? [] }
  const body = op.body
  if (body === undefined) return E.right(req)
  const value = get(params, body.name)
  return body.optional && value == null ? E.right(req) : body.attach(req, value)
}

/**
 * Runs an operation: builds its request from `params` (any JavaScript value: what cannot be read
 * or is wrong is a `RequestError` and nothing is sent), sends it through `client`, and reads the
 * answer. Never throws, never rejects.
 *
 * @example
 * const task = call(tasksRetrieveOperation, cvat, { id: 1 }) // TaskEither<CvatError, TaskRead>
 */
export const call = <A>(op: Operation<A>, client: Client, params: unknown = {}): TaskEither<CvatError, A> =>
  guard(op.method, op.path, params, () => exchange(client, build(op, params ?? {}), op.answer.read))
