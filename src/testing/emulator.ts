/**
 * An in-memory CVAT invitations server behind a fetch-compatible function: pass its `fetch` to
 * `createClient({ fetch })` to test against CVAT's behaviour with no port and no network.
 */
import * as A from './actions'
import { authenticate, unsignedUrl } from './authn'
import { resolveContext } from './context'
import type { Env, EmulatorConfig } from './env'
import { type Reply, detail, json, toResponse } from './http'
import { list } from './list'
import { type EmulatorState, type InvitationSeed, type OrganizationSeed, type UserSeed, credentialsOf } from './model'
import { DEFAULT_INVITATIONS, DEFAULT_ORGANIZATIONS, DEFAULT_USERS } from './seed'
import { seedState } from './seeding'

/**
 * Options of `createCvatEmulator`; every one has CVAT's default.
 *
 * @example
 * const emulator = createCvatEmulator({ now: () => Date.parse('2026-01-01T00:00:00Z'), expiryDays: 3, emailBackend: false })
 */
export interface CvatEmulatorOptions {
  /** The clock, in epoch milliseconds (default `Date.now`). */
  readonly now?: () => number
  /** Random numbers in [0, 1) for keys (default: a fixed-seed generator, so runs repeat). */
  readonly random?: () => number
  /** Start from the default data set (default true). */
  readonly defaultSeed?: boolean
  readonly users?: ReadonlyArray<UserSeed>
  readonly organizations?: ReadonlyArray<OrganizationSeed>
  readonly invitations?: ReadonlyArray<InvitationSeed>
  /** Days before an e-mailed invitation expires (default 7). */
  readonly expiryDays?: number
  /** When false, registered users are added at once with no e-mail (default true). */
  readonly confirmInvitations?: boolean
  /** When false, sending e-mail fails with CVAT's 500 (default true). */
  readonly emailBackend?: boolean
  /** Resends allowed per user per window (default 5 per 3600 s). */
  readonly resendLimit?: number
  readonly resendWindowSeconds?: number
}

/**
 * Records one request the emulator answered.
 *
 * @example
 * const writes = (log: ReadonlyArray<LoggedRequest>) => log.filter((r) => r.method !== 'GET').length
 */
export interface LoggedRequest {
  readonly method: string
  readonly url: string
  readonly status: number
}

/**
 * Exposes a running emulator: its fetch, its state for assertions, and its request log.
 *
 * @example
 * const emulator: CvatEmulator = createCvatEmulator()
 * const client = pipe(createClient({ baseUrl: 'https://cvat.test', fetch: emulator.fetch }), tokenAuth(emulator.credentials('olga').token))
 */
export interface CvatEmulator {
  /** Answers a request as a CVAT server would; pass it to `createClient({ fetch })`. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  readonly state: EmulatorState
  readonly log: ReadonlyArray<LoggedRequest>
  /** Seed entries that could not be applied (unknown user or organisation). */
  readonly problems: ReadonlyArray<string>
  /** The credentials of a seeded user. */
  readonly credentials: typeof credentialsOf
}

const mulberry32 = (seed: number) => (): number => {
  let t = (seed += 0x6d2b79f5)
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const KEY_ROUTE = /^\/api\/invitations\/([^/]+)(?:\/(accept|decline|resend))?\/?$/

const versionProblem = (accept: string | null): Reply | undefined => {
  if (accept === null || accept.trim() === '') return undefined
  const ranges = accept.split(',').map((r) => r.trim().toLowerCase())
  const version = ranges.flatMap((r) => /;\s*version\s*=\s*"?([^";,\s]+)/.exec(r)?.[1] ?? [])[0]
  if (version !== undefined && version !== '2.0') return detail(406, 'Invalid version in "Accept" header.')
  const acceptable = ranges.some((r) => /^(\*\/\*|application\/\*|application\/json|application\/vnd\.cvat\+json)(;|$)/.test(r))
  return acceptable ? undefined : detail(406, 'Could not satisfy the request Accept header.')
}

