// Issue 10 §7: CI reads the closing line "N passed, N failed" of `npm test`. A run-level failure
// (vitest exiting non-zero with no failing test: an unhandled rejection or error) must count as a
// failure there, or a red run reads green.
import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const dir = '.tmp/summary-test'

const report = (passed: number, failed: number, extra: Record<string, unknown> = {}) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: 0,
  numTodoTests: 0,
  success: failed === 0,
  testResults: [],
  ...extra,
})

// Runs the summary and answers its output and exit code.
const summarise = async (json: unknown, ...args: string[]) => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/report.json`, JSON.stringify(json))
  try {
    const { stdout } = await run('node', ['test/summary.mjs', `${dir}/report.json`, ...args])
    return { stdout, code: 0 }
  } catch (e) {
    const { stdout, code } = e as { stdout: string; code: number }
    return { stdout, code }
  }
}

describe('test/summary.mjs', () => {
  it('a clean run with exit code 0 reads as it is', async () => {
    expect(await summarise(report(12, 0), '0')).toEqual({ stdout: '12 passed, 0 failed\n', code: 0 })
  })

  it('exit code 1 with no failing test is one failure, said so', async () => {
    expect(await summarise(report(1, 0), '1')).toEqual({
      stdout: 'vitest exited with code 1 although no test failed: a run-level failure (an unhandled error or rejection) counts as 1 failure\n1 passed, 1 failed\n',
      code: 1,
    })
  })

  it('a report that says it did not succeed counts even without an exit code', async () => {
    expect(await summarise(report(3, 0, { success: false }))).toEqual({
      stdout: 'the vitest report says the run did not succeed although no test failed: counted as 1 failure\n3 passed, 1 failed\n',
      code: 1,
    })
  })

  it('failing tests are counted once, whatever the exit code', async () => {
    expect(await summarise(report(5, 2), '1')).toEqual({ stdout: '5 passed, 2 failed\n', code: 1 })
  })
})

describe('test/summary.mjs on a partial run', () => {
  // A stranger's run without ../shared ended "1381 passed, 0 failed, 53 skipped" and nothing said
  // why: the closing lines now give each reason a suite put in its title, and the tiers left out.
  const skippedIn = (name: string, ancestorTitles: string[], title: string) => ({
    name: `/somewhere/checkout/${name}`,
    status: 'passed',
    assertionResults: [{ status: 'skipped', ancestorTitles, title }],
  })
  it('says why tests were skipped and which tiers were left out, the count line last', async () => {
    const json = report(10, 0, {
      numPendingTests: 3,
      testResults: [
        skippedIn('test/contract/a.test.ts', ['prism skipped: files not found at /x (set CVAT_SHARED)'], 'one'),
        skippedIn('test/contract/b.test.ts', ['schema skipped: files not found at /x (set CVAT_SHARED)', 'inner'], 'two'),
        skippedIn('test/runtimes/m.test.ts', ['matrix', 'headless Chromium (skipped: /usr/bin/chromium missing)'], 'runs'),
      ],
    })
    const out = await (async () => {
      mkdirSync(dir, { recursive: true })
      writeFileSync(`${dir}/report.json`, JSON.stringify(json))
      return (await run('node', ['test/summary.mjs', `${dir}/report.json`, '0'], { env: { ...process.env, CVAT_FP_LEFT_OUT: 'the package tier: CI=true runs it' } })).stdout
    })()
    expect(out.split('\n')).toEqual([
      'skipped: 2 tests in test/contract/a.test.ts, test/contract/b.test.ts: files not found at /x (set CVAT_SHARED)',
      'skipped: 1 test in test/runtimes/m.test.ts: /usr/bin/chromium missing',
      'left out: the package tier: CI=true runs it',
      '10 passed, 0 failed, 3 skipped',
      '',
    ])
  })

  it('names the file of a test skipped with no reason', async () => {
    const json = report(1, 0, { numPendingTests: 1, testResults: [skippedIn('test/x/y.test.ts', ['suite'], 'quietly')] })
    expect(await summarise(json, '0')).toEqual({ stdout: 'skipped: 1 test in test/x/y.test.ts: no reason given (skipped in its file)\n1 passed, 0 failed, 1 skipped\n', code: 0 })
  })
})

describe('test/run.sh with a real vitest run', () => {
  it('an unhandled rejection in a passing suite makes the closing line say 1 failed', async () => {
    const root = `${dir}/project`
    rmSync(root, { recursive: true, force: true })
    mkdirSync(root, { recursive: true })
    // Not named *.test.*: the project's own run must never pick this suite up.
    writeFileSync(`${root}/vitest.config.mjs`, `export default { test: { include: ['*.check.mjs'] } }\n`)
    writeFileSync(
      `${root}/unhandled.check.mjs`,
      `import { it, expect } from 'vitest'\nit('passes', () => { Promise.reject(new Error('nobody handles me')); expect(1).toBe(1) })\n`,
    )
    const vitest = await run('node_modules/.bin/vitest', ['run', '--root', root, '--reporter=json', '--outputFile.json=report.json'], { cwd: process.cwd() }).then(
      () => 0,
      (e: { code: number }) => e.code,
    )
    expect(vitest).toBe(1)
    const { stdout, code } = await (async () => {
      try {
        return { ...(await run('node', ['test/summary.mjs', `${root}/report.json`, String(vitest)])), code: 0 }
      } catch (e) {
        return e as { stdout: string; code: number }
      }
    })()
    expect({ last: stdout.trim().split('\n').at(-1), code }).toEqual({ last: '1 passed, 1 failed', code: 1 })
  }, 60_000)
})
