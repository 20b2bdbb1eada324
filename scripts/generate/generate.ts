// The generator as one function: CVAT's shared files in, every generated file out (paths under
// src/generated, text). main.ts writes them; test/generate/current.test.ts compares them with
// the committed ones.
import { opModule } from './emitOps'
import { filtersModule } from './filters'
import { isRequest, modelModule, pageItem } from './models'
import { notes } from './notes'
import { type Op, operationsOf } from './operations'
import { secrets } from './overrides'
import { readReleases } from './releases'
import { type Schema, mergeComponents, readDocuments, refName } from './schema'
import { type Shape, propsOf, shapeOf } from './shape'
import { HEADER } from './docs'
import { patternsOf, staleOverrides } from './check'
import { registryModule } from './registry'

/** Every generated file (path relative to src/generated), and what the run found. */
export interface Generated {
  readonly files: ReadonlyMap<string, string>
  readonly operations: ReadonlyArray<Op>
  readonly components: Readonly<Record<string, Schema>>
}

// Every component a schema refers to, directly or through items, properties and members.
const refsOf = (s: Schema | undefined, out: Set<string> = new Set()): Set<string> => {
  if (s === undefined) return out
  const name = refName(s)
  if (name) return out.add(name)
  for (const p of Object.values(s.properties ?? {})) refsOf(p, out)
  for (const m of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) refsOf(m, out)
  refsOf(s.items, out)
  if (typeof s.additionalProperties === 'object') refsOf(s.additionalProperties, out)
  return out
}

const usageOf = (ops: ReadonlyArray<Op>): Map<string, string[]> => {
  const usage = new Map<string, string[]>()
  const add = (name: string, text: string) => usage.set(name, [...(usage.get(name) ?? []), text])
  for (const op of ops) {
    const http = `\`${op.method} ${op.path}\``
    if (op.body?.component) add(op.body.component, `the body of ${http}`)
    const a = op.answer
    // A model's first words name where a reader meets it most plainly: a GET of one object.
    if ((a.kind === 'model' || a.kind === 'modelOrNothing') && a.shape.k === 'ref') {
      const text = op.paginated ? `one page of ${http}` : `the answer of ${http}`
      if (op.method === 'GET' && !op.paginated) usage.set(a.shape.name, [text, ...(usage.get(a.shape.name) ?? [])])
      else add(a.shape.name, text)
    }
    if (a.kind === 'byStatus') for (const s of [a.accepted.shape, a.otherwise.shape]) if (s.k === 'ref') add(s.name, `the answer of ${http}`)
  }
  return usage
}

const findCycle = (graph: ReadonlyMap<string, ReadonlySet<string>>): ReadonlyArray<string> | undefined => {
  const state = new Map<string, 'open' | 'done'>()
  const visit = (n: string, path: ReadonlyArray<string>): ReadonlyArray<string> | undefined => {
    if (state.get(n) === 'done') return undefined
    if (state.get(n) === 'open') return [...path, n]
    state.set(n, 'open')
    for (const m of graph.get(n) ?? []) {
      const cycle = visit(m, [...path, n])
      if (cycle) return cycle
    }
    state.set(n, 'done')
    return undefined
  }
  for (const n of graph.keys()) {
    const cycle = visit(n, [])
    if (cycle) return cycle
  }
  return undefined
}

/** Runs the generator over CVAT's shared files. */
export const generate = (shared: string): Generated => {
  const docs = readDocuments(shared)
  const releases = readReleases(shared)
  const components = mergeComponents(docs)
  const operations = operationsOf(docs, components, releases)
  const names = Object.keys(components)

  const stale = staleOverrides(components, operations, patternsOf(components))
  if (stale.length > 0) throw new Error(`generate: stale overrides (remove or correct them):\n  ${stale.join('\n  ')}`)

  const cycle = findCycle(new Map(names.map((n) => [n, refsOf(components[n])])))
  if (cycle) throw new Error(`generate: components refer to each other in a cycle (${cycle.join(' → ')}), which module imports cannot hold`)

  const enumNames = new Map<string, string>()
  for (const n of names) {
    const values = components[n]!.enum
    if (values && !values.includes(null)) {
      const key = JSON.stringify([...values].map(String).sort())
      if (!enumNames.has(key)) enumNames.set(key, n)
    }
  }
  const resolve = (name: string): Shape => {
    const s = components[name]!
    const place = { request: isRequest(name), owner: name, components }
    return s.properties && !pageItem(s) ? { k: 'object', props: propsOf(s, place, []) } : shapeOf(s, place)
  }
  const secretsOf = (component: string, seen: Set<string> = new Set()): ReadonlyArray<string> => {
    if (seen.has(component)) return []
    seen.add(component)
    return [...new Set([...(secrets[component]?.fields ?? []), ...[...refsOf(components[component])].flatMap((c) => secretsOf(c, seen))])]
  }

  const files = new Map<string, string>()
  const usage = usageOf(operations)
  for (const n of names) files.set(`models/${n}.ts`, modelModule(n, components[n]!, { components, usage, resolve }))

  const exports: string[] = names.map((n) => `export { ${n} } from './models/${n}'`)
  const tags = [...new Set(operations.map((o) => o.tag))].sort()
  for (const tag of tags) {
    const ops = operations.filter((o) => o.tag === tag).sort((a, b) => a.fn.localeCompare(b.fn))
    for (const op of ops) {
      const m = opModule(op, { components, enumNames, resolve, secretsOf, notes })
      files.set(m.path, m.text)
      exports.push(`export { ${op.fn}${m.paramsType ? `, type ${m.paramsType}` : ''} } from './${m.path.replace(/\.ts$/, '')}'`)
    }
    const filters = filtersModule(ops, components, enumNames)
    if (filters) {
      files.set(`${tag}/filters.ts`, filters.text)
      exports.push(`export { ${filters.names.join(', ')} } from './${tag}/filters'`)
    }
  }
  // The command line's table of every operation: its own module, which the barrel never re-exports.
  files.set('registry.ts', registryModule(operations))
  files.set('index.ts', `${HEADER}\n// Every generated model, operation and list of filter fields; src/index.ts re-exports them.\n${exports.join('\n')}\n`)
  return { files, operations, components }
}
