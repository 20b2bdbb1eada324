/**
 * Labels inline on projects and tasks (cvat/apps/engine/serializers.py LabelSerializer,
 * SublabelSerializer, AttributeSerializer; create_labels, update_label(s)) and the Label model's
 * uniqueness constraints (models.py Label.Meta: names unique per project/task among top-level
 * labels, and per parent among sublabels).
 */
import type { ServerVersion } from '../env'
import { type Or, type Reply, detail, invalid, isReply, json } from '../http'
import { type Read, bool, choice, collector, dict, failWith, int, list, ok, str } from './fields'
import type { EmulatedAttribute, EmulatedLabel, EngineState, LabelType } from './model'
import { nextId } from './model'

const LABEL_TYPES: ReadonlyArray<LabelType> = ['any', 'cuboid', 'ellipse', 'mask', 'points', 'polygon', 'polyline', 'rectangle', 'skeleton', 'tag']
// Release 2.73.0's models.py LabelType adds `interval` (audio tasks).
const LABEL_TYPES_273: ReadonlyArray<LabelType> = [...LABEL_TYPES, 'interval']
const INPUT_TYPES: ReadonlyArray<EmulatedAttribute['inputType']> = ['checkbox', 'radio', 'number', 'text', 'select']

/** A validated attribute of a request. */
export interface AttributeSpec {
  readonly id?: number
  readonly name?: string
  readonly mutable?: boolean
  readonly inputType?: EmulatedAttribute['inputType']
  readonly defaultValue?: string
  readonly values?: string[]
}

/** A validated label of a request. */
export interface LabelSpec {
  readonly id?: number
  readonly name?: string
  readonly color?: string
  readonly type?: LabelType
  readonly svg?: string
  readonly deleted?: boolean
  readonly attributes: AttributeSpec[]
  readonly sublabels: LabelSpec[]
}

const attribute = (raw: unknown): Read<AttributeSpec> => {
  const d = dict(raw)
  if (!d.ok) return d
  const c = collector(d.value)
  const id = c.field('id', (v) => int(v))
  const name = c.field('name', (v) => str(v, { maxLength: 64 }), { required: true })
  const mutable = c.field('mutable', bool, { required: true })
  const inputType = c.field('input_type', (v) => choice(v, INPUT_TYPES), { required: true })
  const defaultValue = c.field('default_value', (v) => str(v, { maxLength: 128, allowBlank: true }))
  // DelimitedStringListField: stored joined by newlines (≤ 4096), read back split.
  const values = c.field('values', (v) => list(v, (x) => str(x, { maxLength: 200, allowBlank: true })), { required: true })
  if (values && values.join('\n').length > 4096) c.errors['values'] = ['Ensure this field has no more than 4096 characters.']
  if (c.failed()) return failWith(c.errors)
  return ok({ ...(id != null ? { id } : {}), ...(name != null ? { name } : {}), ...(mutable != null ? { mutable } : {}), ...(inputType != null ? { inputType } : {}), ...(defaultValue != null ? { defaultValue } : {}), ...(values != null ? { values: values.join('\n').split('\n') } : {}) })
}

/** LabelSerializer (or SublabelSerializer) as a nested `labels` item; `local` is LabelViewSet's PATCH. */
export const labelSpec =
  (opts: { readonly local?: boolean; readonly sub?: boolean; readonly version?: ServerVersion } = {}) =>
  (raw: unknown): Read<LabelSpec> => {
    const d = dict(raw)
    if (!d.ok) return d
    const c = collector(d.value)
    const id = c.field('id', (v) => int(v))
    // Nested in a project or task the serializer is partial (serializers.py: partial=True): name is needed only to create.
    const name = c.field('name', (v) => str(v, { maxLength: 64 }))
    const color = c.field('color', (v) => str(v, { allowBlank: true, maxLength: 8 }))
    const attributes = c.field('attributes', (v) => list(v, attribute, { nested: true })) ?? []
    const type = c.field('type', (v) => choice(v, opts.version === '2.73' ? LABEL_TYPES_273 : LABEL_TYPES))
    const deleted = opts.sub ? undefined : c.field('deleted', bool)
    const svg = opts.sub ? undefined : c.field('svg', (v) => str(v, { allowBlank: true, trim: false, maxLength: 1_000_000 }))
    const sublabels = opts.sub ? [] : (c.field('sublabels', (v) => list(v, labelSpec({ sub: true, ...(opts.version ? { version: opts.version } : {}) }), { nested: true })) ?? [])
    if (c.failed()) return failWith(c.errors)
    if (opts.local && deleted) return failWith({ non_field_errors: ['Labels cannot be deleted by updating in this endpoint. Please use the DELETE method instead.'] })
    if (deleted && id == null) return failWith({ non_field_errors: ['Deleted label must have an ID'] })
    return ok({ ...(id != null ? { id } : {}), ...(name != null ? { name } : {}), ...(color != null ? { color } : {}), ...(type != null ? { type } : {}), ...(svg != null ? { svg } : {}), ...(deleted != null ? { deleted } : {}), attributes, sublabels })
  }


