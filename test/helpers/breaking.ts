import fc from 'fast-check'

/** Asks `breakField` to delete the field rather than replace it. */
export const DELETE: unique symbol = Symbol('delete')

/**
 * Copies a value and breaks one of its fields, at any depth, chosen by `pick` (modulo the number
 * of fields): the field is deleted or replaced. A value without fields comes back unchanged.
 */
export const breakField = (value: unknown, pick: number, replacement: unknown): unknown => {
  const copy = structuredClone(value)
  const slots: Array<[Record<string, unknown>, string]> = []
  const walk = (o: unknown): void => {
    // A file (bytes, a Blob) is one value, not fields to break.
    if (o !== null && typeof o === 'object' && !ArrayBuffer.isView(o) && !(o instanceof Blob)) for (const k of Object.keys(o)) (slots.push([o as Record<string, unknown>, k]), walk((o as Record<string, unknown>)[k]))
  }
  walk(copy)
  const slot = slots[pick % Math.max(1, slots.length)]
  if (slot) {
    const [o, k] = slot
    if (replacement === DELETE) delete o[k]
    else o[k] = replacement
  }
  return copy
}

/** Breaks a known-good value at a random depth: a field deleted or replaced by arbitrary JSON or any value. */
export const breakAt = (value: unknown): fc.Arbitrary<unknown> =>
  fc.tuple(fc.nat(), fc.oneof(fc.constant(DELETE), fc.jsonValue(), fc.anything())).map(([pick, replacement]) => breakField(value, pick, replacement))
