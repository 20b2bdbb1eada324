/**
 * LabeledDataSerializer (cvat/apps/engine/serializers.py lines 2785–2914): how a request's
 * `{version, tags, shapes, tracks}` is validated and filled with defaults (id null, group null,
 * source "manual", occluded/outside false, z_order 0, rotation 0, attributes []), with DRF's
 * error shapes. 2.73 adds `intervals` (audio tasks, not modelled: accepted as a list, kept empty).
 */
import type { ServerVersion } from '../env'
import { type Read, bool, choice, collector, dict, fail, failWith, float, int, list, nested, ok, str } from './fields'
import type { AttributeVal } from './model'

/** A shape type (models.py ShapeType). */
export const SHAPE_TYPES = ['rectangle', 'polygon', 'polyline', 'points', 'ellipse', 'cuboid', 'mask', 'skeleton'] as const

/** An annotation as validated: `id` null when the client sent none. */
export interface InTag {
  readonly id: number | null
  readonly frame: number
  readonly label_id: number
  readonly group: number | null
  readonly source: string
  readonly attributes: AttributeVal[]
}

/** A validated shape; `elements` only when sent (a skeleton's points). */
export interface InShape extends InTag {
  readonly type: string
  readonly occluded: boolean
  readonly outside: boolean
  readonly z_order: number
  readonly rotation: number
  readonly points?: number[]
  readonly elements?: InShape[]
}

/** A validated tracked shape (keyframe). */
export interface InTrackedShape {
  readonly id: number | null
  readonly type: string
  readonly occluded: boolean
  readonly outside: boolean
  readonly z_order: number
  readonly rotation: number
  readonly points?: number[]
  readonly frame: number
  readonly attributes: AttributeVal[]
}

/** A validated track. */
export interface InTrack extends InTag {
  readonly shapes: InTrackedShape[]
  readonly elements?: InTrack[]
}

/** A validated LabeledData body. */
export interface InData {
  readonly tags: InTag[]
  readonly shapes: InShape[]
  readonly tracks: InTrack[]
}

// Python's str() of a JSON value (AttributeValSerializer.to_internal_value: `str(data['value'])`);
// a value too deep to print is longer than the field's 4096 characters anyway.
const pyStr = (v: unknown): string | undefined => {
  if (v === true || v === false || v === null) return v === null ? 'None' : v ? 'True' : 'False'
  if (typeof v === 'string' || typeof v === 'number') return String(v)
  try {
    return JSON.stringify(v)
  } catch {
    return undefined
  }
}

const attributeVal = (raw: unknown): Read<AttributeVal> => {
  const d = dict(raw)
  if (!d.ok) return d
  const text = d.value['value'] === undefined ? undefined : pyStr(d.value['value'])
  const c = collector({ ...d.value, ...(text !== undefined ? { value: text } : {}) })
  const spec_id = c.field('spec_id', (v) => int(v), { required: true })
  const value = c.field('value', (v) => str(v, { maxLength: 4096, allowBlank: true }), { required: true })
  if (d.value['value'] !== undefined && text === undefined) c.errors['value'] = ['Ensure this field has no more than 4096 characters.']
  return c.failed() ? failWith(c.errors) : ok({ spec_id: spec_id ?? 0, value: value ?? '' })
}

// OptimizedFloatListField: ints and floats only (a boolean is neither), errors by index.
const points = (v: unknown): Read<number[]> => {
  if (!Array.isArray(v)) return fail(`Expected a list of items but got type "${typeof v === 'string' ? 'str' : typeof v}".`)
  const bad = v.flatMap((x, i) => (typeof x === 'number' && Number.isFinite(x) ? [] : [[String(i), ['Value must be a float or an integer']] as const]))
  return bad.length > 0 ? failWith(Object.fromEntries(bad)) : ok(v as number[])
}

// AnnotationSerializer: id, frame, label_id, group, source.
const annotation = (c: ReturnType<typeof collector>) => ({
  id: c.field('id', (v) => int(v), { allowNull: true }) ?? null,
  frame: c.field('frame', (v) => int(v, { min: 0 }), { required: true }) ?? 0,
  label_id: c.field('label_id', (v) => int(v, { min: 0 }), { required: true }) ?? 0,
  group: c.field('group', (v) => int(v, { min: 0 }), { allowNull: true }) ?? null,
  // models.py Annotation.source is 16 characters at most (CVAT answers a longer one with a database error).
  source: c.field('source', (v) => str(v, { maxLength: 16 })) ?? 'manual',
  attributes: c.field('attributes', (v) => list(v, attributeVal, { nested: true })) ?? [],
})

// ShapeSerializer: type, occluded, outside, z_order, rotation, points.
const geometry = (c: ReturnType<typeof collector>) => {
  const pts = c.field('points', points)
  return {
    type: c.field('type', (v) => choice(v, SHAPE_TYPES), { required: true }) ?? 'rectangle',
    occluded: c.field('occluded', bool) ?? false,
    outside: c.field('outside', bool) ?? false,
    z_order: c.field('z_order', (v) => int(v)) ?? 0,
    rotation: c.field('rotation', (v) => float(v, { min: 0, max: 360 })) ?? 0,
    ...(pts != null ? { points: pts } : {}),
  }
}

const shape = (withElements: boolean): ((raw: unknown) => Read<InShape>) =>
  nested((c) => {
    const value = { ...geometry(c), ...annotation(c) }
    const elements = withElements ? c.field('elements', (v) => list(v, shape(false), { nested: true })) : undefined
    return { ...value, ...(elements != null ? { elements } : {}) }
  })

const trackedShape = nested(
  (c): InTrackedShape => ({
    ...geometry(c),
    id: c.field('id', (v) => int(v), { allowNull: true }) ?? null,
    frame: c.field('frame', (v) => int(v, { min: 0 }), { required: true }) ?? 0,
    attributes: c.field('attributes', (v) => list(v, attributeVal, { nested: true })) ?? [],
  }),
)

const track = (withElements: boolean): ((raw: unknown) => Read<InTrack>) =>
  nested((c) => {
    const value = { ...annotation(c), shapes: c.field('shapes', (v) => list(v, trackedShape, { nested: true }), { required: true }) ?? [] }
    const elements = withElements ? c.field('elements', (v) => list(v, track(false), { nested: true })) : undefined
    return { ...value, ...(elements != null ? { elements } : {}) }
  })

const tag = nested((c): InTag => annotation(c))

/** Validates a LabeledData body; the error is DRF's field-error dictionary. */
export const labeledData = (body: Record<string, unknown>, version: ServerVersion): Read<InData> => {
  const c = collector(body)
  c.field('version', (v) => int(v))
  const tags = c.field('tags', (v) => list(v, tag, { nested: true })) ?? []
  const shapes = c.field('shapes', (v) => list(v, shape(true), { nested: true })) ?? []
  const tracks = c.field('tracks', (v) => list(v, track(true), { nested: true })) ?? []
  if (version === '2.73') c.field('intervals', (v) => list(v, (x) => dict(x), { nested: true }))
  return c.failed() ? failWith(c.errors) : ok({ tags, shapes, tracks })
}
