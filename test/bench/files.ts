/**
 * `npm run bench:files`: what the workflows cost in time and memory, printed as figures (never a
 * timed test). Three measures, each against a server in its own process (test/bench/filesServer.ts):
 * 1. upload: `tasksCreateFromData` with one 1 GiB file (`fs.openAsBlob`, so TUS in 10 MiB chunks)
 *    against a plain `fetch` loop sending the same TUS creation and chunks, rounds interleaved;
 * 2. export: `tasksExportDataset` streaming 2 GiB to a file, the process's RSS sampled every 20 ms;
 * 3. polling: one `waitForRequest` (status requests per interval), then 1,000 at once on a server
 *    that answers each status 200 ms late (requests/s, most in flight, memory).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, openAsBlob, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Client, createClient, tasksCreateFromData, tasksExportDataset, tokenAuth, waitForRequest } from 'cvat-fp'

const SERVER = process.env['BENCH_SERVER'] ?? '.tmp/bench-files/filesServer.mjs'
const PIN = process.env['BENCH_PIN'] === '1'
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3)
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
const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

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

const upload = async (dir: string) => {
  const path = join(dir, 'video.mp4')
  const block = Buffer.alloc(64 * MiB, 7)
  const out = createWriteStream(path)
  for (let n = 0; n < UPLOAD_BYTES; n += block.length) out.write(block.subarray(0, Math.min(block.length, UPLOAD_BYTES - n)))
  await new Promise((ok) => out.end(ok))
  const file = await openAsBlob(path)
  const { child, url } = await startServer({})
  const cvat = tokenAuth('bench')(createClient({ baseUrl: url }))
  const ours: number[] = []
  const plain: number[] = []
  const rss = new Map<number[], number>()
  for (let round = 0; round < ROUNDS; round++) {
    const contenders: Array<[number[], () => Promise<void>]> = [
      [ours, async () => {
        const r = await tasksCreateFromData(cvat, { spec: { name: 'bench' }, resources: [{ name: 'video.mp4', data: file }] }, { pollInterval: 1 })()
        if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
      }],
      [plain, async () => {
        const task = (await (await fetch(`${url}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Token bench' }, body: '{"name":"plain"}' })).json()) as { id: number }
        await plainTus(url, file, task.id)
      }],
    ]
    for (const [samples, run] of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const t0 = performance.now()
      const { peak, before } = await peakRss(run)
      samples.push(UPLOAD_BYTES / MiB / ((performance.now() - t0) / 1000))
      rss.set(samples, Math.max(rss.get(samples) ?? 0, peak - before))
    }
  }
  child.kill()
  const [o, p] = [median(ours), median(plain)]
  console.log(`upload, one ${mb(UPLOAD_BYTES)} MiB file (fs.openAsBlob), ${ROUNDS} rounds interleaved, median:`)
  console.log(`  tasksCreateFromData  ${o.toFixed(0)} MiB/s   (the whole workflow: create, Upload-Start, TUS, Upload-Finish, wait, read); RSS growth at most ${mb(rss.get(ours) ?? 0)} MiB`)
  console.log(`  plain fetch TUS loop ${p.toFixed(0)} MiB/s   (creation + the same 10 MiB PATCHes); RSS growth at most ${mb(rss.get(plain) ?? 0)} MiB`)
  console.log(`  ratio ${(o / p).toFixed(2)}× (target ≥ 0.90×)`)
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
  console.log(JSON.stringify({ written, seconds, before, peak }))
}

const exportToFile = async (dir: string) => {
  const rows: string[] = []
  for (const [name, contender] of [['tasksExportDataset', 'ours'], ['plain fetch (floor)', 'plain'], ['tasksExportDataset', 'ours'], ['plain fetch (floor)', 'plain']] as const) {
    const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!], { env: { ...process.env, BENCH_ONLY: 'export-once', BENCH_CONTENDER: contender, BENCH_DIR: dir }, encoding: 'utf8' })
    const { written, seconds, before, peak } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { written: number; seconds: number; before: number; peak: number }
    rows.push(`  ${name.padEnd(20)} ${mb(written)} MiB in ${seconds.toFixed(1)} s (${(EXPORT_BYTES / MiB / seconds).toFixed(0)} MiB/s); RSS before ${mb(before)} MiB, peak ${mb(peak)} MiB: growth ${mb(peak - before)} MiB`)
  }
  console.log(`export, ${mb(EXPORT_BYTES)} MiB streamed to a file (pipeline(Readable.fromWeb(body), createWriteStream(path))), each run in a fresh process, target growth < 64 MiB:`)
  for (const row of rows) console.log(row)
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
  console.log(`polling, one waitForRequest (pollInterval 500 ms, each status answered 200 ms late): ${sent} status requests in ${one.toFixed(1)} s`)
  console.log(`  = one per ${((one * 1000) / sent).toFixed(0)} ms; the waits were 0, then 500 ms (0.5 s doubling, capped at pollInterval): never two in one interval`)
  sent = 0
  most = 0
  const t0 = performance.now()
  const { before, peak, result } = await peakRss(() => Promise.all(Array.from({ length: 1000 }, (_, i) => waitForRequest(counting, { id: `bench-${i}` }, { pollInterval: 1000 })())))
  const seconds = (performance.now() - t0) / 1000
  child.kill()
  const ok = result.filter((r) => r._tag === 'Right').length
  console.log(`polling, 1,000 concurrent waitForRequest (pollInterval 1 s, 10 polls each before 'finished', each answered 200 ms late):`)
  console.log(`  ${ok} finished, ${sent} status requests in ${seconds.toFixed(1)} s = ${(sent / seconds).toFixed(0)} requests/s (bound: 1,000 waiters × at most one per interval)`)
  console.log(`  at most ${most} status requests in flight (one per waiter at most); RSS before ${mb(before)} MiB, peak ${mb(peak)} MiB (growth ${mb(peak - before)} MiB)`)
}

const only = process.env['BENCH_ONLY']
const dir = only === 'export-once' ? process.env['BENCH_DIR']! : mkdtempSync(join(tmpdir(), 'cvat-fp-bench-'))
try {
  if (only === 'export-once') await exportOnce(dir, process.env['BENCH_CONTENDER'] ?? 'ours')
  if (!only || only === 'upload') await upload(dir)
  if (!only || only === 'export') await exportToFile(dir)
  if (!only || only === 'polling') await polling()
} finally {
  if (only !== 'export-once') rmSync(dir, { recursive: true, force: true })
}

