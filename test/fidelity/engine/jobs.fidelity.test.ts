// /api/jobs and job annotations against CVAT's test database: the cases of
// tests/python/rest_api/test_jobs.py (cae4e8f7) that need no media, each naming the lines it ports
// and the rule that decides it (rules/jobs.rego, views.py JobViewSet, serializers.py JobWrite,
// dataset_manager/task.py JobAnnotation).
import { describe, expect, it } from 'vitest'
import { hasShared, readSharedJson, skipReason } from '../../helpers/shared'
import { FORBIDDEN, sb } from '../helpers'
import { type Obj, fixture, ids, members, rebase, results, serveFixtures } from './fixtures'

const job = (id: number): Obj => fixture('jobs').find((j) => j['id'] === id) ?? {}
const taskOf = (j: Obj): Obj => fixture('tasks').find((t) => t['id'] === j['task_id']) ?? {}
const projectOf = (t: Obj): Obj | undefined => fixture('projects').find((p) => p['id'] === t['project_id'])
const annotations = (): { job: Record<string, Obj>; task: Record<string, Obj> } => (hasShared ? readSharedJson('assets/annotations.json') : { job: {}, task: {} })

// tests/python/rest_api/test_jobs.py get_job_staff: the job's assignee, its task's and project's owner and assignee.
const jobStaff = (j: Obj): Set<number> => {
  const t = taskOf(j)
  const p = projectOf(t)
  return new Set([j['assignee']?.['id'], t['owner']?.['id'], t['assignee']?.['id'], p?.['owner']?.['id'], p?.['assignee']?.['id']].filter((x) => x !== undefined))
}

describe.skipIf(!hasShared)(`jobs.rego view and list (test_jobs.py:545 TestGetJobs, :938 TestListJobs) ${skipReason}`, () => {
  const s = serveFixtures()
  const status = async (who: string, id: number) => (await s.call(who, 'GET', `/api/jobs/${id}`)).status

  it('test_jobs.py:563 admins get sandbox and org jobs, whole-value equal to the fixture', async () => {
    expect((await s.call('admin2', 'GET', '/api/jobs/7')).body).toEqual(rebase(job(7), s.served.url))
    expect((await s.call('admin2', 'GET', '/api/jobs/16')).body).toEqual(rebase(job(16), s.served.url))
  })

  it('test_jobs.py:572 org owners and maintainers get any job of the organisation; :585 job staff get theirs; :595 others get 403', async () => {
    expect([await status('user7', 9), await status('user4', 9), await status('user8', 27)]).toEqual([200, 200, 200])
    expect([await status('worker4', 7), await status('worker1', 2), await status('user5', 16)]).toEqual([200, 200, 200])
    expect([await status('user3', 9), await status('worker3', 9), await status('user1', 9), await status('lonely_user', 7)]).toEqual([403, 403, 403, 403])
  })

  it('test_jobs.py:954 admins list every job, and per context (none, `org=`, org1, org2) the fixture rows of it', async () => {
    const all = fixture('jobs')
    const cases: Array<[string, (j: Obj) => boolean]> = [['', () => true], ['org=', (j) => j['organization'] === null], ['org_id=1', (j) => j['organization'] === 1], ['org_id=2', (j) => j['organization'] === 2]]
    for (const [query, keep] of cases) expect([query, results(await s.call('admin1', 'GET', `/api/jobs?page_size=all&${query}`))]).toEqual([query, rebase(all.filter(keep), s.served.url)])
  })

  it('test_jobs.py:960 every non-admin fixture user lists the jobs they are staff of, plus all of an organisation they own or maintain; non-members get 403', async () => {
    const users = fixture('users').filter((u) => !u['groups'].includes('admin'))
    for (const org of [null, '', 1, 2]) {
      const staff = new Set(members().filter((m) => m.org === org && (m.role === 'owner' || m.role === 'maintainer')).map((m) => fixture('users').find((u) => u['username'] === m.username)?.['id']))
      const query = org === null ? '' : org === '' ? 'org=' : `org_id=${org}`
      for (const u of users) {
        const a = await s.call(u['username'], 'GET', `/api/jobs?page_size=all&${query}`)
        const member = org === null || org === '' || members().some((m) => m.org === org && m.username === u['username'])
        const mine = fixture('jobs').filter((j) => (org === null || j['organization'] === (org === '' ? null : org)) && (jobStaff(j).has(u['id']) || staff.has(u['id'])))
        expect([u['username'], query, a.status, member ? ids(a) : null]).toEqual([u['username'], query, member ? 200 : 403, member ? mine.map((j) => j['id']).sort((x, y) => x - y) : null])
      }
    }
  })

  it('test_jobs.py:979 simple filters assignee, state, stage, task_id, project_id, type, parent_job_id', async () => {
    const cases: Array<[string, string, (j: Obj) => boolean]> = [
      ['assignee', 'worker4', (j) => j['assignee']?.['username'] === 'worker4'],
      ['state', 'completed', (j) => j['state'] === 'completed'],
      ['stage', 'acceptance', (j) => j['stage'] === 'acceptance'],
      ['task_id', '30', (j) => j['task_id'] === 30],
      ['project_id', '1', (j) => j['project_id'] === 1],
      ['type', 'consensus_replica', (j) => j['type'] === 'consensus_replica'],
      ['parent_job_id', '42', (j) => j['parent_job_id'] === 42],
    ]
    for (const [field, value, keep] of cases) expect([field, ids(await s.call('admin1', 'GET', `/api/jobs?${field}=${encodeURIComponent(value)}&page_size=all`))]).toEqual([field, fixture('jobs').filter(keep).map((j) => j['id']).sort((x, y) => x - y)])
  })
})

