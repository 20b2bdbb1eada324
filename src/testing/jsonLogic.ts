/**
 * The JSON Logic subset CVAT's `filter` parameter uses: `and`, `or`, `!`, `==`, `!=`, `<`,
 * `<=`, `>`, `>=`, `in` and `var`, over a record of filterable fields.
 */

/** Evaluates a rule against a record; unknown operators or fields are reported, not thrown. */
export const evaluate = (
  rule: unknown,
  data: Readonly<Record<string, unknown>>,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string } => {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return { ok: true, value: rule }
  const entries = Object.entries(rule)
  const [op, rawArgs] = entries[0] ?? []
  if (entries.length !== 1 || op === undefined) return { ok: false, error: 'a rule must have exactly one operator' }
  const args: ReadonlyArray<unknown> = Array.isArray(rawArgs) ? rawArgs : [rawArgs]
  if (op === 'var') {
    const name = args[0]
    return typeof name === 'string' && name in data
      ? { ok: true, value: data[name] }
      : { ok: false, error: `unknown field ${JSON.stringify(name)}; available: ${Object.keys(data).join(', ')}` }
  }
  const values: unknown[] = []
  for (const a of args) {
    const r = evaluate(a, data)
    if (!r.ok) return r
    values.push(r.value)
  }
  const [a, b] = values as [unknown, unknown]
  switch (op) {
    case 'and':
      return { ok: true, value: values.every(Boolean) }
    case 'or':
      return { ok: true, value: values.some(Boolean) }
    case '!':
      return { ok: true, value: !a }
    case '==':
      // eslint-disable-next-line eqeqeq -- JSON Logic's == is loose
      return { ok: true, value: a == b }
    case '!=':
      // eslint-disable-next-line eqeqeq
      return { ok: true, value: a != b }
    case '<':
      return { ok: true, value: (a as number) < (b as number) }
    case '<=':
      return { ok: true, value: (a as number) <= (b as number) }
    case '>':
      return { ok: true, value: (a as number) > (b as number) }
    case '>=':
      return { ok: true, value: (a as number) >= (b as number) }
    case 'in':
      return { ok: true, value: Array.isArray(b) ? b.includes(a) : typeof b === 'string' && b.includes(String(a)) }
    default:
      return { ok: false, error: `unsupported operator ${JSON.stringify(op)}` }
  }
}
