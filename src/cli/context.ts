/// <reference types="node" />
/**
 * What every command shares: the process's streams and environment as plain values (so the
 * commands never reach for globals), the client built from `--url` and the environment's
 * credentials, usage errors, tables and progress. Built only on cvat-fp's public API.
 */
import { type Client, type CvatError, basicAuth, bearerAuth, createClient, formatError, login, redactUrl, retry, timeout, tokenAuth } from '../index'

/** The outside world a command talks to. */
export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** Whether stderr is a terminal (progress is drawn only there). */
  readonly errIsTty: boolean
  /** Whether stdout is a terminal (a file is never poured onto one). */
  readonly outIsTty: boolean
  /** Standard output as bytes, for a file written to a pipe (`out` is for text, escaped). */
  readonly stdout: NodeJS.WritableStream
  /** Standard input, for a body given as `-`. */
  readonly stdin: NodeJS.ReadableStream
  /** The folder relative paths start from. */
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly now: () => number
  /** Reads a line without echo from the terminal; undefined when stdin is not a terminal. */
  readonly readSecret: (prompt: string) => Promise<string | undefined>
}

/** Exit codes: every item succeeded, some item failed, usage or configuration error. */
export type Exit = 0 | 1 | 2

/** A usage or configuration problem: reported on stderr, exit 2, nothing sent. */
export interface Usage {
  readonly _tag: 'Usage'
  readonly message: string
}

export const usage = (message: string): Usage => ({ _tag: 'Usage', message })

export const isUsage = (u: unknown): u is Usage => typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === 'Usage'

