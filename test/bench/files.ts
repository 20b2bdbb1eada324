/**
 * `npm run bench:files`: what the workflows cost in time and memory, printed as figures (never a
 * timed test). Three measures, each against a server in its own process (test/bench/filesServer.ts):
 * 1. upload: `tasksCreateFromData` with one 1 GiB file (`fs.openAsBlob`, so TUS in 10 MiB chunks)
 *    against a plain `fetch` loop sending the same TUS creation and chunks, each sample in a fresh
 *    process, the order alternating round by round;
 * 2. export: `tasksExportDataset` streaming 2 GiB to a file against plain fetch, each in a fresh
 *    process, RSS sampled every 20 ms;
 * 3. polling: one `waitForRequest` (status requests per interval), then 1,000 at once on a server
 *    that answers each status 200 ms late (requests/s, most in flight, memory).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, openAsBlob, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Client, createClient, tasksCreateFromData, tasksExportDataset, tokenAuth, waitForRequest } from 'cvat-fp'

const SERVER = process.env['BENCH_SERVER'] ?? '.tmp/bench-files/filesServer.mjs'
const PIN = process.env['BENCH_PIN'] === '1'
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4)
const UPLOAD_BYTES = Number(process.env['BENCH_UPLOAD_BYTES'] ?? 2 ** 30)
const EXPORT_BYTES = Number(process.env['BENCH_EXPORT_BYTES'] ?? 2 ** 31)
const MiB = 2 ** 20
const CHUNK = 10 * MiB

const startServer = (env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((ok, fail) => {
    const args = [process.execPath, SERVER]
    const [cmd, ...rest] = PIN ? ['taskset', '-c', '1', ...args] : args
    const child = spawn(cmd!, rest, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, ...env } })
    child.stdout!.once('data', (d) => ok({ child, url: JSON.parse(String(d)).url }))
    child.once('exit', (code) => fail(new Error(`server exited ${code}`)))
  })

const mb = (bytes: number) => (bytes / MiB).toFixed(1)

// Every figure printed is also kept for BENCHMARKS.md.
const printed: string[] = []
const print = (line: string) => {
  printed.push(line)
  console.log(line)
}
const START = '<!-- npm run bench:files -->'
const END = '<!-- /npm run bench:files -->'

// Replaces this benchmark's block of BENCHMARKS.md (test/bench/report.ts keeps it when `npm run bench` rewrites the rest).
const record = () => {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`
  const block = [
    START,
    '## Files: uploads, exports, polling',
    '',
    `Written by \`npm run bench:files\` on ${new Date().toISOString().slice(0, 10)} (${machine}${PIN ? '; client on CPU 0, server on CPU 1' : ''}). The server`,
    'is the scripted CVAT of the workflow tests in its own process; figures are printed, never asserted.',
    '',
    '```',
    ...printed,
    '```',
    '',
    'How to read them: each upload and export sample runs in a fresh process against plain `fetch` doing the',
    'same transfer, so what the workflow adds is the difference between the two rows. An export\'s RSS growth',
    'tops out near V8\'s external-memory trigger (a collection runs once ~64 MiB of buffers are allocated since',
    'the last one): plain `fetch` reaches it too, whatever the size streamed. Round-to-round ratios move with',
    'whatever else the machine runs; read them together. The 1,000 waiters\' memory is the transport\'s: one',
    'socket and one response in flight per waiter at most.',
    END,
  ].join('\n')
  const old = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '# Benchmarks\n'
  const at = old.indexOf(START)
  const end = old.indexOf(END)
  writeFileSync('BENCHMARKS.md', at >= 0 && end > at ? old.slice(0, at) + block + old.slice(end + END.length) : `${old.trimEnd()}\n\n${block}\n`)
}
const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

// Samples RSS every 20 ms while `work` runs: the peak above the level before it.
const peakRss = async <A>(work: () => Promise<A>): Promise<{ result: A; before: number; peak: number }> => {
  globalThis.gc?.()
  const before = process.memoryUsage.rss()
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20)
  const result = await work()
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage.rss())
  return { result, before, peak }
}

// The floor: the same TUS creation and chunks, sent by a plain fetch loop.
const plainTus = async (url: string, file: Blob, taskId: number) => {
  const auth = { authorization: 'Token bench' }
  const created = await fetch(`${url}/api/tasks/${taskId}/data/`, {
    method: 'POST',
    headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(file.size), 'upload-metadata': `filename ${btoa('video.mp4')}`, origin: url },
  })
  const location = created.headers.get('location')!
  for (let offset = 0; offset < file.size; offset += CHUNK) {
    const res = await fetch(location, {
      method: 'PATCH',
      headers: { ...auth, 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
      body: file.slice(offset, offset + CHUNK),
    })
    if (res.status !== 204) throw new Error(`PATCH ${res.status}`)
  }
}

// One upload in this process (a fresh one per sample, as for the export: a process's heap grows
// once and stays, so samples in one process would charge the first contender for it).
const uploadOnce = async (path: string, contender: string) => {
  const file = await openAsBlob(path)
  const { child, url } = await startServer({})
  const cvat = tokenAuth('bench')(createClient({ baseUrl: url }))
  const t0 = performance.now()
  const { before, peak } = await peakRss(async () => {
    if (contender === 'plain') {
      const task = (await (await fetch(`${url}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Token bench' }, body: '{"name":"plain"}' })).json()) as { id: number }
      return plainTus(url, file, task.id)
    }
    const r = await tasksCreateFromData(cvat, { spec: { name: 'bench' }, resources: [{ name: 'video.mp4', data: file }] }, { pollInterval: 1 })()
    if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  })
  const seconds = (performance.now() - t0) / 1000
  child.kill()
  process.stdout.write(`${JSON.stringify({ seconds, before, peak })}\n`)
}

const upload = async (dir: string) => {
  const path = join(dir, 'video.mp4')
  const block = Buffer.alloc(64 * MiB, 7)
  const out = createWriteStream(path)
  for (let n = 0; n < UPLOAD_BYTES; n += block.length) out.write(block.subarray(0, Math.min(block.length, UPLOAD_BYTES - n)))
  await new Promise((ok) => out.end(ok))
  const samples = { ours: [] as number[], plain: [] as number[] }
  const growth = { ours: [] as number[], plain: [] as number[] }
  for (let round = 0; round < ROUNDS; round++) {
    for (const contender of round % 2 === 0 ? (['ours', 'plain'] as const) : (['plain', 'ours'] as const)) {
      const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!], { env: { ...process.env, BENCH_ONLY: 'upload-once', BENCH_CONTENDER: contender, BENCH_FILE: path }, encoding: 'utf8' })
      const { seconds, before, peak } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { seconds: number; before: number; peak: number }
      samples[contender].push(UPLOAD_BYTES / MiB / seconds)
      growth[contender].push(peak - before)
    }
  }
  const [o, p] = [median(samples.ours), median(samples.plain)]
  const ratios = samples.ours.map((x, i) => x / samples.plain[i]!)
  print(`upload, one ${mb(UPLOAD_BYTES)} MiB file (fs.openAsBlob), ${ROUNDS} rounds, each sample in a fresh process, order alternating, median:`)
  print(`  tasksCreateFromData  ${o.toFixed(0)} MiB/s   (the whole workflow: create, Upload-Start, TUS, Upload-Finish, wait, read); RSS growth median ${mb(median(growth.ours))} MiB`)
  print(`  plain fetch TUS loop ${p.toFixed(0)} MiB/s   (creation + the same 10 MiB PATCHes); RSS growth median ${mb(median(growth.plain))} MiB`)
  print(`  ratio ${median(ratios).toFixed(2)}× (median of the rounds' ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ 0.90×)`)
}

// One export in this process (a fresh one per contender: a process's heap grows once and stays,
// so a second measure in it would start from a higher floor).
const exportOnce = async (dir: string, contender: string) => {
  const { child, url } = await startServer({ BENCH_EXPORT_BYTES: String(EXPORT_BYTES) })
  const cvat = tokenAuth('bench')(createClient({ baseUrl: url }))
  const path = join(dir, 'export.zip')
  // pipeline + Readable.fromWeb keeps backpressure; Node 20's Writable.toWeb does not (it buffered ~1 GiB here).
  const save = (body: ReadableStream<Uint8Array>) => pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(path))
  const t0 = performance.now()
  const { before, peak } = await peakRss(async () => {
    if (contender === 'plain') return save((await fetch(`${url}/api/tasks/1/dataset/download?rq_id=x`, { headers: { authorization: 'Token bench' } })).body!)
    const r = await tasksExportDataset(cvat, { id: 1, format: 'COCO 1.0', saveImages: true }, { pollInterval: 1, onProgress: () => undefined })()
    if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
    return save(r.right.body)
  })
  const seconds = (performance.now() - t0) / 1000
  const written = statSync(path).size
  rmSync(path)
  child.kill()
  process.stdout.write(`${JSON.stringify({ written, seconds, before, peak })}\n`)
}

const exportToFile = async (dir: string) => {
  const rows: string[] = []
  for (const [name, contender] of [['tasksExportDataset', 'ours'], ['plain fetch (floor)', 'plain'], ['tasksExportDataset', 'ours'], ['plain fetch (floor)', 'plain']] as const) {
    const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!], { env: { ...process.env, BENCH_ONLY: 'export-once', BENCH_CONTENDER: contender, BENCH_DIR: dir }, encoding: 'utf8' })
    const { written, seconds, before, peak } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { written: number; seconds: number; before: number; peak: number }
    rows.push(`  ${name.padEnd(20)} ${mb(written)} MiB in ${seconds.toFixed(1)} s (${(EXPORT_BYTES / MiB / seconds).toFixed(0)} MiB/s); RSS before ${mb(before)} MiB, peak ${mb(peak)} MiB: growth ${mb(peak - before)} MiB`)
  }
  print(`export, ${mb(EXPORT_BYTES)} MiB streamed to a file (pipeline(Readable.fromWeb(body), createWriteStream(path))), each run in a fresh process, target growth < 64 MiB:`)
  for (const row of rows) print(row)
}

const polling = async () => {
  const { child, url } = await startServer({ BENCH_SLOW: '1' })
  const base = tokenAuth('bench')(createClient({ baseUrl: url }))
  let inFlight = 0
  let most = 0
  let sent = 0
  const counting: Client = (req) => () => {
    sent++
    most = Math.max(most, ++inFlight)
    return base(req)().finally(() => inFlight--)
  }
  // One waiter: 11 polls (10 started, then finished), 200 ms each, pollInterval 500 ms.
  const t1 = performance.now()
  await waitForRequest(counting, { id: 'bench-0' }, { pollInterval: 500 })()
  const one = (performance.now() - t1) / 1000
  print(`polling, one waitForRequest (pollInterval 500 ms, each status answered 200 ms late): ${sent} status requests in ${one.toFixed(1)} s`)
  print(`  = one per ${((one * 1000) / sent).toFixed(0)} ms; the waits were 0, then 500 ms (0.5 s doubling, capped at pollInterval): never two in one interval`)
  sent = 0
  most = 0
  const t0 = performance.now()
  const { before, peak, result } = await peakRss(() => Promise.all(Array.from({ length: 1000 }, (_, i) => waitForRequest(counting, { id: `bench-${i}` }, { pollInterval: 1000 })())))
  const seconds = (performance.now() - t0) / 1000
  child.kill()
  const ok = result.filter((r) => r._tag === 'Right').length
  print(`polling, 1,000 concurrent waitForRequest (pollInterval 1 s, 10 polls each before 'finished', each answered 200 ms late):`)
  print(`  ${ok} finished, ${sent} status requests in ${seconds.toFixed(1)} s = ${(sent / seconds).toFixed(0)} requests/s (bound: 1,000 waiters × at most one per interval)`)
  print(`  at most ${most} status requests in flight (one per waiter at most); RSS before ${mb(before)} MiB, peak ${mb(peak)} MiB (growth ${mb(peak - before)} MiB)`)
}

const only = process.env['BENCH_ONLY']
const once = only === 'export-once' || only === 'upload-once'
const dir = once ? (process.env['BENCH_DIR'] ?? tmpdir()) : mkdtempSync(join(tmpdir(), 'cvat-fp-bench-'))
try {
  if (only === 'export-once') await exportOnce(dir, process.env['BENCH_CONTENDER'] ?? 'ours')
  if (only === 'upload-once') await uploadOnce(process.env['BENCH_FILE']!, process.env['BENCH_CONTENDER'] ?? 'ours')
  if (!only || only === 'upload') await upload(dir)
  if (!only || only === 'export') await exportToFile(dir)
  if (!only || only === 'polling') await polling()
  if (!only) record()
} finally {
  if (!once) rmSync(dir, { recursive: true, force: true })
}

