// Prints vitest's JSON report as the plain closing lines CI reads, the last one always
// "N passed, N failed[, N skipped]". Usage: node test/summary.mjs REPORT.json [VITEST_EXIT_CODE].
// The last line tells the truth about the whole run: a suite that fails to load, a report that
// says the run failed, or vitest exiting non-zero with no failing test (an unhandled error or
// rejection) each count as a failure. The lines before it say why tests were skipped (the reason
// a suite gives in its title after "skipped: ") and which tiers were left out
// ($CVAT_FP_LEFT_OUT, one per line, written by test/run.sh), so a partial run never reads as a
// whole one. Exits 1 when anything failed.
import { readFileSync } from 'node:fs'

let report
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
} catch (e) {
  console.log(`no vitest report (${e.message})`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const exitCode = process.argv[3] === undefined ? 0 : Number(process.argv[3])
const skipped = report.numPendingTests + report.numTodoTests
// A suite that fails to load has no tests to count; count it as a failure so it cannot hide.
const brokenSuites = report.testResults.filter((r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed')).length
let failed = report.numFailedTests + brokenSuites

// The reason a skipped test gives: the text after "skipped: " in its title or a suite's, without
// the closing parenthesis of "(skipped: …)".
const reasonOf = (titles) => {
  for (const title of titles) {
    const at = title.indexOf('skipped: ')
    if (at < 0) continue
    const reason = title.slice(at + 'skipped: '.length).trim()
    const open = (title.slice(0, at).match(/\(/g) ?? []).length - (title.slice(0, at).match(/\)/g) ?? []).length
    return open > 0 && reason.endsWith(')') ? reason.slice(0, -1) : reason
  }
  return undefined
}
const file = (name) => name.replace(/^.*?\/(test\/)/, '$1')
const reasons = new Map()
for (const suite of report.testResults) {
  for (const a of suite.assertionResults) {
    if (!['skipped', 'pending', 'todo'].includes(a.status)) continue
    const reason = reasonOf([...(a.ancestorTitles ?? []), a.title ?? '']) ?? `no reason given (${a.status === 'todo' ? 'todo' : 'skipped'} in its file)`
    const entry = reasons.get(reason) ?? { tests: 0, files: new Set() }
    entry.tests++
    entry.files.add(file(suite.name))
    reasons.set(reason, entry)
  }
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`
for (const [reason, { tests, files }] of reasons) {
  const where = files.size <= 3 ? [...files].join(', ') : `${[...files].slice(0, 3).join(', ')} and ${files.size - 3} more`
  console.log(`skipped: ${plural(tests, 'test')} in ${where}: ${reason}`)
}
for (const line of (process.env['CVAT_FP_LEFT_OUT'] ?? '').split('\n').filter((l) => l.trim() !== '')) console.log(`left out: ${line}`)

if (failed === 0 && exitCode !== 0) {
  console.log(`vitest exited with code ${process.argv[3]} although no test failed: a run-level failure (an unhandled error or rejection) counts as 1 failure`)
  failed = 1
} else if (failed === 0 && report.success === false) {
  console.log('the vitest report says the run did not succeed although no test failed: counted as 1 failure')
  failed = 1
}
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed === 0 ? 0 : 1)
