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
CVAT allows 5 resends per hour: after its 429 nothing more is sent (those rows are "not sent").
A resend renews the invitation's expiry.`,
    run: connected(true, (io, client, f) => bulkByKey(io, client, f, 'resend')),
  },
  'invitations cleanup': {
    options: { ...ORG, ...WRITE, expired: { type: 'boolean' }, 'older-than': { type: 'string' }, 'remove-membership': { type: 'boolean' } },
    help: `cvat-fp invitations cleanup --org SLUG [--expired] [--older-than 30d] [--remove-membership] [--concurrency N] [--dry-run] [--json]
Deletes pending invitations that match every criterion given (at least one of --expired, --older-than).
Deleting an invitation leaves the person's pending membership (CVAT's rule), so they stay
"pending": a plain re-invite is refused and --skip-existing skips them. --remove-membership
deletes that pending membership instead, which takes the invitation with it.
A resend renews an invitation's expiry: resend, then cleanup --expired, finds nothing.`,
    run: connected(true, (io, client, f) => bulkByKey(io, client, f, 'cleanup')),
  },
}

const OVERVIEW = `cvat-fp — administer CVAT organisations from the command line

Commands:
${Object.values(COMMANDS).map((c) => `  ${c.help.split('\n')[0]}`).join('\n')}

Every command takes --url URL, --json (one JSON document on stdout), --help; and cvat-fp --version.
Run cvat-fp <group> --help (orgs, members, invitations) for a group's commands.
Exit status: 0 every item succeeded, 1 some item failed, 2 usage or configuration error.

${CREDENTIALS_HELP}`

// Tables looked up by what was typed: own entries only (`constructor` is every object's).
const own = <V>(table: Readonly<Record<string, V>>, key: string): V | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined)

// The groups of two-word commands, and what each is about.
const GROUPS: Readonly<Record<string, string>> = { orgs: 'the organisations you own or belong to', members: "an organisation's members", invitations: "an organisation's invitations" }
const commandsOf = (group: string): ReadonlyArray<string> => Object.keys(COMMANDS).filter((n) => n.startsWith(`${group} `)).map((n) => n.slice(group.length + 1))
const groupHelp = (group: string): string =>
  `cvat-fp ${group} — ${own(GROUPS, group) ?? ''}

Commands:
${commandsOf(group).map((c) => `  ${COMMANDS[`${group} ${c}`]!.help.split('\n')[0]}`).join('\n')}

Run cvat-fp ${group} <command> --help for one command's details.`

// Edit distance (Levenshtein) for "did you mean": small inputs only (command words, flag names).
const distance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}
/** The candidate nearest to `word`, if it is near enough to be a typo of it. */
const nearest = (word: string, candidates: ReadonlyArray<string>): string | undefined => {
  const scored = candidates.map((c) => ({ c, d: distance(word.slice(0, 64), c) })).sort((x, y) => x.d - y.d)
  const best = scored[0]
  return best !== undefined && best.d <= Math.max(2, Math.floor(best.c.length / 3)) ? best.c : undefined
}
const didYouMean = (word: string, candidates: ReadonlyArray<string>, quote: (c: string) => string = (c) => JSON.stringify(c)): string => {
  const near = nearest(word, candidates)
  return near === undefined ? '' : `; did you mean ${quote(near)}?`
}

// A usage error quotes what it was given; a 1 MB CSV line must not become a 1 MB message.
const MAX_USAGE = 300
const readable = (message: string): string => (message.length <= MAX_USAGE ? message : `${message.slice(0, MAX_USAGE)}… [${message.length - MAX_USAGE} more characters]`)

// The credentials people try as flags, and where they go instead.
const SECRET_FLAGS: Readonly<Record<string, string>> = { password: 'password', token: 'token', 'access-token': 'token' }
const SECRET_ENV: Readonly<Record<string, string>> = { password: 'CVAT_PASSWORD', token: 'CVAT_TOKEN', 'access-token': 'CVAT_ACCESS_TOKEN' }

