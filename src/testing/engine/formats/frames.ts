/**
 * The view of a task's (or job's) annotations that every export format starts from, as
 * dataset_manager/bindings.py CommonData.group_by_frame builds it: frames in order with their
 * shapes sorted by z_order and their tags, label and attribute names instead of ids, tracks
 * turned into one shape per frame (annotation.py TrackManager.get_interpolated_shapes: linear
 * between keyframes for boxes, ellipses and equal-length point sets, propagated after the last
 * keyframe to the end, outside frames skipped). Polygons and polylines of unequal keyframes are
 * held at the previous keyframe (CVAT matches their vertices; the emulator does not).
 */
import type { AttributeVal, EmulatedLabel, JobAnnotations, Shape, Track, TrackedShape } from '../model'

/** An attribute as exported: its name and value. */
export interface NamedAttr {
  readonly name: string
  readonly value: string
}

/** A shape as exported (a labeled shape, or one frame of a track). */
export interface ExportShape {
  readonly type: string
  readonly label: string
  readonly source: string
  readonly occluded: boolean
  readonly outside: boolean
  readonly zOrder: number
  readonly rotation: number
  readonly points: ReadonlyArray<number>
  readonly group: number
  readonly attributes: ReadonlyArray<NamedAttr>
  readonly elements: ReadonlyArray<ExportShape>
  /** Set for a track's shape: the track's index and whether this frame is a keyframe. */
  readonly track?: { readonly id: number; readonly keyframe: boolean }
}

/** A tag as exported. */
export interface ExportTag {
  readonly label: string
  readonly source: string
  readonly group: number
  readonly attributes: ReadonlyArray<NamedAttr>
}

/** One frame of the export: its relative index, its absolute number, its file and annotations. */
export interface ExportFrame {
  readonly idx: number
  readonly frame: number
  readonly name: string
  readonly width: number
  readonly height: number
  readonly shapes: ReadonlyArray<ExportShape>
  readonly tags: ReadonlyArray<ExportTag>
}

/** What an export reads: labels (sublabels included), frames by relative index, annotations. */
export interface ExportSource {
  readonly labels: ReadonlyArray<EmulatedLabel>
  readonly frames: ReadonlyArray<{ readonly name: string; readonly width: number; readonly height: number }>
  readonly annotations: JobAnnotations
  /** Relative frames to export, both ends included (a job's segment, or the whole task). */
  readonly start: number
  readonly stop: number
  readonly deleted: ReadonlySet<number>
  /** The absolute frame number of a relative index (start_frame + idx * step). */
  readonly abs: (idx: number) => number
}

const names = (labels: ReadonlyArray<EmulatedLabel>) => {
  const label = new Map(labels.map((l) => [l.id, l.name]))
  const attr = new Map(labels.flatMap((l) => l.attributes.map((a) => [a.id, a.name] as const)))
  return {
    label: (id: number) => label.get(id) ?? String(id),
    attrs: (as: ReadonlyArray<AttributeVal>): NamedAttr[] => as.flatMap((a) => (attr.has(a.spec_id) ? [{ name: attr.get(a.spec_id) as string, value: a.value }] : [])),
  }
}

// annotation.py find_angle_diff: ((d + 180) % 360) - 180 with Python's modulo; its "other arc"
// branch only runs for -180, where (by operator precedence) it yields 1.
const angleDiff = (right: number, left: number): number => {
  const d = ((((right - left + 180) % 360) + 360) % 360) - 180
  return d === -180 ? 1 : d
}

const interpolate = (a: TrackedShape, b: TrackedShape, frame: number): TrackedShape => {
  const t = (frame - a.frame) / (b.frame - a.frame)
  const linear = a.type === b.type && a.points.length === b.points.length && ['rectangle', 'ellipse', 'points', 'cuboid'].includes(a.type)
  return {
    ...a,
    frame,
    points: linear ? a.points.map((p, i) => p + ((b.points[i] as number) - p) * t) : a.points,
    rotation: linear ? (a.rotation + angleDiff(b.rotation, a.rotation) * t + 360) % 360 : a.rotation,
  }
}

