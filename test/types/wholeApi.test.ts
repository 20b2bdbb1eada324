// The whole API's types, pinned (tsc runs over this file: every `@ts-expect-error` must be an
// error, and each expectTypeOf is checked by the compiler): one sample of every answer kind, a
// body with files, the branded ids, and every paginated list with `listAll` and `pages`.
import type * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expectTypeOf, it } from 'vitest'
import * as api from '../../src/index'
import {
  type Client,
  type CvatError,
  type Download,
  type JobRead,
  type LabeledData,
  type MembershipRead,
  type MembershipId,
  type QualityReport,
  type RqId,
  type TaskId,
  type TaskRead,
  type UserId,
  createClient,
  jobsDestroy,
  jobsRetrieve,
  jobsRetrieveData,
  listAll,
  membershipsDestroy,
  pages,
  qualityCreateReport,
  tasksCreateData,
  tasksCreateDatasetExport,
  tasksRetrieve,
  tasksRetrieveAnnotations,
  tasksRetrievePreview,
  eventsList,
  assetsCreate,
} from '../../src/index'

const cvat: Client = createClient()

describe('every answer kind', () => {
  it('a JSON model, nothing (204), a background request (202), a file, a file that may not be ready, two models by status', () => {
    expectTypeOf(tasksRetrieve(cvat, { id: 1 })).toEqualTypeOf<TaskEither<CvatError, TaskRead>>()
    expectTypeOf(tasksRetrieveAnnotations(cvat, { id: 1 })).toEqualTypeOf<TaskEither<CvatError, LabeledData>>()
    expectTypeOf(jobsDestroy(cvat, { id: 1 })).toEqualTypeOf<TaskEither<CvatError, void>>()
    expectTypeOf(tasksCreateDatasetExport(cvat, { id: 1, format: 'COCO 1.0' })).toEqualTypeOf<TaskEither<CvatError, RqId>>()
    expectTypeOf(tasksRetrievePreview(cvat, { id: 1 })).toEqualTypeOf<TaskEither<CvatError, Download>>()
    expectTypeOf(jobsRetrieveData(cvat, { id: 1, type: 'chunk', number: 0 })).toEqualTypeOf<TaskEither<CvatError, Download>>()
    expectTypeOf(eventsList(cvat, { action: 'download' })).toEqualTypeOf<TaskEither<CvatError, Download | undefined>>()
    expectTypeOf(qualityCreateReport(cvat, { qualityReportCreateRequest: { task_id: 1 } })).toEqualTypeOf<TaskEither<CvatError, QualityReport | RqId>>()
    expectTypeOf(tasksCreateData(cvat, { id: 1 })).toEqualTypeOf<TaskEither<CvatError, RqId | undefined>>()
  })

  it('takes files in a body: a Blob, a File or bytes', () => {
    tasksCreateData(cvat, { id: 1, dataRequest: { image_quality: 70, client_files: [new Blob(['x']), new Uint8Array([1])] } })
    assetsCreate(cvat, { assetWriteRequest: { file: new File(['x'], 'guide.png'), guide_id: 1 } })
    // @ts-expect-error a file is a Blob or bytes, not a path
    assetsCreate(cvat, { assetWriteRequest: { file: 'guide.png', guide_id: 1 } })
    // @ts-expect-error a required query parameter (the export's format) cannot be left out
    tasksCreateDatasetExport(cvat, { id: 1 })
  })
})

describe('ids that cannot be confused', () => {
  // Type-checked, never run: these models come from a server.
  const calls = (member: MembershipRead, task: TaskRead, job: JobRead) => {
    const userId: UserId = member.user.id!
    // @ts-expect-error a user id is not a membership id (the issue: this removed someone else)
    membershipsDestroy(cvat, { id: userId })
    membershipsDestroy(cvat, { id: member.id })
    membershipsDestroy(cvat, { id: 12 })
    expectTypeOf(member.id).toEqualTypeOf<MembershipId>()
    // A job's id is not a task's, and the other way round.
    // @ts-expect-error a job id is not a task id
    tasksRetrieve(cvat, { id: job.id })
    // @ts-expect-error a task id is not a job id
    jobsRetrieve(cvat, { id: task.id })
    tasksRetrieve(cvat, { id: job.task_id! })
    jobsRetrieve(cvat, { id: job.id })
    const typed: TaskId = 42
    tasksRetrieve(cvat, { id: typed })
    expectTypeOf(task.id).toEqualTypeOf<TaskId>()
    // An id is still a number for arithmetic and display.
    expectTypeOf(task.id + 1).toEqualTypeOf<number>()
  }

  it("refuses a user's id where a membership's belongs and a job's where a task's belongs; takes a plain number", () => {
    expectTypeOf(calls).toBeFunction()
  })
})

// Every export that is a list (its answer a page: count, results, next, previous).
type Api = typeof api
type ListNames = {
  [K in keyof Api]: Api[K] extends (client: Client, params: never) => TaskEither<CvatError, infer R> ? (R extends api.Page<unknown> ? K : never) : never
}[keyof Api]

// What `listAll` and `pages` make of each: the items of its page, and the pages themselves.
type Checked = {
  [K in ListNames]: Api[K] extends api.ListFunction<infer P, infer R>
    ? [ReturnType<typeof listAll<P, R>>, TaskEither<CvatError, ReadonlyArray<R['results'][number]>>, ReturnType<typeof pages<P, R>>, AsyncGenerator<E.Either<CvatError, R>, void, undefined>]
    : 'not a list function'
}

describe('every paginated list works with listAll and pages', () => {
  it('finds the lists among the exports, and each is a ListFunction whose items and pages come through', () => {
    // The 19 operations whose answer is a Paginated…List in CVAT's schemas.
    expectTypeOf<ListNames>().toEqualTypeOf<
      | 'authListAccessTokens'
      | 'cloudstoragesList'
      | 'commentsList'
      | 'consensusListSettings'
      | 'invitationsList'
      | 'issuesList'
      | 'jobsList'
      | 'labelsList'
      | 'membershipsList'
      | 'organizationsList'
      | 'projectsList'
      | 'qualityListConflicts'
      | 'qualityListReports'
      | 'qualityListSettings'
      | 'requestsList'
      | 'tasksList'
      | 'usersList'
      | 'webhooksList'
      | 'webhooksListDeliveries'
    >()
    expectTypeOf<{ [K in ListNames]: Checked[K] extends [infer A, infer B, infer C, infer D] ? ([A, C] extends [B, D] ? true : false) : false }>().toEqualTypeOf<{ [K in ListNames]: true }>()
  })
})
