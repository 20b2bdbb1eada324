// Bundles the benchmark and its server with esbuild (cvat-fp from the built package, as Node
// resolves it) and runs them on plain node: no TypeScript loader in the measured path.
import { spawnSync } from 'node:child_process'
import { build } from 'esbuild'

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } }
await build({ ...common, entryPoints: ['test/bench/bench.ts'], outfile: '.tmp/bench/bench.mjs' })
await build({ ...common, entryPoints: ['test/bench/server.ts'], outfile: '.tmp/bench/server.mjs' })
const r = spawnSync(process.execPath, ['.tmp/bench/bench.mjs'], { stdio: 'inherit', env: process.env })
process.exit(r.status ?? 1)
