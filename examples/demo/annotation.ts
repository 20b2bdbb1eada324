/**
 * The annotation lead's day: a project with labels, a task made from generated pictures, its jobs
 * and one assignment, annotations, a dataset export checked inside, and a backup restored — then
 * everything it made deleted again, also when a step fails (it runs against real servers too).
 */
import { createWriteStream, openAsBlob } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import {
  type Client,
  type CvatError,
  type Download,
  type HttpRequest,
  type JobRead,
  type Label,
  type LabeledShapeRequest,
  type Middleware,
  type PatchedLabelRequest,
  type WorkflowOptions,
  jobsList,
  jobsPartialUpdate,
  labelsList,
  projectsCreate,
  projectsDestroy,
  tasksCreateFromBackup,
  tasksCreateFromData,
  tasksDestroy,
  tasksDownloadBackup,
  tasksExportDataset,
  tasksRetrieveAnnotations,
  tasksUpdateAnnotations,
} from 'cvat-fp'
import { kB, step } from './output'
import { carBox, streetScene } from './png'
import { readZipMember } from './zip'

/** Who works today: the lead's client (and name), and the user a job goes to. */
export interface Lead {
  readonly client: Client
  readonly name: string
  readonly assignee: { readonly id?: number | undefined; readonly username: string }
}

const FRAMES = 6
// A rectangle with an attribute, a polygon and points: the shapes a street scene needs.
const LABELS: PatchedLabelRequest[] = [
  { name: 'car', type: 'rectangle', attributes: [{ name: 'colour', mutable: false, input_type: 'select', default_value: 'white', values: ['white', 'red', 'blue'] }] },
  { name: 'road', type: 'polygon' },
  { name: 'sign', type: 'points' },
]
// Polls every half second: CVAT's own SDK waits up to 5 s between polls, a demo of small files need not.
const WAIT: WorkflowOptions = { pollInterval: 500, timeout: 120_000 }

/** A failure of the demo's own (a file it cannot read), in the library's error shape. */
const demoError = (url: string, message: string): CvatError => ({ _tag: 'RequestError', method: 'GET', url, message })

/** Names a request of CVAT's upload protocol by its marker header, or `undefined` for any other. */
const protocolStep = (req: HttpRequest): string | undefined => {
  const h = req.headers
  if ('upload-start' in h) return 'Upload-Start'
  if ('upload-multiple' in h) return 'Upload-Multiple'
  if ('upload-finish' in h) return 'Upload-Finish'
  if ('upload-length' in h) return 'TUS creation'
  return req.method === 'PATCH' && 'upload-offset' in h ? 'TUS PATCH' : undefined
}

/**
 * Watches the upload protocol go by and names it in order, repeats counted (`3× TUS PATCH`):
 * what `tasksCreateFromData` and a restore really sent.
 */
const protocolWatch = () => {
  const seen: string[] = []
  const middleware: Middleware = (next) => (req) => {
    const kind = protocolStep(req)
    if (kind !== undefined) seen.push(kind)
    return next(req)
  }
  const take = (): string => {
    const steps = seen.splice(0)
    const parts: string[] = []
    let repeats = 0
    steps.forEach((k, i) => {
      repeats++
      if (steps[i + 1] === k) return
      parts.push(repeats > 1 ? `${repeats}× ${k}` : k)
      repeats = 0
    })
    return parts.join(', ')
  }
  return { middleware, take }
}

/**
 * Saves a download to a file, streamed (`Download`'s own advice for Node), and reads it back. The
 * DOM's ReadableStream type and Node's are the same object at run time, not to TypeScript.
 */
const saved = (d: Download, path: string): TE.TaskEither<CvatError, Buffer> =>
  TE.tryCatch(
    async () => {
      await pipeline(Readable.fromWeb(d.body as NodeReadableStream<Uint8Array>), createWriteStream(path))
      return readFile(path)
    },
    (e) => demoError(d.url, `could not save ${path}: ${String(e)}`),
  )

