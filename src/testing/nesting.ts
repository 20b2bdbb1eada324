/**
 * How deep a JSON text nests, read from the text itself (no parse, no recursion). CVAT parses
 * request bodies and `filter` values with CPython's json module, which recurses once per level:
 * past Python's recursion limit it cannot read them at all (RecursionError, a 500 there). The
 * emulator refuses such input with a 400 instead, and never stores a value it could not render.
 */

/** The deepest nesting CVAT can parse (Python's recursion limit is 1000; its own frames use some). */
export const MAX_NESTING = 900

/** The bracket (`[` or `{`) that opens the first container nested deeper than `limit`, if any. */
export const tooDeep = (text: string, limit: number = MAX_NESTING): '[' | '{' | undefined => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++ // a backslash escapes the next character
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) {
      if (++depth > limit) return c === 91 ? '[' : '{'
    } else if (c === 93 || c === 125) depth--
  }
  return undefined
}

/** DRF's ParseError text for a body CPython's json module gives up on (its RecursionError message). */
export const tooDeepMessage = (bracket: '[' | '{'): string =>
  `JSON parse error - maximum recursion depth exceeded while decoding a JSON ${bracket === '[' ? 'array' : 'object'} from a unicode string`
