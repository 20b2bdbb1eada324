/**
 * Sending and reading: runs a request through a client and turns the response into the
 * endpoint's result, mapping non-2xx to `StatusError` and unreadable 2xx bodies to `DecodeError`.
 * Whatever of the server's text an error keeps is bounded and scrubbed of the request's
 * credentials here (a server may echo them: Django's debug page, a `detail`, a `next` link).
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type * as D from 'io-ts/Decoder'
import type { Client } from '../http/client'
import { type CvatError, decodeError, parseErrorBody, requestError, scrub, statusError } from '../errors'
import { EXCERPT_CHARS } from '../errors/bounded'
import { drawDecodeError } from '../errors/draw'
import { answerSecrets, recallSecrets, scrubbedExcerpt } from '../errors/redact'
import type { HttpRequest, HttpResponse } from '../http/request'
import { clientProblem } from './input'
import { parseRetryAfter } from '../http/retryAfter'

/** Whether a status is a success (2xx). */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300

// A large body is cut before it is scrubbed (an error keeps an excerpt only); the margin keeps a
// secret that straddles the cut whole, so it is found.
const excerpt = (text: string, secrets: ReadonlyArray<string>): string => scrubbedExcerpt(text, EXCERPT_CHARS, secrets)

/** Builds the `StatusError` of a non-2xx response, its text scrubbed of the request's credentials. */
export const failure = (req: HttpRequest, res: HttpResponse): CvatError => {
  const secrets = recallSecrets(res, req)
  return statusError(
    req.method,
    res.url,
    res.status,
    // statusError scrubs what it keeps of the status text.
    res.statusText,
    parseErrorBody(excerpt(res.body, secrets)),
    parseRetryAfter(res.headers['retry-after']),
    res.headers,
    secrets,
  )
}

// The message is drawn with every value scrubbed before it is cut (a secret across a cut would
// lose its tail and no longer match), then scrubbed whole.
// A 2xx body also holds what the server minted (a new token's `value`): the fields the request names as secret.
const undecodable = (req: HttpRequest, res: HttpResponse, message: (shown: (text: string) => string) => string): CvatError => {
  const secrets = [...recallSecrets(res, req), ...answerSecrets(res.body, res.request?.redact ?? req.redact)]
  const shown = (text: string) => scrub(text, secrets)
  return decodeError(req.method, res.url, res.status, shown(message(shown)), excerpt(res.body, secrets))
}

/** Decodes a response: non-2xx is a `StatusError`, a 2xx body must be JSON matching the decoder. */
export const readResponse =
  <A>(req: HttpRequest, name: string, decoder: D.Decoder<unknown, A>) =>
  (res: HttpResponse): E.Either<CvatError, A> => {
    if (!isSuccess(res.status)) return E.left(failure(req, res))
    let json: unknown
    try {
      json = JSON.parse(res.body)
    } catch {
      // The runtime's parse error quotes the body, so the message says only what is ours to say.
      return E.left(undecodable(req, res, () => `expected JSON: ${res.body.trim() === '' ? 'the body is empty' : 'the body is not JSON'}`))
    }
    const decoded = decoder.decode(json)
    return E.isLeft(decoded) ? E.left(undecodable(req, res, (shown) => `${name}: ${drawDecodeError(decoded.left, shown)}`)) : decoded
  }

// Endpoints sequence "build the request, send it, read the answer" here with one promise step,
// not with fp-ts/TaskEither combinators: that module's unannotated top-level calls cost ~0.9 kB
// gzipped in every esbuild bundle, and its ES5 async helpers cost time on every request (see
// BENCHMARKS.md). One tryCatch around the chain keeps it from rejecting, whatever a hand-made
// client or response does.

// Both endpoint shapes share one exchange: skip a request that failed to build, send it, and
// hand a response (not a transport failure) to the reader. A client that is not a function is
// refused; one that throws or rejects instead of answering a `Left` (a hand-made client, a
// middleware around nothing) still ends in a `Left`.
export const exchange = <A>(
  client: Client,
  req: E.Either<CvatError, HttpRequest>,
  read: (req: HttpRequest, res: HttpResponse) => E.Either<CvatError, A>,
): TaskEither<CvatError, A> => {
  if (E.isLeft(req)) return () => Promise.resolve(req)
  // Calling a client that is not a function throws too: the refusal then says what it is.
  return E.tryCatch(
    () => client(req.right)().then((res) => (E.isLeft(res) ? res : read(req.right, res.right))),
    () => requestError(req.right.method, req.right.url, clientProblem(client) ?? 'the client threw or rejected instead of answering a Left'),
  )
}

/** Sends a request (unless building it failed) and decodes a 2xx JSON body. */
export const send = <A>(client: Client, req: E.Either<CvatError, HttpRequest>, name: string, decoder: D.Decoder<unknown, A>): TaskEither<CvatError, A> =>
  exchange(client, req, (rq, res) => readResponse(rq, name, decoder)(res))

/** Sends a request (unless building it failed) whose success, a 204, has no body. */
export const sendVoid = (client: Client, req: E.Either<CvatError, HttpRequest>): TaskEither<CvatError, void> =>
  exchange(client, req, (rq, res) => (isSuccess(res.status) ? E.right(undefined) : E.left(failure(rq, res))))
