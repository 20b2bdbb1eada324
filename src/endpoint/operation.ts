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
import { type HttpRequest, type Method, encode, request } from '../http/request'
import type { Answer } from './answer'
import type { Body } from './body'
import { guard } from './input'
import { type Part, type PathCheck, camel, get, idProblem } from './parts'
import { exchange } from './send'

export { camel } from './parts'

/**
 * Describes one operation of CVAT's API as data, as the generator writes it from the schema.
 * What only some operations have (text path parameters, the organisation context, query and
 * header parameters) is a value from ./parts.ts, so a bundle carries only what its operations use.
 *
 * @example
 * const tasksRetrieveOperation: Operation<TaskRead> = { method: 'GET', path: '/api/tasks/{id}', answer: model('TaskRead', TaskRead) }
 */
export interface Operation<A> {
  readonly method: Method
  /** The path template as the schema writes it; each `{name}` is the parameter `camel(name)`, an integer id unless `text` says otherwise. */
  readonly path: string
  /** Checks path parameters that are text (keys, uuids, function ids): `texts([...])`. */
  readonly text?: PathCheck
  /** The organisation context (`org`, `orgId`, `xOrganization`): `orgContext`. */
  readonly org?: Part
  /** Query parameters: `query([...])`, or `pagedQuery([...])` for a list. */
  readonly query?: Part
  /** Header parameters (`Upload-Start`…): `headerParams([...])`. */
  readonly headers?: Part
  readonly body?: Body
  readonly answer: Answer<A>
  /** The JSON fields of the body and of the answer that carry secrets (from the schema). */
  readonly secrets?: ReadonlyArray<string>
}

/** Builds the request an operation sends for these params, or the `RequestError` that says why it cannot. */
export const build = (op: Operation<unknown>, params: object): E.Either<RequestError, HttpRequest> => {
  const fail = (url: string, message: string) => E.left(requestError(op.method, url, message))
  // The path with every parameter checked and encoded; the first problem refuses it.
  let problem: string | undefined
  const path = op.path.replace(/\{(\w+)\}/g, (_, wire: string) => {
    const name = camel(wire)
    const v = get(params, name)
    problem ??= (op.text ?? idProblem)(name, v, wire)
    return encode(String(v))
  })
  if (problem !== undefined) return fail(op.path, problem)
  let req: HttpRequest = { ...request(op.method, path), redact: op.secrets ?? [], ...(op.answer.stream ? { responseType: 'stream' as const } : {}) }
  for (const part of [op.org, op.query, op.headers]) {
    const next = part?.(req, params) ?? req
    if (typeof next === 'string') return fail(path, next)
    req = next
  }
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
