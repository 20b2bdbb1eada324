/**
 * An in-memory CVAT server — users, auth, organisations, memberships, invitations and (2.73)
 * access tokens — behind a fetch-compatible function: pass its `fetch` to
 * `createClient({ fetch })` to test against CVAT's behaviour with no port and no network.
 */
import type { EmulatorConfig, ServerVersion } from './env'
import { type Or, type Reply, detail, isReply, methodNotAllowed, toResponse } from './http'
import { type EmulatorState, credentialsOf, emptyState } from './model'
import { allowed, dispatch, findRoute } from './routes'
import { seedDemo } from './engine/demo'
import { dataConfig } from './engine/data/config'
import { readOptions } from './options'
import { tooDeep, tooDeepMessage } from './nesting'
import { DEFAULT_INVITATIONS, DEFAULT_ORGANIZATIONS, DEFAULT_USERS } from './seed'
import { type CvatAssets, type InvitationSeed, type OrganizationSeed, type UserSeed, seedState } from './seeding'

/**
 * Options of `createCvatEmulator`; every one has CVAT's default.
 *
 * @example
 * const emulator = createCvatEmulator({ serverVersion: '2.26', now: () => Date.parse('2026-01-01T00:00:00Z'), expiryDays: 3, emailBackend: false })
 */
export interface CvatEmulatorOptions {
  /** The server generation: '2.26' (signing, invitation PATCH) or '2.73' (access tokens, `accepted`); default '2.73'. */
  readonly serverVersion?: ServerVersion
  /** The clock, in epoch milliseconds (default `Date.now`). */
  readonly now?: () => number
  /** Random numbers in [0, 1) for keys (default: a fixed-seed generator, so runs repeat). */
  readonly random?: () => number
  /** Start from the default data set (default true). */
  readonly defaultSeed?: boolean
  readonly users?: ReadonlyArray<UserSeed>
  readonly organizations?: ReadonlyArray<OrganizationSeed>
  readonly invitations?: ReadonlyArray<InvitationSeed>
  /** CVAT's fixtures: the `results` arrays of its assets files, ids and groups kept. */
  readonly assets?: CvatAssets
  /** 'demo' adds a project in `acme` with labels, a task of ten frames cut into jobs, and annotations. */
  readonly seed?: 'demo'
  /** The password of every fixture user (default CVAT's test password `!Q@W#E$R`). */
  readonly password?: string
  /** Days before an e-mailed invitation expires (ORG_INVITATION_EXPIRY_DAYS, default 7). */
  readonly expiryDays?: number
  /** ORG_INVITATION_CONFIRM: when false (CVAT's default, 'No'), registered users are added at once with no e-mail. */
  readonly confirmInvitations?: boolean
  /** When false, sending e-mail fails with CVAT's 500 (default true: a deployment that sends mail). */
  readonly emailBackend?: boolean
  /** Resends allowed per user per window (default 5 per 3600 s). */
  readonly resendLimit?: number
  readonly resendWindowSeconds?: number
  /** Usable personal access tokens a user may hold (MAX_ACCESS_TOKENS_PER_USER, default 50; -1 = no limit). */
  readonly maxAccessTokens?: number
  /** Anonymous requests allowed per minute (AnonRateThrottle, default 100). */
  readonly anonRateLimit?: number
  /** Largest request body in bytes; larger ones get 413 (default 2.5 MB, Django's DATA_UPLOAD_MAX_MEMORY_SIZE). */
  readonly maxBodyBytes?: number
  /** Polls a background request takes to end: queued, started (progress k/n), then finished or failed (default 2; 0 ends at once). */
  readonly requestPolls?: number
  /** Bytes of uploaded files kept in memory at most; beyond, uploads get 413 (default 512 MiB). */
  readonly maxStoredBytes?: number
  /** Largest body of one upload request: a multipart request or a TUS chunk (default 100 MiB). */
  readonly maxUploadBytes?: number
  /** The server's file share for `server_files`: path → bytes (default empty). */
  readonly share?: Readonly<Record<string, Uint8Array>>
  /** What `remote_files` URLs download to; other URLs fail as unreachable (default none). */
  readonly remoteFiles?: Readonly<Record<string, Uint8Array>>
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
  /** Answers a request as a CVAT server would; resolves for any input (rejects only when aborted, as fetch does). */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  readonly state: EmulatorState
  readonly log: ReadonlyArray<LoggedRequest>
  /** Options and seed entries that could not be applied (a wrong-typed option, an unknown user or organisation). */
  readonly problems: ReadonlyArray<string>
  /** The credentials of a seeded user (fixture users have the `password` option's password). */
  readonly credentials: typeof credentialsOf
  readonly serverVersion: ServerVersion
  readonly maxBodyBytes: number
  /** The largest body an upload route (task data, imports, backups) accepts. */
  readonly maxUploadBytes: number
}

const mulberry32 = (seed: number) => (): number => {
  let t = (seed += 0x6d2b79f5)
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// DRF parses lazily (request.data), so a bad body is only an error where a view reads it.
const parseBody = (text: string, contentType: string): Or<unknown> => {
  if (text.trim() === '') return undefined
  const type = contentType.split(';')[0]?.trim() ?? ''
  if (!/^application\/(.+\+)?json$/.test(type)) return detail(415, `Unsupported media type "${type}" in request.`)
  const deep = tooDeep(text)
  if (deep !== undefined) return detail(400, tooDeepMessage(deep))
  try {
    return JSON.parse(text)
  } catch (e) {
    return detail(400, `JSON parse error - ${(e as Error).message}`)
  }
}

// Reads at most `limit` bytes, piece by piece: a larger body is refused before it is all in memory.
const readText = async (req: Request, limit: number): Promise<string | undefined> => {
  if (req.body === null) return ''
  const parts: Uint8Array[] = []
  let size = 0
  const reader = req.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return undefined
    }
    parts.push(value)
  }
  const bytes = new Uint8Array(size)
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0)
  return new TextDecoder().decode(bytes)
}

