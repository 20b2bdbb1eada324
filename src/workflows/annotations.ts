/**
 * Importing an annotation file into a task or a job by CVAT's upload protocol, as cvat-sdk's
 * `import_annotations` does (cvat-sdk/cvat_sdk/core/uploading.py, `AnnotationUploader`).
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { requestError } from '../errors'
import type { OrgParams } from '../endpoint/params'
import type { UploadFile } from './files'
import { importFile, toVoid } from './fileImport'
import { all, readFlag, readId, readInput, readText, readUpload } from './params'
import { type WorkflowError, type WorkflowOptions, inRun, total } from './run'

/**
 * Parameters of the annotation imports: the task or job, the annotation file and its format (a
 * name from `GET /api/server/annotation/formats`, e.g. `'CVAT 1.1'`).
 *
 * @example
 * const p: ImportAnnotationsParams = { id: 42, format: 'CVAT 1.1', file: { name: 'annotations.xml', data: new TextEncoder().encode('<annotations/>') } }
 */
export type ImportAnnotationsParams = OrgParams & {
  readonly id: number
  readonly format: string
  readonly file: UploadFile
  /** Import masks as polygons (CVAT's `conv_mask_to_poly`, default `true` on the server). */
  readonly convMaskToPoly?: boolean
}

const importAnnotations = (resource: 'tasks' | 'jobs', client: Client, params: unknown, options: unknown): TaskEither<WorkflowError, void> => {
  const url = `/api/${resource}/{id}/annotations/`
  return total('POST', url, async () => {
    const input = readInput(params, (p) => all(readId(p), readText(p, 'format'), readUpload(p), readFlag(p, 'convMaskToPoly')))
    if (E.isLeft(input)) return E.left(requestError('POST', url, input.left))
    const [id, format, file, conv] = input.right.value
    const path = `/api/${resource}/${id}/annotations/`
    return inRun('POST', path, client, options, input.right.org, (run) => importFile(run, path, file, (filename) => [['format', format], ['filename', filename], ['conv_mask_to_poly', conv]]).then(toVoid))
  })
}

/**
 * POST /api/tasks/{id}/annotations/ — Imports an annotation file into a task by CVAT's upload
 * protocol (`Upload-Start`, the file by TUS in 10 MiB chunks, `Upload-Finish` naming the file CVAT
 * stored) and waits until CVAT has imported it. Progress: `upload` bytes, then `processing`. A
 * failed import is a `BackgroundRequestError` with CVAT's message (`step: 'processing'`).
 *
 * Servers: CVAT ≥ 2.26 (every supported version), with the same requests: 2.26 stores the file
 * under its own name, 2.73 under a generated id, and `Upload-Finish` names whichever CVAT said
 * (`Upload-Filename`); 2.38 removed only the older `PUT …?rq_id=` status checks, never used here.
 *
 * @example
 * tasksImportAnnotations(cvat, { id: 42, format: 'COCO 1.0', file: new File(['{"images":[]}'], 'instances.json') })
 */
export const tasksImportAnnotations = (client: Client, params: ImportAnnotationsParams, options?: WorkflowOptions): TaskEither<WorkflowError, void> =>
  importAnnotations('tasks', client, params, options)

/**
 * POST /api/jobs/{id}/annotations/ — Imports an annotation file into a job, as
 * `tasksImportAnnotations` does for a task.
 *
 * Servers: CVAT ≥ 2.26 (every supported version); see `tasksImportAnnotations` for what differs.
 *
 * @example
 * jobsImportAnnotations(cvat, { id: 12, format: 'CVAT 1.1', file: { name: 'job.xml', data: new TextEncoder().encode('<annotations/>') } })
 */
export const jobsImportAnnotations = (client: Client, params: ImportAnnotationsParams, options?: WorkflowOptions): TaskEither<WorkflowError, void> =>
  importAnnotations('jobs', client, params, options)
