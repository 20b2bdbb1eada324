/**
 * Retrying as middleware, with a policy that is plain data. Requests that are safe to repeat are
 * retried on transient statuses and network failures; POST and PATCH only on 429 (the server did
 * not process them), so a create is never sent twice after a 500.
 */
import * as E from '../http/either'
import type { Client, Middleware } from '../http/client'
import { type CvatError, redactUrl, transportError } from '../errors'
import { sleep } from './signal'
import type { HttpRequest, HttpResponse, Method } from '../http/request'
import { parseRetryAfter } from '../http/retryAfter'
import { describeValue } from '../endpoint/input'
import { aroundClient, clampDelay, isNonNegative, refuseAll } from './policy'
import { notify } from '../internal/notify'

/**
 * Tells `onRetry` about one retry before its wait: never a credential (the URL is redacted, no
 * header or body), the status for a response, the error for a network failure or a timeout.
 *
 * @example
 * const log = (r: RetryEvent) => console.warn(`retry ${r.attempt} of ${r.method} ${r.url} in ${r.delayMs} ms`, r.status ?? r.error?._tag)
 */
export interface RetryEvent {
  /** 1 for the first retry. */
  readonly attempt: number
  readonly method: Method
  /** The request's URL with credentials redacted. */
  readonly url: string
  /** The status that is retried, for a response. */
  readonly status?: number
  /** The `TransportError` or `TimeoutError` that is retried, for a failure. */
  readonly error?: CvatError
  /** How long the retry waits, in ms (at most 2^31−1). */
  readonly delayMs: number
}

/**
 * Configures when and how long to retry; every field has a documented default.
 *
 * @example
 * const patient: RetryPolicy = { limit: 5, maxRetryAfter: 120, baseDelay: 500 }
 */
export interface RetryPolicy {
  /** Retries after the first attempt, 0 to 100 (default 2: at most 3 requests). */
  readonly limit?: number
  /** Methods retried on `statuses` and on transport failures (default GET, HEAD, PUT, DELETE, OPTIONS). */
  readonly methods?: ReadonlyArray<Method>
  /** Statuses retried for those methods (default 408, 429, 500, 502, 503, 504). */
  readonly statuses?: ReadonlyArray<number>
  /** Statuses retried for every other method, POST and PATCH (default 429 only). */
  readonly unsafeStatuses?: ReadonlyArray<number>
  /** Longest `Retry-After` honoured, in seconds, `Infinity` allowed; beyond it the `StatusError` is returned (default 60). Every wait is clamped to 2^31−1 ms. */
  readonly maxRetryAfter?: number
  /** First backoff step in ms, doubled per attempt, with full jitter (default 250). */
  readonly baseDelay?: number
  /** Cap of one backoff wait in ms (default 5000). */
  readonly maxDelay?: number
  /** Source of jitter in [0, 1) (default `Math.random`); a value outside it, or an exception, counts as 0. */
  readonly random?: () => number
  /** Hears each retry before its wait (an exception from it is ignored). */
  readonly onRetry?: (event: RetryEvent) => void
}

// `null` and `undefined` are the default, for every field and for the policy itself.


const DEFAULTS = {
  limit: 2,
  methods: ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'] as ReadonlyArray<Method>,
  statuses: [408, 429, 500, 502, 503, 504] as ReadonlyArray<number>,
  unsafeStatuses: [429] as ReadonlyArray<number>,
  maxRetryAfter: 60,
  baseDelay: 250,
  maxDelay: 5000,
  random: Math.random,
  onRetry: (_event: RetryEvent): void => undefined,
}

type Policy = typeof DEFAULTS

const MAX_RETRIES = 100

const isFunction = (v: unknown): boolean => typeof v === 'function'
const MS = 'a number of milliseconds ≥ 0'

// What each field must be; `undefined` and `null` are the default.
const RULES: ReadonlyArray<readonly [keyof RetryPolicy, (v: unknown) => boolean, string]> = [
  ['limit', (v) => Number.isInteger(v) && isNonNegative(v) && v <= MAX_RETRIES, `an integer from 0 to ${MAX_RETRIES}`],
  ['methods', Array.isArray, 'an array'],
  ['statuses', Array.isArray, 'an array'],
  ['unsafeStatuses', Array.isArray, 'an array'],
  ['maxRetryAfter', isNonNegative, 'a number of seconds ≥ 0'],
  ['baseDelay', isNonNegative, MS],
  ['maxDelay', isNonNegative, MS],
  ['random', isFunction, 'a function'],
  ['onRetry', isFunction, 'a function'],
]

