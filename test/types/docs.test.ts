// The API reference: `npm run docs` (TypeDoc, warnings as errors) builds; every export has a
// one-sentence summary starting with a verb (endpoints: their HTTP line) and an example; and
// every example compiles against the public API.
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)

interface Part {
  readonly kind: string
  readonly text: string
}
interface Comment {
  readonly summary?: ReadonlyArray<Part>
  readonly blockTags?: ReadonlyArray<{ readonly tag: string; readonly content: ReadonlyArray<Part> }>
}
interface Reflection {
  readonly name: string
  readonly comment?: Comment
  readonly signatures?: ReadonlyArray<{ readonly comment?: Comment }>
  readonly children?: ReadonlyArray<Reflection>
}

const exportsOf = (): ReadonlyArray<{ module: string; name: string; comment: Comment | undefined }> => {
  const project = JSON.parse(readFileSync('.tmp/docs.json', 'utf8')) as Reflection
  return (project.children ?? []).flatMap((m) =>
    (m.children ?? []).map((c) => ({ module: m.name, name: c.name, comment: c.comment ?? c.signatures?.[0]?.comment })),
  )
}

const text = (parts: ReadonlyArray<Part> | undefined): string => (parts ?? []).map((p) => p.text).join('')
const exampleOf = (c: Comment | undefined): string | undefined => {
  const tag = c?.blockTags?.find((t) => t.tag === '@example')
  return tag && text(tag.content).replace(/^```\w*\n?|```$/g, '').trim()
}

describe('API reference', () => {
  beforeAll(async () => {
    await run('node_modules/.bin/typedoc', [], { timeout: 600_000 })
  }, 600_000)

  it('builds without warnings and covers all three entry points', () => {
    expect(new Set(exportsOf().map((e) => e.module))).toEqual(new Set(['index', 'testing', 'testing/node']))
  })

  it('gives every export a one-sentence summary that starts with a verb or its HTTP line', () => {
    const bad = exportsOf().flatMap(({ module, name, comment }) => {
      const summary = text(comment?.summary).trim()
      const first = summary.split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ')
      const startsRight = /^(GET|POST|PUT|PATCH|DELETE) \/api\//.test(first) || /^[A-Z][a-z]+s\b/.test(first)
      return summary === '' || !startsRight ? [`${module}.${name}: ${JSON.stringify(first)}`] : []
    })
    expect(bad).toEqual([])
  })

  it('gives every export an example that compiles', async () => {
    const all = exportsOf()
    const missing = all.filter((e) => exampleOf(e.comment) === undefined).map((e) => `${e.module}.${e.name}`)
    expect(missing).toEqual([])
    const names = (module: string) => [...new Set(all.filter((e) => e.module === module).map((e) => e.name))].join(', ')
    const prelude = [
      `import * as E from 'fp-ts/Either'`,
      `import * as TE from 'fp-ts/TaskEither'`,
      `import { pipe } from 'fp-ts/function'`,
      `import * as D from 'io-ts/Decoder'`,
      `import { ${names('index')} } from 'cvat-fp'`,
      `import { ${names('testing')} } from 'cvat-fp/testing'`,
      `import { ${names('testing/node')} } from 'cvat-fp/testing/node'`,
      `declare const cvat: Client, inviteeClient: Client, key: string, inv: InvitationRead, e: CvatError, json: unknown`,
      `void [E, TE, pipe, D]`,
    ].join('\n')
    rmSync('.tmp/doc-examples', { recursive: true, force: true })
    mkdirSync('.tmp/doc-examples', { recursive: true })
    all.forEach((e, i) => {
      const body = exampleOf(e.comment)!.replace(/^for await \(/m, 'for await (')
      writeFileSync(`.tmp/doc-examples/ex${i}_${e.module.replace('/', '_')}_${e.name}.ts`, `${prelude}\nexport async function example(): Promise<unknown> {\n${body}\nreturn\n}\n`)
    })
    writeFileSync(
      '.tmp/doc-examples/tsconfig.json',
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: {
          noEmit: true,
          rootDir: '../..',
          noUnusedLocals: false,
          verbatimModuleSyntax: false,
          types: ['node'],
          paths: { 'cvat-fp': ['../../src/index.ts'], 'cvat-fp/testing': ['../../src/testing.ts'], 'cvat-fp/testing/node': ['../../src/testing/node.ts'] },
        },
        include: ['.'],
      }),
    )
    const result = await run('node_modules/.bin/tsc', ['-p', '.tmp/doc-examples/tsconfig.json'], { timeout: 600_000 }).catch((err: { stdout: string }) => err)
    expect(result.stdout).toBe('')
  }, 600_000)

  it("compiles every TypeScript block in the README", async () => {
    const readme = readFileSync('README.md', 'utf8')
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)
    expect(blocks.length).toBeGreaterThan(5)
    const all = exportsOf()
    const names = (module: string) => [...new Set(all.filter((e) => e.module === module).map((e) => e.name))]
    const free: Record<string, string> = {
      cvat: 'Client', inviteeClient: 'Client', key: 'string', e: 'CvatError', baseUrl: 'string', inv: 'InvitationRead', emulator: 'CvatEmulator',
    }
    rmSync('.tmp/readme-examples', { recursive: true, force: true })
    mkdirSync('.tmp/readme-examples', { recursive: true })
    blocks.forEach((code, i) => {
      const imported = new Set([...code.matchAll(/import\s+(?:\*\s+as\s+(\w+)|\{([^}]*)\})/g)].flatMap((m) => (m[1] ? [m[1]] : m[2]!.split(',').map((x) => x.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/).pop()!))))
      const declared = new Set([...code.matchAll(/(?:const|let|function)\s+(\w+)/g)].map((m) => m[1]!))
      const fromIndex = names('index').filter((n) => !imported.has(n))
      const fromTesting = names('testing').filter((n) => !imported.has(n))
      const prelude = [
        imported.has('E') ? '' : `import * as E from 'fp-ts/Either'`,
        imported.has('TE') ? '' : `import * as TE from 'fp-ts/TaskEither'`,
        imported.has('pipe') ? '' : `import { pipe } from 'fp-ts/function'`,
        `import { ${fromIndex.join(', ')} } from 'cvat-fp'`,
        fromTesting.length ? `import { ${fromTesting.join(', ')} } from 'cvat-fp/testing'` : '',
        ...Object.entries(free).filter(([n]) => !declared.has(n) && !imported.has(n)).map(([n, t]) => `declare const ${n}: ${t}`),
      ].filter(Boolean).join('\n')
      writeFileSync(`.tmp/readme-examples/block${i}.ts`, `${prelude}\n${code}\nexport {}\n`)
    })
    writeFileSync(
      '.tmp/readme-examples/tsconfig.json',
      JSON.stringify({
        extends: '../../tsconfig.json',
        compilerOptions: {
          noEmit: true, rootDir: '../..', verbatimModuleSyntax: false, types: ['node'],
          paths: { 'cvat-fp': ['../../src/index.ts'], 'cvat-fp/testing': ['../../src/testing.ts'], 'cvat-fp/testing/node': ['../../src/testing/node.ts'] },
        },
        include: ['.'],
      }),
    )
    const result = await run('node_modules/.bin/tsc', ['-p', '.tmp/readme-examples/tsconfig.json'], { timeout: 600_000 }).catch((err: { stdout: string }) => err)
    expect(result.stdout).toBe('')
  }, 600_000)
})
