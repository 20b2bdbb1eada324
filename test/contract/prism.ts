// Starts Stoplight Prism (a validator none of us wrote) on a free 127.0.0.1 port and stops it.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => done(port))
    })
  })

export interface Prism {
  readonly url: string
  readonly output: () => string
  readonly stop: () => Promise<void>
}

/** Runs `prism <args…> -h 127.0.0.1 -p <free port>` and resolves once it listens (or fails after 60 s). */
export const startPrism = async (args: ReadonlyArray<string>): Promise<Prism> => {
  const port = await freePort()
  const bin = resolve('node_modules/.bin/prism')
  const child: ChildProcess = spawn(bin, [...args, '-h', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  child.stdout?.on('data', (d) => (out += String(d)))
  child.stderr?.on('data', (d) => (out += String(d)))
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done()
      child.once('exit', () => done())
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM')
      } catch {
        done()
      }
    })
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`prism did not start in 60 s:\n${out}`)), 60_000)
    const check = () => {
      if (out.includes('Prism is listening')) {
        clearTimeout(timer)
        ready()
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`prism exited with ${code}:\n${out}`))
    })
  })
  return { url: `http://127.0.0.1:${port}`, output: () => out, stop }
}
