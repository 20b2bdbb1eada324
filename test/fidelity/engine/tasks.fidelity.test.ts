// /api/tasks against CVAT's test database: the cases of tests/python/rest_api/test_tasks.py
// (cae4e8f7) that need no media, each naming the lines it ports and the rule that decides it
// (rules/tasks.rego, views.py TaskViewSet, serializers.py TaskRead/TaskWrite, signals.py).
import { describe, expect, it } from 'vitest'
import { hasShared, skipReason } from '../../helpers/shared'
import { FORBIDDEN, sb } from '../helpers'
import { type Obj, fixture, ids, rebase, results, serveFixtures } from './fixtures'

const task = (id: number): Obj => fixture('tasks').find((t) => t['id'] === id) ?? {}

describe.skipIf(!hasShared)(`tasks.rego view and filter (test_tasks.py:99 TestGetTasks) ${skipReason}`, () => {
  const s = serveFixtures()

  it("test_tasks.py:147 admins list a project's tasks (project 1: task 9) whole-value", async () => {
    expect(results(await s.call('admin2', 'GET', '/api/tasks?project_id=1'))).toEqual(rebase([task(9)], s.served.url))
  })

  it('test_tasks.py:159 a task assignee finds the task in their list (task 9 is assigned to admin1; task 11 to user5)', async () => {
    expect(ids(await s.call('user5', 'GET', '/api/tasks'))).toContain(11)
  })

  it('test_tasks.py:176 in org2 a maintainer sees project 2\'s tasks, a supervisor outside the project none (no error: lists never say a task exists)', async () => {
    expect(ids(await s.call('user4', 'GET', '/api/tasks?org=org2&project_id=2'))).toEqual([11])
    expect(sb(await s.call('user3', 'GET', '/api/tasks?org=org2&project_id=2'))).toEqual({ status: 200, body: { count: 0, next: null, previous: null, results: [] } })
  })

  it('test_tasks.py:197 an org worker assigned to a task sees it in the org list', async () => {
    expect(ids(await s.call('user5', 'GET', '/api/tasks?org=org2'))).toEqual([11])
  })

  it('tasks.rego filter: project staff see the tasks of their projects; the check runs in the task\'s organisation', async () => {
    expect(ids(await s.call('user6', 'GET', '/api/tasks'))).toEqual([9]) // assignee of project 1
    expect([(await s.call('user6', 'GET', '/api/tasks/9')).status, (await s.call('user6', 'GET', '/api/tasks/8')).status]).toEqual([200, 403])
  })

  it('a task without data has no data fields and mode "" (TaskReadSerializer: DRF skips fields whose source is missing)', async () => {
    const a = (await s.call('admin1', 'GET', '/api/tasks/12')).body as Obj
    expect(a).toEqual(rebase(task(12), s.served.url))
    expect(['data', 'size', 'image_quality', 'data_chunk_size'].filter((k) => k in a)).toEqual([])
  })

  it('test_tasks.py:275 simple filters answer the fixture rows with that value', async () => {
    const cases: Array<[string, string, (t: Obj) => boolean]> = [
      ['assignee', 'worker2', (t) => t['assignee']?.['username'] === 'worker2'],
      ['dimension', '3d', (t) => t['dimension'] === '3d'],
      ['mode', 'interpolation', (t) => t['mode'] === 'interpolation'],
      ['name', 'task1', (t) => t['name'] === 'task1'],
      ['owner', 'user1', (t) => t['owner']?.['username'] === 'user1'],
      ['project_id', '14', (t) => t['project_id'] === 14],
      ['status', 'completed', (t) => t['status'] === 'completed'],
      ['subset', 'Train', (t) => t['subset'] === 'Train'],
      ['tracker_link', 'https://bugtracker.localhost/task/12345', (t) => t['bug_tracker'] === 'https://bugtracker.localhost/task/12345'],
      ['validation_mode', 'gt_pool', (t) => t['validation_mode'] === 'gt_pool'],
    ]
    for (const [field, value, keep] of cases) {
      const a = await s.call('admin1', 'GET', `/api/tasks?${field}=${encodeURIComponent(value)}&page_size=all`)
      expect([field, results(a)]).toEqual([field, rebase(fixture('tasks').filter(keep), s.served.url)])
    }
  })

  it('views.py TaskViewSet filter_description: `in` over project_id, and status with project_id', async () => {
    const inList = encodeURIComponent(JSON.stringify({ and: [{ in: [{ var: 'project_id' }, [1, 2, 14]] }] }))
    expect(ids(await s.call('admin1', 'GET', `/api/tasks?filter=${inList}`))).toEqual([9, 11, 24, 25])
    const both = encodeURIComponent(JSON.stringify({ and: [{ '==': [{ var: 'status' }, 'annotation'] }, { '==': [{ var: 'project_id' }, 14] }] }))
    expect(ids(await s.call('admin1', 'GET', `/api/tasks?filter=${both}`))).toEqual([24, 25])
  })
})

