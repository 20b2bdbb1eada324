// The layers of DESIGN.md §2, held by the import graph of src/: no import cycle, and no module
// importing from a layer above its own. Every import counts, `import type` too (a type ties the
// layers as much as a value does). The layers, lowest first:
//   internal < errors < http < middleware < endpoint < codecs < generated < workflows < index
//   testing and cli on top, never imported by the rest.
// The folders of today map onto them below; the restructuring into DESIGN.md's folders will make
// the map a plain folder name. Violations that move resolves are allowed, each named and explained.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CvatEmulatorOptions } from '../../src/testing'
import { OPTION_NAMES } from '../../src/testing/options'

const SRC = resolve('src')
const LAYERS = ['internal', 'errors', 'http', 'middleware', 'endpoint', 'codecs', 'generated', 'workflows', 'index', 'top'] as const
type Layer = (typeof LAYERS)[number]

const layerOf = (file: string): Layer => {
  const [first = '', second] = file.split('/')
  if (first === 'internal' || file === 'json.ts') return 'internal'
  if (first === 'errors' || file === 'errors.ts') return 'errors'
  if (first === 'http') return 'http'
  if (first === 'middleware') return 'middleware'
  if (first === 'endpoint') return 'endpoint'
  if (first === 'codecs') return 'codecs'
  if (first === 'generated') return 'generated'
  if (first === 'bulk' || first === 'workflows') return 'workflows'
  // login, and the listAll/pages/…Many helpers of a resource, are workflows in DESIGN.md.
  if (['invitations', 'memberships', 'organizations', 'users', 'auth', 'accessTokens', 'filters'].includes(first))
    return second !== undefined && /^(login|listAll|pages|inviteMany|resendMany|destroyMany)\.ts$/.test(second) ? 'workflows' : 'generated'
  if (file === 'index.ts') return 'index'
  if (first === 'testing' || file === 'testing.ts' || first === 'cli') return 'top'
  return 'top'
}

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [relative(SRC, path)] : []
  })

// `from './x'`, `from '../x'`, `import('./x')`: relative imports only (packages are not layers).
const importsOf = (file: string): string[] => {
  const text = readFileSync(join(SRC, file), 'utf8')
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!)
  return specs.map((spec) => {
    const base = relative(SRC, resolve(SRC, dirname(file), spec))
    const candidates = [`${base}.ts`, join(base, 'index.ts'), base]
    return candidates.find((c) => { try { return statSync(join(SRC, c)).isFile() } catch { return false } }) ?? `${base}.ts`
  })
}

const graph = new Map(files(SRC).map((f) => [f, importsOf(f)]))

// Tarjan's strongly connected components: every cycle lies inside one of size > 1.
const cycles = (): string[][] => {
  let index = 0
  const stack: string[] = []
  const on = new Set<string>()
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const out: string[][] = []
  const visit = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        on.delete(w)
        scc.push(w)
      }
      if (scc.length > 1) out.push(scc.sort())
    }
  }
  for (const v of graph.keys()) if (!idx.has(v)) visit(v)
  return out
}

// Imports from a higher layer that the move into DESIGN.md's folders resolves. Each is "from → to".
const ALLOWED: Readonly<Record<string, string>> = {
  // Redaction percent-encodes a secret as the request builder does; `encode` is text, and moves to internal/.
  'errors/redact.ts → http/request.ts': 'encode moves to internal/ (text helpers)',
  // The policy rules name the client type and read a request's URL; the Client type and
  // resolveUrl belong to http, which middleware stands on: correct. But policy.ts also uses
  // endpoint/input.ts's describeValue and clientProblem, which move to internal/ (input checks).
  'middleware/policy.ts → endpoint/input.ts': 'input checks move to internal/',
  'middleware/retry.ts → endpoint/input.ts': 'input checks move to internal/',
  'middleware/timeout.ts → endpoint/input.ts': 'input checks move to internal/',
  'http/client.ts → endpoint/input.ts': 'input checks move to internal/',
}

describe('the import graph of src/', () => {
  it('has no cycle', () => {
    expect(cycles()).toEqual([])
  })

  it('never imports from a layer above (the allowed ones are listed and explained)', () => {
    const up: string[] = []
    for (const [from, targets] of graph)
      for (const to of targets)
        if (LAYERS.indexOf(layerOf(to)) > LAYERS.indexOf(layerOf(from)) && !(layerOf(from) === 'top' && layerOf(to) === 'top')) up.push(`${from} → ${to}`)
    expect(up.filter((edge) => ALLOWED[edge] === undefined)).toEqual([])
  })

  it('keeps testing and cli out of everything else', () => {
    const into = [...graph].flatMap(([from, targets]) => (layerOf(from) === 'top' ? [] : targets.filter((to) => layerOf(to) === 'top').map((to) => `${from} → ${to}`)))
    expect(into).toEqual([])
  })

  it('lists no allowance that is no longer needed', () => {
    const edges = new Set([...graph].flatMap(([from, targets]) => targets.map((to) => `${from} → ${to}`)))
    expect(Object.keys(ALLOWED).filter((edge) => !edges.has(edge) || LAYERS.indexOf(layerOf(edge.split(' → ')[1]!)) <= LAYERS.indexOf(layerOf(edge.split(' → ')[0]!)))).toEqual([])
  })

  // options.ts reads the emulator's options by name (it imports nothing from emulator.ts, which
  // imports it): each name must still be an option. A compile-time check, run by test/types.
  it('every option name testing/options.ts reads is an option of createCvatEmulator', () => {
    const names: ReadonlyArray<keyof CvatEmulatorOptions> = OPTION_NAMES
    expect(names.length).toBe(23)
  })

  it('the checker can fail: a made-up upward import and a made-up cycle are found', () => {
    graph.set('internal/fake.ts', ['cli/main.ts', 'internal/fake2.ts'])
    graph.set('internal/fake2.ts', ['internal/fake.ts'])
    try {
      expect(cycles()).toContainEqual(['internal/fake.ts', 'internal/fake2.ts'])
      expect(LAYERS.indexOf(layerOf('cli/main.ts')) > LAYERS.indexOf(layerOf('internal/fake.ts'))).toBe(true)
    } finally {
      graph.delete('internal/fake.ts')
      graph.delete('internal/fake2.ts')
    }
  })
})
