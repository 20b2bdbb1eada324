/**
 * TEMPORARY: the few operations and models the workflows need, until the generator's (branch
 * `gen`) are merged; then this file goes and the workflows import `src/generated/`. The codecs
 * check only what the workflows read and keep every other field as the server sent it.
 */
import type { TaskEither } from 'fp-ts/TaskEither'
import type * as G from 'io-ts/Guard'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model, nothing } from '../endpoint/answer'
import { json } from '../endpoint/body'
import { checked, isOptionalNullableString, isOptionalString, pageDecoder, pageGuard, type Page } from '../codecs/common'
import * as D from '../codecs/decoder'
import { isRecord } from '../json'

const isNullableNumber = (u: unknown): boolean => u === undefined || u === null || typeof u === 'number'
const isNullableInt = (u: unknown): boolean => u === undefined || u === null || Number.isInteger(u)

/**
 * Decodes a task as CVAT answers it (only `id` is checked here; every field is kept).
 *
 * @example
 * const id = (t: TaskRead) => t.id
 */
export interface TaskRead {
  readonly id: number
  readonly name?: string
  readonly [field: string]: unknown
}
const TaskReadGuard: G.Guard<unknown, TaskRead> = { is: (u: unknown): u is TaskRead => isRecord(u) && Number.isInteger(u['id']) && isOptionalString(u['name']) }
/**
 * Decodes a task (temporary: only `id` is checked).
 *
 * @example
 * TaskRead.decode({ id: 1, name: 'cats' })
 */
export const TaskRead: D.Decoder<unknown, TaskRead> = /*#__PURE__*/ checked(TaskReadGuard, /*#__PURE__*/ D.fromGuard(TaskReadGuard, 'TaskRead (an object with an integer id)'))

/**
 * Decodes a project as CVAT answers it (only `id` is checked here; every field is kept).
 *
 * @example
 * const id = (p: ProjectRead) => p.id
 */
export interface ProjectRead {
  readonly id: number
  readonly name?: string
  readonly [field: string]: unknown
}
const ProjectReadGuard: G.Guard<unknown, ProjectRead> = { is: (u: unknown): u is ProjectRead => isRecord(u) && Number.isInteger(u['id']) && isOptionalString(u['name']) }
/**
 * Decodes a project (temporary: only `id` is checked).
 *
 * @example
 * ProjectRead.decode({ id: 7, name: 'animals' })
 */
export const ProjectRead: D.Decoder<unknown, ProjectRead> = /*#__PURE__*/ D.fromGuard(ProjectReadGuard, 'ProjectRead (an object with an integer id)')

/**
 * Decodes the id of a background request CVAT started.
 *
 * @example
 * const id = (r: RqId) => r.rq_id
 */
export interface RqId {
  readonly rq_id: string
}
/**
 * Decodes the id of a background request.
 *
 * @example
 * RqId.decode({ rq_id: 'create:task-1' })
 */
export const RqId: D.Decoder<unknown, RqId> = /*#__PURE__*/ D.struct({ rq_id: D.string })

/**
 * Decodes a background request's state (`GET /api/requests/{id}`).
 *
 * @example
 * const done = (r: Request) => r.status === 'finished'
 */
export interface Request {
  readonly id: string
  readonly status: 'queued' | 'started' | 'failed' | 'finished'
  readonly message?: string
  readonly progress?: number | null
  readonly result_url?: string | null
  readonly result_id?: number | null
  readonly [field: string]: unknown
}
const STATUSES: ReadonlyArray<unknown> = ['queued', 'started', 'failed', 'finished']
const RequestGuard: G.Guard<unknown, Request> = {
  is: (u: unknown): u is Request =>
    isRecord(u) &&
    typeof u['id'] === 'string' &&
    STATUSES.includes(u['status']) &&
    isOptionalString(u['message']) &&
    isNullableNumber(u['progress']) &&
    isOptionalNullableString(u['result_url']) &&
    isNullableInt(u['result_id']),
}
/**
 * Decodes a background request's state.
 *
 * @example
 * Request.decode({ id: 'create:task-1', status: 'finished', progress: 1 })
 */