const readBody = async (req: Request): Promise<{ body: unknown } | { reply: Reply }> => {
  const text = await req.text()
  if (text.trim() === '') return { body: undefined }
  const type = (req.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? ''
  if (!/^application\/(.+\+)?json$/.test(type)) return { reply: detail(415, `Unsupported media type "${type}" in request.`) }
  try {
    return { body: JSON.parse(text) }
  } catch (e) {
    return { reply: detail(400, `JSON parse error - ${(e as Error).message}`) }
  }
}

const methodNotAllowed = (method: string): Reply => detail(405, `Method "${method}" not allowed.`)

const route = (env: Env): Reply => {
  const { req, url } = env
  const method = req.method === 'HEAD' ? 'GET' : req.method
  if (url.pathname === '/api/invitations' || url.pathname === '/api/invitations/')
    return method === 'GET' ? list(env) : method === 'POST' ? A.create(env) : methodNotAllowed(req.method)
  const m = KEY_ROUTE.exec(url.pathname)
  let key: string | undefined
  try {
    key = m?.[1] === undefined ? undefined : decodeURIComponent(m[1])
  } catch {
    key = undefined
  }
  if (!m || key === undefined) return detail(404, 'Not found.')
  const action = m[2]
  if (action !== undefined) {
    if (method !== 'POST') return methodNotAllowed(req.method)
    return action === 'accept' ? A.accept(env, key) : action === 'decline' ? A.decline(env, key) : A.resend(env, key)
  }
  switch (method) {
    case 'GET':
      return A.retrieve(env, key)
    case 'PATCH':
      return A.partialUpdate(env, key)
    case 'DELETE':
      return A.destroy(env, key)
    default:
      return methodNotAllowed(req.method)
  }
}

const authRoutes = (s: EmulatorState, config: EmulatorConfig, req: Request, url: URL, body: unknown, now: number): Reply | undefined => {
  if (url.pathname === '/api/auth/login' && req.method === 'POST') {
    const b = (body ?? {}) as { username?: unknown; email?: unknown; password?: unknown }
    const user = s.users.find(
      (u) => !u.isPlaceholder && (u.username === b.username || (typeof b.email === 'string' && u.email === b.email)) && u.password === b.password,
    )
    return user
      ? json(200, { key: user.token }, { 'set-cookie': `sessionid=${user.sessionId}; Path=/; HttpOnly, csrftoken=${user.csrfToken}; Path=/` })
      : json(400, { non_field_errors: ['Unable to log in with provided credentials.'] })
  }
  if (url.pathname === '/api/auth/signing' && req.method === 'POST') {
    const who = authenticate(s, req, url, now)
    if ('reply' in who) return who.reply
    const target = (body as { url?: unknown } | undefined)?.url
    if (typeof target !== 'string') return json(400, { url: ['This field is required.'] })
    const signed = new URL(target, url.origin)
    const sign = `${who.user.id}:${A.newKey(config.random).slice(0, 32)}`
    s.signatures.set(sign, { userId: who.user.id, url: unsignedUrl(signed), expires: now + 30_000 })
    return json(200, sign)
  }
  return undefined
}

/**
 * Creates an emulator seeded with the default data set plus whatever the options add.
 *
 * @example
 * const emulator = createCvatEmulator({ users: [{ username: 'zoe' }], organizations: [{ slug: 'lab', owner: 'zoe' }] })
 */
export const createCvatEmulator = (options: CvatEmulatorOptions = {}): CvatEmulator => {
  const config: EmulatorConfig = {
    now: options.now ?? Date.now,
    random: options.random ?? mulberry32(0x5eed),
    expiryDays: options.expiryDays ?? 7,
    confirmInvitations: options.confirmInvitations ?? true,
    emailBackend: options.emailBackend ?? true,
    resendLimit: options.resendLimit ?? 5,
    resendWindowMs: (options.resendWindowSeconds ?? 3600) * 1000,
  }
  const withDefaults = options.defaultSeed ?? true
  const { state, problems } = seedState(config, {
    users: [...(withDefaults ? DEFAULT_USERS : []), ...(options.users ?? [])],
    organizations: [...(withDefaults ? DEFAULT_ORGANIZATIONS : []), ...(options.organizations ?? [])],
    invitations: [...(withDefaults ? DEFAULT_INVITATIONS : []), ...(options.invitations ?? [])],
  })
  const log: LoggedRequest[] = []

  const answer = async (req: Request): Promise<Reply> => {
    const url = new URL(req.url)
    const now = config.now()
    const refused = versionProblem(req.headers.get('accept'))
    if (refused) return refused
    const read = await readBody(req)
    if ('reply' in read) return read.reply
    const auth = authRoutes(state, config, req, url, read.body, now)
    if (auth) return auth
    if (!url.pathname.startsWith('/api/invitations')) return detail(404, 'Not found.')
    const who = authenticate(state, req, url, now)
    if ('reply' in who) return who.reply
    const ctx = resolveContext(state, req, url)
    if ('reply' in ctx) return ctx.reply
    return route({ s: state, config, req, url, origin: url.origin, user: who.user, ctx, now, body: read.body })
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init)
    if (req.signal.aborted) return Promise.reject(req.signal.reason)
    const reply = await answer(req)
    log.push({ method: req.method, url: req.url, status: reply.status })
    const res = toResponse(reply)
    return req.method === 'HEAD' ? new Response(null, { status: res.status, headers: res.headers }) : res
  }

  return { fetch, state, log, problems, credentials: credentialsOf }
}
