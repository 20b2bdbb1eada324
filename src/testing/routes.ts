/**
 * The URL map (each CVAT app's urls.py: DRF routers without trailing slashes, so `/api/users/` is
 * Django's 404) and the order DRF runs its checks in (rest_framework/views.py initial):
 * route, content negotiation, authentication, permission (IsAuthenticated), then the method.
 */
import { type Scheme, authenticate, defaultSchemes, notAuthenticated } from './authn'
import { resolveContext } from './context'
import { dataRoutes } from './engine/data/routes'
import { engineRoutes } from './engine/routes'
import type { AuthedEnv, EmulatorConfig, Env } from './env'
import { type Reply, detail, isReply, json, methodNotAllowed, noRoute } from './http'
import type { EmulatorState } from './model'
import { throttle } from './throttle'
import * as Tokens from './views/accessTokens'
import * as Act from './views/invitationActions'
import * as Auth from './views/auth'
import * as Inv from './views/invitations'
import * as Mem from './views/memberships'
import * as Org from './views/organizations'
import * as Usr from './views/users'

type Handler = (env: AuthedEnv, param: string) => Reply | Promise<Reply>
type AnonHandler = (env: Env, param: string) => Reply

interface Route {
  readonly path: RegExp
  readonly methods: Readonly<Record<string, Handler>>
  /** Handlers that anonymous callers reach (AllowAny). */
  readonly anonymous?: Readonly<Record<string, AnonHandler>>
  readonly only?: EmulatorConfig['serverVersion']
  /** The view's own authentication classes, when not CVAT's defaults. */
  readonly authn?: (version: EmulatorConfig['serverVersion']) => ReadonlyArray<Scheme>
  /** Whether the view reads the body itself (uploads), so the emulator must not parse it first. */
  readonly raw?: (req: Request, url: URL) => boolean
}

const P = '([^/.]+)'
const route = (path: string, methods: Route['methods'], extra: Omit<Route, 'path' | 'methods'> = {}): Route => ({
  path: new RegExp(`^${path.replace('{p}', P)}$`),
  methods,
  ...extra,
})

const ROUTES = (version: EmulatorConfig['serverVersion']): ReadonlyArray<Route> => [
  route('/api/auth/login', {}, { anonymous: { POST: Auth.login } }),
  route('/api/auth/logout', {}, { anonymous: { POST: Auth.logout } }),
  route('/api/auth/register', {}, { anonymous: { POST: Auth.register } }),
  // iam/urls.py: every default class but AccessTokenAuthentication.
  route('/api/auth/password/change', { POST: Auth.passwordChange }, { authn: (v) => defaultSchemes(v).filter((c) => c !== 'bearer') }),
  route('/api/auth/password/reset', {}, { anonymous: { POST: Auth.passwordReset } }),
  route('/api/auth/password/reset/confirm', {}, { anonymous: { POST: Auth.passwordResetConfirm } }),
  route('/api/auth/signing', { POST: Auth.signing }, { only: '2.26' }),
  route('/api/auth/access_tokens', { GET: Tokens.list, POST: Tokens.create }, { only: '2.73' }),
  // access_tokens/views.py: the `self` action authenticates with AccessTokenAuthentication only.
  route('/api/auth/access_tokens/self', {}, { anonymous: { GET: Tokens.self }, only: '2.73', authn: () => ['bearer'] }),
  route('/api/auth/access_tokens/{p}', { GET: Tokens.retrieve, PATCH: Tokens.partialUpdate, DELETE: Tokens.destroy }, { only: '2.73' }),
  route('/api/users', { GET: Usr.list }),
  route('/api/users/self', { GET: Usr.self }),
  route('/api/users/{p}', { GET: Usr.retrieve, PATCH: Usr.partialUpdate, DELETE: Usr.destroy }),
  route('/api/organizations', { GET: Org.list, POST: Org.create }),
  route('/api/organizations/{p}', { GET: Org.retrieve, PATCH: Org.partialUpdate, DELETE: Org.destroy }),
  route('/api/memberships', { GET: Mem.list }),
  route('/api/memberships/{p}', { GET: Mem.retrieve, PATCH: Mem.partialUpdate, DELETE: Mem.destroy }),
  route('/api/invitations', { GET: Inv.list, POST: Inv.create }),
  // 2.70 removed PATCH /api/invitations/{key} (405).
  route('/api/invitations/{p}', version === '2.26' ? { GET: Inv.retrieve, PATCH: Act.partialUpdate, DELETE: Inv.destroy } : { GET: Inv.retrieve, DELETE: Inv.destroy }),
  route('/api/invitations/{p}/accept', { POST: Act.accept }),
  route('/api/invitations/{p}/decline', { POST: Act.decline }),
  route('/api/invitations/{p}/resend', { POST: Act.resend }),
  // The data side first: its detail=False actions (tasks/backup) precede the router's {pk} routes, as in DRF.
  ...dataRoutes(version).map((r) => route(r.path, r.methods, r.raw ? { raw: r.raw } : {})),
  ...engineRoutes(version).map((r) => route(r.path, r.methods)),
]

