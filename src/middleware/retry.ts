/**
 * Retrying as middleware, with a policy that is plain data. Requests that are safe to repeat are
 * retried on transient statuses and network failures; POST and PATCH only on 429 (the server did
 * not process them), so a create is never sent twice after a 500.
 */
import * as E from 'fp-ts/Either'
import type { Client, Middleware } from '../http/client'
import { type CvatError, transportError } from '../errors'
import { sleep } from './signal'
import type { HttpRequest, HttpResponse, Method } from '../http/request'
import { parseRetryAfter } from '../http/retryAfter'

/**
 * Configures when and how long to retry; every field has a documented default.
 *
 * @example
 * const patient: RetryPolicy = { limit: 5, maxRetryAfter: 120, baseDelay: 500 }
 */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2: at most 3 requests). */
  readonly limit?: number
  /** Methods retried on `statuses` and on transport failures (default GET, HEAD, PUT, DELETE, OPTIONS). */
  readonly methods?: ReadonlyArray<Method>
  /** Statuses retried for those methods (default 408, 429, 500, 502, 503, 504). */
  readonly statuses?: ReadonlyArray<number>
  /** Statuses retried for every other method, POST and PATCH (default 429 only). */
  readonly unsafeStatuses?: ReadonlyArray<number>
  /** Longest `Retry-After` honoured, in seconds; beyond it the `StatusError` is returned (default 60). */
  readonly maxRetryAfter?: number
  /** First backoff step in ms, doubled per attempt, with full jitter (default 250). */
  readonly baseDelay?: number
  /** Cap of one backoff wait in ms (default 5000). */
  readonly maxDelay?: number
  /** Source of jitter in [0, 1) (default `Math.random`). */
  readonly random?: () => number
}

const DEFAULTS = {
  limit: 2,
  methods: ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'] as ReadonlyArray<Method>,
  statuses: [408, 429, 500, 502, 503, 504] as ReadonlyArray<number>,
  unsafeStatuses: [429] as ReadonlyArray<number>,
  maxRetryAfter: 60,
  baseDelay: 250,
  maxDelay: 5000,
  random: Math.random,
}

type Decision = { readonly retry: false } | { readonly retry: true; readonly waitMs: number }

const decide = (p: typeof DEFAULTS, req: HttpRequest, attempt: number, result: E.Either<CvatError, HttpResponse>): Decision => {
  if (attempt >= p.limit || req.signal?.aborted) return { retry: false }
  const idempotent = p.methods.includes(req.method)
  const backoff = { retry: true, waitMs: Math.floor(p.random() * Math.min(p.maxDelay, p.baseDelay * 2 ** attempt)) } as const
  if (E.isLeft(result)) return idempotent && (result.left._tag === 'TransportError' || result.left._tag === 'TimeoutError') ? backoff : { retry: false }
  const { status, headers } = result.right
  if (!(idempotent ? p.statuses : p.unsafeStatuses).includes(status)) return { retry: false }
  const after = parseRetryAfter(headers['retry-after'])
  if (after === undefined) return backoff
  return after > p.maxRetryAfter ? { retry: false } : { retry: true, waitMs: after * 1000 }
}

/**
 * Retries transient failures per the policy; every wait ends early if the request is aborted.
 *
 * @example
 * const resilient = pipe(createClient(), tokenAuth('my-token'), timeout(5_000), retry({ limit: 3 }), timeout(30_000))
 */
export const retry =
  (policy: RetryPolicy = {}): Middleware =>
  (next: Client): Client => {
    const p = { ...DEFAULTS, ...policy }
    return (req) => async () => {
      for (let attempt = 0; ; attempt++) {
        const result = await next(req)()
        const decision = decide(p, req, attempt, result)
        if (!decision.retry) return result
        if (!(await sleep(decision.waitMs, req.signal)()))
          return E.left(transportError(req.method, E.isLeft(result) ? result.left.url : result.right.url, 'the request was aborted'))
      }
    }
  }
