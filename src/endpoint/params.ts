/**
 * Parameters every endpoint shares: the organisation context, the key or id, the page, the body.
 * Bad values become a `RequestError` here, before a request exists. TypeScript's types vanish at
 * run time, so each helper also checks (with cheap `typeof` tests) what an untyped caller can
 * pass: `null`, objects where text belongs, lone UTF-16 surrogates, getters that throw.
 */
import * as E from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'
import { type RequestError, requestError } from '../errors'
import { type HttpRequest, type Method, type QueryValue, isWellFormed, path, request, resolveUrl, stringifyJson, withHeader, withQuery } from '../http/request'
import { isPositiveInt } from './bounded'
import { SURROGATE, attempt, describeValue, paramsProblem, present, queryValueProblem } from './input'

export { guard } from './input'


/**
 * Names the organisation context: a slug in `X-Organization` or `org`, or an id in `org_id`.
 *
 * @example
 * const context: OrgParams = { org: 'acme' } // or { orgId: 1 }, or { xOrganization: 'acme' }; { org: '' } = personal workspace
 */
export interface OrgParams {
  /** Organisation slug, sent as the `X-Organization` header. */
  readonly xOrganization?: string
  /** Organisation slug, sent as the `org` query parameter (empty = the personal workspace). */
  readonly org?: string
  /** Organisation id, sent as the `org_id` query parameter. */
  readonly orgId?: number
}

/**
 * Parameters of the endpoints that address one invitation.
 *
 * @example
 * const target: KeyParams = { key: inv.key, org: 'acme' }
 */
export interface KeyParams extends OrgParams {
  /** The invitation's key. */
  readonly key: string
}

export { isPositiveInt } from './bounded'

const orgProblem = (p: OrgParams): string | undefined => {
  const orgId = present(p.orgId)
  const xOrganization = present(p.xOrganization)
  return orgId !== undefined && !Number.isSafeInteger(orgId)
    ? `orgId must be an integer, got ${describeValue(orgId)}`
    : xOrganization !== undefined && (typeof xOrganization !== 'string' || !/^[\x20-\x7e]*$/.test(xOrganization))
      ? 'xOrganization must be printable ASCII (an organisation slug)'
      : undefined
}

/** Builds a request carrying the organisation context (and any further query, every value checked), or says why it cannot. */
export const orgRequest = (
  method: Method,
  url: string,
  p: OrgParams = {},
  query: ReadonlyArray<readonly [string, QueryValue]> = [],
): E.Either<RequestError, HttpRequest> =>
  attempt(method, url, () => {
    const pairs: ReadonlyArray<readonly [string, QueryValue]> = [['org', present(p?.org)], ['org_id', present(p?.orgId)], ...query]
    const problem = paramsProblem(p) ?? orgProblem(p) ?? pairs.reduce<string | undefined>((found, [k, v]) => found ?? queryValueProblem(k, v), undefined)
    return problem !== undefined
      ? E.left(requestError(method, url, problem))
      : E.right(withHeader('x-organization', present(p.xOrganization))(withQuery(pairs)(request(method, url))))
  })

const keyProblem = (key: unknown): string | undefined =>
  typeof key !== 'string'
    ? `key must be a non-empty string, got ${key === null ? 'null' : typeof key}`
    : key === ''
      ? 'key must be a non-empty string, got an empty string'
      : key === '.' || key === '..'
        ? // URL parsers collapse these (even percent-encoded) into the parent path.
          `key cannot be "${key}"`
        : isWellFormed(key)
          ? undefined
          : `key ${SURROGATE}`

/** Builds a request for `/api/invitations/{key}[/action]`; an empty, dot, non-string or ill-formed key is refused. */
export const keyRequest = (method: Method, p: KeyParams, action = ''): E.Either<RequestError, HttpRequest> => {
  const template = `/api/invitations/{key}${action}`
  return attempt(method, template, () => {
    const problem = paramsProblem(p) ?? keyProblem(p.key)
    return problem !== undefined ? E.left(requestError(method, template, problem)) : orgRequest(method, path`/api/invitations/${p.key}` + action, p)
  })
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

/** Builds a request for a path template with an `{id}` segment; a non-positive or non-integer id is refused. */
export const idRequest = (
  method: Method,
  template: string,
  p: IdParams & OrgParams,
  query: ReadonlyArray<readonly [string, QueryValue]> = [],
): E.Either<RequestError, HttpRequest> =>
  attempt(method, template, () => {
    const problem = paramsProblem(p)
    const id: unknown = problem === undefined ? p.id : undefined
    return problem !== undefined
      ? E.left(requestError(method, template, problem))
      : isPositiveInt(id)
        ? orgRequest(method, template.replace('{id}', String(id)), p, query)
        : E.left(requestError(method, template, `id must be a positive integer, got ${describeValue(id)}`))
  })

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

const pageProblem = (p: PageParams): string | undefined => {
  const page = present(p.page)
  const pageSize = present(p.pageSize)
  return page !== undefined && !isPositiveInt(page)
    ? `page must be a positive integer, got ${describeValue(page)}`
    : pageSize !== undefined && pageSize !== 'all' && !isPositiveInt(pageSize)
      ? `pageSize must be a positive integer or 'all', got ${describeValue(pageSize)}`
      : undefined
}

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
): E.Either<RequestError, HttpRequest> =>
  attempt('GET', url, () => {
    const problem = paramsProblem(p) ?? pageProblem(p)
    return problem !== undefined
      ? E.left(requestError('GET', url, problem))
      : orgRequest('GET', url, p, byName([...query, ['page', present(p.page)], ['page_size', present(p.pageSize)]]))
  })

// A lone surrogate survives JSON.stringify as a `\udXXX` escape (an escaped backslash before it
// does not count); CVAT cannot store such text, so it is refused like one in a parameter.
const LONE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/

// Messages quote the caller's data; a bounded excerpt keeps a huge value from a huge error.
const bounded = (text: string): string => (text.length > 500 ? `${text.slice(0, 500)}…` : text)

/** Validates a JSON body against its codec and attaches what decoded (unknown fields dropped); a body JSON cannot represent is refused. */
export const jsonBody =
  <A>(name: string, decoder: D.Decoder<unknown, A>, value: unknown) =>
  (req: HttpRequest): E.Either<RequestError, HttpRequest> => {
    const url = resolveUrl('', req)
    return attempt(req.method, url, () => {
      const decoded = decoder.decode(value)
      if (E.isLeft(decoded)) return E.left(requestError(req.method, url, bounded(`${name}: ${D.draw(decoded.left)}`)))
      const text = stringifyJson(decoded.right)
      return text === undefined
        ? E.left(requestError(req.method, url, `${name} cannot be represented as JSON`))
        : LONE_ESCAPE.test(text)
          ? E.left(requestError(req.method, url, `${name} ${SURROGATE}`))
          : E.right({ ...withHeader('content-type', 'application/json')(req), body: text })
    })
  }