/** Global flags every command accepts. */
export const GLOBAL_OPTIONS = {
  url: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

/** Why a credential comes from the environment only: a flag would show in `ps` and shell history. */
export const CREDENTIALS_HELP = `Environment:
  CVAT_URL              the server (or --url)
  CVAT_ACCESS_TOKEN     personal access token (Authorization: Bearer)
  CVAT_TOKEN            API token from /api/auth/login (Authorization: Token)
  CVAT_USERNAME, CVAT_PASSWORD   HTTP Basic
Credentials come only from the environment, never from flags (flags show in ps).`

/**
 * A command that failed (a refused request, an unknown member): exit 1. `main` prints the message
 * on stderr and, with --json, `{"error": …}` on stdout, so a script always gets one JSON document.
 */
export interface Fault {
  readonly _tag: 'Fault'
  readonly error: { readonly _tag: string; readonly message: string; readonly status?: number }
}

/** Builds a Fault from a tag, its message line and, for a refused request, the status. */
export const fault = (tag: string, message: string, status?: number): Fault => ({ _tag: 'Fault', error: { _tag: tag, message, ...(status === undefined ? {} : { status }) } })

/** The library's failure as a Fault: its tag, its formatError line (which never holds a credential), its status. */
export const faultOf = (e: CvatError): Fault => fault(e._tag, formatError(e), e._tag === 'StatusError' ? e.status : undefined)

/** Tells a Fault from an exit code or a value. */
export const isFault = (u: unknown): u is Fault => typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === 'Fault'

/** Checks `--url` / `CVAT_URL`; a missing or odd one is a usage error. */
export const baseUrlOf = (io: Io, url: string | undefined): string | Usage => {
  const baseUrl = url ?? io.env['CVAT_URL']
  if (baseUrl === undefined || baseUrl === '') return usage('no server: pass --url or set CVAT_URL')
  const redacted = redactUrl(baseUrl)
  const shown = JSON.stringify(redacted)
  if (!/^https?:\/\/[^/?#]+/i.test(baseUrl)) return usage(`--url / CVAT_URL must be an http(s) URL, got ${shown}`)
  // A password in a URL shows in ps, in shell history and in every log line quoting the URL; the
  // client refuses it anyway. Say where it belongs instead.
  if (redacted !== baseUrl) return usage(`--url / CVAT_URL must not hold a user name or password (a URL shows in ps and in logs): set CVAT_USERNAME and CVAT_PASSWORD instead, got ${shown}`)
  // Paths are joined to it as text: a query or fragment would swallow every path.
  if (/[?#]/.test(baseUrl)) return usage(`--url / CVAT_URL must have no query or fragment, got ${shown}`)
  // Every path already starts with /api: a base ending in /api would send /api/api/… (CVAT: 404).
  const api = /\/api\/*$/i.exec(baseUrl)
  return api ? usage(`--url / CVAT_URL is the server's address, without /api (cvat-fp adds /api/… itself): use ${baseUrl.slice(0, api.index)}`) : baseUrl
}

// Each attempt gets 30 s; retry honours CVAT's Retry-After up to a minute (never its hour-long resend throttle).
// A command that sends files gives each attempt an hour: 100 MiB in one request at 2 MiB/s takes 50 s.
const ATTEMPT_MS = 30_000
/** How long one attempt of a request that carries a file may take. */
export const TRANSFER_MS = 3_600_000

/** Sends an address as `email`, anything else as `username` (CVAT's login takes either). */
export const credentialsOf = (name: string, password: string) => (name.includes('@') ? { email: name, password } : { username: name, password })

/**
 * Builds the client from `--url` and the environment's credential; a missing one is a usage error,
 * before any request. A username and password log in (`login`), except in a dry run, which sends
 * HTTP Basic instead: it must not send even a login POST.
 */
export const connect = async (io: Io, url: string | undefined, dryRun: boolean, attemptMs: number = ATTEMPT_MS): Promise<Client | Usage | Fault> => {
  const baseUrl = baseUrlOf(io, url)
  if (isUsage(baseUrl)) return baseUrl
  const resilient = (c: Client): Client => retry()(timeout(attemptMs)(c))
  const { CVAT_ACCESS_TOKEN: bearer, CVAT_TOKEN: token, CVAT_USERNAME: username, CVAT_PASSWORD: password } = io.env
  const plain = createClient({ baseUrl })
  if (bearer) return resilient(bearerAuth(bearer)(plain))
  if (token) return resilient(tokenAuth(token)(plain))
  if (!username || !password) return usage('no credential: set CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME and CVAT_PASSWORD')
  if (dryRun) return resilient(basicAuth({ username, password })(plain))
  const session = await login(resilient(plain), credentialsOf(username, password))()
  return session._tag === 'Right' ? session.right : faultOf(session.left)
}

/** Parses `7d` or `12h` into milliseconds. */
export const parseAge = (flag: string, text: string | undefined): number | undefined | Usage => {
  if (text === undefined) return undefined
  const m = /^(\d{1,6})([hd])$/.exec(text)
  return m ? Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000) : usage(`${flag} takes a number of hours or days, like 12h or 7d; got ${JSON.stringify(text)}`)
}

/** Parses a positive integer flag. */
export const parseCount = (flag: string, text: string | undefined): number | undefined | Usage => {
  if (text === undefined) return undefined
  return /^[1-9]\d{0,5}$/.test(text) ? Number(text) : usage(`${flag} takes a positive integer, got ${JSON.stringify(text)}`)
}

// The library's ceiling (MAX_CONCURRENCY, not public): the CLI uses only the public API, and
// test/cli/json-failures.test.ts fails if the two ever differ.
const MAX_CONCURRENCY = 64

/**
 * Parses `--concurrency`: the library refuses anything outside 1..MAX_CONCURRENCY for every row,
 * so such a value is a usage error here, before any request.
 */
export const parseConcurrency = (text: string | undefined): number | undefined | Usage => {
  if (text === undefined) return undefined
  const n = /^\d{1,6}$/.test(text) ? Number(text) : 0
  return n >= 1 && n <= MAX_CONCURRENCY ? n : usage(`--concurrency must be an integer from 1 to ${MAX_CONCURRENCY}, got ${JSON.stringify(text)}`)
}

// C0 and C1 controls but the newline, bidi controls, line and paragraph separators, BOM: what a
// server sends (a name, a key) could otherwise clear the screen, set the title, write the
// clipboard (OSC 52) or reorder what is read. Inside a JSON string the escape means the same.
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g

/** Shows control and bidi characters as `\uXXXX` escapes, so text printed on a terminal is only text. */
export const printable = (text: string): string => text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

/** Cuts a table cell to `max` characters (tables fit 100 columns; --json has every value whole), after escaping. */
export const cell = (text: string, max: number): string => {
  const shown = printable(text)
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown
}

/** Lays out rows under a header, columns padded to their widest cell (a newline in a cell escaped too). */
export const table = (header: ReadonlyArray<string>, given: ReadonlyArray<ReadonlyArray<string>>): string => {
  const rows = given.map((r) => r.map((c) => printable(c).replace(/\n/g, '\\u000a')))
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}

/** Draws `done/total, failed` on stderr, in place, only when stderr is a terminal. */
export const progress = (io: Io) => ({
  update: (p: { readonly done: number; readonly failed: number; readonly total: number }): void => {
    if (io.errIsTty) io.err(`\r${p.done}/${p.total} done, ${p.failed} failed`)
  },
  finish: (): void => {
    if (io.errIsTty) io.err('\r\x1b[K')
  },
})
