/**
 * Failures as values: a union of plain objects told apart by `_tag`. Every constructor redacts
 * the URL it is given and bounds the server text it keeps, so no error can carry a credential in
 * its URL or grow with a hostile body, whoever builds it. Rendering, redaction and body parsing
 * live in `errors/`.
 */
import { EXCERPT_CHARS, clip } from './errors/bounded'
import { boundedHeaders } from './errors/body'
import { redactUrl, scrubbedExcerpt } from './errors/redact'
import type {
  BackgroundRequestError,
  CvatError,
  DecodeError,
  ListChangedError,
  RedirectError,
  RequestError,
  ResponseTooLargeError,
  StatusError,
  TimeoutError,
  TransportError,
  ErrorBody,
} from './errors/types'

export { describeBody, formatError } from './errors/format'
export { matchError, matchErrorOr, type ErrorHandlers } from './errors/match'
export { parseErrorBody } from './errors/body'
export { scrub } from './errors/redact'
export { redactUrl } from './errors/redact'
export type * from './errors/types'

/** Builds a `RequestError`. */
export const requestError = (method: string, url: string, message: string): RequestError => ({
  _tag: 'RequestError',
  method,
  url: redactUrl(url),
  message,
})

/** Builds a `TransportError`. */
export const transportError = (method: string, url: string, message: string): TransportError => ({
  _tag: 'TransportError',
  method,
  url: redactUrl(url),
  message,
})

/** Builds a `TimeoutError`. */
export const timeoutError = (method: string, url: string, ms: number): TimeoutError => ({
  _tag: 'TimeoutError',
  method,
  url: redactUrl(url),
  ms,
})

/**
 * Builds a `StatusError` with its status text and headers bounded and scrubbed of `secrets`
 * (only what is kept is scrubbed), leaving `requestId` and `retryAfter` out when the server sent
 * none.
 */
export const statusError = (
  method: string,
  url: string,
  status: number,
  statusText: string,
  body: ErrorBody,
  retryAfter?: number,
  headers: Readonly<Record<string, string>> = {},
  secrets: ReadonlyArray<string> = [],
): StatusError => {
  const kept = boundedHeaders(headers, secrets)
  const requestId = kept['x-request-id']
  return {
    _tag: 'StatusError',
    method,
    url: redactUrl(url),
    status,
    statusText: scrubbedExcerpt(String(statusText), 256, secrets),
    body,
    headers: kept,
    ...(requestId === undefined ? {} : { requestId: clip(requestId, 128) }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  }
}

/** Builds a `ListChangedError`. */
export const listChangedError = (url: string, counts: ReadonlyArray<number>, read: number, distinct: number): ListChangedError => ({
  _tag: 'ListChangedError',
  method: 'GET',
  url: redactUrl(url),
  counts,
  read,
  distinct,
})

/** Builds a `DecodeError`, keeping an excerpt of the body. */
export const decodeError = (method: string, url: string, status: number, message: string, body: string): DecodeError => ({
  _tag: 'DecodeError',
  method,
  url: redactUrl(url),
  status,
  message: clip(message, EXCERPT_CHARS),
  body: clip(body),
})

/** Builds a `ResponseTooLargeError`. */
export const responseTooLargeError = (method: string, url: string, status: number, limit: number): ResponseTooLargeError => ({
  _tag: 'ResponseTooLargeError',
  method,
  url: redactUrl(url),
  status,
  limit,
})

/** Builds a `RedirectError`, redacting the location. */
export const redirectError = (method: string, url: string, status: number, reason: RedirectError['reason'], location: string): RedirectError => ({
  _tag: 'RedirectError',
  method,
  url: redactUrl(url),
  status,
  reason,
  location: clip(redactUrl(location), 2048),
})

/** Builds a `BackgroundRequestError`, bounding the id and CVAT's message. */
export const backgroundRequestError = (method: string, url: string, rqId: string, message: string): BackgroundRequestError => ({
  _tag: 'BackgroundRequestError',
  method,
  url: redactUrl(url),
  rqId: clip(rqId, 1024),
  message: clip(message, EXCERPT_CHARS),
})
