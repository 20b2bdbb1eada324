/**
 * Datasets in and out: exporting a task's, a project's or a job's annotations (with or without
 * images) in a format CVAT knows, streamed to the caller; and importing a dataset file into a
 * project by CVAT's upload protocol.
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, requestError } from '../errors'
import type { RqId } from '../generated/models/RqId'
import type { Download } from '../endpoint/download'
import type { OrgParams } from '../endpoint/params'
import type { UploadFile } from './files'
import { type ExportTarget, exportFile } from './fileExport'
import { importFile, toVoid } from './fileImport'
import { jobsCreateDatasetExport } from '../generated/jobs/jobsCreateDatasetExport'
import { projectsCreateDatasetExport } from '../generated/projects/projectsCreateDatasetExport'
import { tasksCreateDatasetExport } from '../generated/tasks/tasksCreateDatasetExport'
import { all, readFlag, readId, readInput, readText, readUpload } from './params'
import { type WorkflowError, type WorkflowOptions, inRun, total } from './run'

/**
 * Parameters of the dataset exports: what to export (`id`), in which format (a name from `GET
 * /api/server/annotation/formats`, e.g. `'COCO 1.0'`), and whether the images go with the
 * annotations (`saveImages`, default `false`, as in CVAT's API and cvat-cli).
 *
 * @example
 * const p: ExportDatasetParams = { id: 42, format: 'CVAT for images 1.1', saveImages: true }
 */
export type ExportDatasetParams = OrgParams & {
  readonly id: number
  readonly format: string
  readonly saveImages?: boolean
}

/**
 * Parameters of `projectsImportDataset`: the project, the dataset file and its format.
 *
 * @example
 * const p: ImportDatasetParams = { id: 7, format: 'COCO 1.0', file: { name: 'coco.zip', data: new Uint8Array([0x50, 0x4b]) } }
 */
export type ImportDatasetParams = OrgParams & {
  readonly id: number
  readonly format: string
  readonly file: UploadFile
  /** Import masks as polygons (CVAT's `conv_mask_to_poly`, default `true` on the server). */
  readonly convMaskToPoly?: boolean
}

type Start = (client: Client, params: { readonly id: number; readonly format: string; readonly saveImages: boolean; readonly location: 'local' }) => TaskEither<CvatError, RqId>

const exportDataset = (target: ExportTarget['target'], start: Start, url: string, client: Client, params: unknown, options: unknown): TaskEither<WorkflowError, Download> =>
  total('POST', url, async () => {
    const input = readInput(params, (p) => all(readId(p), readText(p, 'format'), readFlag(p, 'saveImages')))
    if (E.isLeft(input)) return E.left(requestError('POST', url, input.left))
    const [id, format, saveImages = false] = input.right.value
    const t: ExportTarget = { target, id, format, subresource: saveImages ? 'dataset' : 'annotations' }
    // `location: local` so that the file comes back here whatever the resource's default storage says.
    return inRun('POST', url, client, options, input.right.org, (run) => exportFile(run, t, (c) => start(c, { id, format, saveImages, location: 'local' })), true)
  })

/**
 * POST /api/tasks/{id}/dataset/export — Exports a task's annotations (and images, with
 * `saveImages`) in `format`, waits for CVAT to prepare the file, and resolves to it as a stream
 * (`Download`): read it once, e.g. into a file with `pipeTo`. A 409 (the same export running)
 * joins the running export. The file comes from the finished request's `result_url`, only on the
 * client's own origin. Progress: `processing`, then `download` bytes as the stream is read.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). 2.26–2.31 hand back a `result_url` on the
 * old `…/dataset?action=download` endpoint, 2.32 and later on `…/dataset/download?rq_id=…`
 * (followed as given); before 2.37 a 409 does not name the running export, which is then found
 * in `GET /api/requests`.
 *
 * @example
 * const saved = pipe(tasksExportDataset(cvat, { id: 42, format: 'COCO 1.0' }), TE.flatMap((d) => TE.tryCatch(() => d.body.pipeTo(new WritableStream()), () => e)))
 */
export const tasksExportDataset = (client: Client, params: ExportDatasetParams, options?: WorkflowOptions): TaskEither<WorkflowError, Download> =>
  exportDataset('task', tasksCreateDatasetExport, '/api/tasks/{id}/dataset/export', client, params, options)

/**
 * POST /api/projects/{id}/dataset/export — Exports a project's annotations (and images, with
 * `saveImages`) in `format` and resolves to the file as a stream, as `tasksExportDataset` does.
 *
 * Servers: CVAT ≥ 2.26 (every supported version); see `tasksExportDataset` for what differs.
 *
 * @example
 * projectsExportDataset(cvat, { id: 7, format: 'YOLO 1.1', saveImages: true }, { timeout: 3_600_000 })
 */
export const projectsExportDataset = (client: Client, params: ExportDatasetParams, options?: WorkflowOptions): TaskEither<WorkflowError, Download> =>
  exportDataset('project', projectsCreateDatasetExport, '/api/projects/{id}/dataset/export', client, params, options)

/**
 * POST /api/jobs/{id}/dataset/export — Exports a job's annotations (and images, with
 * `saveImages`) in `format` and resolves to the file as a stream, as `tasksExportDataset` does.
 *
 * Servers: CVAT ≥ 2.26 (every supported version); see `tasksExportDataset` for what differs.
 *
 * @example
 * jobsExportDataset(cvat, { id: 12, format: 'CVAT for video 1.1' })
 */
export const jobsExportDataset = (client: Client, params: ExportDatasetParams, options?: WorkflowOptions): TaskEither<WorkflowError, Download> =>
  exportDataset('job', jobsCreateDatasetExport, '/api/jobs/{id}/dataset/export', client, params, options)

/**
 * POST /api/projects/{id}/dataset/ — Imports a dataset file into a project by CVAT's upload
 * protocol (`Upload-Start`, the file by TUS in 10 MiB chunks, `Upload-Finish` naming the file
 * CVAT stored) and waits until CVAT has imported it. Progress: `upload` bytes, then `processing`.
 *
 * Servers: CVAT ≥ 2.26 (every supported version): the same requests on 2.26 and 2.73 (2.38
 * removed only the older ways to ask for the import's status).
 *
 * @example
 * projectsImportDataset(cvat, { id: 7, format: 'COCO 1.0', file: new File([new Uint8Array([0x50, 0x4b])], 'coco.zip') })
 */
export const projectsImportDataset = (client: Client, params: ImportDatasetParams, options?: WorkflowOptions): TaskEither<WorkflowError, void> =>
  total('POST', '/api/projects/{id}/dataset/', async () => {
    const input = readInput(params, (p) => all(readId(p), readText(p, 'format'), readUpload(p), readFlag(p, 'convMaskToPoly')))
    if (E.isLeft(input)) return E.left(requestError('POST', '/api/projects/{id}/dataset/', input.left))
    const [id, format, file, conv] = input.right.value
    const path = `/api/projects/${id}/dataset/`
    return inRun('POST', path, client, options, input.right.org, (run) => importFile(run, path, file, (filename) => [['format', format], ['filename', filename], ['conv_mask_to_poly', conv]]).then(toVoid))
  })
