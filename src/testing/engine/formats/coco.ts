/**
 * "COCO 1.0" (dataset_manager/formats/coco.py over Datumaro's coco_instances exporter and
 * importer): `annotations/instances_<subset>.json` with licenses, info, categories (1-based,
 * supercategory = parent label), images (1-based in export order) and annotations — boxes,
 * polygons and ellipses only, as the instances task holds (points, polylines and tags are not
 * COCO instances: CVAT drops them too). Attributes carry every label attribute (default when
 * unset; numbers as numbers, checkboxes as booleans), `occluded`, and `rotation` for boxes.
 * The polygon `area` is the shoelace area; CVAT rasterises through pycocotools, so it may differ
 * by the boundary pixels.
 */
import type { EmulatedLabel } from '../model'
import type { ExportFrame, ExportShape, NamedAttr } from './frames'
import { type Imported, type ImportFailure, emptyImported, importFailure } from './imported'

const round2 = (x: number): number => Math.round(x * 100) / 100

// bindings.py _convert_attrs: every attribute of the label, its value or default, typed.
const attrsFor = (labels: ReadonlyArray<EmulatedLabel>, s: ExportShape): Record<string, unknown> => {
  const label = labels.find((l) => l.name === s.label && l.parentId === null)
  const out: Record<string, unknown> = {}
  for (const spec of label?.attributes ?? []) {
    const v = s.attributes.find((a) => a.name === spec.name)?.value ?? spec.defaultValue
    out[spec.name] = spec.inputType === 'number' ? Number(v) : spec.inputType === 'checkbox' ? v.toLowerCase() === 'true' : v
  }
  out['occluded'] = s.occluded
  if (s.type === 'rectangle' || s.type === 'ellipse') out['rotation'] = s.rotation
  if (s.track) Object.assign(out, { track_id: s.track.id, keyframe: s.track.keyframe })
  return out
}

const polygonOf = (s: ExportShape): number[] => {
  if (s.type !== 'ellipse') return [...s.points]
  // Datumaro's Ellipse.as_polygon: 64 points around the axis-aligned ellipse.
  const [cx, cy, rx, ty] = s.points as [number, number, number, number]
  const a = rx - cx
  const b = cy - ty
  return Array.from({ length: 64 }, (_, i) => [cx + a * Math.cos((2 * Math.PI * i) / 64), cy + b * Math.sin((2 * Math.PI * i) / 64)]).flat()
}

const bboxOf = (pts: ReadonlyArray<number>): [number, number, number, number] => {
  const xs = pts.filter((_, i) => i % 2 === 0)
  const ys = pts.filter((_, i) => i % 2 === 1)
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)]
  return [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0]
}

const shoelace = (p: ReadonlyArray<number>): number => {
  let a = 0
  for (let i = 0; i + 1 < p.length; i += 2) {
    const j = (i + 2) % p.length
    a += (p[i] as number) * (p[j + 1] as number) - (p[j] as number) * (p[i + 1] as number)
  }
  return Math.abs(a) / 2
}

/** Writes instances_<subset>.json for frames; `imageName` gives each file name (the exported path). */
export const writeCoco = (labels: ReadonlyArray<EmulatedLabel>, frames: ReadonlyArray<ExportFrame>): string => {
  // Every label is a category, sublabels too, with their parent as supercategory.
  const categories = labels.map((l, i) => ({ id: i + 1, name: l.name, supercategory: labels.find((p) => p.id === l.parentId)?.name ?? '' }))
  const catOf = (name: string) => categories.find((c) => c.name === name)?.id ?? 0
  const images = frames.map((f, i) => ({ id: i + 1, width: f.width, height: f.height, file_name: f.name, license: 0, flickr_url: '', coco_url: '', date_captured: 0 }))
  const annotations: unknown[] = []
  frames.forEach((f, i) => {
    const kept = f.shapes.filter((s) => ['rectangle', 'polygon', 'ellipse'].includes(s.type))
    // anno_tools.find_instances: group 0 is one instance per shape; a group id joins its shapes.
    const groups = new Map<string, ExportShape[]>()
    kept.forEach((s, k) => groups.set(s.group ? `g${s.group}` : `s${k}`, [...(groups.get(s.group ? `g${s.group}` : `s${k}`) ?? []), s]))
    for (const group of groups.values()) {
      const boxes = group.filter((s) => s.type === 'rectangle')
      const polys = group.filter((s) => s.type !== 'rectangle').map(polygonOf)
      const areaOf = (s: ExportShape) => (s.type === 'rectangle' ? ((s.points[2] as number) - (s.points[0] as number)) * ((s.points[3] as number) - (s.points[1] as number)) : shoelace(polygonOf(s)))
      const leader = group.reduce((a, b) => (areaOf(b) > areaOf(a) ? b : a))
      const boxPts = (boxes.length > 0 ? boxes : group).flatMap((s) => (s.type === 'rectangle' ? [s.points[0], s.points[1], s.points[2], s.points[3]] : polygonOf(s))) as number[]
      const bbox = bboxOf(boxPts)
      annotations.push({
        id: annotations.length + 1,
        image_id: i + 1,
        category_id: catOf(leader.label),
        segmentation: polys,
        area: polys.length > 0 ? polys.reduce((n, p) => n + shoelace(p), 0) : bbox[2] * bbox[3],
        bbox: bbox.map(round2),
        iscrowd: 0,
        attributes: attrsFor(labels, leader),
      })
    }
  })
  const doc = {
    licenses: [{ name: '', id: 0, url: '' }],
    info: { contributor: '', date_created: '', description: '', url: '', version: '', year: '' },
    categories,
    images,
    annotations,
  }
  return JSON.stringify(doc)
}

