/// <reference types="node" />
/**
 * The `cvat-fp` command line: its own entry (never imported by the library, so no library bundle
 * holds it), built on cvat-fp's public API and Node's `util.parseArgs` (no dependency). Exit 0
 * when every item succeeded, 1 when some failed, 2 for usage or configuration errors; errors are
 * `formatError` lines, never a stack trace or a credential.
 */
import { parseArgs } from 'node:util'
import type { Client } from '../index'
import { CREDENTIALS_HELP, type Exit, type Fault, GLOBAL_OPTIONS, type Io, type Usage, connect, fault, isFault, isUsage, printable } from './context'
import { emulator } from './emulator'
import { type InvitationFlags, bulkByKey, invite, list } from './invitations'
import { loginCommand } from './login'
import { ROLES, memberChange, membersList, orgsList } from './members'

declare const __CVAT_FP_VERSION__: string

type Spec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>
interface Command {
  readonly options: Spec
  readonly help: string
  readonly positionals?: boolean
  readonly run: (io: Io, values: Record<string, unknown>, positionals: ReadonlyArray<string>, stopped: () => Promise<unknown>) => Promise<Exit | Usage | Fault>
}

const ORG = { org: { type: 'string' } } as const
const WRITE = { 'dry-run': { type: 'boolean' }, concurrency: { type: 'string' } } as const

// Connects (usage errors before any request; a refused login is exit 1), then runs the command.
const connected =
  (needsOrg: boolean, run: (io: Io, client: Client, f: InvitationFlags & { org: string }, positionals: ReadonlyArray<string>) => Promise<Exit | Usage | Fault>): Command['run'] =>
  async (io, values, positionals) => {
    const org = values['org']
    if (needsOrg && (typeof org !== 'string' || org === '')) return { _tag: 'Usage', message: '--org SLUG is required' }
    const client = await connect(io, typeof values['url'] === 'string' ? values['url'] : undefined, values['dry-run'] === true)
    if (isUsage(client) || isFault(client)) return client
    return run(io, client, { ...values, org: typeof org === 'string' ? org : '' }, positionals)
  }

const COMMANDS: Readonly<Record<string, Command>> = {
  emulator: {
    options: { port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, server: { type: 'string' } },
    help: `cvat-fp emulator [--port N] [--host 127.0.0.1] [--seed demo|empty|FILE.json] [--server 2.26|2.73] [--json]
Serves the CVAT emulator over HTTP; prints its URL and the seeded users' credentials. Ctrl-C stops it.`,
    run: (io, values, _p, stopped) => emulator(io, values, stopped),
  },
  login: {
    options: { username: { type: 'string' } },
    help: `cvat-fp login [--username NAME] [--json]
Logs in and prints only the token: export CVAT_TOKEN=$(cvat-fp login). The username comes from
--username or CVAT_USERNAME; the password only from CVAT_PASSWORD or a no-echo prompt on a terminal.`,
    run: (io, values) => loginCommand(io, values),
  },
  'orgs list': {
    options: {},
    help: `cvat-fp orgs list [--json]
Lists the organisations you own or belong to.`,
    run: connected(false, (io, client, f) => orgsList(io, client, f)),
  },
  'members list': {
    options: { ...ORG },
    help: `cvat-fp members list --org SLUG [--json]
Lists the organisation's members, with role and state (pending until they accept).`,
    run: connected(true, (io, client, f) => membersList(io, client, f)),
  },
  'members set-role': {
    options: { ...ORG, 'dry-run': { type: 'boolean' } },
    positionals: true,
    help: `cvat-fp members set-role --org SLUG USERNAME ROLE [--dry-run] [--json]
Changes a member's role (${ROLES.join(', ')}).`,
    run: connected(true, (io, client, f, args) => memberChange(io, client, f, args, 'set-role')),
  },
  'members remove': {
    options: { ...ORG, 'dry-run': { type: 'boolean' } },
    positionals: true,
    help: `cvat-fp members remove --org SLUG USERNAME [--dry-run] [--json]
Removes a member from the organisation (their invitation goes too).`,
    run: connected(true, (io, client, f, args) => memberChange(io, client, f, args, 'remove')),
  },
  'invitations list': {
    options: { ...ORG, pending: { type: 'boolean' } },
    help: `cvat-fp invitations list --org SLUG [--pending] [--json]
Lists every invitation of the organisation (--pending: not accepted yet).`,
    run: connected(true, (io, client, f) => list(io, client, f)),
  },
  'invitations invite': {
    options: { ...ORG, ...WRITE, role: { type: 'string' }, csv: { type: 'string' }, 'skip-existing': { type: 'boolean' } },
    positionals: true,
    help: `cvat-fp invitations invite --org SLUG (--role ROLE EMAIL… | --csv FILE) [--skip-existing] [--concurrency N] [--dry-run] [--json]
Invites each address once (CSV: email,role per line, header optional). --skip-existing reports
"already a member / already invited" as skipped, not failed. --dry-run shows what would be sent.`,
    run: connected(true, (io, client, f, emails) => invite(io, client, f, emails)),
  },
  'invitations resend': {
    options: { ...ORG, ...WRITE, pending: { type: 'boolean' }, 'older-than': { type: 'string' } },
    help: `cvat-fp invitations resend --org SLUG [--pending] [--older-than 7d] [--concurrency N] [--dry-run] [--json]
Resends invitations (--pending: not accepted; --older-than: created at least that long ago, h or d).
CVAT allows 5 resends per hour: after its 429 nothing more is sent.`,
    run: connected(true, (io, client, f) => bulkByKey(io, client, f, 'resend')),
  },
  'invitations cleanup': {
    options: { ...ORG, ...WRITE, expired: { type: 'boolean' }, 'older-than': { type: 'string' } },
    help: `cvat-fp invitations cleanup --org SLUG [--expired] [--older-than 30d] [--concurrency N] [--dry-run] [--json]
Deletes pending invitations that match every criterion given (at least one of --expired, --older-than).`,
    run: connected(true, (io, client, f) => bulkByKey(io, client, f, 'cleanup')),
  },
}