/** Where labels live: a project or a task (models.py Label.project / Label.task). */
export type LabelParent = { readonly projectId: number; readonly taskId?: undefined } | { readonly taskId: number; readonly projectId?: undefined }

const inParent = (p: LabelParent) => (l: EmulatedLabel) => (p.projectId !== undefined ? l.projectId === p.projectId : l.taskId === p.taskId)

/**
 * Picks a colour for a new label. CVAT hashes the normalised name with blake2s into its own
 * palette (dataset_manager/formats/utils.py get_label_color); the emulator hashes the name too,
 * and steps away from colours its siblings already use.
 */
export const labelColor = (name: string, used: ReadonlyArray<string>): string => {
  let h = 0x811c9dc5
  for (const ch of name.toLowerCase()) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0
  for (let i = 0; i < 64; i++) {
    const c = `#${(((h >>> 0) + i * 0x3f1d97) & 0xffffff).toString(16).padStart(6, '0')}`
    if (!used.includes(c)) return c
  }
  return `#${(h & 0xffffff).toString(16).padStart(6, '0')}`
}

const UNIQUE = 'All label names must be unique'

// models.py Label.Meta constraints: top-level names per parent, sublabel names per parent label.
const clash = (e: EngineState, p: LabelParent, name: string, parentId: number | null, self?: EmulatedLabel): boolean =>
  e.labels.some((l) => l !== self && inParent(p)(l) && l.parentId === parentId && l.name === name)

const checkAttributeNames = (attrs: ReadonlyArray<AttributeSpec>): Reply | undefined => {
  const seen = new Set<string | undefined>()
  for (const a of attrs) {
    if (seen.has(a.name)) return invalid(`Duplicate attribute with name '${a.name ?? 'None'}' exists`)
    seen.add(a.name)
  }
  return undefined
}

const newAttribute = (e: EngineState, a: AttributeSpec): EmulatedAttribute => ({
  id: nextId(e, 'attribute'),
  name: a.name ?? '',
  mutable: a.mutable ?? false,
  inputType: a.inputType ?? 'text',
  defaultValue: a.defaultValue ?? '',
  values: a.values ?? [''],
})

const addLabel = (e: EngineState, p: LabelParent, spec: LabelSpec, parentId: number | null, color: string): Or<EmulatedLabel> => {
  // CVAT fails on a new label without a name (KeyError in get_label_color, a 500); the emulator answers 400.
  if (spec.name === undefined) return json(400, { name: ['This field is required.'] })
  const name = spec.name
  if (clash(e, p, name, parentId)) return invalid(UNIQUE)
  const label: EmulatedLabel = { id: nextId(e, 'label'), name, color, type: spec.type ?? 'any', projectId: p.projectId ?? null, taskId: p.taskId ?? null, parentId, attributes: [], svg: null }
  e.labels.push(label)
  return label
}

// A skeleton's SVG names its points by sublabel name until they have ids (create_labels).
const skeletonSvg = (e: EngineState, label: EmulatedLabel, svg: string): string =>
  e.labels.filter((l) => l.parentId === label.id).reduce((acc, sub) => acc.replaceAll(`data-label-name="${sub.name}"`, `data-label-id="${sub.id}"`), svg)

