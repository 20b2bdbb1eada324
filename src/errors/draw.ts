/**
 * Drawing a decode failure: the tree `D.draw` prints, line for line, but bounded. `D.draw` quotes
 * every value it could not decode with `JSON.stringify`, so a 2xx body nested 100 000 levels deep
 * overflowed the stack (a rejected Task) and a large one made a message as large as the body.
 */
import type * as DE from 'io-ts/DecodeError'
import type * as D from 'io-ts/Decoder'
import { boundedJson } from './bounded'

type Node = DE.DecodeError<string>

// A free semigroup flattened with an explicit stack, in order (as io-ts does).
const forest = (e: D.DecodeError): ReadonlyArray<Node> => {
  const out: Node[] = []
  const stack: D.DecodeError[] = [e]
  for (let focus = stack.pop(); focus !== undefined; focus = stack.pop()) {
    if (focus._tag === 'Of') out.push(focus.value)
    else stack.push(focus.right, focus.left)
  }
  return out
}

const label = (n: Node, shown?: (text: string) => string): string => {
  switch (n._tag) {
    case 'Leaf':
      return `cannot decode ${boundedJson(n.actual, 120, shown)}, should be ${n.error}`
    case 'Key':
      return `${n.kind} property ${JSON.stringify(n.key)}`
    case 'Index':
      return `${n.kind} index ${n.index}`
    case 'Member':
      return `member ${n.index}`
    case 'Lazy':
      return `lazy type ${n.id}`
    case 'Wrap':
      return n.error
  }
}

/**
 * Draws a decode error as `D.draw` does, keeping at most 40 lines of at most 120 characters of
 * quoted value each.
 */
export const drawDecodeError = (e: D.DecodeError, shown?: (text: string) => string): string => {
  const lines: string[] = []
  let omitted = false
  const walk = (n: Node, prefix: string, indent: string): void => {
    if (lines.length >= 40) return void (omitted = true)
    lines.push(prefix + label(n, shown))
    const kids = n._tag === 'Leaf' ? [] : forest(n.errors)
    kids.forEach((k, i) => {
      const last = i === kids.length - 1
      walk(k, `${indent}${last ? '└' : '├'}─ `, indent + (last ? '   ' : '│  '))
    })
  }
  const roots = forest(e)
  roots.forEach((n) => walk(n, '', ''))
  return lines.join('\n') + (omitted ? '\n…' : '')
}
