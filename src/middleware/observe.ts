/**
 * Observability as middleware: each request's start, end, retry and timeout go to a callback the
 * user supplies, as plain data. What is reported is chosen by structure, never by scrubbing a
 * text: method, the path and query with `redactUrl` applied, status, duration and attempt. Headers
 * are never reported (they carry the credentials); bodies only when asked, and then with every
 * credential-named JSON field replaced (a login body holds a password, its answer the token).
 */
import * as E from '../http/either'
import { notify } from '../internal/notify'
import { aroundClient } from './policy'
import type { Middleware } from '../http/client'
import { redactUrl } from '../errors'
import { isSecretField, recallSecrets, requestSecrets, scrubbedExcerpt } from '../errors/redact'
import { type HttpRequest, resolveUrl } from '../http/request'
import { isBlob, isRecord } from '../json'

/**
 * Describes one moment of one request: `retry` precedes every attempt after the first, `end` follows a response, `timeout` an attempt cut short, `error` a transport failure.
 *
 * @example
 * const line = (e: RequestEvent) => `${e.type} ${e.method} ${e.url} #${e.attempt}`
 */
export type RequestEvent =
  | { readonly type: 'start' | 'retry'; readonly method: string; readonly url: string; readonly attempt: number; readonly requestBody?: string }
  | {
      readonly type: 'end'
      readonly method: string
      readonly url: string
      readonly attempt: number
      readonly status: number
      readonly durationMs: number
      readonly responseBody?: string
    }
  | { readonly type: 'timeout'; readonly method: string; readonly url: string; readonly attempt: number; readonly durationMs: number; readonly ms: number }
  | { readonly type: 'error'; readonly method: string; readonly url: string; readonly attempt: number; readonly durationMs: number; readonly message: string }

/**
 * Configures `observe`: whether bodies are reported (default no) and the clock.
 *
 * @example
 * const options: ObserveOptions = { bodies: true, maxBody: 2_000 }
 */
export interface ObserveOptions {
  /** Report request and response bodies, credential fields redacted (default false). */
  readonly bodies?: boolean
  /** Longest body reported, in characters (default 10 000). */
  readonly maxBody?: number
  /** Milliseconds from an arbitrary origin (default `performance.now`, else `Date.now`). */
  readonly now?: () => number
}

// The fields the request names as secret (from the schema), else any named like a credential.
const redactJson = (u: unknown, fields: ReadonlyArray<string> | undefined): unknown =>
  Array.isArray(u)
    ? u.map((v) => redactJson(v, fields))
    : isRecord(u)
      ? Object.fromEntries(Object.entries(u).map(([k, v]) => [k, isSecretField(k, fields) && v !== null ? '[redacted]' : redactJson(v, fields)]))
      : u

const parse = (body: string | undefined): E.Either<undefined, unknown> => {
  try {
    return body === undefined || body === '' ? E.left(undefined) : E.right(JSON.parse(body))
  } catch {
    return E.left(undefined)
  }
}

// A body that is not JSON cannot be redacted by structure; it is reported only by its length.
// Secret fields go by structure, then the text is scrubbed of the request's own secrets and of
// the shapes echoed credentials take (what errors get) — only as much of it as is reported, so a
// large hostile body costs what `maxBody` keeps.
const reportBody = (body: HttpRequest['body'], max: number, fields: ReadonlyArray<string> | undefined, secrets: () => ReadonlyArray<string>): string | undefined => {
  if (body === undefined || body === '') return body
  // Files and bytes are reported by kind only: their content is the user's data, not a log's.
  if (typeof body !== 'string') return ArrayBuffer.isView(body) ? `[${body.byteLength} bytes]` : isBlob(body) ? `[${body.size} bytes]` : '[multipart form]'
  const parsed = parse(body)
  if (E.isLeft(parsed)) return `[${body.length} characters, not JSON]`
  try {
    return scrubbedExcerpt(JSON.stringify(redactJson(parsed.right, fields)), max, secrets())
  } catch {
    // JSON nested deeper than the stack (20,000 `[` do it) cannot be walked: its length it is.
    return `[${body.length} characters, nested too deeply]`
  }
}

