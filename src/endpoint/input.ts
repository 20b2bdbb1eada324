/**
 * What every endpoint checks at run time that TypeScript cannot: the types vanish for an untyped
 * caller (JavaScript, data parsed from elsewhere), who can pass `null`, objects where text
 * belongs, lone UTF-16 surrogates, or getters, Proxies and `toString`s that throw. Each check is a
 * cheap `typeof` test whose failure is a `RequestError`, before anything is sent.
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { type CvatError, requestError } from '../errors'
import type { Method } from '../http/request'

/** Describes a value for an error message without calling anything on it (an object's `toString` may fail). */
export const describeValue = (v: unknown): string =>
  (typeof v === 'object' && v !== null) || typeof v === 'function' ? typeof v : typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : String(v)

/** Says why a client cannot be called (an untyped caller may pass `null`, an object, a Proxy), or `undefined` when it is a function. */
export const clientProblem = (client: unknown): string | undefined =>
  typeof client === 'function' ? undefined : `client must be a function (a Client, as createClient returns), got ${describeValue(client)}`

/** The message for params that are not an object, or that fail when read. */
export const UNREADABLE = 'params must be a readable object'

/**
 * Runs an endpoint's body for an untyped caller: a `params` that is not an object, or any throw
 * while the request is built (a getter, Proxy or `toString` in the caller's data, bodies
 * included), becomes a `RequestError` Task, and nothing is sent. Every endpoint wraps its body
 * in it; the helpers below it (`orgRequest`, `keyRequest`, `jsonBody`…) may then read freely.
 */
export const guard = <A>(method: Method, url: string, params: unknown, run: () => TaskEither<CvatError, A>): TaskEither<CvatError, A> => {
  try {
    if (typeof params === 'object' && params !== null) return run()
  } catch {
    // The caller's data threw while the request was built: refused below, like a non-object.
  }
  return () => Promise.resolve(E.left(requestError(method, url, UNREADABLE)))
}
