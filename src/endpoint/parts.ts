/**
 * The optional parts of an operation's request: the organisation context, query parameters,
 * header parameters and path parameters that are text. Each is a value the descriptor names (the
 * generator writes it only where the schema has it), so a bundle holds the checks and builders
 * of the operations it imports and no others: a task's PATCH ships no page check and no
 * organisation reader, an invitation's retrieve no header parameters.
 */
import { type HttpRequest, type QueryValue, isWellFormed, withHeader, withQuery } from '../http/request'
import { isPositiveInt } from './bounded'

/**
 * Adds one part to a request from the caller's params, or says why it cannot be sent (the
 * message of a `RequestError`; nothing is sent). Reading a params field may throw (a getter, a
 * Proxy): `call` catches that around the whole build.
 *
 * @example
 * const traced: Part = (req) => withHeader('x-request-id', 'r-42')(req)
 */
export type Part = (req: HttpRequest, params: object) => HttpRequest | string

/**
 * Checks the value of one path parameter (`name` is its parameter name, `wire` the schema's),
 * giving the problem or `undefined`.
 *
 * @example
 * const check: PathCheck = texts(['key'])
 */
export type PathCheck = (name: string, value: unknown, wire: string) => string | undefined

/**
 * Turns a schema name into its parameter name: `page_size` → `pageSize`, `X-Organization` → `xOrganization`, `func_id` → `funcId`.
 *
 * @example
 * camel('org_id') // 'orgId'
 */
export const camel = (name: string): string => name.toLowerCase().replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/**
 * Reads a caller's field; getters that throw are caught by `guard` around the whole build.
 *
 * @example
 * get({ id: 7 }, 'id') // 7
 */
export const get = (params: object, name: string): unknown => Reflect.get(params, name)

/**
 * Says why a path parameter is not an integer id (a positive integer), if it is not.
 *
 * @example
 * idProblem('id', 0, 'id') // 'id must be a positive integer, got 0'
 */
export const idProblem: PathCheck = (name, v) =>
  isPositiveInt(v) ? undefined : `${name} must be a positive integer, got ${typeof v === 'number' ? String(v) : typeof v}`

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

/**
 * Checks the path parameters `names` (wire names) as text (keys, uuids, function ids), every
 * other one as an integer id.
 *
 * @example
 * const check = texts(['func_id']) // `/api/lambda/functions/{func_id}`
 */
export const texts =
  (names: ReadonlyArray<string>): PathCheck =>
  (name, v, wire) =>
    names.includes(wire) ? textProblem(name, v) : idProblem(name, v, wire)

// Absent (`undefined` or `null`), well-formed text, a finite number or a boolean: what the wire carries.
const valueProblem = (wire: string, v: unknown): string | undefined =>
  v == null || (typeof v === 'string' ? isWellFormed(v) : typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
    ? undefined
    : `${wire} must be well-formed text, a finite number or a boolean`

const pageProblem = (wire: string, v: unknown): string | undefined =>
  valueProblem(wire, v) ??
  (wire === 'page' && v != null && !isPositiveInt(v)
    ? `page must be a positive integer, got ${String(v)}`
    : wire === 'page_size' && v != null && v !== 'all' && !isPositiveInt(v)
      ? `pageSize must be a positive integer or 'all', got ${String(v)}`
      : undefined)

// Absent (`undefined` or `null`) leaves a parameter out.
const present = (v: unknown): QueryValue => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined)

const pairsPart =
  (names: ReadonlyArray<string>, check: (wire: string, v: unknown) => string | undefined): Part =>
  (req, params) => {
    const pairs = names.map((wire) => [wire, get(params, camel(wire))] as const)
    return pairs.map(([wire, v]) => check(wire, v)).find((p) => p !== undefined) ?? withQuery(pairs.map(([wire, v]) => [wire, present(v)]))(req)
  }

/**
 * Sends the query parameters `names` (wire names, in the order sent), each from the parameter
 * `camel(name)`: absent leaves it out, anything but well-formed text, a finite number or a
 * boolean is refused.
 *
 * @example
 * const q = query(['filename', 'format'])
 */
export const query = (names: ReadonlyArray<string>): Part => pairsPart(names, valueProblem)

/**
 * Sends the query parameters of a list as `query` does, `page` a positive integer and
 * `page_size` one or `'all'`.
 *
 * @example
 * const q = pagedQuery(['page', 'page_size', 'search'])
 */
export const pagedQuery = (names: ReadonlyArray<string>): Part => pairsPart(names, pageProblem)

/**
 * Sends the organisation context: `org` and `org_id` in the query, `xOrganization` as the
 * `X-Organization` header; `orgId` must be an integer, the slug printable ASCII.
 *
 * @example
 * const descriptor = { method: 'GET', path: '/api/tasks', org: orgContext, answer: model('PaginatedTaskReadList', PaginatedTaskReadList) }
 */
export const orgContext: Part = (req, params) => {
  const org = get(params, 'org')
  const orgId = get(params, 'orgId')
  const slug = get(params, 'xOrganization')
  return (
    (orgId != null && !Number.isSafeInteger(orgId)
      ? `orgId must be an integer, got ${String(orgId)}`
      : slug != null && !/^[\x20-\x7e]*$/.test(String(slug))
        ? 'xOrganization must be printable ASCII (an organisation slug)'
        : (valueProblem('org', org) ?? valueProblem('org_id', orgId))) ??
    withHeader('x-organization', present(slug)?.toString())(withQuery([['org', present(org)], ['org_id', present(orgId)]])(req))
  )
}

/**
 * Sends the header parameters `names` (`Upload-Start`…), each from the parameter `camel(name)`,
 * when it is `true` or text: CVAT reads them by presence.
 *
 * @example
 * const h = headerParams(['Upload-Start', 'Upload-Multiple', 'Upload-Finish'])
 */
export const headerParams =
  (names: ReadonlyArray<string>): Part =>
  (req, params) => {
    for (const wire of names) {
      const v = get(params, camel(wire))
      if (v === true || typeof v === 'string') req = withHeader(wire, v === true ? 'true' : v)(req)
    }
    return req
  }
