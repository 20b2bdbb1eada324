// `npm run bench:files`: bundles the files benchmark and its server with esbuild (cvat-fp from the
// built package, as Node resolves it) and runs them on plain node; the client on CPU 0 and the
// server on CPU 1 where `taskset` exists (BENCH_PIN=0 turns that off). Figures are printed, never
// asserted. BENCH_ONLY=upload|export|polling runs one measure; BENCH_ROUNDS (default 4) the rounds
// of the upload comparison.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import { build } from 'esbuild'

const dir = '.tmp/bench-files'
rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } }
for (const name of ['files', 'filesServer']) await build({ ...common, entryPoints: [`test/bench/${name}.ts`], outfile: `${dir}/${name}.mjs` })
const pin = process.env.BENCH_PIN !== '0' && os.cpus().length >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0
const node = [process.execPath, '--expose-gc', `${dir}/files.mjs`]
const [cmd, ...args] = pin ? ['taskset', '-c', '0', ...node] : node
const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, BENCH_PIN: pin ? '1' : '0', BENCH_SERVER: `${dir}/filesServer.mjs` } })
process.exit(r.status ?? 1)
