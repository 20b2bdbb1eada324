// Prints vitest's JSON report as the plain closing line CI reads: "N passed, N failed[, N skipped]".
// Usage: node test/summary.mjs REPORT.json [VITEST_EXIT_CODE]. The line tells the truth about the
// whole run: a suite that fails to load, a report that says the run failed, or vitest exiting
// non-zero with no failing test (an unhandled error or rejection) each count as a failure.
// Exits 1 when anything failed.
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
if (failed === 0 && exitCode !== 0) {
  console.log(`vitest exited with code ${process.argv[3]} although no test failed: a run-level failure (an unhandled error or rejection) counts as 1 failure`)
  failed = 1
} else if (failed === 0 && report.success === false) {
  console.log('the vitest report says the run did not succeed although no test failed: counted as 1 failure')
  failed = 1
}
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed === 0 ? 0 : 1)
