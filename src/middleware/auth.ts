/**
 * Authentication as middleware: each scheme adds its header, cookie or query parameter to every
 * request. A credential that is missing, not a string, or cannot travel where it goes is refused
 * before anything is sent: the call answers a `RequestError` naming the scheme, and the message
 * never quotes the credential.
 */
import type { Middleware } from '../http/client'
import { refused } from '../http/refusal'
import { type HttpRequest, isWellFormed, withHeader, withQuery } from '../http/request'
import { aroundClient } from './policy'

// Header values must be Latin-1 without CR, LF or NUL; anything else would make fetch throw
// with the value quoted in its message.
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/
// A cookie value per RFC 6265 (`cookie-octet`): no `;`, `,`, space, quote, backslash or control,
// so `sessionId: 'abc; sessionid=attacker'` cannot add a cookie.
const COOKIE_SAFE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/

// Reads a field without trusting the object: a getter or a proxy may throw.
const field = (from: unknown, name: string): unknown => {
  try {
    return typeof from === 'object' && from !== null ? Reflect.get(from, name) : undefined
  } catch {
    return undefined
  }
}

const stringProblem = (what: string, value: unknown, safe?: RegExp, unsafe?: string): string | undefined =>
  typeof value !== 'string'
    ? `the ${what} is missing or not a string (got ${value === null ? 'null' : typeof value})`
    : value === ''
      ? `the ${what} is empty`
      : !isWellFormed(value)
        ? `the ${what} holds a lone UTF-16 surrogate (text cut mid-character)`
        : safe !== undefined && !safe.test(value)
          ? `the ${what} holds ${unsafe}`
          : undefined

const headerProblem = (value: unknown): string | undefined =>
  stringProblem('credential', value, HEADER_SAFE, 'characters an HTTP header cannot carry')

// A refusal in a resolved promise: a tiny stand-in for `TE.left`, whose module would otherwise
// weigh on every authenticated bundle.
const guarded =
  (scheme: string, problem: string | undefined, apply: () => (req: HttpRequest) => HttpRequest): Middleware =>
  aroundClient((next) => {
    const add = problem === undefined ? apply() : undefined
    return (req) =>
      add !== undefined
        ? next(add(req))
        : () => Promise.resolve(refused(req, `${scheme}: ${problem}`))
  })

/**
 * Adds `Authorization: Token <key>` (the key from `POST /api/auth/login`).
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), tokenAuth('my-token'))
 */
export const tokenAuth = (key: string): Middleware =>
  guarded('tokenAuth', headerProblem(key), () => withHeader('authorization', `Token ${key}`))

/**
 * Adds `Authorization: Bearer <token>` (personal access tokens on newer servers).
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), bearerAuth('my-personal-access-token'))
 */
export const bearerAuth = (token: string): Middleware =>
  guarded('bearerAuth', headerProblem(token), () => withHeader('authorization', `Bearer ${token}`))

const base64Utf8 = (text: string): string =>
  btoa(Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join(''))

/**
 * Adds HTTP Basic credentials, encoding the username and password as UTF-8.
 *
 * @example
 * const client = pipe(createClient(), basicAuth({ username: 'jürgen', password: 'pässwörd' }))
 */
export const basicAuth = (credentials: { readonly username: string; readonly password: string }): Middleware => {
  const username = field(credentials, 'username')
  const password = field(credentials, 'password')
  return guarded(
    'basicAuth',
    stringProblem('username', username) ??
      (typeof username === 'string' && username.includes(':') ? 'the username cannot contain ":"' : undefined) ??
      stringProblem('password', password),
    () => withHeader('authorization', `Basic ${base64Utf8(`${String(username)}:${String(password)}`)}`),
  )
}

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
export const sessionAuth = (session: { readonly sessionId: string; readonly csrfToken: string }): Middleware => {
  const sessionId = field(session, 'sessionId')
  const csrfToken = field(session, 'csrfToken')
  const cookieProblem = (what: string, value: unknown) => stringProblem(what, value, COOKIE_SAFE, 'characters a cookie cannot carry (; , space, quote, backslash or a control)')
  return guarded('sessionAuth', cookieProblem('sessionId', sessionId) ?? cookieProblem('csrfToken', csrfToken), () => (req) => {
    const withSession = withCookies(`sessionid=${String(sessionId)}; csrftoken=${String(csrfToken)}`)(req)
    return UNSAFE_METHODS.includes(req.method) ? withHeader('x-csrftoken', String(csrfToken))(withSession) : withSession
  })
}

/**
 * Adds the `sign` query parameter minted by `POST /api/auth/signing` (valid 30 seconds).
 *
 * @example
 * const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), signatureAuth('3:signature-from-api-auth-signing'))
 */
export const signatureAuth = (sign: string): Middleware =>
  guarded('signatureAuth', stringProblem('credential', sign), () => withQuery([['sign', sign]]))
