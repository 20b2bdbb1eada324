/**
 * Failures as values: a union of plain objects told apart by `_tag`. Every constructor redacts
 * the URL it is given, so no error can carry a credential, whoever builds it.
 */
import { isRecord } from './json'

/**
 * Reports bad input; nothing was sent.
 *
 * @example
 * if (e._tag === 'RequestError') console.error(`fix the call: ${e.message}`)
 */
export interface RequestError {
  readonly _tag: 'RequestError'
  readonly method: string
  readonly url: string
  readonly message: string
}

/**
 * Reports that the network failed or the caller aborted before a response arrived.
 *
 * @example
 * if (e._tag === 'TransportError') console.error(`network: ${e.message}`)
 */
export interface TransportError {
  readonly _tag: 'TransportError'
  readonly method: string
  readonly url: string
  readonly message: string
}

/**
 * Reports that no complete response arrived within the time allowed.
 *
 * @example
 * if (e._tag === 'TimeoutError') console.error(`no answer within ${e.ms} ms`)
 */
export interface TimeoutError {
  readonly _tag: 'TimeoutError'
  readonly method: string
  readonly url: string
  readonly ms: number
}

/**
 * Reports that the server answered with a non-2xx status.
 *
 * @example
 * if (e._tag === 'StatusError' && e.status === 429) console.log(`retry in ${e.retryAfter ?? 60} s`)
 */
export interface StatusError {
  readonly _tag: 'StatusError'
  readonly method: string
  readonly url: string
  readonly status: number
  readonly statusText: string
  readonly body: ErrorBody
  /** Seconds the server asked us to wait (`Retry-After`), when it said so. */
  readonly retryAfter?: number
}

/**
 * Reports a 2xx body that is not JSON or not the expected schema.
 *
 * @example
 * if (e._tag === 'DecodeError') console.error(e.message, e.body.length)
 */
export interface DecodeError {
  readonly _tag: 'DecodeError'
  readonly method: string
  readonly url: string
  readonly status: number
  /** What did not match, with the path to it. */
  readonly message: string
  /** The raw body, kept so nothing is lost. */
  readonly body: string
}

/**
 * Reports that a list changed while its pages were read (objects added or removed between two
 * pages): not schema drift, so not a `DecodeError`; reading it again usually succeeds.
 *
 * @example
 * if (e._tag === 'ListChangedError') console.warn(`count went ${e.counts.join(' → ')}; retrying`)
 */
export interface ListChangedError {
  readonly _tag: 'ListChangedError'
  readonly method: string
  readonly url: string
  /** The distinct `count` values the pages reported, in the order seen. */
  readonly counts: ReadonlyArray<number>
  /** How many items were read across all pages. */
  readonly read: number
  /** How many of them were distinct. */
  readonly distinct: number
}

/**
 * Unites everything an endpoint can fail with.
 *
 * @example
 * const result: E.Either<CvatError, InvitationRead> = await invitationsRetrieve(cvat, { key })()
 */
export type CvatError = RequestError | TransportError | TimeoutError | StatusError | DecodeError | ListChangedError

/**
 * Parses a non-2xx body into each shape CVAT (or a proxy in front of it) answers with.
 *
 * @example
 * const messages = e._tag === 'StatusError' && e.body._tag === 'FieldErrors' ? e.body.fields['email'] : undefined
 */
export type ErrorBody =
  | { readonly _tag: 'Detail'; readonly detail: string }
  | { readonly _tag: 'FieldErrors'; readonly fields: Readonly<Record<string, ReadonlyArray<string>>> }
  | { readonly _tag: 'Messages'; readonly messages: ReadonlyArray<string> }
  | { readonly _tag: 'Message'; readonly message: string }
  | { readonly _tag: 'Json'; readonly value: unknown }
  | { readonly _tag: 'Text'; readonly text: string }
  | { readonly _tag: 'Empty' }

const REDACTED = '[redacted]'

/**
 * Removes credentials from a URL: user-info and the `sign` query parameter.
 *
 * @example
 * redactUrl('https://u:p@cvat.example/api/invitations?sign=s3cret') // 'https://[redacted]@cvat.example/api/invitations?sign=[redacted]'
 */