describe.skipIf(!hasShared)(`jobs summary and status (test_tasks.py:207–273) ${skipReason}`, () => {
  const s = serveFixtures()

  it('test_tasks.py:207 a job moved to validation counts in jobs.validation; :222 acceptance+completed in jobs.completed', async () => {
    expect((await s.call('admin1', 'PATCH', '/api/jobs/25', { stage: 'validation' })).status).toBe(200)
    expect((await s.call('admin1', 'PATCH', '/api/jobs/26', { stage: 'acceptance', state: 'completed' })).status).toBe(200)
    expect(((await s.call('admin1', 'GET', '/api/tasks/21')).body as Obj)['jobs']).toEqual({ completed: 1, count: 2, url: `${s.served.url}/api/jobs?task_id=21`, validation: 1 })
  })

  it('test_tasks.py:255 signals.py: the task is completed once its only job is accepted and completed', async () => {
    // JobWriteSerializer.update: a new stage resets the state to `new`, so the job (and task) are in validation.
    await s.call('admin1', 'PATCH', '/api/jobs/2', { stage: 'acceptance' })
    expect(((await s.call('admin1', 'GET', '/api/tasks/2')).body as Obj)['status']).toBe('validation')
    await s.call('admin1', 'PATCH', '/api/jobs/2', { state: 'completed' })
    expect(((await s.call('admin1', 'GET', '/api/tasks/2')).body as Obj)['status']).toBe('completed')
  })

  it('test_tasks.py:239 deleting the owner keeps the task with owner null', async () => {
    expect((await s.call('admin1', 'DELETE', '/api/users/8')).status).toBe(204) // worker3
    expect((await s.call('admin1', 'DELETE', '/api/users/11')).status).toBe(204) // user8, owner of task 7
    expect((await s.call('admin1', 'GET', '/api/tasks/7')).body).toEqual(rebase({ ...task(7), owner: null }, s.served.url))
  })
})

