/**
 * "CVAT for images 1.1" export and "CVAT 1.1" import (dataset_manager/formats/cvat.py): the
 * writer is dump_as_cvat_annotation through XmlAnnotationWriter — same element order, attribute
 * order, two-space indentation and "{:.2f}" numbers; the reader is load_anno: images matched to
 * task frames by file name (then by their `id`), shapes, tags and keyframes of tracks, every
 * missing attribute a KeyError and every bad number a ValueError, as Python reports them.
 */
import { type ExportFrame, type ExportShape, fixed2 } from './frames'
import { type Imported, type ImportedShape, type ImportFailure, emptyImported, importFailure, isFailure } from './imported'
import { type XmlElement, escapeText, parseXml, startTag } from './xml'

/** The `meta` block: nested key/value pairs (a value is text or more pairs). */
export type Kv = ReadonlyArray<readonly [string, string | Kv]>

/** For a project export: each frame's subset and task id. */
export interface ProjectFrameInfo {
  readonly subset: string
  readonly taskId: number
}

const kvLines = (pairs: Kv, level: number): string =>
  pairs
    .map(([k, v]) => {
      const pad = `\n${'  '.repeat(level)}`
      return typeof v === 'string' ? `${pad}<${k}>${escapeText(v)}</${k}>` : `${pad}<${k}>${kvLines(v, level + 1)}${pad}</${k}>`
    })
    .join('')

const pairs = (xs: ReadonlyArray<number>): string[] => {
  const out: string[] = []
  for (let i = 0; i + 1 < xs.length; i += 2) out.push(`${fixed2(xs[i] as number)},${fixed2(xs[i + 1] as number)}`)
  return out
}

const TAGS: Readonly<Record<string, string>> = { rectangle: 'box', ellipse: 'ellipse', polygon: 'polygon', polyline: 'polyline', points: 'points', mask: 'mask', cuboid: 'cuboid', skeleton: 'skeleton' }
const CUBOID = ['xtl1', 'ytl1', 'xbl1', 'ybl1', 'xtr1', 'ytr1', 'xbr1', 'ybr1', 'xtl2', 'ytl2', 'xbl2', 'ybl2', 'xtr2', 'ytr2', 'xbr2', 'ybr2']

const shapeAttrs = (s: ExportShape, isElement: boolean): Array<readonly [string, string]> => {
  const a: Array<readonly [string, string]> = [
    ['label', s.label],
    ['source', s.source],
  ]
  if (isElement) a.push(['outside', s.outside ? '1' : '0'])
  if (s.type !== 'skeleton') a.push(['occluded', s.occluded ? '1' : '0'])
  const p = s.points
  const n = (i: number) => fixed2(p[i] ?? 0)
  if (s.type === 'rectangle') {
    a.push(['xtl', n(0)], ['ytl', n(1)], ['xbr', n(2)], ['ybr', n(3)])
    if (s.rotation) a.push(['rotation', fixed2(s.rotation)])
  } else if (s.type === 'ellipse') {
    a.push(['cx', n(0)], ['cy', n(1)], ['rx', fixed2((p[2] ?? 0) - (p[0] ?? 0))], ['ry', fixed2((p[1] ?? 0) - (p[3] ?? 0))])
    if (s.rotation) a.push(['rotation', fixed2(s.rotation)])
  } else if (s.type === 'cuboid') CUBOID.forEach((name, i) => a.push([name, n(i)]))
  else if (s.type === 'mask') {
    const rle = p.slice(0, -4).map((v) => String(Math.trunc(v)))
    const [l, t, r, b] = p.slice(-4).map((v) => Math.trunc(v)) as [number, number, number, number]
    a.push(['rle', rle.join(', ')], ['left', String(l)], ['top', String(t)], ['width', String(r - l + 1)], ['height', String(b - t + 1)])
  } else if (s.type !== 'skeleton') a.push(['points', pairs(p).join(';')])
  if (!isElement) a.push(['z_order', String(s.zOrder)])
  if (s.group) a.push(['group_id', String(s.group)])
  return a
}

