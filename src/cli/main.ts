/// <reference types="node" />
/**
 * The `cvat-fp` command line: its own entry (never imported by the library, so no library bundle
 * holds it), built on cvat-fp's public API and Node's `util.parseArgs` (no dependency). Exit 0
 * when every item succeeded, 1 when some failed, 2 for usage or configuration errors; errors are
 * `formatError` lines, never a stack trace or a credential.
 */
import { parseArgs } from 'node:util'
import { ADMIN_COMMANDS } from './adminCommands'
import type { Command } from './command'
import { CREDENTIALS_HELP, type Exit, type Fault, GLOBAL_OPTIONS, type Io, fault, isFault, isUsage, printable } from './context'
import { type Spec, didYouMean, nearest, optionProblem, own, readable, withOurSpelling } from './parse'
import { WORK_COMMANDS, WORK_GROUPS } from './workCommands'

declare const __CVAT_FP_VERSION__: string

const COMMANDS: Readonly<Record<string, Command>> = { ...ADMIN_COMMANDS, ...WORK_COMMANDS }

// The groups of two-word commands, and what each is about.
const GROUPS: Readonly<Record<string, string>> = {
  ...WORK_GROUPS,
  orgs: 'the organisations you own or belong to',
  members: "an organisation's members",
  invitations: "an organisation's invitations",
}

const firstLine = (c: Command): string => `  ${c.help.split('\n')[0]}`
const section = (title: string, names: ReadonlyArray<string>): string => `${title}:\n${names.map((n) => firstLine(COMMANDS[n]!)).join('\n')}`

const OVERVIEW = `cvat-fp — CVAT from the command line: annotation work and organisation admin

${section('Annotation work (as cvat-cli names it)', Object.keys(WORK_COMMANDS).filter((n) => n !== 'api'))}

${section('Any operation of the API', ['api'])}

${section('Organisations', Object.keys(ADMIN_COMMANDS))}

Every command takes --url URL, --json (one JSON document on stdout), --help; and cvat-fp --version.
Run cvat-fp <group> --help (${Object.keys(GROUPS).join(', ')}) for a group's commands, cvat-fp api --help for api.
Exit status: 0 every item succeeded, 1 some item failed, 2 usage or configuration error.

${CREDENTIALS_HELP}`

const commandsOf = (group: string): ReadonlyArray<string> => Object.keys(COMMANDS).filter((n) => n.startsWith(`${group} `)).map((n) => n.slice(group.length + 1))
const groupHelp = (group: string): string =>
  `cvat-fp ${group} — ${own(GROUPS, group) ?? ''}

Commands:
${commandsOf(group).map((c) => firstLine(COMMANDS[`${group} ${c}`]!)).join('\n')}

Run cvat-fp ${group} <command> --help for one command's details.`

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
  const options: Spec = { ...GLOBAL_OPTIONS, ...command.options }
  const args = withOurSpelling(argv, options)
  const problem = optionProblem(args, options)
  if (problem !== undefined) return fail(problem, command.help)
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true })
  } catch (e) {
    return fail(String((e as { message?: unknown }).message ?? e).split('\n')[0]!, command.help)
  }
  const rest = parsed.positionals.slice(name.split(' ').length)
  if (parsed.values['help'] === true) return io.out(`${(await command.helpOf?.(rest)) ?? command.help}\n\n${CREDENTIALS_HELP}\n`), 0
  if (rest.length > 0 && command.positionals !== true) return fail(`unexpected argument ${JSON.stringify(rest[0])}`, command.help)
  // A command that throws (JSON.stringify of a server's answer nested deeper than the stack) is
  // a failure like any other: with --json still one JSON document on stdout.
  const code = await command.run(io, parsed.values, rest, stopped).catch((e: unknown) => fault('InternalError', `internal error: ${String((e as { message?: unknown })?.message ?? e)}`))
  if (isUsage(code)) return fail(code.message, (await command.helpOf?.(rest).catch(() => undefined)) ?? command.help)
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
    outIsTty: process.stdout.isTTY === true,
    stdout: process.stdout,
    stdin: process.stdin,
    cwd: process.cwd(),
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
