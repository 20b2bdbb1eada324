// Tree-shaking holds for the generated API: a bundle that imports one function from the barrel
// keeps that operation's module and the models it reads, and none of the other 162 operations
// (their modules leave no byte, their paths no trace); an empty import is empty.
import { readFileSync, readdirSync } from 'node:fs'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const bundle = async (code: string) => {
  const out = await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const kept = Object.entries(Object.values(out.metafile.outputs)[0]!.inputs).filter(([, i]) => i.bytesInOutput > 0)
  return { js: out.outputFiles[0]!.text, kept: kept.map(([path]) => path) }
}

// Every generated operation module with the path it sends to.
const operations = readdirSync('src/generated', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.startsWith('models') && f.includes('/') && !f.endsWith('filters.ts'))
  .map((f) => ({ file: `src/generated/${f}`, path: /\n {2}path: '([^']+)',/.exec(readFileSync(`src/generated/${f}`, 'utf8'))![1]! }))

describe('the generated API in a bundle', () => {
  it('has 163 operation modules', () => {
    expect(operations.length).toBe(163)
  })

  it.each(['tasksRetrieve', 'tasksCreateData', 'jobsRetrieveData', 'qualityCreateReport', 'invitationsList'])('%s alone keeps its own operation and no other', async (fn) => {
    const { js, kept } = await bundle(`export { ${fn} } from './src/index.ts'`)
    const own = operations.find((o) => o.file.endsWith(`/${fn}.ts`))!
    expect(kept.filter((k) => k.startsWith('src/generated/') && !k.startsWith('src/generated/models/'))).toEqual([own.file])
    // No other operation's path is in the bundle (paths several operations share aside).
    const others = operations.filter((o) => o.path !== own.path)
    expect(others.filter((o) => js.includes(`"${o.path}"`)).map((o) => o.path)).toEqual([])
    expect(js).toContain(`"${own.path}"`)
  }, 60_000)

  it('an empty import of the barrel is empty', async () => {
    expect((await bundle(`import './src/index.ts'`)).js.trim()).toBe('')
  }, 60_000)
})
