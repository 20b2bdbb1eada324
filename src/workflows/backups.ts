/**
 * Backups of tasks and projects: downloading one (an export whose file is the backup) and
 * restoring one (the upload protocol on `…/backup/`, then the new task or project read back),
 * as cvat-sdk's `download_backup` and `create_from_backup` do.
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, decodeError, requestError } from '../errors'
import type { Download } from '../endpoint/download'
import type { OrgParams } from '../endpoint/params'
import { isPositiveInt } from '../endpoint/bounded'
import type { UploadFile } from './files'
import { exportFile } from './fileExport'
import { importFile } from './fileImport'
import type { ProjectRead } from '../generated/models/ProjectRead'
import type { TaskRead } from '../generated/models/TaskRead'
import { projectsCreateBackupExport } from '../generated/projects/projectsCreateBackupExport'
import { projectsRetrieve } from '../generated/projects/projectsRetrieve'
import { tasksCreateBackupExport } from '../generated/tasks/tasksCreateBackupExport'
import { tasksRetrieve } from '../generated/tasks/tasksRetrieve'
import { readId, readInput, readUpload } from './params'
import { type Run, type WorkflowError, type WorkflowOptions, inRun, total } from './run'

/**
 * Parameters of the backup downloads: the task or project.
 *
 * @example
 * const p: DownloadBackupParams = { id: 42 }
 */
export type DownloadBackupParams = OrgParams & { readonly id: number }

/**
 * Parameters of the restores: the backup file (a `.zip` that `tasksDownloadBackup` or
 * `projectsDownloadBackup` gave), restored into the organisation the context names.
 *
 * @example
 * const p: CreateFromBackupParams = { file: { name: 'task_42_backup.zip', data: new Uint8Array([0x50, 0x4b]) }, org: 'acme' }
 */
export type CreateFromBackupParams = OrgParams & { readonly file: UploadFile }

const download = (target: 'task' | 'project', client: Client, params: unknown, options: unknown): TaskEither<WorkflowError, Download> => {
  const url = `/api/${target}s/{id}/backup/export`
  const start = target === 'task' ? tasksCreateBackupExport : projectsCreateBackupExport
  return total('POST', url, async () => {
    const input = readInput(params, (p) => readId(p))
    if (E.isLeft(input)) return E.left(requestError('POST', url, input.left))
    const id = input.right.value
    return inRun('POST', url, client, options, input.right.org, (run) => exportFile(run, { target, id, subresource: 'backup' }, (c) => start(c, { id, location: 'local' })), true)
  })
}

const restore = <A>(target: 'task' | 'project', client: Client, params: unknown, options: unknown, retrieve: (run: Run, id: number) => Promise<E.Either<CvatError, A>>): TaskEither<WorkflowError, A> => {
  const path = `/api/${target}s/backup/`
  return total('POST', path, async () => {
    const input = readInput(params, (p) => readUpload(p))
    if (E.isLeft(input)) return E.left(requestError('POST', path, input.left))
    return inRun('POST', path, client, options, input.right.org, async (run) => {
      const done = await importFile(run, path, input.right.value, (filename) => [['filename', filename]])
      if (E.isLeft(done)) return done
      // The finished restore names what it created.
      const id = done.right.result_id
      if (!isPositiveInt(id)) return E.left({ ...decodeError('GET', `${run.origin() ?? ''}/api/requests/${encodeURIComponent(done.right.id)}`, 200, `the finished restore names no ${target} (result_id is ${String(id)})`, ''), step: 'retrieve' })
      const made = await retrieve(run, id)
      return E.isLeft(made) ? E.left({ ...run.settle(made.left), step: 'retrieve' }) : made
    })
  })
}

/**
 * POST /api/tasks/{id}/backup/export — Backs a task up and resolves to the backup file as a stream
 * (`Download`), as `tasksExportDataset` does for a dataset (a running backup is joined; the file
 * comes from the finished request's `result_url`, only on the client's own origin).
 *
 * Servers: CVAT ≥ 2.26 (every supported version); see `tasksExportDataset` for what differs.
 *
 * @example
 * tasksDownloadBackup(cvat, { id: 42 }, { onProgress: (p) => console.error(p.phase, p.done) })
 */
export const tasksDownloadBackup = (client: Client, params: DownloadBackupParams, options?: WorkflowOptions): TaskEither<WorkflowError, Download> => download('task', client, params, options)

/**
 * POST /api/projects/{id}/backup/export — Backs a project up and resolves to the backup file as a
 * stream, as `tasksDownloadBackup` does for a task.
 *
 * Servers: CVAT ≥ 2.26 (every supported version); see `tasksExportDataset` for what differs.
 *
 * @example
 * projectsDownloadBackup(cvat, { id: 7 })
 */
export const projectsDownloadBackup = (client: Client, params: DownloadBackupParams, options?: WorkflowOptions): TaskEither<WorkflowError, Download> => download('project', client, params, options)

/**
 * POST /api/tasks/backup/ — Restores a task from a backup file by CVAT's upload protocol
 * (`Upload-Start`, the file by TUS, `Upload-Finish` naming the file CVAT stored), waits until
 * CVAT has restored it, and resolves to the new task (the finished request's `result_id`).
 *
 * Servers: CVAT ≥ 2.26 (every supported version), with the same requests: 2.26 stores the upload
 * under a temporary name of its own, 2.73 under a generated id; `Upload-Finish` names whichever
 * CVAT said, and the finished request's `result_id` names the new task on both.
 *
 * @example
 * tasksCreateFromBackup(cvat, { file: new File([new Uint8Array([0x50, 0x4b])], 'task_42_backup.zip'), org: 'acme' })
 */
export const tasksCreateFromBackup = (client: Client, params: CreateFromBackupParams, options?: WorkflowOptions): TaskEither<WorkflowError, TaskRead> =>
  restore('task', client, params, options, (run, id) => tasksRetrieve(run.client, { id })())

/**
 * POST /api/projects/backup/ — Restores a project from a backup file and resolves to the new
 * project, as `tasksCreateFromBackup` does for a task.
 *
 * Servers: CVAT ≥ 2.26 (every supported version); see `tasksCreateFromBackup`.
 *
 * @example
 * projectsCreateFromBackup(cvat, { file: { name: 'project_7_backup.zip', data: new Uint8Array([0x50, 0x4b]) } })
 */
export const projectsCreateFromBackup = (client: Client, params: CreateFromBackupParams, options?: WorkflowOptions): TaskEither<WorkflowError, ProjectRead> =>
  restore('project', client, params, options, (run, id) => projectsRetrieve(run.client, { id })())