const KNOWN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

// Reads what it can: a throwing input, init or URL is a 400 answer, never a rejection.
const safely = <A>(read: () => A, fallback: A): A => {
  try {
    return read()
  } catch {
    return fallback
  }
}

/**
 * Creates an emulator seeded with the default data set plus whatever the options add. It never
 * throws: options that are not an object, cannot be read, or hold a wrong-typed value or an
 * unknown `serverVersion` fall back to CVAT's defaults, each reported as a line in `problems`.
 *
 * @example
 * const emulator = createCvatEmulator({ users: [{ username: 'zoe' }], organizations: [{ slug: 'lab', owner: 'zoe' }] })
 */
export const createCvatEmulator = (given: CvatEmulatorOptions = {}): CvatEmulator => {
  const { options, problems: optionProblems } = readOptions<CvatEmulatorOptions>(given)
  const config: EmulatorConfig = {
    serverVersion: options.serverVersion ?? '2.73',
    now: options.now ?? Date.now,
    random: options.random ?? mulberry32(0x5eed),
    expiryDays: options.expiryDays ?? 7,
    confirmInvitations: options.confirmInvitations ?? false,
    emailBackend: options.emailBackend ?? true,
    resendLimit: options.resendLimit ?? 5,
    resendWindowMs: (options.resendWindowSeconds ?? 3600) * 1000,
    anonRateLimit: options.anonRateLimit ?? 100,
    maxAccessTokens: options.maxAccessTokens ?? 50,
    password: options.password ?? '!Q@W#E$R',
    maxBodyBytes: options.maxBodyBytes ?? 2_621_440,
    data: dataConfig(options),
  }
  const withDefaults = options.defaultSeed ?? true
  const seeded = safely(
    () =>
      seedState(config, {
        ...(options.assets === undefined ? {} : { assets: options.assets }),
        users: [...(withDefaults ? DEFAULT_USERS : []), ...(options.users ?? [])],
        organizations: [...(withDefaults ? DEFAULT_ORGANIZATIONS : []), ...(options.organizations ?? [])],
        invitations: [...(withDefaults ? DEFAULT_INVITATIONS : []), ...(options.invitations ?? [])],
      }),
    { state: emptyState(), problems: ['the seed could not be applied (an option threw): starting empty'] },
  )
  const { state } = seeded
  const problems = [...optionProblems, ...seeded.problems]
  if (options.seed === 'demo') safely(() => seedDemo(state, config.now(), problems), undefined)
  else if (options.seed !== undefined) problems.push(`seed ${JSON.stringify(options.seed)} is not one of demo: no seed grown`)
  const log: LoggedRequest[] = []

  const answer = async (req: Request, url: URL): Promise<Reply> => {
    if (!KNOWN_METHODS.includes(req.method)) return methodNotAllowed(req.method)
    // Upload routes read their own bodies (multipart, TUS chunks), bounded by maxUploadBytes.
    if (findRoute(config, url.pathname)?.route.raw?.(req, url)) return dispatch(state, config, req, url, undefined, config.now())
    const text = await readText(req, config.maxBodyBytes)
    if (text === undefined) return detail(413, 'Request body is too large.')
    return dispatch(state, config, req, url, parseBody(text, req.headers.get('content-type') ?? ''), config.now())
  }

  const respond = (method: string, url: string, given: Reply, allow: string): Response => {
    // Rendering is ours too: a value it cannot render (seeded data, a bug) is still an answer.
    const reply = safely(() => (toResponse(given, allow), given), detail(500, 'A server error occurred.'))
    log.push({ method, url, status: reply.status })
    const res = toResponse(reply, allow)
    return method === 'HEAD' ? new Response(null, { status: res.status, headers: res.headers }) : res
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    let req: Request
    try {
      req = new Request(input, init)
    } catch {
      // Fetch refuses TRACE/CONNECT/TRACK and malformed URLs; a server answers them.
      const described = safely(() => (typeof input === 'object' && 'method' in input ? input : undefined), undefined)
      const method = safely(() => String(init?.method ?? described?.method ?? 'GET').toUpperCase(), 'GET')
      const reply = KNOWN_METHODS.includes(method) ? detail(400, 'Bad Request (400)') : methodNotAllowed(method)
      return respond(method, safely(() => String(described?.url ?? input), '(unreadable URL)'), reply, allowed(undefined))
    }
    if (req.signal.aborted) return Promise.reject(req.signal.reason)
    const url = new URL(req.url)
    let reply: Reply
    try {
      reply = await answer(req, url)
    } catch {
      // A bug of ours must still be an answer, never a rejection.
      reply = detail(500, 'A server error occurred.')
    }
    return respond(req.method, req.url, isReply(reply) ? reply : detail(500, 'A server error occurred.'), allowed(findRoute(config, url.pathname)?.route))
  }

  const credentials = (username: string) => {
    const user = state.users.find((u) => u.username === username)
    return { ...credentialsOf(username), ...(user ? { password: user.password } : {}) }
  }

  return { fetch, state, log, problems, credentials, serverVersion: config.serverVersion, maxBodyBytes: config.maxBodyBytes, maxUploadBytes: config.data?.maxUploadBytes ?? config.maxBodyBytes }
}
