/**
 * The formats the emulator really reads and writes, listed as GET /api/server/annotation/formats
 * lists CVAT's (dataset_manager/formats/registry.py: DISPLAY_NAME "{name} {version}", ext,
 * version, enabled, dimension; modules registered in import order, so COCO before CVAT), and
 * their archives laid out as CVAT lays them out: "CVAT for images 1.1" → annotations.xml and
 * images/<name> (images/<subset>/<name> for a project); "COCO 1.0" →
 * annotations/instances_<subset>.json and images/<subset>/<name>.
 */
import { type Kv, type ProjectFrameInfo, type FrameMatcher, readCvatXml, writeCvatXml } from './cvatXml'
import { readCoco, writeCoco } from './coco'
import type { ExportFrame } from './frames'
import { type Imported, type ImportFailure, importFailure, isFailure } from './imported'
import type { EmulatedLabel } from '../model'
import { type ZipInput, listZip, readEntry } from '../zip/zip'

/** A format as DatasetFormatSerializer renders it. */
export interface FormatInfo {
  readonly name: string
  readonly ext: string
  readonly version: string
  readonly enabled: boolean
  readonly dimension: '2d'
}

/** The exporters the emulator has, in CVAT's registration order. */
export const EXPORTERS: ReadonlyArray<FormatInfo> = [
  { name: 'COCO 1.0', ext: 'ZIP', version: '1.0', enabled: true, dimension: '2d' },
  { name: 'CVAT for images 1.1', ext: 'ZIP', version: '1.1', enabled: true, dimension: '2d' },
]

/** The importers the emulator has, in CVAT's registration order. */
export const IMPORTERS: ReadonlyArray<FormatInfo> = [
  { name: 'COCO 1.0', ext: 'JSON, ZIP', version: '1.0', enabled: true, dimension: '2d' },
  { name: 'CVAT 1.1', ext: 'XML, ZIP', version: '1.1', enabled: true, dimension: '2d' },
]

/** One task's share of an export: its frames, and (for a project) its subset and id. */
export interface ExportPart {
  readonly frames: ReadonlyArray<ExportFrame>
  readonly subset: string
  readonly taskId: number
  /** The original bytes of a relative frame, for save_images. */
  readonly image: (idx: number) => Uint8Array | undefined
}

/** Lays out an export archive's files (the caller zips them). */
export const exportFiles = (format: string, labels: ReadonlyArray<EmulatedLabel>, meta: Kv, parts: ReadonlyArray<ExportPart>, saveImages: boolean, project: boolean): ZipInput[] => {
  const enc = new TextEncoder()
  const images = (dir: (p: ExportPart) => string) =>
    saveImages ? parts.flatMap((p) => p.frames.flatMap((f) => (p.image(f.idx) ? [{ name: `${dir(p)}${f.name}`, bytes: p.image(f.idx) as Uint8Array }] : []))) : []
  if (format === 'COCO 1.0') {
    const subsets = [...new Set(parts.map((p) => p.subset))]
    return [
      ...subsets.map((sub) => ({ name: `annotations/instances_${sub}.json`, bytes: enc.encode(writeCoco(labels, parts.filter((p) => p.subset === sub).flatMap((p) => p.frames))) })),
      ...images((p) => `images/${p.subset}/`),
    ]
  }
  const info = new Map<ExportFrame, ProjectFrameInfo>(parts.flatMap((p) => p.frames.map((f) => [f, { subset: p.subset, taskId: p.taskId }] as const)))
  const xml = writeCvatXml(meta, parts.flatMap((p) => p.frames), project ? (f) => info.get(f) as ProjectFrameInfo : undefined)
  return [{ name: 'annotations.xml', bytes: enc.encode(xml) }, ...images((p) => (project ? `images/${p.subset}/` : 'images/'))]
}

const text = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

const CVAT_DOCS = 'https://docs.cvat.ai/docs//manual/advanced/formats/'

/** Reads an uploaded annotation file (a zip, or the bare XML / JSON) in an import format. */
export const importFile = (format: string, bytes: Uint8Array, match: FrameMatcher, maxBytes: number, subset?: string): Imported | ImportFailure => {
  const listing = listZip(bytes)
  const read = (t: string | undefined, parse: (s: string) => Imported | ImportFailure) =>
    t === undefined ? importFailure('xml.etree.ElementTree.ParseError', 'not well-formed (invalid token): line 1, column 0') : parse(t)
  const cvat = (s: string) => readCvatXml(s, match)
  const coco = (s: string) => readCoco(s, (name) => match(name, undefined) ?? undefined)
  if (listing._tag === 'NotZip') return read(text(bytes), format === 'COCO 1.0' ? coco : cvat)
  let budget = maxBytes
  const files: Array<{ name: string; bytes: Uint8Array }> = []
  for (const e of listing.entries) {
    const wanted = format === 'COCO 1.0' ? (subset === undefined ? /(^|\/)annotations\/instances_[^/]+\.json$/.test(e.name) : e.name.endsWith(`annotations/instances_${subset}.json`)) : /\.xml$/i.test(e.name)
    if (!wanted) continue
    const r = readEntry(bytes, e, budget)
    if (r._tag === 'ReadFailed') return importFailure('zipfile.BadZipFile', r.reason)
    budget -= r.bytes.length
    files.push({ name: e.name, bytes: r.bytes })
  }
  if (files.length === 0)
    return format === 'COCO 1.0'
      ? importFailure('cvat.apps.dataset_manager.bindings.CvatImportError', "Failed to find dataset 'coco_instances' at '/tmp/import'")
      : importFailure('cvat.apps.dataset_manager.bindings.CvatDatasetNotFoundError', `Check [format docs](${CVAT_DOCS}format-cvat). Dataset must contain a file: "**/*.xml"`)
  const all: Imported = { shapes: [], tags: [], tracks: [] }
  for (const f of files) {
    const one = read(text(f.bytes), format === 'COCO 1.0' ? coco : cvat)
    if (isFailure(one)) return one
    all.shapes.push(...one.shapes)
    all.tags.push(...one.tags)
    all.tracks.push(...one.tracks)
  }
  return all
}
