/**
 * `cvat-fp emulator`: serves the CVAT emulator over HTTP so anyone can try every command locally,
 * prints the URL and the seeded users' credentials, and stops cleanly on SIGINT or SIGTERM.
 */
import { readFileSync } from 'node:fs'
import { type CvatEmulatorOptions, createCvatEmulator } from '../testing'
import { serveCvatEmulator } from '../testing/node'
import { type Exit, type Fault, type Io, type Usage, fault, isUsage, parseCount, printable, table, usage } from './context'

/** The flags of `emulator`, as util.parseArgs returns them. */
export interface EmulatorFlags {
  readonly port?: string
  readonly host?: string
  readonly seed?: string
  readonly server?: string
  readonly json?: boolean
}

type ServerVersion = NonNullable<CvatEmulatorOptions['serverVersion']>
const SERVERS: ReadonlyArray<string> = ['2.26', '2.73']
const isServer = (s: string | undefined): s is ServerVersion => SERVERS.includes(s ?? '')

const seedOptions = (seed: string | undefined): CvatEmulatorOptions | Usage => {
  if (seed === undefined || seed === 'demo') return { seed: 'demo' }
  if (seed === 'empty') return { defaultSeed: false }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(seed, 'utf8'))
  } catch (e) {
    return usage(`--seed takes demo, empty or a JSON file: cannot read ${seed} (${(e as { code?: string }).code ?? 'not JSON'})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return usage(`${seed}: expected an object with users, organizations and/or invitations`)
  const { users, organizations, invitations, defaultSeed } = parsed as Record<string, unknown>
  const list = (u: unknown) => (Array.isArray(u) ? u : [])
  return { defaultSeed: defaultSeed === true, users: list(users), organizations: list(organizations), invitations: list(invitations) }
}

/** Serves until `stopped` resolves (a signal); returns the exit code. */
export const emulator = async (io: Io, f: EmulatorFlags, stopped: () => Promise<unknown>): Promise<Exit | Usage | Fault> => {
  const port = f.port === '0' ? 0 : parseCount('--port', f.port)
  if (isUsage(port)) return port
  const server = f.server
  if (server !== undefined && !isServer(server)) return usage(`--server must be one of ${SERVERS.join(', ')}`)
  const options = seedOptions(f.seed)
  if (isUsage(options)) return options
  const versioned: CvatEmulatorOptions = { ...options, ...(isServer(server) ? { serverVersion: server } : {}) }
  // Listen for the signal before announcing the URL: one arriving in between would kill the process.
  const stop = stopped()
  const instance = createCvatEmulator(versioned)
  let served: Awaited<ReturnType<typeof serveCvatEmulator>>
  try {
    served = await serveCvatEmulator(instance, { port: port ?? 0, host: f.host ?? '127.0.0.1' })
  } catch (e) {
    return fault('ListenError', `cannot listen on ${f.host ?? '127.0.0.1'}:${port ?? 0}: ${(e as { code?: string }).code ?? 'error'}`)
  }
  const users = instance.state.users.map((u) => ({ username: u.username, ...instance.credentials(u.username) }))
  if (f.json) io.out(`${JSON.stringify({ url: served.url, problems: instance.problems, users })}\n`)
  else {
    io.out(`CVAT emulator listening on ${served.url}${f.server ? ` (CVAT ${f.server})` : ''}; Ctrl-C stops it\n`)
    io.out(`  export CVAT_URL=${served.url} CVAT_TOKEN=token-<username>\n`)
    io.out(`${table(['USER', 'TOKEN', 'ACCESS TOKEN', 'PASSWORD'], users.map((u) => [u.username, u.token, u.accessToken, u.password]))}\n`)
    // A seed file names users and organisations: its text reaches a terminal only escaped.
    instance.problems.forEach((p) => io.err(`seed: ${printable(p)}\n`))
  }
  await stop
  await served.close()
  return 0
}