/** Finds the relative frame of a COCO image by its file name (match_dm_item), or `undefined`. */
export type CocoMatcher = (fileName: string) => number | undefined

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const nums = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x))

/** Reads an instances JSON as Datumaro's coco_instances importer and bindings.import_dm_annotations do. */
export const readCoco = (text: string, match: CocoMatcher): Imported | ImportFailure => {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    return importFailure('cvat.apps.dataset_manager.bindings.CvatImportError', `Failed to parse the annotation file: ${(e as Error).message}`)
  }
  const bad = (what: string) => importFailure('cvat.apps.dataset_manager.bindings.CvatImportError', `Invalid COCO instances file: ${what}`)
  if (!isObj(doc) || !Array.isArray(doc['images']) || !Array.isArray(doc['annotations']) || !Array.isArray(doc['categories'])) return bad("expected 'images', 'annotations' and 'categories' lists")
  const cats = new Map<number, string>()
  for (const c of doc['categories']) {
    if (!isObj(c) || typeof c['id'] !== 'number' || typeof c['name'] !== 'string') return bad('a category needs a numeric id and a name')
    cats.set(c['id'], c['name'])
  }
  const frames = new Map<number, number>()
  for (const im of doc['images']) {
    if (!isObj(im) || typeof im['id'] !== 'number' || typeof im['file_name'] !== 'string') return bad('an image needs a numeric id and a file_name')
    const f = match(im['file_name'])
    if (f === undefined) return importFailure('cvat.apps.dataset_manager.bindings.CvatImportError', `Could not match item id: '${im['file_name'].replace(/\.[^./]*$/, '')}' with any task frame`)
    frames.set(im['id'], f)
  }
  const out = emptyImported()
  let group = 0
  for (const a of doc['annotations']) {
    if (!isObj(a) || typeof a['image_id'] !== 'number' || typeof a['category_id'] !== 'number') return bad('an annotation needs an image_id and a category_id')
    const frame = frames.get(a['image_id'])
    const label = cats.get(a['category_id'])
    if (frame === undefined || label === undefined) return bad(`annotation ${String(a['id'])} names an unknown image or category`)
    const raw = isObj(a['attributes']) ? a['attributes'] : {}
    // occluded and rotation become the shape's; the rest are attributes, their values str()-ed.
    const attributes: NamedAttr[] = Object.entries(raw)
      .filter(([k]) => !['occluded', 'rotation', 'track_id', 'keyframe', 'is_crowd', 'score'].includes(k))
      .map(([name, v]) => ({ name, value: typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v) }))
    const base = { frame, label, occluded: raw['occluded'] === true, outside: false, zOrder: 0, rotation: typeof raw['rotation'] === 'number' ? raw['rotation'] : 0, attributes, elements: [] }
    const seg = a['segmentation']
    if (Array.isArray(seg) && seg.length > 0 && !(seg.length === 1 && Array.isArray(seg[0]) && seg[0].length === 0)) {
      if (!seg.every(nums)) return bad('segmentation must be polygons (RLE masks are not supported by the emulator)')
      // A multi-part instance shares a group (import_dm_annotations keeps groups of 2+).
      const g = seg.length > 1 ? ++group : 0
      for (const p of seg as number[][]) out.shapes.push({ ...base, type: 'polygon', points: p, group: g, rotation: 0 })
    } else {
      const bb = a['bbox']
      if (!nums(bb) || bb.length !== 4) return bad('bbox must be [x, y, width, height]')
      const [x, y, w, h] = bb as [number, number, number, number]
      out.shapes.push({ ...base, type: 'rectangle', points: [x, y, x + w, y + h], group: 0 })
    }
  }
  return out
}
