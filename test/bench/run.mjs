// `npm run bench`: bundles the benchmark, its server and the report with esbuild (cvat-fp from the
// built package, as Node resolves it) and runs them on plain node, so no TypeScript loader sits in
// the measured path. BENCH_PROCESSES (default 4) measuring processes run one after another, each
// BENCH_ROUNDS (default 4) rounds; the report merges them. Where `taskset` exists and there are two
// or more CPUs, the client is pinned to CPU 0 and the server to CPU 1 (BENCH_PIN=0 turns that
// off): the scheduler moving them about was the largest source of noise on a 2-core VM.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import { build } from 'esbuild'

const dir = '.tmp/bench'
rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } }
for (const name of ['bench', 'server', 'report']) await build({ ...common, entryPoints: [`test/bench/${name}.ts`], outfile: `${dir}/${name}.mjs` })

const pin = process.env.BENCH_PIN !== '0' && os.cpus().length >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0
const run = (script, env) => {
  const node = [process.execPath, `${dir}/${script}.mjs`]
  const [cmd, ...args] = pin ? ['taskset', '-c', '0', ...node] : node
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, BENCH_PIN: pin ? '1' : '0', ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}
const processes = Number(process.env.BENCH_PROCESSES ?? 4)
for (let i = 1; i <= processes; i++) {
  console.error(`measuring process ${i} of ${processes}…`)
  run('bench', { BENCH_PART: `${dir}/part-${i}.json` })
}
run('report', { BENCH_DIR: dir })
