/**
 * XML as CVAT reads and writes its annotation files: the writer reproduces Python's
 * xml.sax.saxutils.XMLGenerator (escape, quoteattr, `<tag></tag>` for empty elements) driven the
 * way formats/cvat.py's XmlAnnotationWriter drives it; the reader is a small non-validating
 * parser (elements, attributes, text, entities, comments, CDATA) that refuses DTDs — no entity
 * expansion, so no billion-laughs — and reports errors as values, as ElementTree's ParseError.
 */

/** An element: its name, attributes in document order, children and text. */
export interface XmlElement {
  readonly name: string
  readonly attrs: Readonly<Record<string, string>>
  readonly children: XmlElement[]
  text: string
}

/** A parsed document, or ElementTree's ParseError text. */
export type XmlParsed = { readonly _tag: 'Xml'; readonly root: XmlElement } | { readonly _tag: 'XmlError'; readonly message: string }

/** Escapes character data as saxutils.escape does. */
export const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Quotes an attribute value as saxutils.quoteattr does (single quotes when the value holds a double one). */
export const quoteAttr = (s: string): string => {
  const v = escapeText(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
  if (!v.includes('"')) return `"${v}"`
  return v.includes("'") ? `"${v.replace(/"/g, '&quot;')}"` : `'${v}'`
}

/** Renders a start tag. */
export const startTag = (name: string, attrs: ReadonlyArray<readonly [string, string]> = []): string =>
  `<${name}${attrs.map(([k, v]) => ` ${k}=${quoteAttr(v)}`).join('')}>`

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

const decodeEntities = (s: string): string | undefined => {
  let bad = false
  const out = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);|&/g, (m, body: string | undefined) => {
    if (body === undefined) return ((bad = true), m)
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return ((bad = true), m)
      return String.fromCodePoint(code)
    }
    const e = ENTITIES[body]
    return e ?? ((bad = true), m)
  })
  return bad ? undefined : out
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/

/** Parses a document (at most `maxDepth` levels), as ElementTree would accept it. */
export const parseXml = (src: string, maxDepth = 256): XmlParsed => {
  let p = 0
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  const lineCol = (at: number) => {
    const before = src.slice(0, at)
    const line = before.split('\n').length
    return `line ${line}, column ${at - (before.lastIndexOf('\n') + 1)}`
  }
  const fail = (what: string, at = p): XmlParsed => ({ _tag: 'XmlError', message: `${what}: ${lineCol(at)}` })
  if (src.charCodeAt(0) === 0xfeff) p = 1
  while (p < src.length) {
    const lt = src.indexOf('<', p)
    const text = src.slice(p, lt < 0 ? src.length : lt)
    if (text !== '') {
      const top = stack[stack.length - 1]
      if (!top) {
        if (text.trim() !== '') return fail(root ? 'junk after document element' : 'syntax error')
      } else {
        const t = decodeEntities(text)
        if (t === undefined) return fail('undefined entity')
        top.text += t
      }
    }
    if (lt < 0) break
    p = lt
    if (src.startsWith('<?', p)) {
      const end = src.indexOf('?>', p)
      if (end < 0) return fail('unclosed token')
      p = end + 2
    } else if (src.startsWith('<!--', p)) {
      const end = src.indexOf('-->', p + 4)
      if (end < 0) return fail('unclosed token')
      p = end + 3
    } else if (src.startsWith('<![CDATA[', p)) {
      const end = src.indexOf(']]>', p)
      const top = stack[stack.length - 1]
      if (end < 0 || !top) return fail(end < 0 ? 'unclosed token' : 'syntax error')
      top.text += src.slice(p + 9, end)
      p = end + 3
    } else if (src.startsWith('<!', p)) {
      // A DOCTYPE could declare entities; the emulator reads no DTD at all.
      return fail('DTDs are not supported')
    } else if (src.startsWith('</', p)) {
      const m = NAME.exec(src.slice(p + 2))
      const top = stack.pop()
      if (!m || !top || top.name !== m[0]) return fail('mismatched tag')
      const end = src.indexOf('>', p)
      if (end < 0 || src.slice(p + 2 + m[0].length, end).trim() !== '') return fail('syntax error')
      p = end + 1
      if (stack.length === 0) root = top
    } else {
      const m = NAME.exec(src.slice(p + 1))
      if (!m) return fail('not well-formed (invalid token)')
      if (root && stack.length === 0) return fail('junk after document element')
      let q = p + 1 + m[0].length
      const attrs: Record<string, string> = {}
      for (;;) {
        const ws = /^\s*/.exec(src.slice(q))?.[0].length ?? 0
        q += ws
        if (src.startsWith('/>', q) || src[q] === '>') break
        const a = NAME.exec(src.slice(q))
        if (!a || ws === 0) return fail('not well-formed (invalid token)', q)
        q += a[0].length
        const eq = /^\s*=\s*(["'])/.exec(src.slice(q))
        if (!eq) return fail('not well-formed (invalid token)', q)
        q += eq[0].length
        const close = src.indexOf(eq[1] as string, q)
        if (close < 0) return fail('unclosed token', q)
        const raw = src.slice(q, close)
        const v = raw.includes('<') ? undefined : decodeEntities(raw)
        if (v === undefined) return fail('not well-formed (invalid token)', q)
        if (a[0] in attrs) return fail('duplicate attribute', q)
        attrs[a[0]] = v.replace(/[\t\n\r]/g, ' ')
        q = close + 1
      }
      const el: XmlElement = { name: m[0], attrs, children: [], text: '' }
      stack[stack.length - 1]?.children.push(el)
      if (stack.length + 1 > maxDepth) return fail('the document is nested too deeply')
      if (src.startsWith('/>', q)) {
        p = q + 2
        if (stack.length === 0) root = el
      } else {
        stack.push(el)
        p = q + 1
      }
    }
  }
  if (stack.length > 0) return fail('no element found', src.length)
  return root ? { _tag: 'Xml', root } : fail('no element found', src.length)
}
