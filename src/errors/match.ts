/**
 * Dispatch on an error's tag: exhaustive (`matchError`) or partial with a fallback (`matchErrorOr`).
 * Both are total for untyped callers: JavaScript written against fewer tags (the union grew from
 * five to nine) or handing over anything at all gets a value back, never an exception from here.
 */
import type { CvatError } from './types'

/**
 * Maps each error tag to a handler of that error; the result type is the union of their results.
 *
 * @example
 * const handlers: ErrorHandlers = { RequestError: () => 0, TransportError: () => 1, TimeoutError: () => 1, StatusError: (s) => s.status, DecodeError: () => 2, ListChangedError: () => 3, ResponseTooLargeError: () => 4, RedirectError: () => 5, BackgroundRequestError: () => 6 }
 */
export type ErrorHandlers = { readonly [K in CvatError['_tag']]: (e: Extract<CvatError, { _tag: K }>) => unknown }

type Handler = (e: CvatError) => unknown

// The handler for the error's tag, if `handlers` has a function there and both can be read.
const handlerFor = (handlers: unknown, e: unknown): Handler | undefined => {
  try {
    const tag: unknown = typeof e === 'object' && e !== null && '_tag' in e ? e._tag : undefined
    const handler: unknown = typeof handlers === 'object' && handlers !== null && typeof tag === 'string' ? Reflect.get(handlers, tag) : undefined
    return typeof handler === 'function' ? (x) => Reflect.apply(handler, undefined, [x]) : undefined
  } catch {
    return undefined
  }
}

/**
 * Handles each error tag with its own function; the compiler checks every tag is covered (a tag with no handler, possible only from JavaScript written against fewer tags, gives `undefined`: prefer `matchErrorOr` there).
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
 *   BackgroundRequestError: () => false,
 * })(e)
 */
export const matchError =
  <H extends ErrorHandlers>(handlers: H) =>
  (e: CvatError): { [K in keyof H]: H[K] extends (e: never) => infer R ? R : never }[keyof H] =>
    handlerFor(handlers, e)?.(e) as { [K in keyof H]: H[K] extends (e: never) => infer R ? R : never }[keyof H]

/**
 * Handles the tags named in `handlers`, and every other one with `otherwise` (an `otherwise` that is not a function gives `undefined`).
 *
 * @example
 * const status = matchErrorOr({ StatusError: (s) => s.status }, () => undefined)(e) // number | undefined
 */
export const matchErrorOr =
  <H extends Partial<ErrorHandlers>, B>(handlers: H, otherwise: (e: CvatError) => B) =>
  (e: CvatError): { [K in keyof H]-?: H[K] extends ((e: never) => infer R) | undefined ? R : never }[keyof H] | B => {
    const handler = handlerFor(handlers, e) ?? (typeof otherwise === 'function' ? otherwise : undefined)
    return handler?.(e) as { [K in keyof H]-?: H[K] extends ((e: never) => infer R) | undefined ? R : never }[keyof H] | B
  }
