/**
 * Sending and reading: runs a request through a client and turns the response into the
 * endpoint's result, mapping non-2xx to `StatusError` and unreadable 2xx bodies to `DecodeError`.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import * as D from 'io-ts/Decoder'
import type { Client } from '../client'
import { type CvatError, decodeError, parseErrorBody, statusError } from '../errors'
import type { HttpRequest, HttpResponse } from '../request'
import { parseRetryAfter } from '../retryAfter'

const isSuccess = (status: number): boolean => status >= 200 && status < 300

const failure = (req: HttpRequest, res: HttpResponse): CvatError =>
  statusError(req.method, res.url, res.status, res.statusText, parseErrorBody(res.body), parseRetryAfter(res.headers['retry-after']))

const parseJson = (req: HttpRequest, res: HttpResponse): E.Either<CvatError, unknown> => {
  try {
    return E.right(JSON.parse(res.body))
  } catch (e) {
    const why = res.body.trim() === '' ? 'the body is empty' : `the body is not JSON (${(e as Error).message})`
    return E.left(decodeError(req.method, res.url, res.status, `expected JSON: ${why}`, res.body))
  }
}

/** Decodes a response: non-2xx is a `StatusError`, a 2xx body must be JSON matching the decoder. */
export const readResponse =
  <A>(req: HttpRequest, name: string, decoder: D.Decoder<unknown, A>) =>
  (res: HttpResponse): E.Either<CvatError, A> =>
    !isSuccess(res.status)
      ? E.left(failure(req, res))
      : pipe(
          parseJson(req, res),
          E.flatMap((json) =>
            pipe(
              decoder.decode(json),
              E.mapLeft((err) => decodeError(req.method, res.url, res.status, `${name}: ${D.draw(err)}`, res.body)),
            ),
          ),
        )

/** Sends a request and decodes a 2xx JSON body. */
export const send = <A>(
  client: Client,
  req: HttpRequest,
  name: string,
  decoder: D.Decoder<unknown, A>,
): TE.TaskEither<CvatError, A> => pipe(client(req), TE.flatMap((res) => TE.fromEither(readResponse(req, name, decoder)(res))))

/** Sends a request whose success (a 204) has no body. */
export const sendVoid = (client: Client, req: HttpRequest): TE.TaskEither<CvatError, void> =>
  pipe(
    client(req),
    TE.flatMap((res) => (isSuccess(res.status) ? TE.right(undefined) : TE.left(failure(req, res)))),
  )
