/**
 * `npm run bench`: what cvat-fp costs per request and per decoded invitation, against raw fetch
 * (the floor of any fetch-based client) and the peers, in one run, contenders interleaved round
 * by round, medians reported. Prints one table and writes it, with the machine, to BENCHMARKS.md.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import ky from 'ky'
import createFetchClient from 'openapi-fetch'
import { PaginatedInvitationReadList, createClient, invitationsList, invitationsListAll } from 'cvat-fp'
import { pageBody } from './server'

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7)
// The runner (test/bench/run.mjs) bundles this file and the server with esbuild and runs them on
// plain node, so no TypeScript loader hook sits in the measured path.
const SERVER = process.env['BENCH_SERVER'] ?? '.tmp/bench/server.mjs'
const ACCEPT = { accept: 'application/vnd.cvat+json' }

type Contender = (pageSize: number) => Promise<unknown>

const startServer = (): Promise<{ child: ChildProcess; base: string }> =>
  new Promise((ok, fail) => {
    const child = spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
    child.stdout!.once('data', (d) => ok({ child, base: `http://127.0.0.1:${JSON.parse(String(d)).port}` }))
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)))
  })

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
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

  const contenders: ReadonlyArray<[string, Contender]> = [
    ['raw fetch + JSON.parse', async (n) => JSON.parse(await (await fetch(`${base}/api/invitations?page_size=${n}`, { headers: ACCEPT })).text())],
    [
      'cvat-fp invitationsList (decoding)',
      async (n) => {
        const r = await invitationsList(cvat, { pageSize: n })()
        if (r._tag === 'Left') fail('cvat-fp')(r.left)
      },
    ],
    ['openapi-fetch GET', async (n) => (await (openapi as unknown as { GET: (p: string, o: unknown) => Promise<{ data: unknown }> }).GET('/api/invitations', { params: { query: { page_size: n } } })).data],
    ['ky get().json()', async (n) => kyClient.get(`api/invitations?page_size=${n}`).json()],
  ]

  const cases: ReadonlyArray<[number, number, number]> = [
    [10, 1, 400], [10, 16, 1600], [100, 1, 200], [100, 16, 800], [1000, 1, 60], [1000, 16, 160],
  ]
  const results = new Map<string, { rps: number[]; cpu: number[] }>()
  for (const [size, conc, total] of cases) for (const [, call] of contenders) await measure(call, size, conc, Math.ceil(total / 4)) // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [size, conc, total] of cases) {
      // Rotate the order each round so no contender always runs first or last.
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!)
      for (const [name, call] of order) {
        const m = await measure(call, size, conc, total)
        const key = `${size}|${conc}|${name}`
        const r = results.get(key) ?? { rps: [], cpu: [] }
        r.rps.push(m.rps)
        r.cpu.push(m.cpuUs)
        results.set(key, r)
      }
    }
  }

  // Decode cost alone: a 1,000-invitation page, already in memory.
  const body = pageBody(1000)
  const perItem = (f: () => void, reps = 40): number => {
    for (let i = 0; i < 5; i++) f()
    const samples = Array.from({ length: 9 }, () => {
      const t0 = performance.now()
      for (let i = 0; i < reps; i++) f()
      return ((performance.now() - t0) * 1000) / reps / 1000
    })
    return median(samples)
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
  const walls: ReadonlyArray<[string, () => Promise<number>]> = [
    ['sequential follow-next loop (Python SDK style)', sequential],
    ['invitationsListAll, concurrency 1', listAll(1)],
    ['invitationsListAll, concurrency 4', listAll(4)],
    ['invitationsListAll, concurrency 8', listAll(8)],
  ]
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, f] of walls) {
      const t0 = performance.now()
      const n = await f()
      if (n !== 300) throw new Error(`${name} read ${n} invitations, not 300`)
      ;(wall[name] ??= []).push(performance.now() - t0)
    }
  child.kill()

  const lines: string[] = []
  lines.push('| page size | concurrency | contender | req/s (median) | × raw fetch | client CPU µs/req | × raw fetch |')
  lines.push('|---:|---:|---|---:|---:|---:|---:|')
  const verdicts: string[] = []
  for (const [size, conc] of cases) {
    const raw = results.get(`${size}|${conc}|raw fetch + JSON.parse`)!
    for (const [name] of contenders) {
      const r = results.get(`${size}|${conc}|${name}`)!
      const ratio = median(r.rps) / median(raw.rps)
      lines.push(`| ${size} | ${conc} | ${name} | ${median(r.rps).toFixed(0)} | ${ratio.toFixed(2)} | ${median(r.cpu).toFixed(0)} | ${(median(r.cpu) / median(raw.cpu)).toFixed(2)} |`)
      if (name.startsWith('cvat-fp') && (size === 10 || size === 1000)) {
        const target = size === 10 ? 0.9 : 0.8
        verdicts.push(`cvat-fp at page size ${size}, concurrency ${conc}: ${ratio.toFixed(2)}× raw fetch (target ≥ ${target}×) ${ratio >= target ? 'met' : 'MISSED'}`)
      }
    }
  }
  lines.push('')
  lines.push('| decoding a 1,000-invitation page | µs per invitation |')
  lines.push('|---|---:|')
  lines.push(`| JSON.parse alone | ${parseOnly.toFixed(2)} |`)
  lines.push(`| JSON.parse + PaginatedInvitationReadList.decode | ${parseDecode.toFixed(2)} |`)
  lines.push(`| the codec's own share | ${(parseDecode - parseOnly).toFixed(2)} |`)
  lines.push('')
  lines.push('| 30 pages × 20 ms latency | wall ms (median) | speed-up vs sequential |')
  lines.push('|---|---:|---:|')
  const seq = median(wall[walls[0]![0]]!)
  for (const [name] of walls) lines.push(`| ${name} | ${median(wall[name]!).toFixed(0)} | ${(seq / median(wall[name]!)).toFixed(2)}× |`)
  const c4 = seq / median(wall['invitationsListAll, concurrency 4']!)
  verdicts.push(`invitationsListAll at concurrency 4: ${c4.toFixed(2)}× faster than sequential (target ≥ 3×) ${c4 >= 3 ? 'met' : 'MISSED'}`)

  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`
  const table = lines.join('\n')
  console.log(table)
  console.log(`\n${verdicts.join('\n')}`)
  writeFileSync(
    'BENCHMARKS.md',
    `# Benchmarks\n\nWritten by \`npm run bench\` (${ROUNDS} interleaved rounds, medians) on ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}.\n\n` +
      `The server (node:http on 127.0.0.1, in its own process) serves identical bytes to every contender; client CPU is\n` +
      `\`process.cpuUsage()\` of the benchmark process per request. Figures are printed, not asserted.\n\n${table}\n\n` +
      `Targets:\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n`,
  )
}

void main().catch((e) => {
  console.error(e)
  process.exit(1)
})