const shapeXml = (s: ExportShape, level: number, isElement: boolean): string => {
  const pad = (l: number) => `\n${'  '.repeat(l)}`
  const tag = TAGS[s.type] ?? s.type
  const inner = [
    ...(s.type === 'skeleton' ? s.elements.map((e) => shapeXml(e, level + 1, true)) : []),
    ...s.attributes.map((at) => `${pad(level + 1)}${startTag('attribute', [['name', at.name]])}${escapeText(at.value)}</attribute>`),
  ].join('')
  return `${pad(level)}${startTag(tag, shapeAttrs(s, isElement))}${inner}${pad(level)}</${tag}>`
}

/** Writes annotations.xml for a task, a job or (with `project`) a project. */
export const writeCvatXml = (meta: Kv, frames: ReadonlyArray<ExportFrame>, project?: (f: ExportFrame) => ProjectFrameInfo): string => {
  const body = frames
    .map((f) => {
      const p = project?.(f)
      const attrs: Array<readonly [string, string]> = [
        ['id', String(f.frame)],
        ['name', f.name],
        ...(p ? ([['subset', p.subset], ['task_id', String(p.taskId)]] as const) : []),
        ['width', String(f.width)],
        ['height', String(f.height)],
      ]
      const tags = f.tags.map(
        (t) =>
          `\n    ${startTag('tag', [['label', t.label], ['source', t.source], ...(t.group ? ([['group_id', String(t.group)]] as const) : [])])}${t.attributes
            .map((at) => `\n      ${startTag('attribute', [['name', at.name]])}${escapeText(at.value)}</attribute>`)
            .join('')}\n    </tag>`,
      )
      return `\n  ${startTag('image', attrs)}${f.shapes.map((s) => shapeXml(s, 2, false)).join('')}${tags.join('')}\n  </image>`
    })
    .join('')
  return `<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>${kvLines(meta, 2)}\n  </meta>${body}\n</annotations>\n`
}

/** Finds the relative frame of an image element (bindings.py match_dm_item), `undefined` if none, `null` to skip it (another subset's). */
export type FrameMatcher = (name: string, id: string | undefined, subset?: string) => number | undefined | null

const need = (el: XmlElement, k: string): string | ImportFailure => el.attrs[k] ?? importFailure('KeyError', `'${k}'`)

const float = (v: string | ImportFailure): number | ImportFailure => {
  if (isFailure(v)) return v
  const t = v.trim()
  // Python's float() takes decimal and exponent forms, inf and nan; anything else is a ValueError.
  const x = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(t) ? Number(t) : /^[+-]?(inf|infinity|nan)$/i.test(t) ? Number.NaN : undefined
  return x === undefined || !Number.isFinite(x) ? importFailure('ValueError', `could not convert string to float: '${v}'`) : x
}

const int = (v: string): number | ImportFailure => (/^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : importFailure('ValueError', `invalid literal for int() with base 10: '${v}'`))

const pointsOf = (el: XmlElement, type: string): number[] | ImportFailure => {
  const nums = (keys: ReadonlyArray<string>) => {
    const out: number[] = []
    for (const k of keys) {
      const x = float(need(el, k))
      if (isFailure(x)) return x
      out.push(x)
    }
    return out
  }
  if (type === 'rectangle') return nums(['xtl', 'ytl', 'xbr', 'ybr'])
  if (type === 'cuboid') return nums(CUBOID)
  if (type === 'skeleton') return []
  if (type === 'ellipse') {
    const v = nums(['cx', 'cy', 'rx', 'ry'])
    if (isFailure(v)) return v
    const [cx, cy, rx, ry] = v as [number, number, number, number]
    return [cx, cy, Number(fixed2(cx + rx)), Number(fixed2(cy - ry))]
  }
  if (type === 'mask') {
    const rle = need(el, 'rle')
    if (isFailure(rle)) return rle
    const out: number[] = []
    for (const part of [...rle.split(','), ...['left', 'top', 'width', 'height'].map((k) => el.attrs[k] ?? '')]) {
      const x = int(part)
      if (isFailure(x)) return x
      out.push(x)
    }
    const n = out.length
    return [...out.slice(0, n - 4), out[n - 4]!, out[n - 3]!, out[n - 4]! + out[n - 2]! - 1, out[n - 3]! + out[n - 1]! - 1]
  }
  const raw = need(el, 'points')
  if (isFailure(raw)) return raw
  const out: number[] = []
  for (const pair of raw.split(';'))
    for (const v of pair.split(',')) {
      const x = float(v)
      if (isFailure(x)) return x
      out.push(x)
    }
  return out
}

