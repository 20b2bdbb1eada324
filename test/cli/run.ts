// Runs the built `cvat-fp` binary as a user would: a child process, its own environment.
import { execFile, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const BIN = resolve('dist/cjs/cli/main.cjs')

export const binIsBuilt = (): void => {
  if (!existsSync(BIN)) throw new Error('dist/ is missing: run `npm run build` (npm test does)')
}

export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `cvat-fp args…` with only PATH and `env` in its environment. */
export const cli = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<Ran> =>
  new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    )
  })

/** Starts `cvat-fp emulator …`, resolves once it printed its JSON line; `stop` sends a signal and resolves the exit code. */
export const serveWithCli = (args: ReadonlyArray<string>) =>
  new Promise<{ info: { url: string; users: Array<{ username: string; token: string }> }; stop: (signal: NodeJS.Signals) => Promise<number | null> }>((ok, fail) => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--json', ...args], { env: { PATH: process.env['PATH'] ?? '' } })
    let out = ''
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) ok({ info: JSON.parse(out.split('\n')[0]!), stop: (signal) => (child.kill(signal), exited) })
    })
    child.once('exit', (code) => fail(new Error(`emulator exited ${code} before serving: ${out}`)))
  })

export const VERSION: string = JSON.parse(readFileSync('package.json', 'utf8')).version
