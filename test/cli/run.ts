// Runs the built `cvat-fp` binary as a user would: a child process, its own environment.
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

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

/** Runs `cvat-fp args…` in a folder, with text on its standard input; stdout as bytes too (files go there). */
export const cliAt = (cwd: string, args: ReadonlyArray<string>, env: Record<string, string> = {}, input?: string): Promise<Ran & { readonly bytes: Buffer }> =>
  new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 120_000 })
    const out: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => out.push(d))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdin.end(input ?? '')
    child.once('close', (code) => {
      const bytes = Buffer.concat(out)
      done({ code, stdout: bytes.toString(), stderr, bytes })
    })
  })

/** Runs `cvat-fp` once per argument list, a few at a time (the machine is shared): results in order. */
export const cliEach = async (cwd: string, runs: ReadonlyArray<ReadonlyArray<string>>, env: Record<string, string> = {}, width = 4): Promise<Array<Ran & { readonly bytes: Buffer }>> => {
  const results: Array<Ran & { readonly bytes: Buffer }> = []
  for (let i = 0; i < runs.length; i += width) results.push(...(await Promise.all(runs.slice(i, i + width).map((args) => cliAt(cwd, args, env)))))
  return results
}

/** A timeout for suites that spawn the binary many times: generous, as the machine is shared and loaded; a hung test still fails. */
export const SPAWNING = { timeout: 240_000 } as const

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

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** A fresh folder holding the named files. */
export const folder = (files: Readonly<Record<string, Uint8Array | string>> = {}): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cvat-fp-cli-'))
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), data)
  }
  return dir
}
