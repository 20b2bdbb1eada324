/**
 * The transport: a `Client` turns an `HttpRequest` into an `HttpResponse`. This is the only
 * module that calls `fetch`, and the one place where a promise may reject: everything that can
 * throw (loading fetch, sending, reading the body) runs inside a single `tryCatch`. Other
 * modules only await Tasks, which never reject. It also decides what the runtime must not:
 * redirects (same origin only) and how much of a body is read (`maxResponseBytes`).
 */
import * as E from './either'
import type * as TE from 'fp-ts/TaskEither'
import { type CvatError, redirectError, requestError, responseTooLargeError, scrub, transportError } from '../errors'
import { DEFAULT_MAX_RESPONSE_BYTES, MAX_REDIRECTS } from '../errors/limits'
import { requestSecrets } from '../errors/redact'
import { fallbackFetch } from './fallbackFetch'
import { readBody } from './readBody'
import { describeValue } from '../endpoint/input'
import { type HttpRequest, type HttpResponse, resolveUrl } from './request'

/**
 * Sends a request; every HTTP status is a `Right`, only transport failures are a `Left`.
 *
 * @example
 * const sent = await cvat(request('GET', '/api/invitations'))() // Either<CvatError, HttpResponse>
 */
export type Client = (request: HttpRequest) => TE.TaskEither<CvatError, HttpResponse>

/**
 * Wraps a client in behaviour (auth, retry, timeout); compose with `pipe`, the last is outermost.
 *
 * @example
 * const logged: Middleware = (next) => (req) => (console.log(req.method, req.url), next(req))
 */
export type Middleware = (next: Client) => Client

/**
 * Says where to send requests, with which `fetch`, and how much of a response to read.
 *
 * @example
 * const options: ClientOptions = { baseUrl: 'https://app.cvat.ai', fetch: globalThis.fetch, maxResponseBytes: 8 * 1024 * 1024 }
 */
export interface ClientOptions {
  /** Default `http://localhost`, as in CVAT's Python SDK; a path prefix may follow the host, a query or fragment may not (a `RequestError`). */
  readonly baseUrl?: string
  /** Default: the runtime's global `fetch`; cross-fetch only where there is none. */
  readonly fetch?: typeof fetch
  /**
   * The most bytes of a (decoded) response body read; past it the call fails with
   * `ResponseTooLargeError`. Default 64 MiB (67 108 864), room for a `page_size=all` list of
   * ~100 000 invitations; `Infinity` reads without a limit.
   */
  readonly maxResponseBytes?: number
}

// The global fetch is looked up at call time (a polyfill installed later still counts) and
// called as a method of globalThis (some runtimes reject a detached fetch).
const fetchWith = (custom: Options['fetch'], url: string, init: RequestInit): Promise<Response> =>
  custom !== undefined
    ? custom(url, init)
    : typeof globalThis.fetch === 'function'
      ? globalThis.fetch(url, init)
      : fallbackFetch().then((f) => (f === undefined ? Promise.reject(NO_FETCH) : f(url, init)))

const NO_FETCH = { code: 'NO_FETCH' }

// A 2xx download with no body at all (a 204, a hand-made response) streams nothing.
const EMPTY = (): ReadableStream<Uint8Array> => new ReadableStream({ start: (c) => c.close() })

// A runtime's error text may quote the URL or a header value (undici quotes a URL holding
// credentials, and an invalid header value), so a message is composed from our own words and a
// cause code (ECONNREFUSED, UND_ERR_SOCKET, …), never from that text. Each field is read once
// (a getter may answer differently each time), inside the try: a Proxy or getter that throws
// ends the walk.
type Failure = { readonly cause?: unknown; readonly name?: unknown; readonly code?: unknown }

const causeOf = (e: unknown, step: string): string => {
  try {
    for (let c = e, i = 0; i < 4 && typeof c === 'object' && c !== null; i++) {
      const f: Failure = c
      const { name, code } = f
      if (name === 'AbortError' || name === 'TimeoutError') return 'the request was aborted'
      if (code === NO_FETCH.code) return 'no fetch is available: pass createClient({ fetch })'
      if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(code)) return `${step} (${code})`
      c = f.cause
    }
  } catch {
    // A getter or Proxy trap threw: nothing more can be read.
  }
  return step
}

