/**
 * The failures as types: a union of plain objects told apart by `_tag`, and the shapes of an
 * error body. Their own module, so the constructors (errors.ts) and the modules that render,
 * bound and match them (errors/*) all depend on it and never on each other in a circle.
 */

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
 * Reports that the network failed or the caller aborted before a response arrived; the message
 * is ours (a cause code such as `ECONNREFUSED`), never a runtime's text, which may quote a URL.
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
  /** The body parsed, at most an excerpt (4 KiB) of its text, scrubbed of the request's credentials. */
  readonly body: ErrorBody
  /** The response headers: at most 32, each value at most 256 characters, credential headers redacted. */
  readonly headers: Readonly<Record<string, string>>
  /** The `x-request-id` CVAT or a proxy sent, to quote when reporting the failure. */
  readonly requestId?: string
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
  /** What did not match, with the path to it (at most 40 lines). */
  readonly message: string
  /** An excerpt of the raw body (at most 4 KiB), scrubbed of the request's credentials. */
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
 * Reports a response body larger than the client's `maxResponseBytes` (default 64 MiB); reading
 * stopped at the limit, so nothing of the body is kept.
 *
 * @example
 * if (e._tag === 'ResponseTooLargeError') console.error(`over ${e.limit} bytes: ask for smaller pages`)
 */
export interface ResponseTooLargeError {
  readonly _tag: 'ResponseTooLargeError'
  readonly method: string
  readonly url: string
  readonly status: number
  /** The limit in bytes that the body exceeded. */
  readonly limit: number
}

/**
 * Reports a redirect the client would not follow: to another origin (credentials and bodies never
 * leave the origin they were meant for), more than 5 in a row, or one the runtime hid (`opaque`,
 * as browsers do with `redirect: 'manual'`).
 *
 * @example
 * if (e._tag === 'RedirectError' && e.reason === 'cross-origin') console.error(`CVAT moved to ${e.location}: update baseUrl`)
 */
export interface RedirectError {
  readonly _tag: 'RedirectError'
  readonly method: string
  readonly url: string
  readonly status: number
  readonly reason: 'cross-origin' | 'too-many' | 'opaque'
  /** Where the server pointed, absolute and redacted; empty when the runtime hid it. */
  readonly location: string
}

/**
 * Reports a background request (task creation, an export, an import) that CVAT says `failed`,
 * with CVAT's own message (bounded, scrubbed of the request's credentials).
 *
 * @example
 * if (e._tag === 'BackgroundRequestError') console.error(`CVAT could not finish ${e.rqId}: ${e.message}`)
 */
export interface BackgroundRequestError {
  readonly _tag: 'BackgroundRequestError'
  /** The status request that saw the failure (`GET`). */
  readonly method: string
  /** The status URL (`…/api/requests/{id}`), redacted. */
  readonly url: string
  /** The background request's id, as CVAT gave it (at most 1024 characters). */
  readonly rqId: string
  /** CVAT's message for the failure (at most 4 KiB; empty when CVAT gave none). */
  readonly message: string
}

/**
 * Unites everything an endpoint can fail with.
 *
 * @example
 * const result: E.Either<CvatError, InvitationRead> = await invitationsRetrieve(cvat, { key })()
 */
export type CvatError =
  | RequestError
  | TransportError
  | TimeoutError
  | StatusError
  | DecodeError
  | ListChangedError
  | ResponseTooLargeError
  | RedirectError
  | BackgroundRequestError

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
