// Raw HTTP against a served emulator: what a user's own script sends, with no client in between.
import { afterAll, beforeAll } from 'vitest'
import { type CvatEmulator, type CvatEmulatorOptions, createCvatEmulator } from '../../src/testing'
import { type ServedEmulator, serveCvatEmulator } from '../../src/testing/node'

/** One answer: status, parsed body (or null), and the headers that matter here. */
export interface Answer {
  readonly status: number
  readonly body: unknown
  readonly headers: Headers
}

/** How a request authenticates: a seeded username (token), explicit headers, or nobody. */
export type As = string | null | { readonly headers: Record<string, string> }

export interface Server {
  emulator: CvatEmulator
  served: ServedEmulator
  /** Sends one request over a real socket on 127.0.0.1. */
  call: (as: As, method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>
}

/** Sends a request to `base`; `as` names a seeded user (authenticated by token). */
export const callAt =
  (base: () => string, emulator: () => CvatEmulator) =>
  async (as: As, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const auth = as === null ? {} : typeof as === 'string' ? { authorization: `Token ${emulator().credentials(as).token}` } : as.headers
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { accept: 'application/vnd.cvat+json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...auth, ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await res.text()
    return { status: res.status, body: text === '' ? null : JSON.parse(text), headers: res.headers }
  }

/** Serves a fresh emulator for the enclosing describe block. */
export const serve = (options: CvatEmulatorOptions = {}): Server => {
  const server = {} as Server
  beforeAll(async () => {
    server.emulator = createCvatEmulator(options)
    server.served = await serveCvatEmulator(server.emulator)
    server.call = callAt(() => server.served.url, () => server.emulator)
  })
  afterAll(async () => {
    await server.served?.close()
  })
  return server
}

/** The answer without its headers, for whole-value comparison. */
export const sb = (a: Answer) => ({ status: a.status, body: a.body })

export const FORBIDDEN = { status: 403, body: { detail: 'You do not have permission to perform this action.' } }
export const notFound = (model: string) => ({ status: 404, body: { detail: `No ${model} matches the given query.` } })

/** The usernames of a page of users, memberships or invitations. */
export const names = (a: Answer): string[] =>
  ((a.body as { results?: ReadonlyArray<{ username?: string; user?: { username: string }; slug?: string }> }).results ?? []).map((r) => r.username ?? r.user?.username ?? r.slug ?? '?')