describe.skipIf(!hasShared)(`POST /api/tasks (test_tasks.py:310 TestPostTasks) ${skipReason}`, () => {
  const s = serveFixtures()

  it('test_tasks.py:341 admins and project staff with privilege user create tasks in project 1 (create@project)', async () => {
    for (const who of ['admin1', 'admin2', 'user7', 'user6']) expect([who, (await s.call(who, 'POST', '/api/tasks', { name: `by ${who}`, project_id: 1 })).status]).toEqual([who, 201])
    expect(sb(await s.call('user1', 'POST', '/api/tasks', { name: 'x', project_id: 1 }))).toEqual(FORBIDDEN)
  })

  it('test_tasks.py:358 org workers who are not project staff may not (org2, project 2)', async () => {
    for (const who of ['user5', 'worker2', 'worker3']) expect([who, (await s.call(who, 'POST', '/api/tasks?org=org2', { name: 'x', project_id: 2 })).status]).toEqual([who, 403])
  })

  it('test_tasks.py:379 the create response equals a later GET', async () => {
    const created = (await s.call('admin1', 'POST', '/api/tasks', { name: 'test create task', labels: [{ name: 'a' }] })).body as Obj
    expect((await s.call('admin1', 'GET', `/api/tasks/${created['id']}`)).body).toEqual(created)
    expect([created['mode'], created['size'], created['jobs']['count'], created['overlap'], created['segment_size']]).toEqual(['', undefined, 0, null, 0])
  })

  it('test_tasks.py:391 a task with a skeleton label: sublabel attributes kept, SVG points renamed to sublabel ids', async () => {
    const svg = '<circle data-type="element node" data-label-name="1"></circle><circle data-label-name="2"></circle>'
    const created = (await s.call('admin1', 'POST', '/api/tasks', { name: 'skeleton', labels: [{ name: 's1', color: '#5c5eba', type: 'skeleton', attributes: [{ name: 'color', mutable: false, input_type: 'select', default_value: 'white', values: ['white', 'black'] }], sublabels: [{ name: '1', type: 'points', attributes: [{ id: 23, name: 'attr', mutable: false, input_type: 'select', default_value: 'val1', values: ['val1', 'val2'] }] }, { name: '2', type: 'points' }], svg }] })).body as Obj
    const [label] = results(await s.call('admin1', 'GET', `/api/labels?task_id=${created['id']}`))
    const [one, two] = label!['sublabels'] as Obj[]
    expect([label!['svg'], one!['attributes'][0]['name'], one!['attributes'][0]['id'] !== 23]).toEqual([`<circle data-type="element node" data-label-id="${one!['id']}"></circle><circle data-label-id="${two!['id']}"></circle>`, 'attr', true])
  })

  it('test_tasks.py:446 an assignee sets assignee_updated_date; none leaves it null', async () => {
    const a = (await s.call('admin1', 'POST', '/api/tasks', { name: 'x', labels: [{ name: 'car' }], assignee_id: 1 })).body as Obj
    const b = (await s.call('admin1', 'POST', '/api/tasks', { name: 'x', labels: [{ name: 'car' }] })).body as Obj
    expect([a['assignee']['username'], a['assignee_updated_date'] !== null, b['assignee'], b['assignee_updated_date']]).toEqual(['admin1', true, null, null])
  })

  it('test_tasks.py:2084 same label names are a 400; :2095 so are same skeleton sublabels', async () => {
    expect(sb(await s.call('admin1', 'POST', '/api/tasks', { name: 'dup', labels: [{ name: 'l1' }, { name: 'l1' }] }))).toEqual({ status: 400, body: ['All label names must be unique'] })
    expect((await s.call('admin1', 'POST', '/api/tasks', { name: 'dup', labels: [{ name: 's1', type: 'skeleton', sublabels: [{ name: '1' }, { name: '1' }] }] })).status).toBe(400)
  })

  it('serializers.py TaskWriteSerializer.create: labels or a project, not both; the project must exist and share the organisation', async () => {
    expect(sb(await s.call('admin1', 'POST', '/api/tasks', { name: 'x' }))).toEqual({ status: 400, body: ['Label set or project_id must be present'] })
    expect(sb(await s.call('admin1', 'POST', '/api/tasks', { name: 'x', project_id: 1, labels: [{ name: 'a' }] }))).toEqual({ status: 400, body: ['Project must have only one of Label set or project_id'] })
    expect(sb(await s.call('admin1', 'POST', '/api/tasks', { name: 'x', project_id: 2 }))).toEqual({ status: 400, body: ['The task and its project should be in the same organization.'] })
    // permissions.py ProjectPermission.create_scope_view: Project.objects.get fails first.
    expect(sb(await s.call('admin1', 'POST', '/api/tasks', { name: 'x', project_id: 999 }))).toEqual({ status: 400, body: ['Project matching query does not exist.'] })
  })

  it('write-once fields and their limits: consensus_replicas 0 or 2–11; overlap and segment_size ≥ 0', async () => {
    expect(sb(await s.call('admin1', 'POST', '/api/tasks', { name: 'x', labels: [{ name: 'a' }], consensus_replicas: 1 }))).toEqual({ status: 400, body: { consensus_replicas: ['Consensus replicas must be 0 or a positive number more than 1 and less than 12, got 1'] } })
    expect(sb(await s.call('admin1', 'POST', '/api/tasks', { name: 'x', labels: [{ name: 'a' }], segment_size: -1 }))).toEqual({ status: 400, body: { segment_size: ['Ensure this value is greater than or equal to 0.'] } })
    const t = (await s.call('admin1', 'POST', '/api/tasks', { name: 'x', labels: [{ name: 'a' }], consensus_replicas: 3, segment_size: 5, overlap: 2 })).body as Obj
    expect([t['consensus_enabled'], t['segment_size'], t['overlap']]).toEqual([true, 5, 2])
  })
})

