import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('types', () => {
  it('src, tests and examples type-check under strict settings', () => {
    let output = ''
    try {
      execFileSync('npx', ['tsc', '-p', 'test/tsconfig.json'], { encoding: 'utf8', stdio: 'pipe' })
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e)
    }
    expect(output).toBe('')
  }, 600_000)
})