// A hand-made response's `forEach` may throw, or hand over non-strings: what was read is kept.
const readHeaders = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {}
  try {
    headers.forEach((value, name) => {
      if (typeof value === 'string' && typeof name === 'string') out[name.toLowerCase()] = value
    })
  } catch {
    // Nothing more can be read.
  }
  return out
}

// The headers are copied on first read: a decoded 2xx never reads them, and iterating a fetch
// `Headers` (sorted on every iteration) is a measurable share of a small request.
const responseOf = (res: Response, body: string, url: string, request: HttpRequest, stream?: ReadableStream<Uint8Array>): HttpResponse => {
  let headers: Record<string, string> | undefined
  return {
    request,
    ...(stream === undefined ? {} : { stream }),
    status: res.status,
    // A hand-made response may have none; every error reads it as text.
    statusText: typeof res.statusText === 'string' ? res.statusText : '',
    get headers() {
      return (headers ??= readHeaders(res.headers))
    },
    body,
    url,
  }
}

const parse = (url: string, base?: string): URL | undefined => {
  try {
    return new URL(url, base)
  } catch {
    return undefined
  }
}

// A redirect that turns into a GET leaves its body, and the body's type, behind.
const asGet = (init: RequestInit, headers: Readonly<Record<string, string>>): RequestInit => {
  const { 'content-type': _dropped, ...rest } = headers
  return { ...init, method: 'GET', headers: rest, body: null }
}

// What is wrong with a URL, as parsed, before anything is sent; the message never quotes it. The
// parser's reading decides: `http:\\u:p@h` holds credentials as much as `http://u:p@h` does.
const urlProblem = (parsed: URL | undefined): string | undefined =>
  parsed === undefined
    ? 'the URL is not valid'
    : parsed.username || parsed.password
      ? 'the URL holds credentials (user:password@): use basicAuth'
      : undefined

// `withJsonBody` types a request JSON even when its value could not be serialised: such a request
// is refused rather than sent as a write without its body.
const bodyProblem = (req: HttpRequest): string | undefined =>
  req.body === undefined && req.headers['content-type'] === 'application/json'
    ? 'a JSON request has no body: withJsonBody could not serialise its value'
    : undefined

interface Options {
  readonly baseUrl: string
  readonly fetch: ((url: string, init: RequestInit) => Promise<Response>) | undefined
  /** NaN when the caller's value is not a number: each request then says so. */
  readonly limit: number
}

// A caller's fetch is called as a plain function (never as a method of the options object).
const isFetch = (f: unknown): f is Options['fetch'] => typeof f === 'function'