describe.skipIf(!hasShared)(`PATCH /api/tasks/{id} (test_tasks.py:3779 TestPatchTaskLabel, :5102 TestPatchTask) ${skipReason}`, () => {
  const s = serveFixtures()
  const labelsOf = async (id: number) => results(await s.call('admin1', 'GET', `/api/labels?task_id=${id}&page_size=all`))
  const fixtureLabels = (id: number) => fixture('labels').filter((l) => l['task_id'] === id)

  it('test_tasks.py:3787 `deleted` removes a label; :3823 renaming keeps the rest; :3834 a duplicate name is a 400; :3845 a foreign id a 404', async () => {
    expect((await s.call('admin1', 'PATCH', '/api/tasks/2', { labels: [{ id: 4, deleted: true }] })).status).toBe(200)
    expect((await labelsOf(2)).map((l) => l['id'])).toEqual([3])
    const [cat, dog] = fixtureLabels(7)
    expect((await s.call('admin1', 'PATCH', '/api/tasks/7', { labels: [{ ...cat, name: 'new name' }] })).status).toBe(200)
    expect(await labelsOf(7)).toEqual([{ ...cat, name: 'new name' }, dog])
    expect(sb(await s.call('admin1', 'PATCH', '/api/tasks/8', { labels: [{ id: 13, name: 'dog' }] }))).toEqual({ status: 400, body: ['All label names must be unique'] })
    expect(sb(await s.call('admin1', 'PATCH', '/api/tasks/8', { labels: [{ id: 3, name: 'x' }] }))).toEqual({ status: 404, body: { detail: 'Not found label with id #3 to change' } })
  })

  it('test_tasks.py:3871 org maintainers who are not task staff may add labels; :3902 supervisors and workers may not', async () => {
    expect((await s.call('user4', 'PATCH', '/api/tasks/17', { labels: [{ name: 'new name' }] })).status).toBe(200)
    expect(sb(await s.call('user3', 'PATCH', '/api/tasks/17', { labels: [{ name: 'other' }] }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('worker3', 'PATCH', '/api/tasks/17', { labels: [{ name: 'other' }] }))).toEqual(FORBIDDEN)
  })

  it('test_tasks.py:5104 moving task 19 into project 12 keeps its annotations, mapped to the project\'s labels and attributes', async () => {
    const before = (await s.call('admin1', 'GET', '/api/tasks/19/annotations')).body as Obj
    expect((await s.call('admin1', 'PATCH', '/api/tasks/19', { project_id: 12 })).status).toBe(200)
    const after = (await s.call('admin1', 'GET', '/api/tasks/19/annotations')).body as Obj
    const relabel = (d: Obj, labels: Record<number, number>, specs: Record<number, number>) => JSON.parse(JSON.stringify(d), (k, v) => (k === 'label_id' ? (labels[v] ?? v) : k === 'spec_id' ? (specs[v] ?? v) : v))
    expect(after).toEqual(relabel(before, { 51: 53, 52: 54 }, { 7: 9, 8: 10 }))
    // models.py Task.get_labels: a task in a project lists the project's labels; its own are gone.
    expect([((await s.call('admin1', 'GET', '/api/tasks/19')).body as Obj)['project_id'], (await labelsOf(19)).map((l) => l['id']), (await s.call('admin1', 'GET', '/api/labels/51')).status]).toEqual([12, [53, 54], 404])
  })

  it('test_tasks.py:5132 moving task 20 from project 12 to project 13 keeps its annotations', async () => {
    const before = (await s.call('admin1', 'GET', '/api/tasks/20/annotations')).body as Obj
    expect((await s.call('admin1', 'PATCH', '/api/tasks/20', { project_id: 13 })).status).toBe(200)
    const after = (await s.call('admin1', 'GET', '/api/tasks/20/annotations')).body as Obj
    const strip = (d: Obj) => JSON.parse(JSON.stringify(d), (k, v) => (k === 'label_id' || k === 'spec_id' ? 0 : v))
    expect(strip(after)).toEqual(strip(before))
  })

  it('serializers.py TaskWriteSerializer.validate: labels that the target project lacks refuse the move', async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/tasks/5', { project_id: 4 }))).toEqual({ status: 400, body: ['All task or project label names must be mapped to the target project'] })
  })

  it('test_tasks.py:5193 an empty PATCH needs `view`; :5204 assignee_updated_date changes only with the assignee', async () => {
    expect(sb(await s.call('lonely_user', 'PATCH', '/api/tasks/2', {}))).toEqual(FORBIDDEN)
    const same = (await s.call('admin1', 'PATCH', '/api/tasks/27', { assignee_id: 5 })).body as Obj
    expect(same['assignee_updated_date']).toBe(task(27)['assignee_updated_date'])
    const changed = (await s.call('admin1', 'PATCH', '/api/tasks/27', { assignee_id: 3 })).body as Obj
    expect(changed['assignee_updated_date']).toBe('2025-02-04T00:00:00Z')
  })

  it('test_tasks.py:5260 linked storages in an organisation: owner and maintainers yes, supervisors and workers no', async () => {
    const patch = (who: string) => s.call(who, 'PATCH', '/api/tasks/7', { target_storage: { location: 'local' } })
    expect([(await patch('user7')).status, (await patch('user4')).status, (await patch('user3')).status, (await patch('worker3')).status]).toEqual([200, 200, 403, 403])
  })

  it('test_tasks.py:5289 linked storages: the task or project owner yes, assignees no', async () => {
    const patch = (who: string, id: number) => s.call(who, 'PATCH', `/api/tasks/${id}`, { source_storage: { location: 'local' } })
    expect([(await patch('user1', 8)).status, (await patch('worker4', 8)).status, (await patch('user7', 9)).status, (await patch('user6', 9)).status]).toEqual([200, 403, 200, 403])
  })

  it('per-field scopes: an unknown field is 403; overlap is write-once (no scope: 403)', async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/tasks/2', { overlap: 3 }))).toEqual({ status: 403, body: { detail: 'Attempted to update an unknown field' } })
  })
})

describe.skipIf(!hasShared)(`DELETE /api/tasks/{id} cascades (models.py Segment.task, Job.segment, Label.task CASCADE) ${skipReason}`, () => {
  const s = serveFixtures()

  it('a task takes its jobs, annotations and labels; its project stays with one task less', async () => {
    expect(sb(await s.call('worker2', 'DELETE', '/api/tasks/2'))).toEqual(FORBIDDEN) // the assignee may not delete
    expect((await s.call('user1', 'DELETE', '/api/tasks/2')).status).toBe(204)
    expect([(await s.call('admin1', 'GET', '/api/jobs/2')).status, (await s.call('admin1', 'GET', '/api/labels/3')).status, (await s.call('admin1', 'GET', '/api/jobs/2/annotations')).status]).toEqual([404, 404, 404])
    expect((await s.call('admin1', 'DELETE', '/api/tasks/24')).status).toBe(204)
    expect(((await s.call('admin1', 'GET', '/api/projects/14')).body as Obj)['tasks']['count']).toBe(1)
  })
})