const clock = (): number => (typeof performance === 'object' ? performance.now() : Date.now())

interface Settings {
  readonly bodies: boolean
  readonly max: number
  readonly now: () => number
}

// Options are read once, when the middleware is built; untyped callers' options that are not an
// object, odd fields, or fields that cannot be read at all mean the defaults.
const settingsOf = (given: unknown): Settings => {
  const read = (name: keyof ObserveOptions): unknown => {
    try {
      return typeof given === 'object' && given !== null ? Reflect.get(given, name) : undefined
    } catch {
      return undefined
    }
  }
  const now = read('now')
  const max = read('maxBody')
  return { bodies: read('bodies') === true, max: typeof max === 'number' && max >= 0 ? max : 10_000, now: typeof now === 'function' ? (now as () => number) : clock }
}

// What observe does for itself (read the clock, list secrets, render bodies) must never decide
// the outcome: each such step is total, and falls back to reporting less.
const attempt = <A>(f: () => A, otherwise: A): A => {
  try {
    return f()
  } catch {
    return otherwise
  }
}

/**
 * Reports every request passing through to `onEvent`; place it right before `retry` in the `pipe` to see each attempt, after `timeout` to see its timeouts.
 * The caller always gets what the client under it answered: a listener, a clock or options that
 * throw make the report poorer, never the result different.
 *
 * @example
 * const logged = retry()(observe((e) => console.error(e))(timeout(5_000)(tokenAuth(key)(createClient({ baseUrl: 'https://cvat.example' })))))
 */
export const observe =
  (onEvent: (event: RequestEvent) => void, given: ObserveOptions = {}): Middleware =>
  aroundClient((next) => {
    // `retry` hands the same request object to every attempt: counting by identity numbers them.
    const attempts = new WeakMap<HttpRequest, number>()
    const { bodies, max, now } = settingsOf(given)
    const time = (): number | undefined => attempt(() => {
      const t = now()
      return typeof t === 'number' && Number.isFinite(t) ? t : undefined
    }, undefined)
    // A failing observer must never fail the request it observes.
    const emit = (event: RequestEvent): void => notify(onEvent, event)
    return (req) => async () => {
      const number = (attempts.get(req) ?? 0) + 1
      attempts.set(req, number)
      const base = attempt(() => ({ method: String(req.method), url: redactUrl(resolveUrl('', req)), attempt: number }), { method: '', url: '', attempt: number })
      const secrets = bodies ? attempt(() => requestSecrets(req), []) : []
      const requestBody = bodies ? attempt(() => reportBody(req.body, max, req.redact, () => secrets), undefined) : undefined
      emit({ type: number === 1 ? 'start' : 'retry', ...base, ...(requestBody === undefined ? {} : { requestBody }) })
      const started = time()
      const result = await next(req)()
      // From here on the request was answered (or failed on its own): report, and hand it back as it is.
      const ended = time()
      const durationMs = started === undefined || ended === undefined ? 0 : Math.max(0, ended - started)
      attempt(() => {
        if (E.isRight(result)) {
          const responseBody = bodies ? attempt(() => reportBody(result.right.body, max, req.redact, () => [...secrets, ...recallSecrets(result.right, req)]), undefined) : undefined
          emit({ type: 'end', ...base, status: result.right.status, durationMs, ...(responseBody === undefined ? {} : { responseBody }) })
        } else if (result.left._tag === 'TimeoutError') emit({ type: 'timeout', ...base, durationMs, ms: result.left.ms })
        else emit({ type: 'error', ...base, durationMs, message: `${result.left._tag}: ${'message' in result.left ? result.left.message : ''}` })
      }, undefined)
      return result
    }
  })
