// Turns each ```ts snippet of the README into a plain Node ES module: TypeScript syntax stripped
// (imports kept verbatim, so an import that Node cannot load fails), and a prelude that supplies
// the free names a fragment leans on (`cvat`, `key`, …) and routes every request to the emulator.
import { readFileSync } from 'node:fs'
import { transform } from 'esbuild'

export const readmeSnippets = (): ReadonlyArray<string> =>
  [...readFileSync('README.md', 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)

const declared = (code: string): Set<string> =>
  new Set([
    ...[...code.matchAll(/\b(?:const|let|var)\s+(\w+)/g)].map((m) => m[1]!),
    ...[...code.matchAll(/import\s*\{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim().split(/\s+as\s+/).at(-1)!.replace(/^type\s+/, ''))),
    ...[...code.matchAll(/import\s+\*\s+as\s+(\w+)/g)].map((m) => m[1]!),
  ])

/** Builds the runnable module for one snippet; `exports` are cvat-fp's export names. */
export const snippetModule = async (snippet: string, exports: ReadonlyArray<string>): Promise<string> => {
  const js = (await transform(snippet, { loader: 'ts', format: 'esm', tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } } })).code
  const own = declared(js)
  const free: Record<string, string> = {
    pipe: `(await import('fp-ts/lib/function.js')).pipe`,
    baseUrl: `'https://cvat.example'`,
    key: `'no-such-key'`,
    keys: `['no-such-key']`,
    cvat: `__cvat.tokenAuth('token-olga')(__cvat.createClient({ baseUrl: 'https://cvat.example' }))`,
    inviteeClient: `__cvat.tokenAuth('token-ivy')(__cvat.createClient({ baseUrl: 'https://cvat.example' }))`,
    e: `{ _tag: 'TimeoutError', method: 'GET', url: 'https://cvat.example/api/invitations', ms: 10 }`,
    emulator: `(await import('cvat-fp/testing')).createCvatEmulator()`,
    ...Object.fromEntries(exports.map((name) => [name, `__cvat.${name}`])),
  }
  // Import statements (esbuild ends each with `;`, and may spread one over several lines) go first.
  const IMPORT = /^import\b[^;]*;/gm
  const imports = js.match(IMPORT) ?? []
  const body = [js.replace(IMPORT, '')]
  return [
    ...imports,
    `import * as __cvat from 'cvat-fp'`,
    // Every request goes to the emulator, whatever host the snippet names.
    `const __fetch = globalThis.fetch`,
    `globalThis.fetch = (input, init) => __fetch(String(input).replace(/^https?:\\/\\/[^/]+/, process.env.EMULATOR_URL), init)`,
    `process.env.CVAT_TOKEN ??= 'token-olga'; process.env.CVAT_ACCESS_TOKEN ??= 'pat-olga'; process.env.CVAT_PASSWORD ??= 'olga-password'`,
    ...Object.entries(free).filter(([name]) => !own.has(name) && new RegExp(`\\b${name}\\b`).test(js)).map(([name, value]) => `const ${name} = ${value}`),
    ...body,
    `process.exit(0)`,
  ].join('\n')
}