const readPolicy = (policy: RetryPolicy | null | undefined): E.Either<string, Policy> => {
  if (policy === undefined) return E.right(DEFAULTS)
  // As everywhere: a missing argument is the default, a `null` one is refused; `null` fields are the default.
  if (typeof policy !== 'object' || policy === null) return E.left(`retry policy must be an object, got ${describeValue(policy)}`)
  try {
    for (const [name, ok, expected] of RULES) {
      const v: unknown = policy[name]
      if (v != null && !ok(v)) return E.left(`retry ${name} must be ${expected}, got ${describeValue(v)}`)
    }
    // Checked above, field by field: only the caller's non-null fields replace the defaults.
    const given = Object.fromEntries(Object.entries(policy).filter(([, v]) => v != null))
    return E.right({ ...DEFAULTS, ...given })
  } catch {
    return E.left('retry policy could not be read')
  }
}

// A caller's jitter source may return anything or throw; outside [0, 1] it counts as 0.
const jitter = (random: () => number): number => {
  try {
    const r = random()
    return r >= 0 && r <= 1 ? r : 0
  } catch {
    return 0
  }
}

type Decision = { readonly retry: false } | { readonly retry: true; readonly waitMs: number }

// Decided after the request was sent, from the caller's policy (its arrays may be Proxies that
// throw): whatever goes wrong while deciding, the caller gets its answer, not retried.
const decide = (p: Policy, req: HttpRequest, attempt: number, result: E.Either<CvatError, HttpResponse>): Decision => {
  try {
    if (attempt >= p.limit || req.signal?.aborted) return { retry: false }
    const idempotent = p.methods.includes(req.method)
    const backoff = { retry: true, waitMs: clampDelay(Math.floor(jitter(p.random) * Math.min(p.maxDelay, p.baseDelay * 2 ** attempt))) } as const
    if (E.isLeft(result)) return idempotent && (result.left._tag === 'TransportError' || result.left._tag === 'TimeoutError') ? backoff : { retry: false }
    const { status, headers } = result.right
    if (!(idempotent ? p.statuses : p.unsafeStatuses).includes(status)) return { retry: false }
    const after = parseRetryAfter(headers['retry-after'])
    if (after === undefined) return backoff
    return after > p.maxRetryAfter ? { retry: false } : { retry: true, waitMs: clampDelay(after * 1000) }
  } catch {
    return { retry: false }
  }
}

// The hook hears method, redacted URL, status or error, and the wait: never a header or a body.
const tell = (onRetry: Policy['onRetry'], attempt: number, req: HttpRequest, result: E.Either<CvatError, HttpResponse>, delayMs: number): void => {
  const base = { attempt, method: req.method, delayMs }
  // A logging hook must not break the call it observes.
  notify(onRetry, E.isLeft(result) ? { ...base, url: result.left.url, error: result.left } : { ...base, url: redactUrl(result.right.url), status: result.right.status })
}

/**
 * Retries transient failures per the policy (validated: a bad field makes every request a `RequestError`); every wait ends early if the request is aborted.
 *
 * @example
 * const resilient = pipe(createClient(), tokenAuth('my-token'), timeout(5_000), retry({ limit: 3 }), timeout(30_000))
 */
export const retry =
  (policy: RetryPolicy = {}): Middleware =>
  aroundClient((next: Client): Client => {
    const read = readPolicy(policy)
    if (E.isLeft(read)) return refuseAll(read.left)
    const p = read.right
    return (req) => async () => {
      for (let attempt = 0; ; attempt++) {
        const result = await next(req)()
        const decision = decide(p, req, attempt, result)
        if (!decision.retry) return result
        tell(p.onRetry, attempt + 1, req, result, decision.waitMs)
        if (!(await sleep(decision.waitMs, req.signal)()))
          return E.left(transportError(req.method, E.isLeft(result) ? result.left.url : result.right.url, 'the request was aborted'))
      }
    }
  })
