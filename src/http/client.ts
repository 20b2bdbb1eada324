/**
 * The transport: a `Client` turns an `HttpRequest` into an `HttpResponse`. This is the only
 * module that calls `fetch`, and the one place where a promise may reject: everything that can
 * throw (loading fetch, sending, reading the body) runs inside a single `tryCatch`. Other
 * modules only await Tasks, which never reject.
 */
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { type CvatError, scrub, transportError } from '../errors'
import { fallbackFetch } from './fallbackFetch'
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
 * Says where to send requests and with which `fetch`.
 *
 * @example
 * const options: ClientOptions = { baseUrl: 'https://app.cvat.ai', fetch: globalThis.fetch }
 */
export interface ClientOptions {
  /** Default `http://localhost`, as in CVAT's Python SDK. */
  readonly baseUrl?: string
  /** Default: the runtime's global `fetch`; cross-fetch only where there is none. */
  readonly fetch?: typeof fetch
}

// The global fetch is looked up at call time (a polyfill installed later still counts) and
// called as a method of globalThis (some runtimes reject a detached fetch).
const fetchWith = (custom: typeof fetch | undefined, url: string, init: RequestInit): Promise<Response> =>
  custom !== undefined
    ? custom(url, init)
    : typeof globalThis.fetch === 'function'
      ? globalThis.fetch(url, init)
      : fallbackFetch().then((f) =>
          f === undefined ? Promise.reject(new TypeError('no fetch is available here: pass createClient({ fetch })')) : f(url, init),
        )

// Header values and the `sign` value may surface in a runtime's error text (an invalid header
// value is quoted back by undici); they are scrubbed before the text reaches an error.
const secretsOf = (req: HttpRequest): ReadonlyArray<string> => [
  ...['authorization', 'cookie', 'x-csrftoken'].flatMap((h) => {
    const v = req.headers[h]
    return v === undefined ? [] : [v, ...v.split(/[\s;=]+/)]
  }),
  ...req.query.filter(([k]) => k === 'sign').map(([, v]) => v),
]

const describeCause = (e: unknown): string => {
  if (typeof e !== 'object' || e === null) return String(e)
  const { name, message, cause } = e as { name?: unknown; message?: unknown; cause?: unknown }
  if (name === 'AbortError') return 'the request was aborted'
  const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown; message?: unknown }) : undefined
  const detail = code?.code ?? code?.message
  return `${String(message ?? name)}${detail === undefined ? '' : ` (${String(detail)})`}`
}

// fp-ts's `TE.tryCatch`, minus its cost: fp-ts ships ES5, so `TE.tryCatch` runs every request
// through `__awaiter`/`__generator`, which cost 5-10% of throughput on a 10-invitation page
// (`npm run bench`, see BENCHMARKS.md). Same contract: a rejection, or a throw before the
// promise exists, becomes a `Left`; the Task itself never rejects.
const tryCatch =
  <A>(f: () => Promise<A>, onRejected: (e: unknown) => CvatError): TE.TaskEither<CvatError, A> =>
  () => {
    try {
      return f().then(E.right, (e) => E.left(onRejected(e)))
    } catch (e) {
      return Promise.resolve(E.left(onRejected(e)))
    }
  }

const readHeaders = (headers: Headers): Record<string, string> => {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value
  })
  return out
}

// The headers are copied on first read: a decoded 2xx never reads them, and iterating a fetch
// `Headers` (sorted on every iteration) is a measurable share of a small request.
const responseOf = (res: Response, body: string, url: string): HttpResponse => {
  let headers: Record<string, string> | undefined
  return {
    status: res.status,
    statusText: res.statusText,
    get headers() {
      return (headers ??= readHeaders(res.headers))
    },
    body,
    url,
  }
}

/**
 * Creates a client that sends requests with `fetch` to `baseUrl`.
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), tokenAuth('my-token'))
 */
export const createClient =
  (options: ClientOptions = {}): Client =>
  (req) => {
    const url = resolveUrl(options.baseUrl ?? 'http://localhost', req)
    const init: RequestInit = { method: req.method, headers: req.headers }
    if (req.body !== undefined) init.body = req.body
    if (req.signal !== undefined) init.signal = req.signal
    // A promise chain rather than an async function: each `await` layer on this path showed up
    // in `npm run bench` (see BENCHMARKS.md).
    return tryCatch(
      () => fetchWith(options.fetch, url, init).then((res) => res.text().then((body) => responseOf(res, body, url))),
      (e) => transportError(req.method, url, scrub(describeCause(e), secretsOf(req))),
    )
  }