const SHAPES: Readonly<Record<string, string>> = { box: 'rectangle', ellipse: 'ellipse', polygon: 'polygon', polyline: 'polyline', points: 'points', cuboid: 'cuboid', skeleton: 'skeleton', mask: 'mask' }

const attributesOf = (el: XmlElement) => el.children.filter((c) => c.name === 'attribute').map((c) => ({ name: c.attrs['name'] ?? '', value: c.text }))

const shapeOf = (el: XmlElement, frame: number, element: boolean): ImportedShape | ImportFailure => {
  const type = SHAPES[el.name] as string
  const label = need(el, 'label')
  if (isFailure(label)) return label
  const points = pointsOf(el, type)
  if (isFailure(points)) return points
  const num = (k: string, parse: (v: string) => number | ImportFailure) => (el.attrs[k] === undefined ? 0 : parse(el.attrs[k] as string))
  const zOrder = num('z_order', int)
  const rotation = num('rotation', (v) => float(v))
  const group = num('group_id', int)
  for (const x of [zOrder, rotation, group]) if (isFailure(x)) return x
  const elements: ImportedShape[] = []
  for (const c of el.children)
    if (SHAPES[c.name] && type === 'skeleton') {
      const e = shapeOf(c, frame, true)
      if (isFailure(e)) return e
      elements.push(e)
    }
  return {
    type,
    frame,
    label,
    points,
    occluded: el.attrs['occluded'] === '1',
    // A skeleton's element carries `outside`; a shape on an image never is (load_anno sets False).
    outside: element && el.attrs['outside'] === '1',
    zOrder: zOrder as number,
    rotation: rotation as number,
    group: group as number,
    attributes: attributesOf(el),
    elements,
  }
}

/** Reads annotations.xml as load_anno does, matching images to frames with `match`. */
export const readCvatXml = (text: string, match: FrameMatcher): Imported | ImportFailure => {
  const doc = parseXml(text)
  if (doc._tag === 'XmlError') return importFailure('xml.etree.ElementTree.ParseError', doc.message)
  const out = emptyImported()
  for (const el of doc.root.children) {
    if (el.name === 'image') {
      const name = need(el, 'name')
      if (isFailure(name)) return name
      const frame = match(name, el.attrs['id'], el.attrs['subset'])
      if (frame === null) continue
      if (frame === undefined)
        return importFailure('cvat.apps.dataset_manager.bindings.CvatImportError', `Could not match item id: '${name.replace(/\.[^./]*$/, '')}' with any task frame`)
      for (const c of el.children) {
        if (SHAPES[c.name]) {
          const s = shapeOf(c, frame, false)
          if (isFailure(s)) return s
          out.shapes.push(s)
        } else if (c.name === 'tag') {
          const label = need(c, 'label')
          const group = c.attrs['group_id'] === undefined ? 0 : int(c.attrs['group_id'])
          if (isFailure(label)) return label
          if (isFailure(group)) return group
          out.tags.push({ frame, label, group, attributes: attributesOf(c) })
        }
      }
    } else if (el.name === 'track') {
      const label = need(el, 'label')
      const group = el.attrs['group_id'] === undefined ? 0 : int(el.attrs['group_id'])
      if (isFailure(label)) return label
      if (isFailure(group)) return group
      const shapes: ImportedShape[] = []
      for (const c of el.children) {
        if (!SHAPES[c.name]) continue
        const f = need(c, 'frame')
        const key = need(c, 'keyframe')
        if (isFailure(f)) return f
        if (isFailure(key)) return key
        const frame = int(f)
        if (isFailure(frame)) return frame
        const s = shapeOf(c, frame, false)
        if (isFailure(s)) return s
        // Only keyframes are kept (load_anno: `if shape["keyframe"]`).
        if (key === '1') shapes.push({ ...s, label, outside: c.attrs['outside'] === '1' })
      }
      if (shapes.length === 0) return importFailure('IndexError', 'list index out of range')
      out.tracks.push({ label, group, shapes })
    }
  }
  return out
}