/** Checks that annotations.xml holds the shapes put (per kind, as CVAT's XML names them) and the cars' colour. */
const checkXml = (zip: Buffer, put: ReadonlyArray<LabeledShapeRequest>): TE.TaskEither<CvatError, string> => {
  const member = readZipMember(zip, 'annotations.xml')
  if (!member.ok) return TE.left(demoError('annotations.xml', member.why))
  const xml = member.bytes.toString('utf8')
  const tags = { box: 'rectangle', polygon: 'polygon', points: 'points' } as const
  const counts = Object.entries(tags).map(([tag, type]) => ({ tag, found: xml.split(`<${tag} `).length - 1, expected: put.filter((s) => s.type === type).length }))
  const colours = [...xml.matchAll(/<attribute name="colour">([^<]*)<\/attribute>/g)].map((m) => m[1])
  const found = counts.map((c) => `${c.found} <${c.tag}>${c.tag === 'box' ? ` (colour ${colours.join(', ') || 'missing'})` : ''}`).join(', ')
  return counts.every((c) => c.found === c.expected) && colours.every((c) => c === 'red') ? TE.right(found) : TE.left(demoError('annotations.xml', `expected the shapes put, found ${found}`))
}

/** A value the day needs from the server's answer, or a readable failure when it is not there. */
const need = <A>(a: A | undefined, what: string): TE.TaskEither<CvatError, A> => (a === undefined ? TE.left(demoError('(answer)', `the server's answer has no ${what}`)) : TE.right(a))

// Frames 0 and 1 (the first job's): the car on both, the road and a sign's three corners once.
const shapes = (labels: ReadonlyArray<Label>): TE.TaskEither<CvatError, LabeledShapeRequest[]> => {
  const label = (name: string) => need(labels.find((l) => l.name === name)?.id, `label ${name}`)
  return pipe(
    TE.Do,
    TE.bind('car', () => label('car')),
    TE.bind('colour', () => need(labels.find((l) => l.name === 'car')?.attributes?.[0]?.id, 'attribute colour')),
    TE.bind('road', () => label('road')),
    TE.bind('sign', () => label('sign')),
    TE.map(({ car, colour, road, sign }): LabeledShapeRequest[] => {
      const box = (frame: number, value: string): LabeledShapeRequest => ({ type: 'rectangle', frame, label_id: car, points: carBox(frame), attributes: [{ spec_id: colour, value }] })
      return [
        box(0, 'red'),
        box(1, 'red'),
        { type: 'polygon', frame: 0, label_id: road, points: [0, 40, 0, 26, 64, 26, 64, 40] },
        { type: 'points', frame: 1, label_id: sign, points: [50, 8, 54, 4, 58, 8] },
      ]
    }),
  )
}

const jobLine = (j: JobRead) => `#${j.id} frames ${j.start_frame}–${j.stop_frame}`

/** The project, and everything in it, deleted whatever happened inside. */
const withProject = <A>(lead: Lead, use: (project: { readonly id: number }) => TE.TaskEither<CvatError, A>) =>
  TE.bracket(
    pipe(
      projectsCreate(lead.client, { projectWriteRequest: { name: 'street scenes (cvat-fp demo)', labels: LABELS } }),
      TE.tap((p) => step(`${lead.name} created project #${p.id} "${p.name}" with labels car (rectangle, attribute colour), road (polygon), sign (points)`)),
    ),
    use,
    (p) => pipe(projectsDestroy(lead.client, { id: p.id }), TE.flatMap(() => step(`${lead.name} deleted project #${p.id} and its task`))),
  )

/** A temporary folder for the exported files, removed whatever happened. */
const withTempDir = <A>(use: (dir: string) => TE.TaskEither<CvatError, A>) =>
  TE.bracket(
    TE.tryCatch(() => mkdtemp(join(tmpdir(), 'cvat-fp-demo-')), (e) => demoError('tmpdir', String(e))),
    use,
    (dir) => TE.tryCatch(() => rm(dir, { recursive: true, force: true }), (e) => demoError(dir, String(e))),
  )

