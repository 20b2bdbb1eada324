/**
 * What every endpoint checks at run time that TypeScript cannot: the types vanish for an untyped
 * caller (JavaScript, data parsed from elsewhere), who can pass `null`, objects where text
 * belongs, lone UTF-16 surrogates, or getters, Proxies and `toString`s that throw. Each check is a
 * cheap `typeof` test whose failure is a `RequestError`, before anything is sent.
 */
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { type CvatError, type RequestError, requestError } from '../errors'
import { type HttpRequest, type Method, isWellFormed } from '../http/request'

/** Describes a value for an error message without calling anything on it (its `toString` may throw). */
export const describeValue = (v: unknown): string =>
  typeof v === 'number' || typeof v === 'boolean' || v === undefined
    ? String(v)
    : v === null
      ? 'null'
      : typeof v === 'string'
        ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
        : typeof v

/** The message for caller data that throws when read. */
export const UNREADABLE = 'params could not be read (a getter, a Proxy or a toString threw)'

/** Runs a builder that reads caller data; a getter, Proxy trap or `toString` that throws becomes a `RequestError`, not an exception. */
export const attempt = (method: Method, url: string, build: () => E.Either<RequestError, HttpRequest>): E.Either<RequestError, HttpRequest> => {
  try {
    return build()
  } catch {
    return E.left(requestError(method, url, UNREADABLE))
  }
}

/** Says what is wrong with a parameters argument that must be an object, if anything. */
export const paramsProblem = (p: unknown, name = 'params'): string | undefined =>
  typeof p === 'object' && p !== null ? undefined : `${name} must be an object, got ${p === null ? 'null' : typeof p}`

/**
 * Runs an endpoint's body for an untyped caller: a non-object `params`, a client that is not a
 * function, or any throw while the request is built (a getter, Proxy or `toString` in the
 * caller's data) becomes a `RequestError` Task, and nothing is sent.
 */
export const guard = <A>(method: Method, url: string, client: unknown, params: unknown, run: () => TaskEither<CvatError, A>): TaskEither<CvatError, A> => {
  const problem = typeof client !== 'function' ? `client must be a Client (a function), got ${describeValue(client)}` : paramsProblem(params)
  const refuse = (message: string) => () => Promise.resolve(E.left(requestError(method, url, message)))
  if (problem !== undefined) return refuse(problem)
  try {
    return run()
  } catch {
    return refuse(UNREADABLE)
  }
}

/** The message tail for text with a lone surrogate. */
export const SURROGATE = 'must be well-formed text (it has a lone UTF-16 surrogate)'

/** Says what is wrong with one query value (a string, a finite number, a boolean, or absent), if anything. */
export const queryValueProblem = (name: string, v: unknown): string | undefined =>
  v === undefined || v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? undefined
    : typeof v === 'string'
      ? isWellFormed(v)
        ? undefined
        : `${name} ${SURROGATE}`
      : `${name} must be a string, a finite number or a boolean, got ${describeValue(v)}`

/** Reads `null` from an untyped caller as "absent", as `undefined` is. */
export const present = <A>(v: A | null): A | undefined => (v === null ? undefined : v)
