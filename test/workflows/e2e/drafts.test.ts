// The README drafts of docs-drafts/workflows.md run as written, as scripts (tsx), against the
// scripted CVAT: each block with the client the drafts' comment says to put above it.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { useCvat } from '../useCvat'

const run = promisify(execFile)
const blocks = [...readFileSync('docs-drafts/workflows.md', 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)
const names = [...new Set([...readFileSync('src/index.ts', 'utf8').matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((x) => x.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/).pop()!).filter(Boolean)))]
const dir = mkdtempSync(join(tmpdir(), 'cvat-fp-drafts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const script = async (i: number, url: string) => {
  const file = join(dir, `block${i}.mts`)
  const prelude = `import { ${names.join(', ')} } from '${resolve('src/index.ts')}'\nconst cvat = tokenAuth('t0ken')(createClient({ baseUrl: process.env.CVAT_URL }))\n`
  writeFileSync(file, `${prelude}${blocks[i]}\nexport {}\n`)
  return run(resolve('node_modules/.bin/tsx'), [file], { cwd: dir, env: { ...process.env, CVAT_URL: url }, timeout: 60_000 })
}

describe('the README drafts run as written', () => {
  const { start } = useCvat()
  it('has the four sections', () => expect(blocks.length).toBe(4))

  it('creates a task from a folder of images', async () => {
    const { s } = await start({ states: () => [{ status: 'finished' }] })
    mkdirSync(join(dir, 'images'), { recursive: true })
    writeFileSync(join(dir, 'images', 'cat.jpg'), 'cat')
    writeFileSync(join(dir, 'images', 'dog.jpg'), 'dog')
    const { stdout, stderr } = await script(0, s.url)
    expect(stdout).toBe('task 1 is ready\n')
    expect(stderr).toContain('upload 100%')
    expect([...s.tasks.get(1)!.files.keys()].sort()).toEqual(['cat.jpg', 'dog.jpg'])
  }, 60_000)

  it('exports a dataset to a file', async () => {
    const { s } = await start({ states: () => [{ status: 'finished' }] })
    const { stdout } = await script(1, s.url)
    expect(stdout).toBe('saved task_42_dataset.zip (11 bytes)\n')
    expect(readFileSync(join(dir, 'task_42_dataset.zip'), 'utf8')).toBe('PK-exported')
  }, 60_000)

  it('imports annotations', async () => {
    const { s } = await start({ states: () => [{ status: 'finished' }] })
    writeFileSync(join(dir, 'annotations.xml'), '<annotations/>')
    const { stdout, stderr } = await script(2, s.url)
    expect([stdout, stderr]).toEqual(['', ''])
    expect([...s.stored.values()].map(String)).toEqual(['<annotations/>'])
  }, 60_000)

  it('backs a task up and restores it', async () => {
    const { s } = await start({ states: () => [{ status: 'finished' }] })
    const { stdout } = await script(3, s.url)
    expect(stdout).toBe('restored as task 1\n')
    expect(existsSync(join(dir, 'task_42_backup.zip'))).toBe(true)
    expect(readdirSync(dir)).toContain('task_42_backup.zip')
  }, 60_000)
})