describe.skipIf(!hasShared)(`POST and DELETE /api/jobs: ground-truth jobs (test_jobs.py:73 TestPostJobs, :422 TestDeleteJobs) ${skipReason}`, () => {
  const s = serveFixtures()
  const gt = (taskId: number, extra: Obj = {}) => ({ task_id: taskId, type: 'ground_truth', frame_selection_method: 'random_uniform', frame_count: 1, ...extra })

  it('test_jobs.py:107 a GT job by manual frames or a random count/share: a `specific_frames` segment over the whole task', async () => {
    const manual = (await s.call('admin1', 'POST', '/api/jobs', gt(5, { frame_selection_method: 'manual', frames: [0, 3, 24], frame_count: undefined }))).body as Obj
    expect([manual['type'], manual['start_frame'], manual['stop_frame'], manual['frame_count'], manual['data_compressed_chunk_type']]).toEqual(['ground_truth', 0, 24, 3, 'imageset'])
    const share = (await s.call('admin1', 'POST', '/api/jobs', gt(15, { frame_count: undefined, frame_share: 0.2 }))).body as Obj
    expect(share['frame_count']).toBe(5) // int(0.2 * 25)
    const task = (await s.call('admin1', 'GET', '/api/tasks/5')).body as Obj
    expect([task['validation_mode'], task['jobs']['count']]).toEqual(['gt', 2])
  })

  it('test_jobs.py:275 a task with validation mode gt or gt_pool cannot get a second GT job', async () => {
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(22)))).toEqual({ status: 400, body: ['Task with validation mode "gt" cannot have more than 1 GT job'] })
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(29)))).toEqual({ status: 400, body: ['Task with validation mode "gt_pool" cannot have more than 1 GT job'] })
  })

  it('serializers.py JobWriteSerializer: only ground_truth; frames unique and inside the task; one selection parameter', async () => {
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(6, { type: 'annotation' })))).toEqual({ status: 400, body: ["Unexpected job type 'annotation'"] })
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(8, { frame_selection_method: 'manual', frames: [1, 1], frame_count: undefined })))).toEqual({ status: 400, body: ['Frames must not repeat'] })
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(8, { frame_selection_method: 'manual', frames: [13, 14, 99], frame_count: undefined })))).toEqual({ status: 400, body: ['The following frames do not exist in the task: 14, 99'] })
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(8, { frame_share: 0.5 })))).toEqual({ status: 400, body: { non_field_errors: ['Only 1 of the fields "frame_count", "frame_share" can be used'] } })
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(12)))).toEqual({ status: 400, body: ['This task has no data attached yet. Please set up task data and try again'] })
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(6)))).toEqual({ status: 400, body: ['Ground Truth jobs can only be added in 2d tasks'] })
    expect(sb(await s.call('admin1', 'POST', '/api/jobs', gt(999)))).toEqual({ status: 400, body: ['Task matching query does not exist.'] })
  })

  it('test_jobs.py:300 the owner of a sandbox task creates one; :332 in an org supervisors need to be task staff, workers may not', async () => {
    expect((await s.call('user1', 'POST', '/api/jobs', gt(8))).status).toBe(201)
    expect(sb(await s.call('user3', 'POST', '/api/jobs', gt(7)))).toEqual(FORBIDDEN) // supervisor, not staff of task 7
    expect((await s.call('user2', 'POST', '/api/jobs', gt(17))).status).toBe(201) // supervisor, assignee of task 17
    expect(sb(await s.call('worker2', 'POST', '/api/jobs', gt(11)))).toEqual(FORBIDDEN) // worker, assignee of task 7's jobs
    expect((await s.call('user4', 'POST', '/api/jobs', gt(13))).status).toBe(201) // maintainer
  })

  it('test_jobs.py:369 the create response equals a later GET; :394 an assignee is kept', async () => {
    const created = (await s.call('admin1', 'POST', '/api/jobs', gt(21, { assignee: 1 }))).body as Obj
    expect((await s.call('admin1', 'GET', `/api/jobs/${created['id']}`)).body).toEqual(created)
    expect(created['assignee']['username']).toBe('admin1')
  })

  it('test_jobs.py:447 only GT jobs outside gt_pool may be deleted (400 otherwise); deleting clears the validation mode', async () => {
    expect(sb(await s.call('admin1', 'DELETE', '/api/jobs/2'))).toEqual({ status: 400, body: ['Only ground truth jobs can be removed'] })
    expect(sb(await s.call('admin1', 'DELETE', '/api/jobs/41'))).toEqual({ status: 400, body: ['GT jobs cannot be removed when task validation mode is "gt_pool"'] })
    expect(sb(await s.call('user3', 'DELETE', '/api/jobs/28'))).toEqual(FORBIDDEN)
    expect((await s.call('user2', 'DELETE', '/api/jobs/28')).status).toBe(204) // the task owner, a supervisor
    expect([((await s.call('admin1', 'GET', '/api/tasks/22')).body as Obj)['validation_mode'], (await s.call('admin1', 'GET', '/api/jobs/28/annotations')).status]).toEqual([null, 404])
  })
})