const decode = (raw: string): string | undefined => {
  try {
    return decodeURIComponent(raw)
  } catch {
    return undefined
  }
}

/** The route for a path, with its path parameter; `undefined` is Django's 404. */
export const findRoute = (config: EmulatorConfig, pathname: string): { readonly route: Route; readonly param: string } | undefined => {
  for (const r of ROUTES(config.serverVersion)) {
    if (r.only !== undefined && r.only !== config.serverVersion) continue
    const m = r.path.exec(pathname)
    const param = m && decode(m[1] ?? '')
    if (m && param !== undefined && param !== null) return { route: r, param }
  }
  return undefined
}

/** The methods a route answers, for the Allow header and OPTIONS. */
export const allowed = (r: Route | undefined): string => {
  if (!r) return 'GET, HEAD, OPTIONS'
  const ms = [...Object.keys(r.methods), ...Object.keys(r.anonymous ?? {})]
  return [...ms, ...(ms.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ')
}

// rest_framework/negotiation.py and versioning.py (ALLOWED_VERSIONS = ('2.0',) in cvat/settings/base.py).
/** Content negotiation and versioning, or the 406 that refuses the Accept header. */
export const versionProblem = (accept: string | null): Reply | undefined => {
  if (accept === null || accept.trim() === '') return undefined
  const ranges = accept.split(',').map((r) => r.trim().toLowerCase())
  const version = ranges.flatMap((r) => /;\s*version\s*=\s*"?([^";,\s]+)/.exec(r)?.[1] ?? [])[0]
  if (version !== undefined && version !== '2.0') return detail(406, 'Invalid version in "Accept" header.')
  const acceptable = ranges.some((r) => /^(\*\/\*|application\/\*|application\/json|application\/vnd\.cvat\+json)(;|$)/.test(r))
  return acceptable ? undefined : detail(406, 'Could not satisfy the request Accept header.')
}

/** Runs one request through DRF's checks and the view. */
export const dispatch = (s: EmulatorState, config: EmulatorConfig, req: Request, url: URL, body: Env['body'], now: number): Reply | Promise<Reply> => {
  const found = findRoute(config, url.pathname)
  if (!found) return noRoute()
  const refused = versionProblem(req.headers.get('accept'))
  if (refused) return refused
  const schemes = found.route.authn?.(config.serverVersion) ?? defaultSchemes(config.serverVersion)
  const who = authenticate(s, req, url, now, schemes)
  if (isReply(who)) return who
  const method = req.method === 'HEAD' ? 'GET' : req.method
  const base: Env = { s, config, req, url, origin: url.origin, caller: who, ctx: { kind: 'any' }, now, body }
  const anon = found.route.anonymous?.[method]
  // AnonRateThrottle runs after the permission check, so only AllowAny views count anonymous
  // requests (one bucket: the emulator does not see client addresses).
  if (anon) return (who === undefined ? throttle(s, 'anon', config.anonRateLimit, 60_000, now) : undefined) ?? anon(base, found.param)
  const handler = found.route.methods[method]
  // AllowAny views answer 405 to anyone; the others check IsAuthenticated before the method.
  const allowAny = found.route.anonymous !== undefined && Object.keys(found.route.methods).length === 0
  if (who === undefined && !allowAny) return notAuthenticated(schemes)
  if (method === 'OPTIONS') return json(200, { name: url.pathname, renders: ['application/vnd.cvat+json'], parses: ['application/json'] })
  if (!handler || who === undefined) return methodNotAllowed(req.method)
  const ctx = resolveContext(s, req, url)
  if (isReply(ctx)) return ctx
  return handler({ ...base, caller: who, user: who.user, ctx }, found.param)
}
