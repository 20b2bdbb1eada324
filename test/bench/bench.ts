/**
 * One measuring process of `npm run bench`: what cvat-fp costs per request and per decoded
 * invitation, against raw fetch (the floor of any fetch-based client) and the peers, contenders
 * interleaved round by round. Writes its samples as JSON to BENCH_PART; report.ts merges the
 * processes (test/bench/run.mjs starts several: one process's JIT and memory layout can favour
 * one contender, and that luck does not repeat across processes).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import ky from 'ky'
import createFetchClient from 'openapi-fetch'
import { PaginatedInvitationReadList, createClient, invitationsList, invitationsListAll } from 'cvat-fp'
import { CASES, CONTENDERS, RAW, type Samples, WALLS } from './cases'
import { pageBody } from './server'

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4)
const PART = process.env['BENCH_PART'] ?? '.tmp/bench/part-1.json'
// The runner (test/bench/run.mjs) bundles this file and the server with esbuild and runs them on
// plain node, so no TypeScript loader hook sits in the measured path.
const SERVER = process.env['BENCH_SERVER'] ?? '.tmp/bench/server.mjs'
const ACCEPT = { accept: 'application/vnd.cvat+json' }
const PIN = process.env['BENCH_PIN'] === '1'

type Contender = (pageSize: number) => Promise<unknown>

const startServer = (): Promise<{ child: ChildProcess; base: string }> =>
  new Promise((ok, fail) => {
    const child = PIN
      ? spawn('taskset', ['-c', '1', process.execPath, SERVER], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
      : spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
    child.stdout!.once('data', (d) => ok({ child, base: `http://127.0.0.1:${JSON.parse(String(d)).port}` }))
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)))
  })

// A fresh random order for every round of every run: a fixed order repeats its position effects.
const shuffled = <T>(xs: ReadonlyArray<T>): T[] => {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}


/** Runs `total` calls with `concurrency` in flight; returns requests/s and client CPU µs per request. */
const measure = async (call: Contender, pageSize: number, concurrency: number, total: number) => {
  let next = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await call(pageSize)
    }),
  )
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  return { rps: (total / ms) * 1000, cpuUs: (cpu.user + cpu.system) / total }
}

const fail = (what: string) => (e: unknown): never => {
  throw new Error(`${what} failed: ${String(e)}`)
}

const main = async (): Promise<void> => {
  const { child, base } = await startServer()
  const cvat = createClient({ baseUrl: base })
  const openapi = createFetchClient<Record<string, never>>({ baseUrl: base, headers: ACCEPT })
  const kyClient = ky.create({ prefixUrl: base, headers: ACCEPT, retry: 0 })

  const rawFetch: Contender = async (n) => JSON.parse(await (await fetch(`${base}/api/invitations?page_size=${n}`, { headers: ACCEPT })).text())
  const calls: ReadonlyArray<Contender> = [
    rawFetch,
    // The same code again: how far apart two identical contenders land is the noise floor.
    rawFetch,
    async (n) => {
      const r = await invitationsList(cvat, { pageSize: n })()
      if (r._tag === 'Left') fail('cvat-fp')(r.left)
    },
    async (n) => (await (openapi as unknown as { GET: (p: string, o: unknown) => Promise<{ data: unknown }> }).GET('/api/invitations', { params: { query: { page_size: n } } })).data,
    async (n) => kyClient.get(`api/invitations?page_size=${n}`).json(),
  ]
  const contenders = CONTENDERS.map((name, i) => [name, calls[i]!] as const)
  const cases = CASES
  // Per contender and case: the raw figures of each round, and the ratios to raw fetch measured in
  // the same round. Contenders run back to back within a round, so a slow phase of a shared
  // machine hits them alike; the median of those paired ratios is the figure reported.
  const results = new Map<string, Samples['requests'][string]>()
  for (const [size, conc, total] of cases) for (const [, call] of contenders) await measure(call, size, conc, Math.ceil(total / 4)) // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [size, conc, total] of cases) {
      // A fresh order each round: with a fixed rotation every contender would always follow the
      // same neighbour and inherit its garbage (raw fetch always paid for ky's).
      const order = shuffled(contenders)
      const got = new Map<string, { rps: number; cpuUs: number }>()
      for (const [name, call] of order) {
        // A short unmeasured run first: the switch from the previous contender (its garbage, its
        // idle sockets) is paid here rather than by whoever happens to come next.
        await measure(call, size, conc, Math.ceil(total / 5))
        got.set(name, await measure(call, size, conc, total))
      }
      const raw = got.get(RAW)!
      for (const [name, m] of got) {
        const key = `${size}|${conc}|${name}`
        const r = results.get(key) ?? { rps: [], cpu: [], rpsRatio: [], cpuRatio: [] }
        r.rps.push(m.rps)
        r.cpu.push(m.cpuUs)
        r.rpsRatio.push(m.rps / raw.rps)
        r.cpuRatio.push(m.cpuUs / raw.cpuUs)
        results.set(key, r)
      }
    }
  }

  // Decode cost alone: a 1,000-invitation page, already in memory.
  const body = pageBody(1000)
  const perItem = (f: () => void, reps = 40): number[] => {
    for (let i = 0; i < 5; i++) f()
    return Array.from({ length: 9 }, () => {
      const t0 = performance.now()
      for (let i = 0; i < reps; i++) f()
      return ((performance.now() - t0) * 1000) / reps / 1000
    })
  }
  const parseOnly = perItem(() => JSON.parse(body))
  const parseDecode = perItem(() => {
    const r = PaginatedInvitationReadList.decode(JSON.parse(body))
    if (r._tag === 'Left') throw new Error('decode failed')
  })

  // Every page: 30 pages behind 20 ms of latency each.
  const sequential = async () => {
    let url: string | null = `${base}/slow/api/invitations?page=1&page_size=10`
    const all: unknown[] = []
    while (url) {
      const page = JSON.parse(await (await fetch(url, { headers: ACCEPT })).text()) as { next: string | null; results: unknown[] }
      all.push(...page.results)
      url = page.next
    }
    return all.length
  }
  const slow = createClient({ baseUrl: `${base}/slow` })
  const listAll = (concurrency: number) => async () => {
    const r = await invitationsListAll(slow, { pageSize: 10 }, { concurrency })()
    if (r._tag === 'Left') fail('listAll')(r.left)
    return r._tag === 'Right' ? r.right.length : 0
  }
  const wall: Record<string, number[]> = {}
  const walls = WALLS.map((name, i) => [name, [sequential, listAll(1), listAll(4), listAll(8)][i]!] as const)
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, f] of walls) {
      const t0 = performance.now()
      const n = await f()
      if (n !== 300) throw new Error(`${name} read ${n} invitations, not 300`)
      ;(wall[name] ??= []).push(performance.now() - t0)
    }
  child.kill()

  const samples: Samples = { requests: Object.fromEntries(results), parseOnly, parseDecode, wall, pinned: PIN }
  writeFileSync(PART, JSON.stringify(samples))
}

if (process.env['BENCH_PART'] !== undefined) void main().catch((e) => {
  console.error(e)
  process.exit(1)
})
