// The overrides checked against the schemas they deviate from: every entry must still name
// something the schemas have and still change something (a field required here that the schema
// already requires, a secret field no version has, a note for an operation that is gone, is a
// stale entry and stops the generator). Answers and bodies are checked where they are read
// (operations.ts).
import { notes } from './notes'
import { ids, optionalToo, orgContext, patterns, requiredToo, secrets, sentences, unions } from './overrides'
import type { Op } from './operations'
import type { Schema } from './schema'

/** Says what is stale in the overrides, one line each (empty when nothing is). */
export const staleOverrides = (components: Readonly<Record<string, Schema>>, operations: ReadonlyArray<Op>, rawPatterns: ReadonlySet<string>): ReadonlyArray<string> => {
  const problems: string[] = []
  const props = (c: string) => components[c]?.properties ?? {}
  const required = (c: string) => components[c]?.required ?? []
  const ops = new Map(operations.map((o) => [o.id, o]))
  for (const [c, { fields }] of Object.entries(requiredToo))
    for (const f of fields) if (!(f in props(c)) || required(c).includes(f)) problems.push(`requiredToo.${c}.${f}: ${f in props(c) ? 'the schema requires it already' : 'no such field'}`)
  for (const [c, { fields }] of Object.entries(optionalToo)) for (const f of fields) if (!required(c).includes(f)) problems.push(`optionalToo.${c}.${f}: the schema does not require it`)
  for (const [c, { fields }] of Object.entries(secrets)) for (const f of fields) if (!(f in props(c))) problems.push(`secrets.${c}.${f}: no such field`)
  for (const c of Object.keys(unions)) if (!(components[c]?.anyOf ?? components[c]?.oneOf)) problems.push(`unions.${c}: not a union in the schemas`)
  for (const p of Object.keys(patterns)) if (!rawPatterns.has(p)) problems.push(`patterns ${p}: no schema uses it`)
  for (const [c, brand] of Object.entries(ids.models)) if (props(c)['id']?.type !== 'integer') problems.push(`ids.models.${c} (${brand}): no integer id`)
  for (const id of Object.keys(orgContext)) if (!ops.has(id)) problems.push(`orgContext.${id}: no such operation`)
  for (const id of [...Object.keys(sentences), ...Object.keys(notes)]) if (!ops.has(id)) problems.push(`sentence or note ${id}: no such operation`)
  return problems
}

/** Every `pattern` a schema writes. */
export const patternsOf = (components: Readonly<Record<string, Schema>>): ReadonlySet<string> => {
  const found = new Set<string>()
  const walk = (s: Schema | undefined): void => {
    if (s === undefined) return
    if (s.pattern !== undefined) found.add(s.pattern)
    for (const p of Object.values(s.properties ?? {})) walk(p)
    for (const m of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) walk(m)
    walk(s.items)
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties)
  }
  Object.values(components).forEach(walk)
  return found
}
