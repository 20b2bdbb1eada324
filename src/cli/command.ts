/**
 * What a command is (its options, its help, what it runs) and the two ways one reaches the
 * server: `connected`, the organisation commands' way (the flags as they are), and `prepared`,
 * which reads the whole command line first (files opened, JSON parsed, ids checked: a usage
 * error before any request, a login included), then runs with a client that Ctrl-C cancels.
 */
import { type Client, withSignal } from '../index'
import { type Exit, type Fault, type Io, TRANSFER_MS, type Usage, connect, isFault, isUsage, parseCount, usage } from './context'
import type { InvitationFlags } from './invitations'
import type { Spec } from './parse'

/** The flags as `util.parseArgs` returns them. */
export type Values = Readonly<Record<string, unknown>>

/** One command: its options, its help, and what it runs. */
export interface Command {
  readonly options: Spec
  readonly help: string
  readonly positionals?: boolean
  /** Help about what follows the command's words (`api tasks_list --help`), when there is some. */
  readonly helpOf?: (positionals: ReadonlyArray<string>) => Promise<string | undefined>
  readonly run: (io: Io, values: Values, positionals: ReadonlyArray<string>, stopped: () => Promise<unknown>) => Promise<Exit | Usage | Fault>
}

/** Reads a text flag. */
export const text = (v: Values, name: string): string | undefined => (typeof v[name] === 'string' ? (v[name] as string) : undefined)

/** Reads a boolean flag. */
export const flag = (v: Values, name: string): boolean => v[name] === true

/** Reads a flag given any number of times. */
export const texts = (v: Values, name: string): ReadonlyArray<string> => (Array.isArray(v[name]) ? (v[name] as ReadonlyArray<unknown>).filter((x): x is string => typeof x === 'string') : [])

/** Reads a positive integer flag (`--project-id 3`), or says what is wrong. */
export const count = (v: Values, name: string): number | undefined | Usage => parseCount(`--${name}`, text(v, name))

/** Reads a positional id (`TASK_ID`), or says what is wrong. */
export const idArg = (what: string, given: string | undefined): number | Usage =>
  given !== undefined && /^[1-9]\d{0,15}$/.test(given) && Number.isSafeInteger(Number(given)) ? Number(given) : usage(`${what} must be a positive integer, got ${given === undefined ? 'nothing' : JSON.stringify(given)}`)

// Connects (usage errors before any request; a refused login is exit 1), then runs the command.
export const connected =
  (needsOrg: boolean, run: (io: Io, client: Client, f: InvitationFlags & { org: string }, positionals: ReadonlyArray<string>) => Promise<Exit | Usage | Fault>): Command['run'] =>
  async (io, values, positionals) => {
    const org = values['org']
    if (needsOrg && (typeof org !== 'string' || org === '')) return { _tag: 'Usage', message: '--org SLUG is required' }
    const client = await connect(io, text(values, 'url'), values['dry-run'] === true)
    if (isUsage(client) || isFault(client)) return client
    return run(io, client, { ...values, org: typeof org === 'string' ? org : '' }, positionals)
  }

/** What a prepared command runs with. */
export interface Session {
  readonly io: Io
  /** The client, cancelled by Ctrl-C (a workflow then cleans up: a half-made task is deleted). */
  readonly client: Client
  readonly json: boolean
  readonly signal: AbortSignal
  /** The organisation named by `--org`, when one was. */
  readonly org: { readonly org?: string }
}

/**
 * Builds a command that reads its whole command line first (`parse`: a usage error sends
 * nothing, not even a login), then connects and runs. A command that moves files (`transfers`)
 * gives each request an hour instead of 30 s.
 */
export const prepared =
  <P>(
    parse: (io: Io, values: Values, positionals: ReadonlyArray<string>) => P | Usage | Promise<P | Usage>,
    run: (s: Session, plan: P) => Promise<Exit | Fault>,
    transfers = false,
  ): Command['run'] =>
  async (io, values, positionals, stopped) => {
    const plan = await parse(io, values, positionals)
    if (isUsage(plan)) return plan
    const client = await connect(io, text(values, 'url'), flag(values, 'dry-run'), transfers ? TRANSFER_MS : undefined)
    if (isUsage(client) || isFault(client)) return client
    const interrupt = new AbortController()
    void stopped().then(() => interrupt.abort())
    const org = text(values, 'org')
    return run({ io, client: withSignal(interrupt.signal)(client), json: flag(values, 'json'), signal: interrupt.signal, org: org === undefined ? {} : { org } }, plan)
  }
