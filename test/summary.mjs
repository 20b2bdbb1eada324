// Prints vitest's JSON report as the plain closing line CI reads: "N passed, N failed[, N skipped]".
import { readFileSync } from 'node:fs'

let report
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'))
} catch (e) {
  console.log(`no vitest report (${e.message})`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}
const skipped = report.numPendingTests + report.numTodoTests
// A suite that fails to load has no tests to count; count it as a failure so it cannot hide.
const brokenSuites = report.testResults.filter((r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed')).length
const failed = report.numFailedTests + brokenSuites
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