// Checks the command line against one command's options, in our words rather than Node's
// ("argument is ambiguous"), with the nearest flag for a typo. Node's strict parse runs after.
const optionProblem = (argv: ReadonlyArray<string>, options: Spec): string | undefined => {
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true })
  const flags = Object.keys(options).map((n) => `--${n}`)
  for (const t of tokens) {
    if (t.kind !== 'option') continue
    const spec = own(options, t.name)
    const secret = own(SECRET_FLAGS, t.name)
    if (spec === undefined && secret !== undefined) return `unknown option ${t.rawName}: a ${secret} is never a flag (flags show in ps); set ${own(SECRET_ENV, t.name) ?? ''}`
    if (spec === undefined) return `unknown option ${t.rawName}${t.rawName.startsWith('--') ? didYouMean(t.rawName, flags, (c) => c) : ''}`
    if (spec.type === 'boolean' && t.value !== undefined) return `${t.rawName} takes no value, got ${JSON.stringify(t.value)}`
    if (spec.type === 'string' && t.value === undefined) return `${t.rawName} needs a value`
    if (spec.type === 'string' && t.inlineValue === false && t.value !== undefined && t.value.length > 1 && t.value.startsWith('-'))
      return `${t.rawName} needs a value, got the option ${t.value} (a value starting with a dash is written ${t.rawName}=${t.value})`
  }
  return undefined
}

const ALL_OPTIONS: Spec = Object.assign({}, GLOBAL_OPTIONS, ...Object.values(COMMANDS).map((c) => c.options))

/** Runs one command line; resolves to its exit code and never rejects. */
export const main = async (argv: ReadonlyArray<string>, io: Io, stopped: () => Promise<unknown>): Promise<Exit> => {
  // First pass, lenient: find the command words. Second pass, strict, with that command's flags only.
  const loose = parseArgs({ args: [...argv], options: ALL_OPTIONS, strict: false, allowPositionals: true })
  // With --json a failure is also one JSON document on stdout, so a script always has one to parse.
  const json = (error: Fault['error']) => loose.values['json'] === true && io.out(`${JSON.stringify({ error })}\n`)
  const fail = (given: string, help?: string): Exit => {
    const message = readable(given)
    io.err(`cvat-fp: ${printable(message)}\n${help === undefined ? 'Run cvat-fp --help for usage.' : help}\n`)
    return json({ _tag: 'Usage', message }), 2
  }
  const words = loose.positionals
  const name = [`${words[0]} ${words[1]}`, `${words[0]}`].find((n) => own(COMMANDS, n) !== undefined)
  if (name === undefined) {
    if (loose.values['version'] === true && words.length === 0) return io.out(`${__CVAT_FP_VERSION__}\n`), 0
    if (words.length === 0 && loose.values['help'] === true) return io.out(`${OVERVIEW}\n`), 0
    // No command is a usage error like any other: the overview on stderr, a JSON document with --json.
    if (words.length === 0) return fail('a command is needed', OVERVIEW)
    const group = words[0] ?? ''
    if (own(GROUPS, group) !== undefined) {
      if (words.length === 1 && loose.values['help'] === true) return io.out(`${groupHelp(group)}\n`), 0
      if (words.length === 1) return fail(`${group} needs a command: ${commandsOf(group).join(', ')}`, groupHelp(group))
    }
    const typed = words.slice(0, own(GROUPS, group) !== undefined || nearest(group, Object.keys(GROUPS)) !== undefined ? 2 : 1).join(' ')
    return fail(`unknown command ${JSON.stringify(typed)}${didYouMean(typed, Object.keys(COMMANDS))}`)
  }
  const command = COMMANDS[name]!
  const options = { ...GLOBAL_OPTIONS, ...command.options }
  const problem = optionProblem(argv, options)
  if (problem !== undefined) return fail(problem, command.help)
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true })
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

// A reader that stops early (`| head -1`) closes the pipe: the rest of the output has nowhere to
// go, which is not an error of ours. End quietly, as `cat` does.
// Any other stream failure leaves nowhere to report it either: exit 1.
const quietOnClosedPipe = (stream: NodeJS.WriteStream) => stream.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? (process.exitCode ?? 0) : 1))
quietOnClosedPipe(process.stdout)
quietOnClosedPipe(process.stderr)

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
