/**
 * Authentication as DRF runs a view's authentication classes (rest_framework/views.py
 * perform_authentication): CVAT's DEFAULT_AUTHENTICATION_CLASSES (cvat/settings/base.py) are Token,
 * then Bearer access tokens on 2.73 (access_tokens/authentication.py) or signed URLs on 2.26, the
 * session cookie with Django's CSRF check on unsafe methods, and HTTP Basic; a view may name its
 * own (iam/urls.py: password change without Bearer; access_tokens/views.py: `self` with Bearer
 * only). The first class that applies decides; a request none applies to is anonymous, and every
 * 401 challenges with the view's first class (views.py get_authenticate_header).
 */
import type { Caller, EmulatorConfig } from './env'
import { type Or, detail } from './http'
import type { EmulatedUser, EmulatorState } from './model'
import { accessTokenUsable } from './store'

/** One of DRF's authentication classes, as CVAT configures it. */
export type Scheme = 'token' | 'bearer' | 'signature' | 'session' | 'basic'

/** CVAT's DEFAULT_AUTHENTICATION_CLASSES for a server generation. */
export const defaultSchemes = (version: EmulatorConfig['serverVersion']): ReadonlyArray<Scheme> =>
  version === '2.26' ? ['token', 'signature', 'session', 'basic'] : ['token', 'bearer', 'session', 'basic']

// authenticate_header of each class: TokenAuthentication.keyword, BasicAuthentication's realm.
const CHALLENGE: Readonly<Record<Scheme, string | undefined>> = { token: 'Token', bearer: 'Bearer', basic: 'Basic realm="api"', signature: undefined, session: undefined }

/** The 401 a view with these classes answers (a 403 when its first class challenges nothing, as DRF does). */
export const unauthorized = (schemes: ReadonlyArray<Scheme>, message: string) => {
  const challenge = CHALLENGE[schemes[0] ?? 'token']
  return challenge === undefined ? detail(403, message) : detail(401, message, { 'www-authenticate': challenge })
}

/** DRF's 401 when a view needs a user and none was given. */
export const notAuthenticated = (schemes: ReadonlyArray<Scheme> = ['token']) => unauthorized(schemes, 'Authentication credentials were not provided.')

/** Reads the Cookie header as Django does. */
export const cookies = (header: string | null): Map<string, string> =>
  new Map(
    (header ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2 && kv[0] !== '')
      .map(([k, v]) => [k, v]),
  )

// A header value is bytes (each character one byte, as fetch and node:http give them).
const bytesOf = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)
const utf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

// Python's base64.b64decode: characters outside the alphabet are discarded, padding must be right.
const decodeBasic = (b64: string): string | undefined => {
  const kept = b64.replace(/[^A-Za-z0-9+/=]/g, '')
  if (kept.length % 4 !== 0) return undefined
  try {
    const bytes = bytesOf(atob(kept))
    // DRF tries UTF-8, then latin-1 (rest_framework/authentication.py BasicAuthentication).
    return utf8(bytes) ?? new TextDecoder('latin1').decode(bytes)
  } catch {
    return undefined
  }
}

/** The URL a signature covers: the request URL without its `sign` parameter. */
export const unsignedUrl = (url: URL): string => {
  const copy = new URL(url.href)
  copy.searchParams.delete('sign')
  return copy.pathname + copy.search
}

type Step = Or<Caller | undefined>

const active = (user: EmulatedUser | undefined, via: Caller['via'], fail: (m: string) => Step, extra: Partial<Caller> = {}): Step =>
  user === undefined ? undefined : user.isActive ? { user, via, ...extra } : fail('User inactive or deleted.')

// TokenAuthentication.authenticate (and AccessTokenAuthentication, its subclass with keyword
// Bearer): the header split on ASCII whitespace (bytes.split()), the keyword in any case, exactly
// one credential, which must be UTF-8.
const keyed = (parts: ReadonlyArray<string>, keyword: string, fail: (m: string) => Step, check: (key: string) => Step): Step => {
  if (parts[0]?.toLowerCase() !== keyword) return undefined
  if (parts.length === 1) return fail('Invalid token header. No credentials provided.')
  if (parts.length > 2) return fail('Invalid token header. Token string should not contain spaces.')
  const key = utf8(bytesOf(parts[1] ?? ''))
  return key === undefined ? fail('Invalid token header. Token string should not contain invalid characters.') : check(key)
}

const byToken = (s: EmulatorState, key: string, fail: (m: string) => Step): Step => {
  const id = s.tokens.get(key)
  const user = id === undefined ? undefined : s.users.find((u) => u.id === id)
  return user ? active(user, 'token', fail) : fail('Invalid token.')
}

// access_tokens/models.py: only usable keys (not revoked, not expired, not stale) authenticate;
// each use is recorded at most every 2 h (ACCESS_TOKEN_LAST_USE_UPDATE_MIN_INTERVAL).
const byAccessToken = (s: EmulatorState, key: string, now: number, fail: (m: string) => Step): Step => {
  const token = s.accessTokens.find((t) => t.value === key && accessTokenUsable(t, now))
  const user = token && s.users.find((u) => u.id === token.ownerId)
  if (!user || !token) return fail('Invalid token.')
  if (token.lastUsedDate === null || now >= token.lastUsedDate + 7_200_000) token.lastUsedDate = now
  return active(user, 'bearer', fail, { accessToken: token })
}

