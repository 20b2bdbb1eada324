/**
 * Annotations read from a file, before they meet the task: label and attribute names, relative
 * frames. `resolve` turns them into LabeledData against the task's labels as bindings.py does
 * (_import_shape, _import_tag, _import_track): an unknown label fails the import ("Label 'x' is
 * not registered for this task"), an unknown attribute is dropped, a checkbox value is
 * lower-cased and must be true or false.
 */
import type { AttributeVal, EmulatedLabel } from '../model'
import type { NamedAttr } from './frames'

/** A shape read from a file. */
export interface ImportedShape {
  readonly type: string
  readonly frame: number
  readonly label: string
  readonly points: ReadonlyArray<number>
  readonly occluded: boolean
  readonly outside: boolean
  readonly zOrder: number
  readonly rotation: number
  readonly group: number
  readonly attributes: ReadonlyArray<NamedAttr>
  readonly elements: ReadonlyArray<ImportedShape>
}

/** A tag read from a file. */
export interface ImportedTag {
  readonly frame: number
  readonly label: string
  readonly group: number
  readonly attributes: ReadonlyArray<NamedAttr>
}

/** A track read from a file: its keyframes. */
export interface ImportedTrack {
  readonly label: string
  readonly group: number
  readonly shapes: ReadonlyArray<ImportedShape>
}

/** Everything a file held. */
export interface Imported {
  readonly shapes: ImportedShape[]
  readonly tags: ImportedTag[]
  readonly tracks: ImportedTrack[]
}

/** Why an import failed: the exception text CVAT's request would show. */
export interface ImportFailure {
  readonly _tag: 'ImportFailure'
  readonly message: string
}

/** Makes the failure of an import, formatted as RQ stores an exception. */
export const importFailure = (type: string, message: string): ImportFailure => ({ _tag: 'ImportFailure', message: `${type}: ${message}\n` })

/** Tells a failure from a value. */
export const isFailure = (x: unknown): x is ImportFailure => typeof x === 'object' && x !== null && (x as { _tag?: unknown })._tag === 'ImportFailure'

/** Creates an empty collection. */
export const emptyImported = (): Imported => ({ shapes: [], tags: [], tracks: [] })

/** The wire shapes of LabeledData without ids (the annotation store assigns them). */
export interface ResolvedData {
  readonly tags: ReadonlyArray<{ frame: number; label_id: number; group: number; source: string; attributes: AttributeVal[] }>
  readonly shapes: ReadonlyArray<ResolvedShape>
  readonly tracks: ReadonlyArray<{ frame: number; label_id: number; group: number; source: string; attributes: AttributeVal[]; shapes: ResolvedShape[]; elements: [] }>
}

/** A shape of LabeledData without an id. */
export interface ResolvedShape {
  type: string
  frame: number
  label_id: number
  group: number
  source: string
  occluded: boolean
  outside: boolean
  z_order: number
  rotation: number
  points: number[]
  attributes: AttributeVal[]
  elements: ResolvedShape[]
}

/** Turns names into ids against the task's labels (sublabels for skeleton elements). */
export const resolve = (imp: Imported, labels: ReadonlyArray<EmulatedLabel>, source = 'file'): ResolvedData | ImportFailure => {
  let failed: ImportFailure | undefined
  const labelId = (name: string, parent: number | null): number => {
    const l = labels.find((x) => x.name === name && x.parentId === parent)
    if (!l) failed ??= importFailure('ValueError', `Label '${name.replace(/'/g, "\\'")}' is not registered for this task`)
    return l?.id ?? 0
  }
  const attrs = (id: number, as: ReadonlyArray<NamedAttr>): AttributeVal[] => {
    const specs = labels.find((l) => l.id === id)?.attributes ?? []
    return as.flatMap((a) => {
      const spec = specs.find((s) => s.name === a.name)
      if (!spec) return []
      let value = a.value
      if (spec.inputType === 'checkbox' && value !== spec.defaultValue) {
        value = value.toLowerCase()
        if (value !== 'true' && value !== 'false') failed ??= importFailure('Exception', `Failed to convert attribute '${a.name}'='${a.value}': `)
      }
      return [{ spec_id: spec.id, value }]
    })
  }
  const shape = (s: ImportedShape, parent: number | null, frame = s.frame): ResolvedShape => {
    const id = labelId(s.label, parent)
    return { type: s.type, frame, label_id: id, group: s.group, source, occluded: s.occluded, outside: s.outside, z_order: s.zOrder, rotation: s.rotation, points: [...s.points], attributes: attrs(id, s.attributes), elements: s.elements.map((e) => shape(e, id, frame)) }
  }
  const out: ResolvedData = {
    shapes: imp.shapes.map((s) => shape(s, null)),
    tags: imp.tags.map((t) => {
      const id = labelId(t.label, null)
      return { frame: t.frame, label_id: id, group: t.group, source, attributes: attrs(id, t.attributes) }
    }),
    tracks: imp.tracks.map((t) => {
      const id = labelId(t.label, null)
      const mutable = new Set((labels.find((l) => l.id === id)?.attributes ?? []).filter((a) => a.mutable).map((a) => a.id))
      const shapes = t.shapes.map((s) => shape({ ...s, label: t.label }, null))
      // _import_track: the immutable attributes (of the last keyframe) go to the track, the mutable stay on each shape.
      const last = shapes[shapes.length - 1]?.attributes ?? []
      for (const s of shapes) s.attributes = s.attributes.filter((a) => mutable.has(a.spec_id))
      return { frame: Math.min(...shapes.map((s) => s.frame)), label_id: id, group: t.group, source, attributes: last.filter((a) => !mutable.has(a.spec_id)), shapes, elements: [] }
    }),
  }
  return failed ?? out
}
