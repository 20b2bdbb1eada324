// The files benchmark's server, in its own process: the scripted CVAT of the workflow tests
// (test/workflows/cvatServer.ts) counting uploaded bytes without keeping them, background
// requests that finish at once (or, for the polling case, after 10 polls answered 200 ms late),
// and exports of BENCH_EXPORT_BYTES generated on the fly.
import { cvatServer } from '../workflows/cvatServer'

const exportBytes = Number(process.env['BENCH_EXPORT_BYTES'] ?? 2 ** 31)
const slow = process.env['BENCH_SLOW'] === '1'
const piece = new Uint8Array(2 ** 20).fill(0x5a)

const s = await cvatServer({
  keepBytes: false,
  lifetimeMs: 20 * 60_000,
  states: (id) => (id.startsWith('bench-') ? [...Array(10).fill({ status: 'started', progress: 0.5 }), { status: 'finished', progress: 1 }] : [{ status: 'finished', progress: 1 }]),
  exported: () => ({ size: exportBytes, piece: (_offset, n) => (n === piece.length ? piece : piece.subarray(0, n)) }),
  ...(slow ? { statusDelayMs: 200 } : {}),
})
for (let i = 0; i < 1000; i++) s.rqs.set(`bench-${i}`, { id: `bench-${i}`, kind: 'export', target: { target: 'task', id: 1 }, polls: 0 })
console.log(JSON.stringify({ url: s.url }))
setTimeout(() => process.exit(0), 20 * 60_000).unref()
process.on('disconnect', () => process.exit(0))