const OVERVIEW = `cvat-fp — administer CVAT organisations from the command line

Commands:
${Object.values(COMMANDS).map((c) => `  ${c.help.split('\n')[0]}`).join('\n')}

Every command takes --url URL, --json (one JSON document on stdout), --help; and cvat-fp --version.
Exit status: 0 every item succeeded, 1 some item failed, 2 usage or configuration error.

${CREDENTIALS_HELP}`

const ALL_OPTIONS: Spec = Object.assign({}, GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options))

/** Runs one command line; resolves to its exit code and never rejects. */
export const main = async (argv: ReadonlyArray<string>, io: Io, stopped: () => Promise<unknown>): Promise<Exit> => {
  // First pass, lenient: find the command words. Second pass, strict, with that command's flags only.
  const loose = parseArgs({ args: [...argv], options: ALL_OPTIONS, strict: false, allowPositionals: true })
  // With --json a failure is also one JSON document on stdout, so a script always has one to parse.
  const json = (error: Fault['error']) => loose.values['json'] === true && io.out(`${JSON.stringify({ error })}\n`)
  const fail = (message: string, help?: string): Exit => {
    io.err(`cvat-fp: ${printable(message)}\n${help === undefined ? 'Run cvat-fp --help for usage.' : help}\n`)
    return json({ _tag: 'Usage', message }), 2
  }
  const words = loose.positionals
  const name = [`${words[0]} ${words[1]}`, `${words[0]}`].find((n) => COMMANDS[n] !== undefined)
  if (name === undefined) {
    if (loose.values['version'] === true && words.length === 0) return io.out(`${__CVAT_FP_VERSION__}\n`), 0
    if (words.length === 0 && loose.values['help'] === true) return io.out(`${OVERVIEW}\n`), 0
    // No command is a usage error like any other: the overview on stderr, a JSON document with --json.
    if (words.length === 0) return fail('a command is needed', OVERVIEW)
    return fail(`unknown command ${JSON.stringify(words.slice(0, 2).join(' '))}`)
  }
  const command = COMMANDS[name]!
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...argv], options: { ...GLOBAL_OPTIONS, ...command.options }, strict: true, allowPositionals: true })
  } catch (e) {
    return fail(String((e as { message?: unknown }).message ?? e).split('\n')[0]!, command.help)
  }
  if (parsed.values['help'] === true) return io.out(`${command.help}\n\n${CREDENTIALS_HELP}\n`), 0
  const rest = parsed.positionals.slice(name.split(' ').length)
  if (rest.length > 0 && command.positionals !== true) return fail(`unexpected argument ${JSON.stringify(rest[0])}`, command.help)
  // A command that throws (JSON.stringify of a server's answer nested deeper than the stack) is
  // a failure like any other: with --json still one JSON document on stdout.
  const code = await command.run(io, parsed.values, rest, stopped).catch((e: unknown) => fault('InternalError', `internal error: ${String((e as { message?: unknown })?.message ?? e)}`))
  if (isUsage(code)) return fail(code.message, command.help)
  if (isFault(code)) return io.err(`${printable(code.error.message)}\n`), json(code.error), 1
  return code
}

// A no-echo prompt: raw mode, so the terminal never shows what is typed; nothing at all off a terminal.
const readSecret = (prompt: string): Promise<string | undefined> => {
  const stdin = process.stdin
  if (stdin.isTTY !== true) return Promise.resolve(undefined)
  process.stderr.write(prompt)
  return new Promise((resolve) => {
    let typed = ''
    const done = (value: string | undefined) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      resolve(value)
    }
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(typed)
        if (ch === '\u0003' || ch === '\u0004') return done(undefined)
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch
      }
    }
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
  })
}

// Only a command that serves (the emulator) waits for a signal; others keep Node's default Ctrl-C.
const signalled = () => new Promise<string>((resolve) => ['SIGINT', 'SIGTERM'].forEach((s) => process.once(s, () => resolve(s))))

void main(
  process.argv.slice(2),
  {
    out: (t) => void process.stdout.write(printable(t)),
    err: (t) => void process.stderr.write(t),
    errIsTty: process.stderr.isTTY === true,
    env: process.env,
    now: Date.now,
    readSecret,
  },
  signalled,
).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    // Unreachable by design (every task resolves); reported as one line, never a stack trace.
    process.stderr.write(`cvat-fp: internal error: ${String((e as { message?: unknown })?.message ?? e)}\n`)
    process.exitCode = 1
  },
)
