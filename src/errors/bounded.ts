/**
 * Bounds on what an error keeps of a server's answer: an excerpt of a body, never the whole; a
 * rendering of any value that stops at a length and a depth, whatever the value holds (cycles,
 * getters that throw, revoked proxies, 100 000 levels of nesting).
 */

/** The most characters of a body an error keeps (4 KiB). */
export const EXCERPT_CHARS = 4096

const CLIPPED = /… \[\d+ more characters\]$/

/**
 * Cuts a text to at most `max` characters (never inside a surrogate pair), saying how much of
 * the whole (`total` characters, when the text is already a part of it) was left out. A text it
 * already cut is returned as it is, so cutting twice changes nothing.
 */
export const clip = (text: string, max: number = EXCERPT_CHARS, total: number = text.length): string => {
  if (text.length <= max && total <= text.length) return text
  if (total === text.length && text.length <= max + 40 && CLIPPED.test(text)) return text
  const end = text.length <= max ? text.length : /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max
  return `${text.slice(0, end)}… [${total - end} more characters]`
}

/** Keeps strings in order while their total length stays within `max`, clipping the last one kept. */
export const clipAll = (texts: ReadonlyArray<string>, max: number = EXCERPT_CHARS): ReadonlyArray<string> => {
  const out: string[] = []
  let left = max
  for (const t of texts) {
    if (left <= 0) {
      out.push(`… [${texts.length - out.length} more]`)
      break
    }
    out.push(clip(t, left))
    left -= t.length
  }
  return out
}

const MAX_DEPTH = 16

/**
 * Renders a value as JSON text of at most `max` characters (then `…`), exactly as `JSON.stringify`
 * would for small plain data; it never throws and never recurses deeper than 16 levels.
 */
export const boundedJson = (value: unknown, max = 200): string => {
  let out = ''
  const ancestors: unknown[] = []
  // Returns false once the budget is spent, which stops every enclosing loop.
  const write = (v: unknown, depth: number, inArray: boolean): boolean => {
    if (out.length > max) return false
    if (v === null) return (out += 'null'), true
    switch (typeof v) {
      case 'string':
        out += JSON.stringify(v.length > max ? v.slice(0, max + 1) : v)
        return out.length <= max
      case 'number':
        return (out += Number.isFinite(v) ? String(v) : 'null'), true
      case 'boolean':
      case 'bigint':
        return (out += String(v)), true
      case 'object':
        break
      default:
        return (out += inArray ? 'null' : 'undefined'), true
    }
    if (depth >= MAX_DEPTH || ancestors.includes(v)) return (out += '"…"'), true
    ancestors.push(v)
    const items: ReadonlyArray<unknown> | undefined = Array.isArray(v) ? v : undefined
    const keys = items === undefined ? Object.keys(v) : []
    out += items === undefined ? '{' : '['
    let first = true
    for (let i = 0; i < (items?.length ?? keys.length); i++) {
      const k = keys[i] ?? ''
      const child: unknown = items === undefined ? Reflect.get(v, k) : items[i]
      if (items === undefined && (child === undefined || typeof child === 'function' || typeof child === 'symbol')) continue
      out += first ? '' : ','
      first = false
      if (items === undefined) out += `${JSON.stringify(k)}:`
      if (!write(child, depth + 1, items !== undefined)) return false
    }
    out += items === undefined ? '}' : ']'
    ancestors.pop()
    return out.length <= max
  }
  try {
    write(value, 0, false)
  } catch {
    // A getter, a proxy trap or a toJSON threw: what was rendered so far stands.
    out += '…'
  }
  return out.length > max ? `${out.slice(0, max)}…` : out
}
