/**
 * What a codec refused, in one line a person reads: each failing field by its path
 * (`labels[1].type`) with what it got and what CVAT takes, at most five. Walks the decode error's
 * tree itself rather than calling io-ts's `draw` (the command line imports no io-ts module at run
 * time, like the library) and because a usage line is one line, not a drawn tree.
 */
import type { DecodeError } from 'io-ts/Decoder'

const MOST = 5

const shown = (actual: unknown): string => {
  let text: string
  try {
    text = JSON.stringify(actual) ?? String(actual)
  } catch {
    text = typeof actual
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

/** Lists what a decode error says is wrong, field by field, in one line. */
export const problemsOf = (e: DecodeError): string => {
  const out: string[] = []
  let more = 0
  const walk = (node: DecodeError, path: string): void => {
    if (node._tag === 'Concat') return (walk(node.left, path), walk(node.right, path))
    const d = node.value
    switch (d._tag) {
      case 'Leaf':
        if (out.length < MOST) out.push(`${path || 'the value'}: cannot decode ${shown(d.actual)}, should be ${d.error}`)
        else more++
        return
      case 'Key':
        return walk(d.errors, path === '' ? d.key : `${path}.${d.key}`)
      case 'Index':
        return walk(d.errors, `${path}[${d.index}]`)
      case 'Wrap':
        if (out.length < MOST) out.push(`${path || 'the value'}: ${d.error}`)
        else more++
        return
      default:
        return walk(d.errors, path)
    }
  }
  walk(e, '')
  return out.join('; ') + (more > 0 ? `; and ${more} more` : '')
}