export const Request: D.Decoder<unknown, Request> = /*#__PURE__*/ D.fromGuard(RequestGuard, 'Request (id, status queued|started|failed|finished, message, progress, result_url, result_id)')
const PaginatedRequestList: D.Decoder<unknown, Page<Request>> = /*#__PURE__*/ checked(/*#__PURE__*/ pageGuard(RequestGuard), /*#__PURE__*/ pageDecoder(Request))

const Anything: D.Decoder<unknown, Readonly<Record<string, unknown>>> = /*#__PURE__*/ D.fromGuard({ is: isRecord }, 'an object')

const op = <A>(method: Operation<A>['method'], path: string, answer: Operation<A>['answer'], extra: Partial<Operation<A>> = {}): Operation<A> => ({ method, path, answer, ...extra })

const tasksCreateOp = /*#__PURE__*/ op('POST', '/api/tasks', /*#__PURE__*/ model('TaskRead', TaskRead), { org: true, body: /*#__PURE__*/ json('taskWriteRequest', Anything) })
const tasksRetrieveOp = /*#__PURE__*/ op('GET', '/api/tasks/{id}', /*#__PURE__*/ model('TaskRead', TaskRead))
const tasksDestroyOp = /*#__PURE__*/ op('DELETE', '/api/tasks/{id}', nothing)
const tasksCreateDataOp = /*#__PURE__*/ op('POST', '/api/tasks/{id}/data/', /*#__PURE__*/ model('RqId', RqId), { body: /*#__PURE__*/ json('dataRequest', Anything) })
const projectsRetrieveOp = /*#__PURE__*/ op('GET', '/api/projects/{id}', /*#__PURE__*/ model('ProjectRead', ProjectRead))
const requestsListOp = /*#__PURE__*/ op('GET', '/api/requests', /*#__PURE__*/ model('PaginatedRequestList', PaginatedRequestList), {
  query: ['action', 'format', 'job_id', 'page', 'page_size', 'project_id', 'status', 'subresource', 'target', 'task_id'],
})
const exportQuery = ['cloud_storage_id', 'filename', 'format', 'location', 'save_images']
const backupQuery = ['cloud_storage_id', 'filename', 'lightweight', 'location']
const started = (path: string, query: ReadonlyArray<string>) => op('POST', path, model('RqId', RqId), { query })

type Id = { readonly id: number }
type Q = Readonly<Record<string, unknown>>

export const tasksCreate = (c: Client, p: { readonly taskWriteRequest: unknown }): TaskEither<CvatError, TaskRead> => call(tasksCreateOp, c, p)
export const tasksRetrieve = (c: Client, p: Id): TaskEither<CvatError, TaskRead> => call(tasksRetrieveOp, c, p)
export const tasksDestroy = (c: Client, p: Id): TaskEither<CvatError, void> => call(tasksDestroyOp, c, p)
export const tasksCreateData = (c: Client, p: Id & { readonly dataRequest: unknown }): TaskEither<CvatError, RqId> => call(tasksCreateDataOp, c, p)
export const projectsRetrieve = (c: Client, p: Id): TaskEither<CvatError, ProjectRead> => call(projectsRetrieveOp, c, p)
export const requestsList = (c: Client, p: Q): TaskEither<CvatError, Page<Request>> => call(requestsListOp, c, p)
export const tasksCreateDatasetExport = (c: Client, p: Id & Q): TaskEither<CvatError, RqId> => call(started('/api/tasks/{id}/dataset/export', exportQuery), c, p)
export const projectsCreateDatasetExport = (c: Client, p: Id & Q): TaskEither<CvatError, RqId> => call(started('/api/projects/{id}/dataset/export', exportQuery), c, p)
export const jobsCreateDatasetExport = (c: Client, p: Id & Q): TaskEither<CvatError, RqId> => call(started('/api/jobs/{id}/dataset/export', exportQuery), c, p)
export const tasksCreateBackupExport = (c: Client, p: Id & Q): TaskEither<CvatError, RqId> => call(started('/api/tasks/{id}/backup/export', backupQuery), c, p)
export const projectsCreateBackupExport = (c: Client, p: Id & Q): TaskEither<CvatError, RqId> => call(started('/api/projects/{id}/backup/export', backupQuery), c, p)
