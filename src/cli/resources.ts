/**
 * The commands tasks and projects share, as cvat-cli's generic commands (command_base.py at
 * 2.73.0): `delete` (ids that do not exist are skipped), `export-dataset` and `backup` (a file
 * streamed to disk), `import-dataset` and `create-from-backup` (a file uploaded by CVAT's
 * protocol), each through the library's workflow with a progress bar on stderr.
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import {
  type Client,
  type CreateFromBackupParams,
  type CvatError,
  type Download,
  type DownloadBackupParams,
  type ExportDatasetParams,
  type UploadFile,
  type WorkflowError,
  type WorkflowOptions,
  formatError,
  projectsCreateFromBackup,
  projectsDestroy,
  projectsDownloadBackup,
  projectsExportDataset,
  projectsImportDataset,
  tasksCreateFromBackup,
  tasksDestroy,
  tasksDownloadBackup,
  tasksExportDataset,
  tasksImportAnnotations,
} from '../index'
import { bytes, progressBar } from './bar'
import { type Session, type Values, flag, idArg, text } from './command'
import { type Exit, type Fault, type Io, type Usage, fault, isFault, isUsage, usage } from './context'
import { type Target, nameFor, openLocal, save, targetOf } from './files'

/** What the shared commands act on. */
export type Noun = 'task' | 'project' | 'job'

/** A workflow's failure as a Fault: its line, and the step it stopped at. */
export const workflowFault = (e: WorkflowError): Fault => {
  const where = e.step === undefined ? '' : ` (step: ${e.step}${e.taskId === undefined ? '' : `; task ${e.taskId} ${e.taskDeleted ? 'deleted again' : 'kept'}`})`
  return fault(e._tag, `${formatError(e)}${where}`, e._tag === 'StatusError' ? e.status : undefined)
}

/** Prints a result: a line for people, a JSON document with --json. */
export const report = (s: Session, line: string, json: unknown): Exit => (s.io.out(s.json ? `${JSON.stringify(json, null, 2)}\n` : `${line}\n`), 0)

// `delete`: every id, one line each; a missing one is skipped (cvat-cli's "ignoring those which don't exist").
/** Parses `delete ID…`. */
export const parseIds = (noun: Noun) => (_io: Io, v: Values, args: ReadonlyArray<string>): { readonly ids: ReadonlyArray<number>; readonly dryRun: boolean } | Usage => {
  if (args.length === 0) return usage(`give the ${noun} ids to delete`)
  const ids: number[] = []
  for (const a of args) {
    const id = idArg(`a ${noun} id`, a)
    if (isUsage(id)) return id
    if (!ids.includes(id)) ids.push(id)
  }
  return { ids, dryRun: flag(v, 'dry-run') }
}

/** Deletes each id in turn; exit 1 when one could not be deleted (a missing one is skipped, not failed). */
export const deleteEach =
  (noun: Noun, destroy: (c: Client, p: { readonly id: number }) => TaskEither<CvatError, void>) =>
  async (s: Session, { ids, dryRun: dry }: { readonly ids: ReadonlyArray<number>; readonly dryRun: boolean }): Promise<Exit> => {
    const outcomes: Array<{ id: number; outcome: 'Deleted' | 'WouldDelete' | 'NotFound' | 'Failed'; error?: string }> = []
    for (const id of ids) {
      if (dry) {
        outcomes.push({ id, outcome: 'WouldDelete' })
        continue
      }
      const r = await destroy(s.client, { id })()
      if (r._tag === 'Right') outcomes.push({ id, outcome: 'Deleted' })
      else if (r.left._tag === 'StatusError' && r.left.status === 404) outcomes.push({ id, outcome: 'NotFound' })
      else outcomes.push({ id, outcome: 'Failed', error: formatError(r.left) })
    }
    const n = (o: string) => outcomes.filter((x) => x.outcome === o).length
    const summary = { total: ids.length, deleted: n('Deleted'), wouldDelete: n('WouldDelete'), notFound: n('NotFound'), failed: n('Failed') }
    if (s.json) s.io.out(`${JSON.stringify({ dryRun: dry, summary, outcomes }, null, 2)}\n`)
    else {
      const plural = `${noun}s`
      for (const o of outcomes)
        s.io.out(
          o.outcome === 'Deleted'
            ? `deleted  ${noun} ${o.id}\n`
            : o.outcome === 'WouldDelete'
              ? `would delete ${noun} ${o.id}: DELETE /api/${plural}/${o.id}\n`
              : o.outcome === 'NotFound'
                ? `skipped  ${noun} ${o.id}: not found\n`
                : `failed   ${noun} ${o.id}: ${o.error}\n`,
        )
      s.io.out(`${dry ? `${summary.wouldDelete} would be deleted (dry run, nothing sent)` : `${summary.deleted} deleted`}, ${summary.notFound} not found, ${summary.failed} failed, of ${summary.total}\n`)
    }
    return summary.failed > 0 ? 1 : 0
  }

