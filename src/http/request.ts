/**
 * The request as data: an endpoint describes what to send, a `Client` sends it.
 * Nothing here performs I/O, so every builder is pure and every value immutable.
 */

/**
 * Lists the HTTP methods CVAT answers on.
 *
 * @example
 * const method: Method = 'PATCH'
 */
export type Method = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Types a query value; `undefined` means "leave the parameter out".
 *
 * @example
 * const values: ReadonlyArray<QueryValue> = ['acme', 2, true, undefined]
 */
export type QueryValue = string | number | boolean | undefined

/**
 * Describes a request as plain immutable data.
 *
 * @example
 * const req: HttpRequest = { method: 'GET', url: '/api/invitations', query: [['org', 'acme']], headers: { accept: 'application/vnd.cvat+json' } }
 */
export interface HttpRequest {
  readonly method: Method
  /** A path starting with `/` (joined to the client's base URL) or an absolute URL. */
  readonly url: string
  /** Query pairs in the order they are sent; values already stringified. */
  readonly query: ReadonlyArray<readonly [string, string]>
  /** Header names are lowercase. */
  readonly headers: Readonly<Record<string, string>>
  /**
   * JSON or other text, raw bytes (a TUS chunk), a `Blob` (read lazily by fetch) or a `FormData`
   * (multipart; fetch writes its `Content-Type` with the boundary). Each can be sent again, so a
   * retry or a 307/308 redirect resends it whole.
   */
  readonly body?: RequestBody
  /** Cancels the request; set by `withSignal` and `timeout`, read by the client. */
  readonly signal?: AbortSignal
  /** `'stream'`: a 2xx body is handed over unread as `HttpResponse.stream` (a download); any other status is read as text. */
  readonly responseType?: 'stream'
  /**
   * The JSON fields of this request's body and of its answer that carry secrets (an access
   * token's `value`, a login's `key`, passwords), from CVAT's schema: they are redacted wherever
   * a body is kept. Absent on a hand-made request: then any field named like a credential is.
   */
  readonly redact?: ReadonlyArray<string>
}

/**
 * Types what a request may carry: text, bytes, a `Blob` or a `FormData`.
 *
 * @example
 * const chunk: RequestBody = new Uint8Array([1, 2, 3])
 */
export type RequestBody = string | Uint8Array<ArrayBuffer> | Blob | FormData

/**
 * Carries a response with its body already read as text; every status is a response, not an error.
 *
 * @example
 * const res: HttpResponse = { status: 204, statusText: 'No Content', headers: {}, body: '', url: 'http://localhost/api/invitations/k' }
 */
export interface HttpResponse {
  readonly status: number
  readonly statusText: string
  /** Header names are lowercase. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** The absolute URL that was requested (unredacted; errors redact it). */
  readonly url: string
  /** A 2xx body left unread because the request asked for `responseType: 'stream'` (then `body` is empty). */
  readonly stream?: ReadableStream<Uint8Array>
  /**
   * The request as the transport sent it (after every middleware): errors built from this
   * response scrub its credentials from whatever of the server's text they keep. An own property,
   * so a middleware's copy (`{ ...res }`) keeps it.
   */
  readonly request?: HttpRequest
}

/**
 * Builds a request with CVAT's `Accept` header and no query or body.
 *
 * @example
 * const req = request('GET', '/api/invitations')
 */
export const request = (method: Method, url: string): HttpRequest => ({
  method,
  url,
  query: [],
  // The media type CVAT answers with.
  headers: { accept: 'application/vnd.cvat+json' },
})

// `encodeURIComponent` throws `URIError` on a lone UTF-16 surrogate (text cut mid-emoji). Such a
// surrogate becomes U+FFFD first, as the WHATWG URL parser itself does, so encoding is total;
// endpoints refuse such strings earlier with a `RequestError` (see endpoint/params.ts).
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, (m) => (m.length === 2 ? m : '\uFFFD'))

/** Whether a string has no lone UTF-16 surrogate (what `String.prototype.isWellFormed` says, on every runtime). */
export const isWellFormed = (s: string): boolean => wellFormed(s) === s

/** Percent-encodes a path or query part, a lone surrogate as U+FFFD (total, unlike `encodeURIComponent`). */
export const encode = (s: string): string => encodeURIComponent(typeof s === 'string' ? wellFormed(s) : '')

/** Renders a path template, passing every parameter through `encodeURIComponent` (a lone surrogate becomes U+FFFD). */
export const path = (strings: TemplateStringsArray, ...params: ReadonlyArray<string>): string =>
  strings.reduce((acc, s, i) => acc + encode(params[i - 1] ?? '') + s)

/**
 * Appends query pairs in order, leaving out `undefined` values (and anything but a string, number or boolean).
 *
 * @example
 * const req = withQuery([['org', 'acme'], ['page', undefined]])(request('GET', '/api/invitations'))
 */
export const withQuery =
  (pairs: ReadonlyArray<readonly [string, QueryValue]>) =>
  (req: HttpRequest): HttpRequest => {
    const query = [...req.query]
    // Only primitives are rendered: an untyped caller's object could have a `toString` that throws.
    for (const [k, v] of pairs) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') query.push([k, String(v)])
    return { ...req, query }
  }

/**
 * Sets a header (the name is lowercased); an `undefined` value leaves the request unchanged.
 *
 * @example
 * const traced: Middleware = (next) => (req) => next(withHeader('x-request-id', 'r-42')(req))
 */
export const withHeader =
  (name: string, value: string | undefined) =>
  (req: HttpRequest): HttpRequest =>
    value === undefined ? req : { ...req, headers: { ...req.headers, [name.toLowerCase()]: value } }

/** Renders a value as JSON text, or `undefined` when JSON cannot carry it (a BigInt, a cycle, a getter, `toJSON` or Proxy that throws). */
export const jsonText = (body: unknown): string | undefined => {
  try {
    const text: unknown = JSON.stringify(body)
    return typeof text === 'string' ? text : undefined
  } catch {
    return undefined
  }
}

/**
 * Sets a JSON body and its `Content-Type`; a value JSON cannot represent leaves the body out,
 * and `createClient` then refuses the request with a `RequestError` (endpoints refuse it earlier).
 *
 * @example
 * const req = withJsonBody({ url: 'https://app.cvat.ai/api/invitations' })(request('POST', '/api/auth/signing'))
 */
export const withJsonBody =
  (body: unknown) =>
  (req: HttpRequest): HttpRequest => {
    const typed = withHeader('content-type', 'application/json')(req)
    const text = jsonText(body)
    return text === undefined ? typed : { ...typed, body: text }
  }

/** Serialises query pairs with `encodeURIComponent`, keeping their order (a lone surrogate becomes U+FFFD). */
export const queryString = (query: HttpRequest['query']): string => query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')

/** Joins a base URL, a request's path (or absolute URL) and its query into one absolute URL. */
export const resolveUrl = (baseUrl: string, req: Pick<HttpRequest, 'url' | 'query'>): string => {
  const target = /^[a-z][a-z0-9+.-]*:/i.test(req.url) ? req.url : baseUrl.replace(/\/+$/, '') + req.url
  const qs = queryString(req.query)
  return qs === '' ? target : target + (target.includes('?') ? '&' : '?') + qs
}