// One shape per frame for a track in [track.frame, end), outside shapes dropped.
const trackShapes = (track: Track, end: number): Array<{ readonly shape: TrackedShape; readonly keyframe: boolean }> => {
  const out: Array<{ readonly shape: TrackedShape; readonly keyframe: boolean }> = []
  let prev: TrackedShape | undefined
  for (const raw of [...track.shapes].sort((x, y) => x.frame - y.frame)) {
    // Mutable attributes a keyframe does not set carry over from the previous one.
    const shape: TrackedShape = prev ? { ...raw, attributes: [...raw.attributes, ...prev.attributes.filter((a) => !raw.attributes.some((b) => b.spec_id === a.spec_id))] } : raw
    if (prev && !prev.outside) for (let f = prev.frame + 1; f < shape.frame && f < end; f++) out.push({ shape: interpolate(prev, shape, f), keyframe: false })
    if (shape.frame >= end) return out
    out.push({ shape, keyframe: true })
    prev = shape
  }
  if (prev && !prev.outside) for (let f = prev.frame + 1; f < end; f++) out.push({ shape: { ...prev, frame: f }, keyframe: false })
  return out.filter((x) => !x.shape.outside && x.shape.frame >= track.frame)
}

/** Builds the per-frame view of an export (group_by_frame with include_empty=True). */
export const exportFrames = (src: ExportSource): ExportFrame[] => {
  const n = names(src.labels)
  const byFrame = new Map<number, ExportShape[]>()
  const put = (f: number, s: ExportShape) => byFrame.set(f, [...(byFrame.get(f) ?? []), s])
  const plain = (s: Shape): ExportShape => ({
    type: s.type,
    label: n.label(s.label_id),
    source: s.source,
    occluded: s.occluded,
    outside: s.outside,
    zOrder: s.z_order,
    rotation: s.rotation,
    points: s.points,
    group: s.group ?? 0,
    attributes: n.attrs(s.attributes),
    elements: (s.elements ?? []).map(plain),
  })
  for (const s of src.annotations.shapes) put(s.frame, plain(s))
  src.annotations.tracks.forEach((t, i) => {
    for (const { shape, keyframe } of trackShapes(t, src.stop + 1))
      put(shape.frame, {
        type: shape.type,
        label: n.label(t.label_id),
        source: t.source,
        occluded: shape.occluded,
        outside: shape.outside,
        zOrder: shape.z_order,
        rotation: shape.rotation,
        points: shape.points,
        group: t.group ?? 0,
        attributes: n.attrs([...shape.attributes, ...t.attributes]),
        elements: [],
        track: { id: i, keyframe },
      })
  })
  const frames: ExportFrame[] = []
  for (let idx = src.start; idx <= src.stop; idx++) {
    const f = src.frames[idx]
    if (!f || src.deleted.has(idx)) continue
    frames.push({
      idx,
      frame: src.abs(idx),
      name: f.name,
      width: f.width,
      height: f.height,
      // Python's sort is stable: equal z_order keeps shapes before track shapes, in stored order.
      shapes: [...(byFrame.get(idx) ?? [])].sort((a, b) => a.zOrder - b.zOrder),
      tags: src.annotations.tags.filter((t) => t.frame === idx).map((t) => ({ label: n.label(t.label_id), source: t.source, group: t.group ?? 0, attributes: n.attrs(t.attributes) })),
    })
  }
  return frames
}

/**
 * Formats a number as Python's "{:.2f}" does: from the double's exact decimal expansion, ties
 * rounded to even (JavaScript's toFixed rounds 0.125 up to "0.13"; Python gives "0.12").
 */
export const fixed2 = (x: number): string => {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf'
  const sign = x < 0 || Object.is(x, -0) ? '-' : ''
  const a = Math.abs(x)
  if (a >= 1e21) return `${sign}${BigInt(a).toString()}.00`
  // toFixed(100) is exact for every double below 1e21 that could sit on a tie at 2 places.
  const [int, frac] = a.toFixed(100).split('.') as [string, string]
  const rest = frac.slice(2)
  const kept = `${int}${frac.slice(0, 2)}`
  const up = rest[0]! > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || Number(kept[kept.length - 1]) % 2 === 1))
  const digits = (up ? BigInt(kept) + 1n : BigInt(kept)).toString().padStart(3, '0')
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`
}
