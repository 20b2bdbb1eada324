/**
 * What an operation resolves to, read from its response: a decoded model, nothing (204), or a
 * file streamed as a `Download`. Each reader is its own value, so a bundle holds only the readers
 * of the operations it imports (no download code in a bundle that only lists invitations).
 */
import * as E from '../http/either'
import type * as D from 'io-ts/Decoder'
import type { CvatError } from '../errors'
import { redactUrl } from '../errors/redact'
import type { HttpRequest, HttpResponse } from '../http/request'
import { type Download, downloadOf } from './download'
import { failure, isSuccess, readResponse } from './send'

/**
 * Reads an operation's response into its result; `stream` asks the transport to leave a 2xx body unread.
 *
 * @example
 * const status: Answer<number> = { read: (_req, res) => E.right(res.status) }
 */
export interface Answer<A> {
  readonly stream?: true
  readonly read: (req: HttpRequest, res: HttpResponse) => E.Either<CvatError, A>
}

/**
 * Reads a 2xx JSON body decoded by `codec` (named `name` in a `DecodeError`).
 *
 * @example
 * const answer = model('TaskRead', TaskRead)
 */
export const model = <A>(name: string, codec: D.Decoder<unknown, A>): Answer<A> => ({ read: (req, res) => readResponse(req, name, codec)(res) })

/**
 * Reads a 2xx JSON body decoded by `codec`, or `undefined` when the body is empty (an operation
 * whose schema answers 200 with a model and 201/202 with nothing, depending on the request).
 *
 * @example
 * const answer = modelOrNothing('RqId', RqId)
 */
export const modelOrNothing = <A>(name: string, codec: D.Decoder<unknown, A>): Answer<A | undefined> => ({
  read: (req, res) => (isSuccess(res.status) && res.body.trim() === '' ? E.right(undefined) : readResponse(req, name, codec)(res)),
})

/**
 * Reads a 2xx answer whose body, if any, means nothing (204 No Content and its kin).
 *
 * @example
 * const answer: Answer<void> = nothing
 */
export const nothing: Answer<void> = { read: (req, res) => (isSuccess(res.status) ? E.right(undefined) : E.left(failure(req, res))) }

/**
 * Reads a 2xx answer as a file: the body stays a stream for the caller (see `Download`).
 *
 * @example
 * const answer: Answer<Download> = file
 */
export const file: Answer<Download> = {
  stream: true,
  read: (req, res) => (isSuccess(res.status) ? E.right(downloadOf(res, redactUrl(res.url))) : E.left(failure(req, res))),
}

/**
 * Reads a file that may not be ready yet: a `Download` for 200, `undefined` for another 2xx
 * (CVAT's older exports answer 202 while they run and 201 when done, without a body; that body
 * is cancelled, not read).
 *
 * @example
 * const answer: Answer<Download | undefined> = fileOrNothing
 */
export const fileOrNothing: Answer<Download | undefined> = {
  stream: true,
  read: (req, res) => {
    if (res.status === 200 || !isSuccess(res.status)) return file.read(req, res)
    res.stream?.cancel().catch(() => undefined)
    return E.right(undefined)
  },
}

/**
 * Reads the answer of one status with its own reader, every other with `otherwise` (an operation
 * answering 202 with a request id while it works, and 201 with the result).
 *
 * @example
 * const answer = byStatus(202, model('RqId', RqId), model('QualityReport', QualityReport))
 */
export const byStatus = <A, B>(status: number, answer: Answer<A>, otherwise: Answer<B>): Answer<A | B> => ({
  ...(answer.stream || otherwise.stream ? { stream: true as const } : {}),
  read: (req, res) => (res.status === status ? answer.read(req, res) : otherwise.read(req, res)),
})