const byBasic = (s: EmulatorState, parts: ReadonlyArray<string>, fail: (m: string) => Step): Step => {
  if (parts[0]?.toLowerCase() !== 'basic') return undefined
  if (parts.length === 1) return fail('Invalid basic header. No credentials provided.')
  if (parts.length > 2) return fail('Invalid basic header. Credentials string should not contain spaces.')
  const decoded = decodeBasic(parts[1] ?? '')
  const sep = decoded?.indexOf(':') ?? -1
  if (decoded === undefined || sep < 0) return fail('Invalid basic header. Credentials not correctly base64 encoded.')
  const user = s.users.find((u) => !u.isPlaceholder && u.username === decoded.slice(0, sep) && u.password === decoded.slice(sep + 1))
  return user ? active(user, 'basic', fail) : fail('Invalid username/password.')
}

// Django's CSRF tokens (django/middleware/csrf.py): 32 letters and digits (the secret), or 64
// (a mask, then the secret ciphered with it).
const CSRF_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const formatProblem = (token: string): string | undefined =>
  token.length !== 32 && token.length !== 64 ? 'has incorrect length' : /[^a-zA-Z0-9]/.test(token) ? 'has invalid characters' : undefined
const unmask = (token: string): string =>
  token.length !== 64
    ? token
    : Array.from(token.slice(32), (c, i) => CSRF_CHARS[(CSRF_CHARS.indexOf(c) - CSRF_CHARS.indexOf(token.charAt(i)) + 62) % 62]).join('')

// CsrfViewMiddleware.process_view for an unsafe method: an Origin must be the server's own
// (CSRF_TRUSTED_ORIGINS is empty in production settings), then the cookie and the X-CSRFToken
// header must be well-formed and hold the same secret. Django's Referer check for https requests
// without an Origin is not modelled.
const csrfProblem = (req: Request, url: URL, jar: Map<string, string>): string | undefined => {
  if (['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(req.method)) return undefined
  const origin = req.headers.get('origin')
  // SECURE_PROXY_SSL_HEADER and USE_X_FORWARDED_HOST (cvat/settings/base.py).
  const scheme = req.headers.get('x-forwarded-proto') === 'https' ? 'https:' : url.protocol
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? url.host
  if (origin !== null && origin !== `${scheme}//${host}`) return `Origin checking failed - ${origin} does not match any trusted origins.`
  const cookie = jar.get('csrftoken')
  if (cookie === undefined) return 'CSRF cookie not set.'
  const badCookie = formatProblem(cookie)
  if (badCookie !== undefined) return `CSRF cookie ${badCookie}.`
  const sent = req.headers.get('x-csrftoken')
  if (sent === null) return 'CSRF token missing.'
  const badSent = formatProblem(sent)
  if (badSent !== undefined) return `CSRF token from the 'X-Csrftoken' HTTP header ${badSent}.`
  return unmask(sent) === unmask(cookie) ? undefined : "CSRF token from the 'X-Csrftoken' HTTP header incorrect."
}

const bySession = (s: EmulatorState, req: Request, url: URL): Step => {
  const jar = cookies(req.headers.get('cookie'))
  const sessionId = jar.get('sessionid')
  const session = sessionId === undefined ? undefined : s.sessions.get(sessionId)
  const user = session && s.users.find((u) => u.id === session.userId && u.isActive)
  if (!user) return undefined
  const problem = csrfProblem(req, url, jar)
  return problem !== undefined ? detail(403, `CSRF Failed: ${problem}`) : { user, via: 'session', ...(sessionId === undefined ? {} : { sessionId }) }
}

const bySignature = (s: EmulatorState, url: URL, now: number, fail: (m: string) => Step): Step => {
  const sign = url.searchParams.get('sign')
  if (sign === null) return undefined
  const minted = s.signatures.get(sign)
  const user = minted && minted.expires > now && minted.url === unsignedUrl(url) ? s.users.find((u) => u.id === minted.userId) : undefined
  return user ? active(user, 'signature', fail) : fail('Invalid signature.')
}

/** Authenticates a request with a view's classes: the caller, `undefined` (anonymous), or the 401/403 that refuses it. */
export const authenticate = (s: EmulatorState, req: Request, url: URL, now: number, schemes: ReadonlyArray<Scheme>): Step => {
  const fail = (message: string) => unauthorized(schemes, message)
  // get_authorization_header(request).split(): bytes split on runs of ASCII whitespace.
  const parts = (req.headers.get('authorization') ?? '').split(/[ \t\n\r\v\f]+/).filter((p) => p !== '')
  for (const scheme of schemes) {
    const step =
      scheme === 'token'
        ? keyed(parts, 'token', fail, (key) => byToken(s, key, fail))
        : scheme === 'bearer'
          ? keyed(parts, 'bearer', fail, (key) => byAccessToken(s, key, now, fail))
          : scheme === 'signature'
            ? bySignature(s, url, now, fail)
            : scheme === 'session'
              ? bySession(s, req, url)
              : byBasic(s, parts, fail)
    if (step !== undefined) return step
  }
  return undefined
}