/** What an export or a backup needs before it starts. */
export interface OutPlan {
  readonly id: number
  readonly target: Target
  readonly format?: string
  readonly saveImages?: boolean
}

// cvat-cli's --with-images takes a value (attrs' to_bool).
const TRUE = ['true', 'yes', 'y', 'on', '1']
const FALSE = ['false', 'no', 'n', 'off', '0']

/** Parses `export-dataset ID [FILENAME] [--format F] [--with-images true|false]` and `backup ID [FILENAME]`. */
export const parseOut = (noun: Noun, dataset: boolean) => (io: Io, v: Values, args: ReadonlyArray<string>): OutPlan | Usage => {
  const [given, file, ...rest] = args
  if (rest.length > 0) return usage(`unexpected argument ${JSON.stringify(rest[0])}`)
  const id = idArg(`${noun.toUpperCase()}_ID`, given)
  if (isUsage(id)) return id
  const target = targetOf(io, file)
  if (isUsage(target)) return target
  if (!dataset) return { id, target }
  const images = text(v, 'with-images')?.toLowerCase()
  if (images !== undefined && !TRUE.includes(images) && !FALSE.includes(images)) return usage(`--with-images takes true or false, got ${JSON.stringify(text(v, 'with-images'))}`)
  return { id, target, format: text(v, 'format') ?? 'CVAT for images 1.1', saveImages: images !== undefined && TRUE.includes(images) }
}

type Fetch<P> = (c: Client, p: P, o: WorkflowOptions) => TaskEither<WorkflowError, Download>

/** Runs an export or a backup and streams the file to disk, with progress. */
export const saveOut =
  <P>(noun: Noun, what: 'dataset' | 'backup', start: Fetch<P>, params: (plan: OutPlan, s: Session) => P) =>
  async (s: Session, plan: OutPlan): Promise<Exit | Fault> => {
    const bar = progressBar(s.io, s.json)
    const got = await start(s.client, params(plan, s), { onProgress: bar.onProgress, signal: s.signal })()
    if (got._tag === 'Left') return bar.finish(), workflowFault(got.left)
    const saved = await save(got.right, plan.target, nameFor(got.right.filename, `${noun}_${plan.id}_${what}.zip`, '.zip'), undefined, s.signal)
    bar.finish()
    if (isFault(saved)) return saved
    const extra = plan.format === undefined ? {} : { format: plan.format, saveImages: plan.saveImages === true }
    return report(s, `saved ${saved.path} (${bytes(saved.bytes)})`, { id: plan.id, ...extra, path: saved.path, bytes: saved.bytes })
  }

/** What an import or a restore needs before it starts. */
export interface InPlan {
  readonly id?: number
  readonly file: UploadFile
  readonly path: string
  readonly format?: string
}

