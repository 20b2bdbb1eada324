/**
 * Bounds on what an error keeps of a server's answer: an excerpt of a body, never the whole; a
 * rendering of any value that stops at a length and a depth, whatever the value holds (cycles,
 * getters that throw, revoked proxies, 100 000 levels of nesting).
 */

/** The most characters of a body an error keeps (4 KiB). */
export const EXCERPT_CHARS = 4096

/**
 * Cuts a text to at most `max` characters (never inside a surrogate pair), saying how much of
 * the whole (`total` characters, when the text is already a part of it) was left out. A text it
 * already cut is returned as it is, so cutting twice changes nothing.
 */
export const clip = (text: string, max: number = EXCERPT_CHARS, total: number = text.length): string => {
  if (text.length <= max && total <= text.length) return text
  if (total === text.length && text.length <= max + 40 && /… \[\d+ more characters\]$/.test(text)) return text
  const end = text.length <= max ? text.length : /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max
  return `${text.slice(0, end)}… [${total - end} more characters]`
}

/**
 * Renders a value as JSON text of at most `max` characters (then `…`), exactly as `JSON.stringify`
 * does for small plain data. It never throws: deeper than 16 levels a value shows as `"…"`, past
 * 1000 values the rest is left out, and a cycle, a throwing getter or a revoked proxy ends the
 * text with `…`. Each string passes through `shown` (a scrubber) before it is cut, so a secret
 * across the cut is still found whole (the 1024-character margin keeps it).
 */
export const boundedJson = (value: unknown, max = 200, shown: (text: string) => string = (text) => text): string => {
  const depths = new WeakMap<object, number>()
  let nodes = 0
  let chars = 0
  let cut = false
  // JSON.stringify calls this with the holder as `this` (an object, the root's a wrapper it
  // makes): its depth gives the value's.
  function bound(this: object, _key: string, v: unknown): unknown {
    const depth = (depths.get(this) ?? 0) + 1
    if (++nodes > 1000) return (cut = true), undefined
    if (typeof v === 'bigint') return String(v)
    if (typeof v === 'string') {
      // Values come in the order they are written: once `max` characters of them were, the rest
      // lie past the cut and need no scrubbing (so scrubbing costs O(max), not the value's size).
      const text = chars > max ? v : shown(v.slice(0, max + 1024))
      chars += text.length
      // Longer than what was shown: the value is cut, whatever the scrubbing left.
      if (v.length > max + 1024) cut = true
      return text.length > max ? text.slice(0, max + 1) : text
    }
    if (typeof v !== 'object' || v === null) return v
    // Parsed JSON shares no objects, so one seen before is a cycle.
    if (depth > 16 || depths.has(v)) return '…'
    depths.set(v, depth)
    return v
  }
  let out: string
  try {
    out = JSON.stringify(value, bound) ?? 'undefined'
  } catch {
    out = '…'
  }
  return out.length > max || cut ? `${out.slice(0, max)}…` : out
}
