// The committed src/generated is what the generator writes from CVAT's schemas now: run into a
// temporary folder, every file is there, alike to the byte, and nothing else is. A change to the
// generator, its overrides or the schemas that is not regenerated fails here (CI runs it).
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { hasShared, sharedDir, skipReason } from '../helpers/shared'

const run = promisify(execFile)
const tsFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split('\\').join('/'))
    .sort()

describe.skipIf(!hasShared)(`npm run generate ${skipReason}`, () => {
  it('writes exactly the committed src/generated', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cvat-generated-'))
    try {
      const { stdout } = await run('node_modules/.bin/tsx', ['scripts/generate/main.ts', '--out', out], { env: { ...process.env, CVAT_SHARED: sharedDir }, timeout: 60_000 })
      expect(stdout).toMatch(/^generate: 163 operations, 210 components, \d+ files in .* \(\d+ ms\)\n$/)
      const written = tsFiles(out)
      expect(tsFiles('src/generated')).toEqual(written)
      const differ = written.filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join('src/generated', f), 'utf8'))
      expect(differ).toEqual([])
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 90_000)
})

describe('npm run generate without CVAT\'s schemas', () => {
  it('says where it looked in one line and exits 1, writing nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cvat-generated-'))
    const missing = join(out, 'no-such-folder')
    try {
      const failed = await run('node_modules/.bin/tsx', ['scripts/generate/main.ts', '--out', join(out, 'src')], { env: { ...process.env, CVAT_SHARED: missing } }).catch((e: { code: number; stdout: string; stderr: string }) => e)
      expect(failed).toMatchObject({ code: 1, stdout: '', stderr: `generate: CVAT's schemas not found at ${missing}/full (set CVAT_SHARED)\n` })
      expect(readdirSync(out)).toEqual([])
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 60_000)
})
