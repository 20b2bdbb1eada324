/**
 * An import as CVAT's SDK runs it (cvat-sdk/cvat_sdk/core/uploading.py, `Uploader.upload_file`):
 * `Upload-Start` with the import's query (`format`, the file's `filename`), the file by TUS, and
 * `Upload-Finish` with the same query naming the file as CVAT stored it (its `Upload-Filename`:
 * the file's own name on 2.26, a generated id on 2.73); then the background request is polled.
 */
import * as E from '../http/either'
import type { QueryValue } from '../http/request'
import { pollRequest } from './backgroundRequest'
import type { Source } from './files'
import type { Request } from '../generated/models/Request'
import type { Run, WorkflowError } from './run'
import { upload } from './upload'

/**
 * Uploads `file` to the import endpoint `path` and waits until CVAT has processed it; `query`
 * gives the import's query for a file name (the caller's at the start, CVAT's at the finish).
 */
export const importFile = async (
  run: Run,
  path: string,
  file: Source,
  query: (filename: string) => ReadonlyArray<readonly [string, QueryValue]>,
  chunkBytes?: number,
): Promise<E.Either<WorkflowError, Request>> => {
  const rq = await upload(run, { path, startQuery: query(file.name), files: [file], finish: ([stored]) => ({ query: query(stored ?? file.name) }), ...(chunkBytes === undefined ? {} : { chunkBytes }) })
  if (E.isLeft(rq)) return E.left({ ...rq.left, step: 'upload' })
  const done = await pollRequest(run, rq.right)
  return E.isLeft(done) ? E.left({ ...done.left, step: 'processing' }) : done
}

/** Forgets what an import resolved to (the imports resolve to nothing). */
export const toVoid = <L>(r: E.Either<L, unknown>): E.Either<L, void> => (E.isLeft(r) ? r : E.right(undefined))
