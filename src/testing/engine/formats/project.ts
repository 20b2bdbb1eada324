/**
 * Importing a dataset into a project (dataset_manager/project.py import_dataset_as_project and
 * bindings.py load_dataset_data): the archive's items are grouped by subset, each subset becomes
 * a task of the project (named after the subset, the project's owner and organisation, its
 * images as data, image_quality 70), then the annotations are imported into those tasks. A
 * project without labels takes the dataset's label names; otherwise every dataset label must
 * exist ("Target project does not have label with name …"). A bare annotation file has no media:
 * NoMediaInAnnotationFileError.
 */
import type { AuthedEnv } from '../../env'
import { createLabels } from '../labels'
import type { EmulatedProject, EmulatedTask } from '../model'
import { nextId } from '../model'
import { createData } from '../segments'
import { createTaskData } from '../data/process'
import { DATA_DEFAULTS, dataState } from '../data/state'
import { type Outcome, exceptionText } from '../requests/queue'
import { append, emptyDir, newFile } from '../upload/store'
import { unzipAll } from '../zip/zip'
import { kindOf } from '../media/kinds'
import { parseXml } from './xml'
import { runImport } from './build'

const IMPORT_ERROR = 'cvat.apps.dataset_manager.bindings.CvatImportError'

interface Item {
  readonly subset: string
  readonly name: string
}

// The dataset's items and label names, read from annotations.xml or instances_<subset>.json.
const itemsOf = (format: string, files: Map<string, Uint8Array>): { readonly items: Item[]; readonly labels: string[] } | string => {
  const dec = (b: Uint8Array) => new TextDecoder().decode(b)
  const items: Item[] = []
  const labels: string[] = []
  if (format === 'COCO 1.0') {
    const docs = [...files].filter(([n]) => /(^|\/)annotations\/instances_[^/]+\.json$/.test(n))
    if (docs.length === 0) return "Failed to find dataset 'coco_instances' at '/tmp/import'"
    for (const [n, b] of docs) {
      const subset = /instances_([^/]+)\.json$/.exec(n)?.[1] ?? 'default'
      let doc: { images?: Array<{ file_name?: unknown }>; categories?: Array<{ name?: unknown }> }
      try {
        doc = JSON.parse(dec(b))
      } catch {
        return `Failed to parse ${n}`
      }
      for (const im of doc.images ?? []) if (typeof im.file_name === 'string') items.push({ subset, name: im.file_name })
      for (const c of doc.categories ?? []) if (typeof c.name === 'string' && !labels.includes(c.name)) labels.push(c.name)
    }
    return { items, labels }
  }
  const xmls = [...files].filter(([n]) => /\.xml$/i.test(n))
  if (xmls.length === 0) return 'Check [format docs](https://docs.cvat.ai/docs//manual/advanced/formats/format-cvat). Dataset must contain a file: "**/*.xml"'
  for (const [, b] of xmls) {
    const doc = parseXml(dec(b))
    if (doc._tag === 'XmlError') return doc.message
    const meta = doc.root.children.find((c) => c.name === 'meta')
    const walk = (el: typeof doc.root): void => {
      if (el.name === 'label') {
        const name = el.children.find((c) => c.name === 'name')?.text
        if (name && !labels.includes(name)) labels.push(name)
      }
      el.children.forEach(walk)
    }
    if (meta) walk(meta)
    for (const el of doc.root.children) if (el.name === 'image' && el.attrs['name']) items.push({ subset: el.attrs['subset'] ?? 'default', name: el.attrs['name'] })
  }
  return { items, labels }
}

const mediaOf = (files: Map<string, Uint8Array>, it: Item): Uint8Array | undefined => files.get(`images/${it.subset}/${it.name}`) ?? files.get(`images/${it.name}`) ?? files.get(it.name)

/** Runs a project dataset import. */
export const importProjectDataset = (env: AuthedEnv, p: EmulatedProject, format: string, bytes: Uint8Array): Outcome => {
  const max = env.config.data?.maxStoredBytes ?? DATA_DEFAULTS.maxStoredBytes
  const files = unzipAll(bytes, max)
  if ('_tag' in files)
    return files._tag === 'NotZip'
      ? { ok: false, message: exceptionText(IMPORT_ERROR, "Can't import media data from the annotation file. Please upload full dataset as a zip archive.") }
      : { ok: false, message: exceptionText('zipfile.BadZipFile', files.reason) }
  const found = itemsOf(format, files)
  if (typeof found === 'string') return { ok: false, message: exceptionText(found.startsWith('Check') ? 'cvat.apps.dataset_manager.bindings.CvatDatasetNotFoundError' : IMPORT_ERROR, found) }
  const e = env.s.engine
  const own = e.labels.filter((l) => l.projectId === p.id && l.parentId === null)
  if (own.length === 0) createLabels(e, { projectId: p.id }, found.labels.map((name) => ({ name, attributes: [], sublabels: [] })))
  else {
    const missing = found.labels.find((n) => n !== 'background' && !own.some((l) => l.name === n))
    if (missing !== undefined) return { ok: false, message: exceptionText(IMPORT_ERROR, `Target project does not have label with name "${missing}"`) }
  }
  const now = env.config.now()
  const d = dataState(env.s, env.config)
  const subsets = [...new Set(found.items.map((i) => i.subset))]
  const made = new Map<string, EmulatedTask>()
  for (const subset of subsets) {
    const media = found.items.filter((i) => i.subset === subset && kindOf(i.name) === 'image' && mediaOf(files, i))
    if (media.length === 0) continue
    const t: EmulatedTask = { id: nextId(e, 'task'), name: subset, projectId: p.id, mode: '', ownerId: p.ownerId, assigneeId: null, assigneeUpdatedDate: null, bugTracker: '', createdDate: now, updatedDate: now, overlap: null, segmentSize: 0, status: 'annotation', dataId: null, dimension: '2d', subset, organizationId: p.organizationId, sourceStorage: null, targetStorage: null, consensusReplicas: 0, guideId: null }
    e.tasks.push(t)
    const data = createData(e, t, { imageQuality: 70 })
    const dir = emptyDir()
    for (const it of media) {
      const f = newFile(it.name, true)
      append({ used: 0, max: Number.MAX_SAFE_INTEGER }, f, mediaOf(files, it) as Uint8Array)
      dir.files.set(it.name, f)
    }
    const request = { clientFiles: [], serverFiles: [], remoteFiles: [], serverFilesExclude: [], useZipChunks: true, useCache: false, copyData: false, uploadFileOrder: [] }
    const r = createTaskData(env.s, d, { version: env.config.serverVersion, task: t, data, request, clientNames: media.map((i) => i.name), dir, config: env.config.data ?? DATA_DEFAULTS, random: env.config.random }, now)
    if (!r.ok) return r
    made.set(subset, t)
  }
  // Annotations: each task reads the archive, matching only its subset's images.
  for (const [subset, t] of made) {
    const r = runImport(env, { t }, format, bytes, max, subset)
    if (!r.ok) return r
  }
  p.updatedDate = now
  return { ok: true }
}
