/**
 * Authentication as middleware: each scheme adds its header, cookie or query parameter to every
 * request. A credential that cannot travel in a header is refused before anything is sent.
 */
import * as TE from 'fp-ts/TaskEither'
import type { Middleware } from '../http/client'
import { requestError } from '../errors'
import { type HttpRequest, resolveUrl, withHeader, withQuery } from '../http/request'

// Header values must be Latin-1 without CR, LF or NUL; anything else would make fetch throw
// with the value quoted in its message.
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/

const headerProblem = (credentials: ReadonlyArray<string>): string | undefined =>
  credentials.some((c) => c === '')
    ? 'the credential is empty'
    : credentials.some((c) => !HEADER_SAFE.test(c))
      ? 'the credential holds characters an HTTP header cannot carry'
      : undefined

const guarded =
  (scheme: string, problem: string | undefined, apply: (req: HttpRequest) => HttpRequest): Middleware =>
  (next) =>
  (req) =>
    problem === undefined ? next(apply(req)) : TE.left(requestError(req.method, resolveUrl('', req), `${scheme}: ${problem}`))

/**
 * Adds `Authorization: Token <key>` (the key from `POST /api/auth/login`).
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), tokenAuth('my-token'))
 */
export const tokenAuth = (key: string): Middleware =>
  guarded('tokenAuth', headerProblem([key]), withHeader('authorization', `Token ${key}`))

/**
 * Adds `Authorization: Bearer <token>` (personal access tokens on newer servers).
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), bearerAuth('my-personal-access-token'))
 */
export const bearerAuth = (token: string): Middleware =>
  guarded('bearerAuth', headerProblem([token]), withHeader('authorization', `Bearer ${token}`))

const base64Utf8 = (text: string): string =>
  btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(''))

/**
 * Adds HTTP Basic credentials, encoding the username and password as UTF-8.
 *
 * @example
 * const client = pipe(createClient(), basicAuth({ username: 'jürgen', password: 'pässwörd' }))
 */
export const basicAuth = (credentials: { readonly username: string; readonly password: string }): Middleware =>
  guarded(
    'basicAuth',
    credentials.username === ''
      ? 'the username is empty'
      : credentials.username.includes(':')
        ? 'the username cannot contain ":"'
        : undefined,
    withHeader('authorization', `Basic ${base64Utf8(`${credentials.username}:${credentials.password}`)}`),
  )

const credentialProblemForQuery = (sign: string): string | undefined =>
  sign === '' ? 'the credential is empty' : undefined

const UNSAFE_METHODS: ReadonlyArray<string> = ['POST', 'PUT', 'PATCH', 'DELETE']

const withCookies =
  (cookies: string) =>
  (req: HttpRequest): HttpRequest =>
    withHeader('cookie', req.headers['cookie'] === undefined ? cookies : `${req.headers['cookie']}; ${cookies}`)(req)

/**
 * Adds the `sessionid` and `csrftoken` cookies, and `X-CSRFToken` on unsafe methods only.
 * Browsers forbid setting `Cookie` from script: there, rely on the browser's own cookie jar.
 *
 * @example
 * const client = pipe(createClient(), sessionAuth({ sessionId: 'abc', csrfToken: 'def' }))
 */
export const sessionAuth = (session: { readonly sessionId: string; readonly csrfToken: string }): Middleware =>
  guarded('sessionAuth', headerProblem([session.sessionId, session.csrfToken]), (req) => {
    const withSession = withCookies(`sessionid=${session.sessionId}; csrftoken=${session.csrfToken}`)(req)
    return UNSAFE_METHODS.includes(req.method) ? withHeader('x-csrftoken', session.csrfToken)(withSession) : withSession
  })

/**
 * Adds the `sign` query parameter minted by `POST /api/auth/signing` (valid 30 seconds).
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), signatureAuth('3:signature-from-api-auth-signing'))
 */
export const signatureAuth = (sign: string): Middleware =>
  guarded('signatureAuth', credentialProblemForQuery(sign), withQuery([['sign', sign]]))