// Options are read once, when the client is made; an untyped caller's `null`, number or Proxy
// whose traps throw becomes a message every request then answers with (a RequestError).
const readOptions = (options: unknown): Options | string => {
  if (typeof options !== 'object' || options === null) return `createClient options must be an object, got ${describeValue(options)}`
  try {
    const o: { readonly [K in keyof ClientOptions]?: unknown } = options
    const { baseUrl = 'http://localhost', fetch: custom, maxResponseBytes: limit = DEFAULT_MAX_RESPONSE_BYTES } = o
    if (typeof baseUrl !== 'string') return `createClient baseUrl must be a string, got ${describeValue(baseUrl)}`
    // Paths are joined to the base as text: behind a query or fragment they would not be paths.
    if (/[?#]/.test(baseUrl)) return 'createClient baseUrl cannot hold a query or fragment: give the server root'
    if (custom !== undefined && !isFetch(custom)) return `createClient fetch must be a function, got ${describeValue(custom)}`
    return { baseUrl, fetch: custom, limit: typeof limit === 'number' ? limit : NaN }
  } catch {
    return 'createClient options cannot be read'
  }
}

// What the client reads of a response, checked before it is read: a hand-made fetch may answer
// anything (a Proxy's reads are caught by the surrounding tryCatch).
const isResponse = (res: Response | null | undefined): res is Response =>
  typeof res?.status === 'number' && typeof res.headers?.get === 'function' && typeof res.headers.forEach === 'function'

/**
 * Creates a client that sends requests with `fetch` to `baseUrl`. It follows up to 5 redirects
 * within the origin it was sent to and none to another origin (`RedirectError`), and reads at
 * most `maxResponseBytes` of a body (`ResponseTooLargeError`).
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), tokenAuth('my-token'))
 */
export const createClient = (options: ClientOptions = {}): Client => {
  const read = readOptions(options)
  // Options that could not be read leave no base URL: the refusal's URL is the request's own.
  const { baseUrl = '', fetch: custom, limit = 0 }: Partial<Options> = typeof read === 'string' ? {} : read
  return (req) => {
    const secrets = () => requestSecrets(req)
    let url = req.url
    const fail = (e: unknown, step: string) => transportError(req.method, url, causeOf(e, step))
    return E.tryCatch(() => {
      try {
        url = resolveUrl(baseUrl, req)
      } catch {
        return Promise.resolve(E.left(requestError(req.method, url, 'a path or query value cannot be encoded in the URL')))
      }
      const parsed = parse(url)
      const origin = parsed?.origin
      const problem =
        typeof read === 'string'
          ? read
          : !(limit >= 0) // negative, or NaN (not a number)
            ? 'maxResponseBytes must be a number ≥ 0'
            : (urlProblem(parsed) ?? bodyProblem(req))
      if (problem !== undefined) return Promise.resolve(E.left(requestError(req.method, url, problem)))
      // One hop: send, then follow a same-origin redirect or read the body under the limit.
      // `shown` is what errors and the response show of `at`: after a redirect, the server's
      // Location scrubbed of the request's credentials.
      const hop = (at: string, shown: string, init: RequestInit, hops: number): Promise<E.Either<CvatError, HttpResponse>> =>
        fetchWith(custom, at, init).then((res) => {
          if (!isResponse(res)) return E.left(transportError(req.method, shown, 'fetch did not answer a Response'))
          // The Fetch standard gives an opaque redirect (type 'opaqueredirect') status 0, as it
          // does only an opaque (no-cors) response, which this client never asks for.
          if (res.status === 0) return E.left(redirectError(req.method, shown, 0, 'opaque', ''))
          const location = [301, 302, 303, 307, 308].includes(res.status) ? res.headers.get('location') : null
          if (location !== null) {
            const target = parse(location, at)
            const next = target?.href ?? location
            void res.body?.cancel().catch(() => undefined)
            const refused = target?.origin !== origin ? 'cross-origin' : hops >= MAX_REDIRECTS ? 'too-many' : undefined
            // The Location is the server's text: it may echo a credential anywhere, not only in
            // `sign`. It is scrubbed as sent, before the URL parser re-encodes it (`a b/c` becomes
            // `a%20b/c`, a form no scrub would know), and once more as parsed.
            const s = secrets()
            const display = scrub(parse(scrub(location, s), shown)?.href ?? location, s)
            if (refused !== undefined) return E.left(redirectError(req.method, shown, res.status, refused, display))
            // 303, and 301/302 after a POST, turn into a GET without a body, as browsers do.
            const toGet = res.status === 303 || (res.status <= 302 && init.method === 'POST')
            return hop(next, display, toGet ? asGet(init, req.headers) : init, hops + 1)
          }
          // A download's 2xx body is the caller's to read (bounded by what they read); an error's is read here.
          if (req.responseType === 'stream' && res.status >= 200 && res.status < 300) return E.right(responseOf(res, '', shown, req, res.body ?? EMPTY()))
          return readBody(res, limit).then(
            (body) =>
              body === undefined
                ? E.left(responseTooLargeError(req.method, shown, res.status, limit))
                : E.right(responseOf(res, body, shown, req)),
            (e) => E.left(fail(e, 'the response body could not be read')),
          )
        })
      // A request carrying a CSRF token (sessionAuth's unsafe methods) names its origin, as a
      // browser does: Django refuses one over https with neither Origin nor Referer. Browsers drop it.
      const headers = origin !== undefined && req.headers['x-csrftoken'] !== undefined && req.headers['origin'] === undefined ? { ...req.headers, origin } : req.headers
      return hop(url, url, { method: req.method, headers, redirect: 'manual', body: req.body, signal: req.signal }, 0)
    }, (e) => fail(e, 'fetch failed'))
  }
}