export const redactUrl = (url: string): string =>
  url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`)
    .replace(/([?&]sign=)[^&#]*/g, `$1${REDACTED}`)

/** Replaces every occurrence of each secret in a text (secrets shorter than 3 characters are too common to be told apart). */
export const scrub = (text: string, secrets: ReadonlyArray<string>): string =>
  secrets.filter((s) => s.length >= 3).reduce((t, s) => t.split(s).join(REDACTED), text)

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

/** Builds a `StatusError`, leaving `retryAfter` out when the server did not send one. */
export const statusError = (
  method: string,
  url: string,
  status: number,
  statusText: string,
  body: ErrorBody,
  retryAfter?: number,
): StatusError => ({
  _tag: 'StatusError',
  method,
  url: redactUrl(url),
  status,
  statusText,
  body,
  ...(retryAfter === undefined ? {} : { retryAfter }),
})

/** Builds a `ListChangedError`. */
export const listChangedError = (url: string, counts: ReadonlyArray<number>, read: number, distinct: number): ListChangedError => ({
  _tag: 'ListChangedError',
  method: 'GET',
  url: redactUrl(url),
  counts,
  read,
  distinct,
})

/** Builds a `DecodeError`. */
export const decodeError = (method: string, url: string, status: number, message: string, body: string): DecodeError => ({
  _tag: 'DecodeError',
  method,
  url: redactUrl(url),
  status,
  message,
  body,
})

const isStringArray = (u: unknown): u is ReadonlyArray<string> =>
  Array.isArray(u) && u.every((x) => typeof x === 'string')

const classify = (value: unknown): ErrorBody => {
  if (typeof value === 'string') return { _tag: 'Message', message: value }
  if (isStringArray(value)) return { _tag: 'Messages', messages: value }
  if (isRecord(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && typeof value['detail'] === 'string') return { _tag: 'Detail', detail: value['detail'] }
    if (keys.length > 0 && keys.every((k) => isStringArray(value[k])))
      return { _tag: 'FieldErrors', fields: value as Record<string, ReadonlyArray<string>> }
  }
  return { _tag: 'Json', value }
}

/** Parses a non-2xx body into one of CVAT's error shapes; text that is not JSON is kept whole. */
export const parseErrorBody = (text: string): ErrorBody => {
  if (text.trim() === '') return { _tag: 'Empty' }
  try {
    return classify(JSON.parse(text))
  } catch {
    return { _tag: 'Text', text }
  }
}

const oneLine = (s: string, max = 300): string => {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

const textSummary = (text: string): string => {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)
  return oneLine(title?.[1] ?? text.replace(/<[^>]*>/g, ' '))
}

/**
 * Renders an error body as a short human-readable message.
 *
 * @example
 * describeBody({ _tag: 'Messages', messages: ['The user is a member of the organization already.'] })
 */
export const describeBody = (body: ErrorBody): string => {
  switch (body._tag) {
    case 'Detail':
      return oneLine(body.detail)
    case 'FieldErrors':
      return oneLine(
        Object.entries(body.fields)
          .map(([k, v]) => `${k}: ${v.join(' ')}`)
          .join('; '),
      )
    case 'Messages':
      return oneLine(body.messages.join('; '))
    case 'Message':
      return oneLine(body.message)
    case 'Json':
      return oneLine(JSON.stringify(body.value) ?? '')
    case 'Text':
      return textSummary(body.text)
    case 'Empty':
      return '(empty body)'
  }
}

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
 * })(e)
 */
export const matchError =
  <R>(handlers: { readonly [K in CvatError['_tag']]: (e: Extract<CvatError, { _tag: K }>) => R }) =>
  (e: CvatError): R =>
    (handlers[e._tag] as (e: CvatError) => R)(e)

/**
 * Formats an error as one readable line: tag, method, URL, status and CVAT's message.
 *
 * @example
 * console.error(formatError(e)) // StatusError: GET https://app.cvat.ai/api/invitations → 403 Forbidden: You do not have permission…
 */
export const formatError: (e: CvatError) => string = /*#__PURE__*/ matchError({
  RequestError: (e) => `RequestError: ${e.method} ${e.url}: ${oneLine(e.message)}`,
  TransportError: (e) => `TransportError: ${e.method} ${e.url}: ${oneLine(e.message)}`,
  TimeoutError: (e) => `TimeoutError: ${e.method} ${e.url}: no response within ${e.ms} ms`,
  StatusError: (e) =>
    `StatusError: ${e.method} ${e.url} → ${e.status}${e.statusText ? ` ${e.statusText}` : ''}: ${describeBody(e.body)}` +
    (e.retryAfter === undefined ? '' : ` (retry after ${e.retryAfter} s)`),
  DecodeError: (e) => `DecodeError: ${e.method} ${e.url} → ${e.status}: ${oneLine(e.message, 500)}`,
  ListChangedError: (e) =>
    `ListChangedError: ${e.method} ${e.url}: the list changed while it was read (count ${e.counts.join(' → ')}, read ${e.read}, distinct ${e.distinct}); read it again`,
})