/** LabelSerializer.create_labels: new labels (ids in the request ignored), sublabels, skeleton SVG, attributes. */
export const createLabels = (e: EngineState, p: LabelParent, specs: ReadonlyArray<LabelSpec>, parentId: number | null = null): Reply | undefined => {
  const colors: string[] = []
  for (const spec of specs) {
    const dup = checkAttributeNames(spec.attributes)
    if (dup) return dup
    const color = spec.color || labelColor(spec.name ?? '', colors)
    colors.push(color)
    const label = addLabel(e, p, spec, parentId, color)
    if (isReply(label)) return label
    const sub = createLabels(e, p, spec.sublabels, label.id)
    if (sub) return sub
    if (label.type === 'skeleton') label.svg = skeletonSvg(e, label, spec.svg ?? '')
    label.attributes = spec.attributes.map((a) => newAttribute(e, a))
  }
  return undefined
}

/** Deletes labels with their sublabels; `onDelete` drops their annotations (Annotation.label CASCADE). */
export const deleteLabels = (e: EngineState, drop: (l: EmulatedLabel) => boolean, onDelete: (ids: ReadonlySet<number>) => void): void => {
  const gone = new Set(e.labels.filter(drop).map((l) => l.id))
  for (const l of e.labels) if (l.parentId !== null && gone.has(l.parentId)) gone.add(l.id)
  onDelete(gone)
  for (let i = e.labels.length - 1; i >= 0; i--) if (gone.has(e.labels[i]!.id)) e.labels.splice(i, 1)
}

const updateAttributes = (e: EngineState, label: EmulatedLabel, attrs: ReadonlyArray<AttributeSpec>): Reply | undefined => {
  for (const a of attrs) {
    const found = a.id !== undefined ? label.attributes.find((x) => x.id === a.id) : label.attributes.find((x) => x.name === a.name)
    if (a.id !== undefined && !found) return detail(404, `Attribute with id #${a.id} does not exist`)
    if (!found) label.attributes.push(newAttribute(e, a))
    else Object.assign(found, { name: a.name ?? found.name, defaultValue: a.defaultValue ?? found.defaultValue, mutable: a.mutable ?? found.mutable, inputType: a.inputType ?? found.inputType, values: a.values ?? found.values })
  }
  return undefined
}

/**
 * LabelSerializer.update_labels: a label with an id changes (404 if it is not the parent's; type
 * never changes to or from skeleton), one without is created; `deleted` removes it.
 */
export const updateLabels = (e: EngineState, p: LabelParent, specs: ReadonlyArray<LabelSpec>, onDelete: (ids: ReadonlySet<number>) => void, parentId: number | null = null): Reply | undefined => {
  for (const spec of specs) {
    const dup = checkAttributeNames(spec.attributes)
    if (dup) return dup
    let label: EmulatedLabel
    let renamed = false
    if (spec.id !== undefined) {
      const found = e.labels.find((l) => l.id === spec.id && inParent(p)(l))
      if (!found) return detail(404, `Not found label with id #${spec.id} to change`)
      label = found
      const type = spec.type || label.type
      if (label.type !== 'skeleton' && type !== 'skeleton') label.type = type
      const name = spec.name || label.name
      if (clash(e, p, name, label.parentId, label)) return invalid(UNIQUE)
      renamed = name !== label.name
      label.name = name
    } else {
      const made = addLabel(e, p, spec, parentId, '')
      if (isReply(made)) return made
      label = made
      const sub = updateLabels(e, p, spec.sublabels, onDelete, label.id)
      if (sub) return sub
      if (label.type === 'skeleton') label.svg = skeletonSvg(e, label, spec.svg ?? '')
    }
    if (spec.deleted) {
      deleteLabels(e, (l) => l === label, onDelete)
      continue
    }
    // update_label: with no colour given CVAT regenerates one from the name, which for an unchanged
    // name gives back the colour it generated before; the emulator keeps the colour then.
    if (spec.color) label.color = spec.color
    else if (label.color === '' || renamed) label.color = labelColor(label.name, e.labels.filter((l) => inParent(p)(l) && l !== label).map((l) => l.color))
    const attrs = updateAttributes(e, label, spec.attributes)
    if (attrs) return attrs
  }
  return undefined
}
