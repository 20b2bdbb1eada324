/**
 * Authentication as CVAT (Django REST framework) does it: token, bearer (personal access token),
 * session cookie with CSRF on unsafe methods, signed URL, and HTTP Basic.
 */
import type { EmulatedUser, EmulatorState } from './model'
import { type Reply, detail } from './http'

/** Who is calling, or the reply that refuses them. */
export type Authn = { readonly user: EmulatedUser } | { readonly reply: Reply }

const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE']

const unauthorized = (message: string, scheme = 'Token'): Authn => ({
  reply: detail(401, message, { 'www-authenticate': scheme }),
})

const cookies = (header: string | null): Map<string, string> =>
  new Map(
    (header ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2 && kv[0] !== '')
      .map(([k, v]) => [k, v]),
  )

const decodeBasic = (b64: string): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

const bySecret = (s: EmulatorState, pick: (u: EmulatedUser) => string, secret: string) =>
  s.users.find((u) => !u.isPlaceholder && pick(u) === secret)

/** The URL a signature covers: the request URL without its `sign` parameter. */
export const unsignedUrl = (url: URL): string => {
  const copy = new URL(url.href)
  copy.searchParams.delete('sign')
  return copy.pathname + copy.search
}

/** Authenticates a request, or says why not (401; 403 for a session without CSRF). */
export const authenticate = (s: EmulatorState, req: Request, url: URL, now: number): Authn => {
  const header = req.headers.get('authorization')
  if (header !== null) {
    const [scheme = '', ...rest] = header.split(' ')
    const value = rest.join(' ')
    switch (scheme.toLowerCase()) {
      case 'token': {
        const user = bySecret(s, (u) => u.token, value)
        return user ? { user } : unauthorized('Invalid token.')
      }
      case 'bearer': {
        const user = bySecret(s, (u) => u.accessToken, value)
        return user ? { user } : unauthorized('Invalid token.', 'Bearer')
      }
      case 'basic': {
        const decoded = decodeBasic(value)
        const sep = decoded?.indexOf(':') ?? -1
        const user = decoded && sep > 0 ? bySecret(s, (u) => u.username, decoded.slice(0, sep)) : undefined
        return user && decoded?.slice(sep + 1) === user.password
          ? { user }
          : unauthorized('Invalid username/password.', 'Basic realm="api"')
      }
    }
  }
  const sign = url.searchParams.get('sign')
  if (sign !== null) {
    const minted = s.signatures.get(sign)
    const user = minted && minted.expires > now && minted.url === unsignedUrl(url) ? s.users.find((u) => u.id === minted.userId) : undefined
    return user ? { user } : unauthorized('Invalid signature.')
  }
  const jar = cookies(req.headers.get('cookie'))
  const session = jar.get('sessionid')
  const user = session === undefined ? undefined : bySecret(s, (u) => u.sessionId, session)
  if (user === undefined) return unauthorized('Authentication credentials were not provided.')
  if (UNSAFE.includes(req.method)) {
    const cookie = jar.get('csrftoken')
    const sent = req.headers.get('x-csrftoken')
    if (cookie === undefined) return { reply: detail(403, 'CSRF Failed: CSRF cookie not set.') }
    if (sent === null) return { reply: detail(403, 'CSRF Failed: CSRF token missing.') }
    if (sent !== cookie || cookie !== user.csrfToken) return { reply: detail(403, 'CSRF Failed: CSRF token incorrect.') }
  }
  return { user }
}
