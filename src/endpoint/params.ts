/**
 * Parameters every endpoint shares: the organisation context, the key or id, the page, the body.
 * Bad values become a `RequestError` here, before a request exists. TypeScript's types vanish at
 * run time, so each helper also checks (with cheap `typeof` tests) what an untyped caller can
 * pass: `null`, objects where text belongs, lone UTF-16 surrogates, getters that throw.
 */
import type * as D from 'io-ts/Decoder'
import { type RequestError, requestError } from '../errors'
import { drawDecodeError } from '../errors/draw'
import * as E from '../http/either'
import { type HttpRequest, type Method, type QueryValue, isWellFormed, jsonText, path, request, resolveUrl, withHeader, withQuery } from '../http/request'
import { isPositiveInt } from './bounded'

// Endpoints import what they build with from here: `guard` and the count check live beside.
export { guard } from './input'
export { isPositiveInt } from './bounded'

/**
 * Names the organisation context by slug: in `X-Organization`, in `org`, or both (with one value).
 *
 * @example
 * const bySlug: OrgSlugParams = { org: 'acme' } // { org: '' } = the personal workspace
 */
export interface OrgSlugParams {
  /** Organisation slug, sent as the `X-Organization` header. */
  readonly xOrganization?: string
  /** Organisation slug, sent as the `org` query parameter (empty = the personal workspace). */
  readonly org?: string
  /** Not with a slug: CVAT answers 400 to `org_id` beside `org` or `X-Organization`. */
  readonly orgId?: undefined
}

/**
 * Names the organisation context by id, in `org_id`.
 *
 * @example
 * const byId: OrgIdParams = { orgId: 1 }
 */
export interface OrgIdParams {
  /** Organisation id, sent as the `org_id` query parameter. */
  readonly orgId?: number
  /** Not with an id: CVAT answers 400 to `org` beside `org_id`. */
  readonly org?: undefined
  /** Not with an id: CVAT answers 400 to `X-Organization` beside `org_id`. */
  readonly xOrganization?: undefined
}

/**
 * Names the organisation context: a slug (`org`, `xOrganization`) or an id (`orgId`), never both:
 * CVAT answers the pair with a 400, and here it is a compile error. (An untyped caller's pair, or
 * two different slugs, reach CVAT, whose 400 says what is wrong.)
 *
 * @example
 * const context: OrgParams = { org: 'acme' } // or { orgId: 1 }, or { xOrganization: 'acme' }; { org: '' } = personal workspace
 */
export type OrgParams = OrgSlugParams | OrgIdParams

/**
 * Parameters of the endpoints that address one invitation.
 *
 * @example
 * const target: KeyParams = { key: inv.key, org: 'acme' }
 */
export type KeyParams = OrgParams & {
  /** The invitation's key. */
  readonly key: string
}

const orgProblem = (p: OrgParams): string | undefined =>
  p.orgId != null && !Number.isSafeInteger(p.orgId)
    ? `orgId must be an integer, got ${String(p.orgId)}`
    : p.xOrganization != null && !/^[\x20-\x7e]*$/.test(String(p.xOrganization))
      ? 'xOrganization must be printable ASCII (an organisation slug)'
      : undefined

/** Builds a request that takes no parameters (nothing to check, so none of `orgRequest`'s checks ship with it). */
export const bareRequest = (method: Method, url: string): E.Either<RequestError, HttpRequest> => E.right(request(method, url))

/** Builds a request carrying the organisation context (and any further query, every value checked), or says why it cannot; `null` means absent. */
export const orgRequest = (
  method: Method,
  url: string,
  p: OrgParams = {},
  query: ReadonlyArray<readonly [string, QueryValue]> = [],
): E.Either<RequestError, HttpRequest> => {
  const pairs: ReadonlyArray<readonly [string, QueryValue]> = [['org', p.org], ['org_id', p.orgId], ...query]
  // Absent (`undefined` or `null`), well-formed text, a finite number or a boolean: what the wire carries.
  const bad = pairs.find(([, v]) => v != null && (typeof v === 'string' ? !isWellFormed(v) : typeof v !== 'boolean' && !Number.isFinite(v)))
  const problem = orgProblem(p) ?? (bad && `${bad[0]} must be well-formed text, a finite number or a boolean`)
  return problem !== undefined
    ? E.left(requestError(method, url, problem))
    : E.right(withHeader('x-organization', p.xOrganization ?? undefined)(withQuery(pairs)(request(method, url))))
}

const keyProblem = (key: unknown): string | undefined =>
  typeof key !== 'string'
    ? `key must be a non-empty string, got ${typeof key}`
    : key === ''
      ? 'key must be a non-empty string, got an empty string'
      : key === '.' || key === '..'
        ? // URL parsers collapse these (even percent-encoded) into the parent path.
          `key cannot be "${key}"`
        : isWellFormed(key)
          ? undefined
          : 'key must be well-formed text'