/** Backs the task up, restores the backup as a new task, reads it back, and deletes it again. */
const backupAndRestore = (lead: Lead, watch: ReturnType<typeof protocolWatch>, taskId: number, dir: string) =>
  pipe(
    tasksDownloadBackup(lead.client, { id: taskId }, WAIT),
    TE.flatMap((d) => saved(d, join(dir, 'backup.zip'))),
    TE.tap((zip) => step(`${lead.name} backed the task up (${kB(zip.length)})`)),
    TE.flatMap(() => TE.tryCatch(() => openAsBlob(join(dir, 'backup.zip')), (e) => demoError('backup.zip', String(e)))),
    TE.flatMap((blob) =>
      TE.bracket(
        tasksCreateFromBackup(lead.client, { file: { name: 'backup.zip', data: blob } }, WAIT),
        (task) =>
          pipe(
            tasksRetrieveAnnotations(lead.client, { id: task.id }),
            TE.tap((a) => step(`${lead.name} restored it (${watch.take()}): task #${task.id} "${task.name}", ${task.size} frames, ${a.shapes?.length ?? 0} shapes`)),
            TE.map(() => 1),
          ),
        (task) => pipe(tasksDestroy(lead.client, { id: task.id }), TE.flatMap(() => step(`${lead.name} deleted the restored task #${task.id}`))),
      ),
    ),
  )

/** The lead's day; resolves to the summary's first part. */
export const annotationDay = (lead: Lead): TE.TaskEither<CvatError, string> => {
  const watch = protocolWatch()
  const client = pipe(lead.client, watch.middleware)
  const me: Lead = { ...lead, client }
  const images = Array.from({ length: FRAMES }, (_, i) => streetScene(i))
  let uploaded = 0
  return withProject(me, (project) =>
    pipe(
      labelsList(client, { projectId: project.id, pageSize: 'all' }),
      TE.bindTo('labels'),
      TE.bind('task', () =>
        tasksCreateFromData(
          client,
          { spec: { name: 'street, morning', project_id: project.id, segment_size: 2 }, resources: images, dataParams: { image_quality: 90 } },
          { ...WAIT, onProgress: (p) => void (p.phase === 'upload' && (uploaded = p.done)) },
        ),
      ),
      TE.tap(({ task }) => step(`${me.name} created task #${task.id} "${task.name}" from ${FRAMES} generated PNGs: ${kB(uploaded)} sent (${watch.take()}), ${task.size} frames`)),
      TE.bind('jobs', ({ task }) => jobsList(client, { taskId: task.id, sort: 'id', pageSize: 'all' })),
      TE.tap(({ jobs }) => step(`jobs: ${jobs.results.map(jobLine).join(', ')}`)),
      TE.bind('first', ({ jobs }) => need(jobs.results[0], 'job')),
      TE.bind('assignee', () => need(me.assignee.id, `id of ${me.assignee.username}`)),
      TE.tap(({ first, assignee }) => jobsPartialUpdate(client, { id: first.id, patchedJobWriteRequest: { assignee } })),
      TE.tap(({ first }) => step(`${me.name} assigned job #${first.id} to ${me.assignee.username}`)),
      TE.bind('put', ({ labels }) => shapes(labels.results)),
      TE.bind('shapes', ({ task, put }) =>
        pipe(
          tasksUpdateAnnotations(client, { id: task.id, labeledDataRequest: { version: 0, tags: [], shapes: put, tracks: [] } }),
          TE.map((a) => a.shapes?.length ?? 0),
        ),
      ),
      TE.tap(({ shapes }) => step(`${me.name} put ${shapes} shapes on frames 0–1: 2 red car boxes, a road polygon, a sign's 3 points`)),
      TE.tap(({ task, put }) =>
        withTempDir((dir) =>
          pipe(
            tasksExportDataset(client, { id: task.id, format: 'CVAT for images 1.1' }, WAIT),
            TE.flatMap((d) => saved(d, join(dir, 'dataset.zip'))),
            TE.flatMap((zip) => pipe(checkXml(zip, put), TE.flatMap((found) => step(`${me.name} exported the dataset (CVAT for images 1.1, ${kB(zip.length)}); annotations.xml holds them: ${found}`)))),
            TE.flatMap(() => backupAndRestore(me, watch, task.id, dir)),
          ),
        ),
      ),
      TE.map(
        ({ task, jobs, shapes }) =>
          `1 project with 1 task of ${task.size} frames in ${jobs.count} jobs (1 assigned), ${shapes} shapes exported and checked, 1 task backed up and restored, all deleted`,
      ),
    ),
  )
}
