/**
 * Dispatch on an error's tag: exhaustive (`matchError`) or partial with a fallback (`matchErrorOr`).
 */
import type { CvatError } from '../errors'

/**
 * Maps each error tag to a handler of that error; the result type is the union of their results.
 *
 * @example
 * const handlers: ErrorHandlers = { RequestError: () => 0, TransportError: () => 1, TimeoutError: () => 1, StatusError: (s) => s.status, DecodeError: () => 2, ListChangedError: () => 3, ResponseTooLargeError: () => 4, RedirectError: () => 5 }
 */
export type ErrorHandlers = { readonly [K in CvatError['_tag']]: (e: Extract<CvatError, { _tag: K }>) => unknown }

/**
 * Handles each error tag with its own function; the compiler checks every tag is covered.
 *
 * @example
 * const retriable = matchError({
 *   RequestError: () => false,
 *   TransportError: () => true,
 *   TimeoutError: () => true,
 *   StatusError: (s) => s.status >= 500,
 *   DecodeError: () => false,
 *   ListChangedError: () => true,
 *   ResponseTooLargeError: () => false,
 *   RedirectError: () => false,
 * })(e)
 */
export const matchError =
  <H extends ErrorHandlers>(handlers: H) =>
  (e: CvatError): { [K in keyof H]: H[K] extends (e: never) => infer R ? R : never }[keyof H] =>
    (handlers[e._tag] as (e: CvatError) => { [K in keyof H]: H[K] extends (e: never) => infer R ? R : never }[keyof H])(e)

/**
 * Handles the tags named in `handlers`, and every other one with `otherwise`.
 *
 * @example
 * const status = matchErrorOr({ StatusError: (s) => s.status }, () => undefined)(e) // number | undefined
 */
export const matchErrorOr =
  <H extends Partial<ErrorHandlers>, B>(handlers: H, otherwise: (e: CvatError) => B) =>
  (e: CvatError): { [K in keyof H]-?: H[K] extends ((e: never) => infer R) | undefined ? R : never }[keyof H] | B => {
    const handler = handlers[e._tag] as ((e: CvatError) => { [K in keyof H]-?: H[K] extends ((e: never) => infer R) | undefined ? R : never }[keyof H]) | undefined
    return handler === undefined ? otherwise(e) : handler(e)
  }