/** Builds a request for `/api/invitations/{key}[/action]`; an empty, dot, non-string or ill-formed key is refused. */
export const keyRequest = (method: Method, p: KeyParams, action = ''): E.Either<RequestError, HttpRequest> => {
  const problem = keyProblem((p as Partial<KeyParams> | undefined)?.key)
  return problem !== undefined
    ? E.left(requestError(method, `/api/invitations/{key}${action}`, problem))
    : orgRequest(method, path`/api/invitations/${p.key}` + action, p)
}

/**
 * Parameters of the endpoints that address one object by its integer id (users, organizations,
 * memberships, access tokens).
 *
 * @example
 * const target: IdParams = { id: 7 }
 */
export interface IdParams {
  /** The object's id, a positive integer. */
  readonly id: number
}

/** Builds a request for a path template with an `{id}` segment; a non-positive or non-integer id is refused. Detail endpoints take only their id (CVAT's schema), so nothing else is read. */
export const idRequest = (method: Method, template: string, p: IdParams): E.Either<RequestError, HttpRequest> => {
  const id = (p as Partial<IdParams> | undefined)?.id
  return isPositiveInt(id)
    ? bareRequest(method, template.replace('{id}', String(id)))
    : E.left(requestError(method, template, `id must be a positive integer, got ${typeof id === 'number' ? String(id) : typeof id}`))
}

/**
 * Names the page every list endpoint reads.
 *
 * @example
 * const p: PageParams = { page: 2, pageSize: 100 }
 */
export interface PageParams {
  /** 1-based page number. */
  readonly page?: number
  /** Results per page (server default 10); `'all'` returns every result in one page. */
  readonly pageSize?: number | 'all'
}

const pageProblem = (p: PageParams): string | undefined =>
  p.page != null && !isPositiveInt(p.page)
    ? `page must be a positive integer, got ${String(p.page)}`
    : p.pageSize != null && p.pageSize !== 'all' && !isPositiveInt(p.pageSize)
      ? `pageSize must be a positive integer or 'all', got ${String(p.pageSize)}`
      : undefined

const byName = (pairs: Array<readonly [string, QueryValue]>): ReadonlyArray<readonly [string, QueryValue]> =>
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))

/**
 * Builds a list request: the organisation context, then the endpoint's own query parameters
 * (`[wire name, value]`) with `page` and `page_size`, validated, in alphabetical order as CVAT's
 * schema lists them.
 */
export const listRequest = (
  url: string,
  p: OrgParams & PageParams,
  query: ReadonlyArray<readonly [string, QueryValue]>,
): E.Either<RequestError, HttpRequest> => {
  const problem = pageProblem(p)
  return problem !== undefined
    ? E.left(requestError('GET', url, problem))
    : orgRequest('GET', url, p, byName([...query, ['page', p.page], ['page_size', p.pageSize]]))
}

/** Attaches a JSON body as `jsonBody` does, or leaves the request bodiless when the value is absent (`undefined` or `null`: a PATCH with nothing to change). */
export const optionalJsonBody = <A>(
  req: E.Either<RequestError, HttpRequest>,
  name: string,
  decoder: D.Decoder<unknown, A>,
  value: unknown,
): E.Either<RequestError, HttpRequest> =>
  value === undefined || value === null ? req : jsonBody(req, name, decoder, value)

/** Says why a body cannot be sent. */
export const UNSERIALISABLE = 'the body cannot be sent as JSON (a BigInt, a cycle, or a getter, toJSON or Proxy that throws)'

/**
 * Validates a JSON body against its codec and attaches what decoded (unknown fields dropped) to a
 * built request (one that failed to build stays that failure); a failure is drawn bounded, as a
 * response's is. A value JSON cannot carry (free-form fields such as `contact` accept anything)
 * is refused too: a write never goes out without its body.
 */
export const jsonBody = <A>(
  built: E.Either<RequestError, HttpRequest>,
  name: string,
  decoder: D.Decoder<unknown, A>,
  value: unknown,
): E.Either<RequestError, HttpRequest> => {
  if (E.isLeft(built)) return built
  const req = built.right
  const decoded = decoder.decode(value)
  const text = E.isLeft(decoded) ? undefined : jsonText(decoded.right)
  return E.isLeft(decoded)
    ? E.left(requestError(req.method, resolveUrl('', req), `${name}: ${drawDecodeError(decoded.left)}`))
    : text === undefined
      ? E.left(requestError(req.method, resolveUrl('', req), `${name}: ${UNSERIALISABLE}`))
      : E.right({ ...withHeader('content-type', 'application/json')(req), body: text })
}

