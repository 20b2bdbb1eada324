/**
 * Authentication as CVAT's DEFAULT_AUTHENTICATION_CLASSES run it (cvat/settings/base.py
 * REST_FRAMEWORK): Token, then Bearer access tokens (2.73), signed URLs (2.26), the session
 * cookie with Django's CSRF check on unsafe methods, and HTTP Basic. The first scheme that
 * applies decides; a request none applies to is anonymous.
 */
import type { Caller, EmulatorConfig } from './env'
import { type Or, detail } from './http'
import type { EmulatedUser, EmulatorState } from './model'

const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE']

// DRF answers every 401 with the first authenticator's header (rest_framework/views.py
// get_authenticate_header), and CVAT's first one is TokenAuthentication.
const unauthorized = (message: string) => detail(401, message, { 'www-authenticate': 'Token' })

/** DRF's 401 when a view needs a user and none was given. */
export const notAuthenticated = () => unauthorized('Authentication credentials were not provided.')

/** Reads the Cookie header as Django does. */
export const cookies = (header: string | null): Map<string, string> =>
  new Map(
    (header ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2 && kv[0] !== '')
      .map(([k, v]) => [k, v]),
  )

const decodeBasic = (b64: string): string | undefined => {
  try {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    // DRF tries UTF-8, then latin-1 (rest_framework/authentication.py BasicAuthentication).
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      return new TextDecoder('latin1').decode(bytes)
    }
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

const active = (user: EmulatedUser | undefined, via: Caller['via'], extra: Partial<Caller> = {}): Or<Caller | undefined> =>
  user === undefined ? undefined : user.isActive ? { user, via, ...extra } : unauthorized('User inactive or deleted.')

const byToken = (s: EmulatorState, value: string): Or<Caller | undefined> => {
  const id = s.tokens.get(value)
  const user = id === undefined ? undefined : s.users.find((u) => u.id === id)
  return user ? active(user, 'token') : unauthorized('Invalid token.')
}

// access_tokens/models.py: usable = not revoked, not expired; each use is recorded at most every 2 h
// (ACCESS_TOKEN_LAST_USE_UPDATE_MIN_INTERVAL).
const byAccessToken = (s: EmulatorState, value: string, now: number): Or<Caller | undefined> => {
  const token = s.accessTokens.find((t) => t.value === value && !t.revoked && (t.expiryDate === null || t.expiryDate >= now))
  const user = token && s.users.find((u) => u.id === token.ownerId)
  if (!user || !token) return unauthorized('Invalid token.')
  if (token.lastUsedDate === null || now >= token.lastUsedDate + 7_200_000) token.lastUsedDate = now
  return active(user, 'bearer', { accessToken: token })
}

const byBasic = (s: EmulatorState, value: string): Or<Caller | undefined> => {
  if (value === '') return unauthorized('Invalid basic header. No credentials provided.')
  if (value.includes(' ')) return unauthorized('Invalid basic header. Credentials string should not contain spaces.')
  const decoded = decodeBasic(value)
  const sep = decoded?.indexOf(':') ?? -1
  if (decoded === undefined || sep < 0) return unauthorized('Invalid basic header. Credentials not correctly base64 encoded.')
  const user = s.users.find((u) => !u.isPlaceholder && u.username === decoded.slice(0, sep) && u.password === decoded.slice(sep + 1))
  return user ? active(user, 'basic') : unauthorized('Invalid username/password.')
}

// Django's CsrfViewMiddleware compares the X-CSRFToken header with the csrftoken cookie.
const csrfProblem = (req: Request, jar: Map<string, string>) => {
  if (!UNSAFE.includes(req.method)) return undefined
  const cookie = jar.get('csrftoken')
  const sent = req.headers.get('x-csrftoken')
  if (cookie === undefined) return detail(403, 'CSRF Failed: CSRF cookie not set.')
  if (sent === null) return detail(403, 'CSRF Failed: CSRF token missing.')
  return sent === cookie ? undefined : detail(403, 'CSRF Failed: CSRF token incorrect.')
}

const bySession = (s: EmulatorState, req: Request): Or<Caller | undefined> => {
  const jar = cookies(req.headers.get('cookie'))
  const sessionId = jar.get('sessionid')
  const session = sessionId === undefined ? undefined : s.sessions.get(sessionId)
  const user = session && s.users.find((u) => u.id === session.userId && u.isActive)
  if (!user) return undefined
  return csrfProblem(req, jar) ?? { user, via: 'session', ...(sessionId === undefined ? {} : { sessionId }) }
}

/** Authenticates a request: the caller, `undefined` (anonymous), or the 401/403 that refuses it. */
export const authenticate = (s: EmulatorState, config: EmulatorConfig, req: Request, url: URL, now: number): Or<Caller | undefined> => {
  const [scheme = '', ...rest] = (req.headers.get('authorization') ?? '').split(' ')
  const keyword = scheme.toLowerCase()
  if (keyword === 'token') {
    if (rest.length === 0) return unauthorized('Invalid token header. No credentials provided.')
    if (rest.length > 1) return unauthorized('Invalid token header. Token string should not contain spaces.')
    return byToken(s, rest[0] ?? '')
  }
  if (keyword === 'bearer' && config.serverVersion === '2.73') return byAccessToken(s, rest.join(' '), now)
  const sign = config.serverVersion === '2.26' ? url.searchParams.get('sign') : null
  if (sign !== null) {
    const minted = s.signatures.get(sign)
    const user = minted && minted.expires > now && minted.url === unsignedUrl(url) ? s.users.find((u) => u.id === minted.userId) : undefined
    return user ? active(user, 'signature') : unauthorized('Invalid signature.')
  }
  const session = bySession(s, req)
  if (session !== undefined) return session
  return keyword === 'basic' ? byBasic(s, rest.join(' ')) : undefined
}