/** Parses `import-dataset ID FILENAME [--format F]` (`withId`) and `create-from-backup FILENAME`. */
export const parseIn = (noun: Noun, withId: boolean, defaultFormat = 'CVAT 1.1') => async (io: Io, v: Values, args: ReadonlyArray<string>): Promise<InPlan | Usage> => {
  const [first, second, ...rest] = withId ? args : [undefined, ...args]
  if (rest.length > 0) return usage(`unexpected argument ${JSON.stringify(rest[0])}`)
  const id = withId ? idArg(`${noun.toUpperCase()}_ID`, first) : undefined
  if (isUsage(id)) return id
  if (second === undefined) return usage('give the file to upload')
  const files = await openLocal(io, [second])
  if (isUsage(files)) return files
  return { ...(id === undefined ? {} : { id }), file: files[0]!, path: second, ...(withId ? { format: text(v, 'format') ?? defaultFormat } : {}) }
}

/** Runs an import into an existing task, project or job. */
export const importInto =
  (noun: Noun, start: (c: Client, p: { id: number; format: string; file: UploadFile }, o: WorkflowOptions) => TaskEither<WorkflowError, void>) =>
  async (s: Session, plan: InPlan): Promise<Exit | Fault> => {
    const bar = progressBar(s.io, s.json)
    const id = plan.id ?? 0
    const format = plan.format ?? ''
    const r = await start(s.client, { id, format, file: plan.file }, { onProgress: bar.onProgress, signal: s.signal })()
    bar.finish()
    if (r._tag === 'Left') return workflowFault(r.left)
    return report(s, `imported ${plan.path} into ${noun} ${id} (${format})`, { id, format, file: plan.path })
  }

/** Runs a restore and prints the new id (as cvat-cli does), or the whole object with --json. */
export const restore =
  (start: (c: Client, p: { file: UploadFile; org?: string }, o: WorkflowOptions) => TaskEither<WorkflowError, { readonly id: number }>) =>
  async (s: Session, plan: InPlan): Promise<Exit | Fault> => {
    const bar = progressBar(s.io, s.json)
    const r = await start(s.client, { file: plan.file, ...s.org }, { onProgress: bar.onProgress, signal: s.signal })()
    bar.finish()
    if (r._tag === 'Left') return workflowFault(r.left)
    return report(s, String(r.right.id), r.right)
  }

/** The library's workflows behind the shared commands, for one noun. */
export interface Workflows {
  readonly destroy: (c: Client, p: { readonly id: number }) => TaskEither<CvatError, void>
  readonly exportDataset: (c: Client, p: ExportDatasetParams, o: WorkflowOptions) => TaskEither<WorkflowError, Download>
  readonly importDataset: (c: Client, p: { readonly id: number; readonly format: string; readonly file: UploadFile }, o: WorkflowOptions) => TaskEither<WorkflowError, void>
  readonly downloadBackup: (c: Client, p: DownloadBackupParams, o: WorkflowOptions) => TaskEither<WorkflowError, Download>
  readonly createFromBackup: (c: Client, p: CreateFromBackupParams, o: WorkflowOptions) => TaskEither<WorkflowError, { readonly id: number }>
}

const TASK_WORKFLOWS: Workflows = {
  destroy: tasksDestroy,
  exportDataset: tasksExportDataset,
  importDataset: tasksImportAnnotations,
  downloadBackup: tasksDownloadBackup,
  createFromBackup: tasksCreateFromBackup,
}
const PROJECT_WORKFLOWS: Workflows = {
  destroy: projectsDestroy,
  exportDataset: projectsExportDataset,
  importDataset: projectsImportDataset,
  downloadBackup: projectsDownloadBackup,
  createFromBackup: projectsCreateFromBackup,
}

/** The workflows of each noun the shared commands act on. */
export const WORKFLOWS: Readonly<Record<'task' | 'project', Workflows>> = { task: TASK_WORKFLOWS, project: PROJECT_WORKFLOWS }