describe.skipIf(!hasShared)(`PATCH /api/jobs/{id} (test_jobs.py:1255 TestPatchJob) ${skipReason}`, () => {
  const s = serveFixtures()

  it('test_jobs.py:1301 org maintainers and task staff may change the assignee; a worker who is only the job assignee may not', async () => {
    expect((await s.call('user4', 'PATCH', '/api/jobs/9', { assignee: 7 })).status).toBe(200)
    expect(sb(await s.call('worker2', 'PATCH', '/api/jobs/16', { assignee: 6 }))).toEqual(FORBIDDEN)
    expect((await s.call('user8', 'PATCH', '/api/jobs/9', { assignee: null })).status).toBe(200) // task 7's owner
  })

  it('test_jobs.py:1341 assignee_updated_date changes only when the assignee does', async () => {
    const same = (await s.call('admin1', 'PATCH', '/api/jobs/7', { assignee: 9 })).body as Obj
    expect(same['assignee_updated_date']).toBe(job(7)['assignee_updated_date'])
    const other = (await s.call('admin1', 'PATCH', '/api/jobs/7', { assignee: 2 })).body as Obj
    expect([other['assignee']['username'], other['assignee_updated_date']]).toEqual(['user1', '2025-02-04T00:00:00Z'])
  })

  it('test_jobs.py:1374 an empty PATCH needs `view`; a job assignee may change the state but not the stage', async () => {
    expect(sb(await s.call('lonely_user', 'PATCH', '/api/jobs/2', {}))).toEqual(FORBIDDEN)
    expect((await s.call('worker1', 'PATCH', '/api/jobs/2', { state: 'in progress' })).status).toBe(200)
    expect(sb(await s.call('worker1', 'PATCH', '/api/jobs/2', { stage: 'validation' }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('admin1', 'PATCH', '/api/jobs/2', { type: 'annotation' }))).toEqual({ status: 403, body: { detail: 'Attempted to update an unknown field' } })
  })

  it('serializers.py JobWriteSerializer.update: a new stage resets the state to new; status follows stage and state', async () => {
    const a = (await s.call('admin1', 'PATCH', '/api/jobs/11', { stage: 'validation' })).body as Obj
    expect([a['stage'], a['state'], a['status']]).toEqual(['validation', 'new', 'validation'])
    const b = (await s.call('admin1', 'PATCH', '/api/jobs/11', { stage: 'acceptance', state: 'completed' })).body as Obj
    expect([b['stage'], b['state'], b['status']]).toEqual(['acceptance', 'completed', 'completed'])
    expect(sb(await s.call('admin1', 'PATCH', '/api/jobs/11', { state: 'done' }))).toEqual({ status: 400, body: { state: ['"done" is not a valid choice.'] } })
  })
})

describe.skipIf(!hasShared)(`job annotations (test_jobs.py:1009 TestGetAnnotations, :1127 TestPatchJobAnnotations) ${skipReason}`, () => {
  const s = serveFixtures()
  const fixtureData = (id: number) => annotations().job[String(id)]!
  // test_jobs.py request_data: the job's own annotations, first shape moved, version + 1.
  const moved = (id: number): Obj => {
    const d = fixtureData(id)
    const first = d['shapes'][0]
    if (first['type'] === 'skeleton') first['elements'][0]['points'] = [2, 3, 4, 5]
    else first['points'] = [2, 3, 4, 5, 6, 7]
    return { ...d, version: d['version'] + 1 }
  }
  const update = (who: string, id: number, body: Obj) => s.call(who, 'PATCH', `/api/jobs/${id}/annotations?action=update`, body)

  it('test_jobs.py:1035 job staff read annotations, others get 403; :1070 org members by role', async () => {
    expect((await s.call('worker4', 'GET', '/api/jobs/7/annotations')).body).toEqual(fixtureData(7))
    expect(sb(await s.call('worker1', 'GET', '/api/jobs/7/annotations'))).toEqual(FORBIDDEN)
    expect([(await s.call('user4', 'GET', '/api/jobs/27/annotations')).status, (await s.call('user3', 'GET', '/api/jobs/27/annotations')).status, (await s.call('user2', 'GET', '/api/jobs/27/annotations')).status]).toEqual([200, 403, 200])
  })

  it('test_jobs.py:1171 in org2 maintainers and owners update any job, staff supervisors and workers theirs, others 403; the answer is the data sent, ids kept', async () => {
    const body = moved(27)
    const a = await update('user4', 27, body)
    expect([a.status, (a.body as Obj)['shapes']]).toEqual([200, body['shapes']])
    expect(sb(await update('user3', 27, moved(27)))).toEqual(FORBIDDEN)
    expect((await update('user2', 27, moved(27))).status).toBe(200) // task owner, a supervisor
    expect((await update('worker2', 16, moved(16))).status).toBe(200) // job assignee, a worker
    expect(sb(await update('worker3', 16, moved(16)))).toEqual(FORBIDDEN)
  })

  it('test_jobs.py:1196 non-members: an admin may, a user or worker who is not staff may not; :1227 in the sandbox staff may', async () => {
    expect((await update('admin2', 9, moved(9))).status).toBe(200)
    expect(sb(await update('user1', 9, moved(9)))).toEqual(FORBIDDEN)
    expect(sb(await update('worker1', 9, moved(9)))).toEqual(FORBIDDEN)
    expect((await update('worker4', 7, moved(7))).status).toBe(200)
    expect(sb(await update('worker1', 7, moved(7)))).toEqual(FORBIDDEN)
  })

  it('test_jobs.py:1248 GT and annotation jobs both take updates, and GET then answers the update', async () => {
    for (const id of [28, 2]) {
      const body = moved(id)
      expect((await update('admin1', id, body)).status).toBe(200)
      const read = (await s.call('admin1', 'GET', `/api/jobs/${id}/annotations`)).body as Obj
      expect(read['shapes'].find((x: Obj) => x['id'] === body['shapes'][0]['id'])).toEqual(body['shapes'][0])
    }
  })
})

describe.skipIf(!hasShared)(`jobs.rego's crowdsourcing rule ${skipReason}`, () => {
  const s = serveFixtures()
  const status = async (who: string, id: number) => (await s.call(who, 'GET', `/api/jobs/${id}`)).status

  it('jobs.rego: a worker-group assignee outside the organisation (crowdsourcing) may still view the job', async () => {
    expect(await status('worker4', 16)).toBe(403)
    expect((await s.call('admin1', 'PATCH', '/api/jobs/16', { assignee: 9 })).status).toBe(200) // worker4, no membership in org2
    expect(await status('worker4', 16)).toBe(200)
  })

  it("JobReadSerializer.to_representation: the task's storages show only to callers who may view the task", async () => {
    expect((await s.call('admin1', 'PATCH', '/api/jobs/42', { assignee: 9 })).status).toBe(200) // worker4 may now view job 42, not task 30
    const a = (await s.call('worker4', 'GET', '/api/jobs/42')).body as Obj
    const b = (await s.call('admin1', 'GET', '/api/jobs/42')).body as Obj
    expect([a['source_storage'], a['target_storage'], b['source_storage'], b['target_storage']]).toEqual([null, null, job(42)['source_storage'], job(42)['target_storage']])
  })
})
