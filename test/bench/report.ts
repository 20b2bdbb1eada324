/**
 * The last step of `npm run bench`: merges the samples of every measuring process (bench.ts),
 * prints one table with ratios to raw fetch and the targets, and writes them with the machine
 * to BENCHMARKS.md.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { CASES, CONTENDERS, type Samples, WALLS } from './cases'

const DIR = process.env['BENCH_DIR'] ?? '.tmp/bench'

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const parts: Samples[] = readdirSync(DIR)
  .filter((f) => /^part-\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Samples)
const all = <A>(pick: (s: Samples) => ReadonlyArray<A> | undefined): A[] => parts.flatMap((s) => pick(s) ?? [])
const rounds = all((s) => s.requests[`10|1|${CONTENDERS[0]}`]?.rps).length

const lines: string[] = []
const verdicts: string[] = []
lines.push('| page size | concurrency | contender | req/s (median) | × raw fetch | client CPU µs/req | × raw fetch |')
lines.push('|---:|---:|---|---:|---:|---:|---:|')
for (const [size, conc] of CASES) {
  for (const name of CONTENDERS) {
    const key = `${size}|${conc}|${name}`
    const ratio = median(all((s) => s.requests[key]?.rpsRatio))
    const cells = [median(all((s) => s.requests[key]?.rps)).toFixed(0), ratio.toFixed(2), median(all((s) => s.requests[key]?.cpu)).toFixed(0), median(all((s) => s.requests[key]?.cpuRatio)).toFixed(2)]
    lines.push(`| ${size} | ${conc} | ${name} | ${cells.join(' | ')} |`)
    if (name.startsWith('cvat-fp') && (size === 10 || size === 1000)) {
      // Raw fetch against itself says how far this run can be trusted: a ratio short of the target
      // by less than that is not a miss this machine can tell apart from noise.
      const again = median(all((s) => s.requests[`${size}|${conc}|${CONTENDERS[1]}`]?.rpsRatio))
      const target = size === 10 ? 0.9 : 0.8
      const verdict = ratio >= target ? 'met' : ratio >= target - Math.abs(1 - again) ? 'not told apart from noise' : 'MISSED'
      verdicts.push(`cvat-fp at page size ${size}, concurrency ${conc}: ${ratio.toFixed(2)}× raw fetch (target ≥ ${target}×; raw fetch against itself ${again.toFixed(2)}×) ${verdict}`)
    }
  }
}
const parseOnly = median(all((s) => s.parseOnly))
const parseDecode = median(all((s) => s.parseDecode))
lines.push('', '| decoding a 1,000-invitation page | µs per invitation |', '|---|---:|')
lines.push(`| JSON.parse alone | ${parseOnly.toFixed(2)} |`)
lines.push(`| JSON.parse + PaginatedInvitationReadList.decode | ${parseDecode.toFixed(2)} |`)
lines.push(`| the codec's own share | ${(parseDecode - parseOnly).toFixed(2)} |`)
lines.push('', '| 30 pages × 20 ms latency | wall ms (median) | speed-up vs sequential |', '|---|---:|---:|')
const wall = (name: string): number => median(all((s) => s.wall[name]))
for (const name of WALLS) lines.push(`| ${name} | ${wall(name).toFixed(0)} | ${(wall(WALLS[0]) / wall(name)).toFixed(2)}× |`)
const c4 = wall(WALLS[0]) / wall('invitationsListAll, concurrency 4')
verdicts.push(`invitationsListAll at concurrency 4: ${c4.toFixed(2)}× faster than sequential (target ≥ 3×) ${c4 >= 3 ? 'met' : 'MISSED'}`)

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`
const table = lines.join('\n')
console.log(table)
console.log(`\n${verdicts.join('\n')}`)
// `npm run bench:files` keeps its own block in the file (test/bench/files.ts): it stays as it is.
const kept = /<!-- npm run bench:files -->[\s\S]*<!-- \/npm run bench:files -->/.exec(existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : '')?.[0]
writeFileSync(
  'BENCHMARKS.md',
  `# Benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${parts.length} measuring processes × ` +
    `${rounds / Math.max(1, parts.length)} interleaved rounds each.\n\nMachine: ${machine}.\n\n` +
    `The server (node:http on 127.0.0.1, in its own process) serves identical bytes to every contender; client CPU is\n` +
    `\`process.cpuUsage()\` of the measuring process per request. req/s and CPU are medians over all rounds; each\n` +
    `× raw fetch is the median of the ratios measured within one round: contenders run back to back in a fresh\n` +
    `random order each round, each measured sample preceded by a short unmeasured one${parts[0]?.pinned ? ', the client pinned to CPU 0\nand the server to CPU 1' : ''}. Rounds come from ${parts.length} separate\n` +
    `process${parts.length === 1 ? '' : 'es'}, since one process's JIT and memory layout can favour one contender. The "again" row runs raw fetch\n` +
    `a second time: its distance from 1.00 is the noise floor of this machine. Figures are printed, not asserted.\n\n` +
    `${table}\n\nTargets:\n\n${verdicts.map((v) => `- ${v}`).join('\n')}\n` +
    (kept === undefined ? '' : `\n${kept}\n`),
)
