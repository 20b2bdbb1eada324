// /api/labels against CVAT's test database: the cases of tests/python/rest_api/test_labels.py
// (cae4e8f7), each naming the lines it ports and the rule that decides it (views.py LabelViewSet
// lines 2648–2760, permissions.py LabelPermission: a label borrows its project's or task's rules).
import { describe, expect, it } from 'vitest'
import { hasShared, skipReason } from '../../helpers/shared'
import { FORBIDDEN, sb } from '../helpers'
import { type Obj, fixture, ids, rebase, results, serveFixtures } from './fixtures'

const label = (id: number): Obj => fixture('labels').find((l) => l['id'] === id) ?? {}
const sub = (parent: number, i = 0): Obj => label(parent)['sublabels'][i]

describe.skipIf(!hasShared)(`GET /api/labels (test_labels.py:207 filters, :328 TestListLabels, :494 TestGetLabels) ${skipReason}`, () => {
  const s = serveFixtures()

  it('test_labels.py:254 simple filters name, parent, type, color, parent_id answer the fixture rows (top-level labels only)', async () => {
    const cases: Array<[string, string, (l: Obj) => boolean]> = [
      ['name', 'cat', (l) => l['name'] === 'cat'],
      ['type', 'skeleton', (l) => l['type'] === 'skeleton'],
      ['color', '#2080c0', (l) => l['color'] === '#2080c0'],
      ['parent', 's1', () => false], // sublabels are never in a plain list
      ['parent_id', '18', () => false],
    ]
    for (const [field, value, keep] of cases) {
      const a = await s.call('admin1', 'GET', `/api/labels?${field}=${encodeURIComponent(value)}&page_size=all`)
      expect([field, results(a)]).toEqual([field, fixture('labels').filter(keep)])
    }
  })

  it("test_labels.py:260 job_id, task_id and project_id cannot be combined", async () => {
    expect(sb(await s.call('admin1', 'GET', '/api/labels?job_id=2&task_id=2'))).toEqual({ status: 400, body: ['job_id, task_id and project_id parameters cannot be used together'] })
  })

  it('test_labels.py:282 a task in a project and its jobs list the project\'s labels; a job lists its task\'s', async () => {
    const project2 = fixture('labels').filter((l) => l['project_id'] === 2)
    expect(results(await s.call('admin1', 'GET', '/api/labels?task_id=11'))).toEqual(project2)
    expect(results(await s.call('admin1', 'GET', '/api/labels?job_id=16&org_id=2'))).toEqual(project2)
    expect(results(await s.call('admin1', 'GET', '/api/labels?job_id=2'))).toEqual(fixture('labels').filter((l) => l['task_id'] === 2))
  })

  it('test_labels.py:444 only first-level labels are listed: a skeleton comes with its sublabels inside', async () => {
    expect(results(await s.call('admin1', 'GET', '/api/labels?project_id=5&org_id=2'))).toEqual(fixture('labels').filter((l) => l['project_id'] === 5))
  })

  it('OrganizationFilterBackend still narrows a job_id/task_id/project_id list by the context', async () => {
    expect(results(await s.call('admin1', 'GET', '/api/labels?task_id=11&org='))).toEqual([])
  })

  it("test_labels.py:355 listing by owner object needs that object's view: staff and org maintainers yes, others 403", async () => {
    expect(ids(await s.call('user7', 'GET', '/api/labels?project_id=1'))).toEqual([5, 6])
    expect(ids(await s.call('user4', 'GET', '/api/labels?task_id=17'))).toEqual([38, 39, 40])
    expect(sb(await s.call('user3', 'GET', '/api/labels?task_id=17'))).toEqual(FORBIDDEN)
    expect(sb(await s.call('worker1', 'GET', '/api/labels?project_id=1'))).toEqual(FORBIDDEN)
  })

  it('labels.rego filter: a plain list shows the labels of what the caller owns or is assigned; in an org maintainers see all of it', async () => {
    expect(ids(await s.call('user6', 'GET', '/api/labels'))).toEqual([5, 6])
    expect(ids(await s.call('user8', 'GET', '/api/labels?org=org2&page_size=all'))).toEqual(fixture('labels').filter((l) => {
      const owner = l['project_id'] ? fixture('projects').find((p) => p['id'] === l['project_id']) : fixture('tasks').find((t) => t['id'] === l['task_id'])
      return owner?.['organization'] === 2
    }).map((l) => l['id']).sort((a, b) => a - b))
    expect(sb(await s.call('worker1', 'GET', '/api/labels?org=org2'))).toEqual(FORBIDDEN)
  })

  it('test_labels.py:520 admins get any label; :530 a regular user gets labels of their own objects, 403 otherwise; sublabels too', async () => {
    expect((await s.call('admin2', 'GET', '/api/labels/18')).body).toEqual(label(18))
    expect((await s.call('user7', 'GET', '/api/labels/5')).body).toEqual(label(5))
    expect(sb(await s.call('user1', 'GET', '/api/labels/5'))).toEqual(FORBIDDEN)
    const element = (await s.call('admin1', 'GET', `/api/labels/${sub(18)['id']}`)).body as Obj
    expect([element['has_parent'], element['parent_id'], element['project_id']]).toEqual([true, 18, 5])
  })
})

describe.skipIf(!hasShared)(`PATCH and DELETE /api/labels/{id} (test_labels.py:547 TestPatchLabels, :785 TestDeleteLabels) ${skipReason}`, () => {
  const s = serveFixtures()

  it('test_labels.py:663 a colour changes alone; a type changes, except to or from skeleton', async () => {
    expect((await s.call('admin1', 'PATCH', '/api/labels/3', { color: '#2000c0' })).body).toEqual({ ...label(3), color: '#2000c0' })
    expect((await s.call('admin1', 'PATCH', '/api/labels/3', { type: 'polygon' })).body).toEqual({ ...label(3), color: '#2000c0', type: 'polygon' })
    expect(((await s.call('admin1', 'PATCH', '/api/labels/3', { type: 'skeleton' })).body as Obj)['type']).toBe('polygon')
    expect(((await s.call('admin1', 'PATCH', '/api/labels/18', { type: 'rectangle', color: '#18aa18' })).body as Obj)['type']).toBe('skeleton')
  })

  it('test_labels.py:663 a new attribute is added beside the old ones; :680 attributes are renamed by id', async () => {
    const car = label(5)
    const added = (await s.call('admin1', 'PATCH', '/api/labels/5', { attributes: [...car['attributes'], { default_value: 'mazda_new', input_type: 'select', mutable: true, name: 'model_new', values: ['mazda_new', 'bmw'] }] })).body as Obj
    expect(added['attributes'].map((a: Obj) => a['name'])).toEqual(['model', 'model_new'])
    const renamed = (await s.call('admin1', 'PATCH', '/api/labels/5', { attributes: [{ ...car['attributes'][0], name: 'model_updated' }] })).body as Obj
    expect(renamed['attributes'][0]).toEqual({ ...car['attributes'][0], name: 'model_updated' })
    expect(sb(await s.call('admin1', 'PATCH', '/api/labels/5', { attributes: [{ id: 999, name: 'x', mutable: true, input_type: 'text', values: [] }] }))).toEqual({ status: 404, body: { detail: 'Attribute with id #999 does not exist' } })
  })

  it('test_labels.py:708 sublabels cannot be changed or deleted directly (400); `deleted` is refused here', async () => {
    const id = sub(18)['id']
    expect(sb(await s.call('admin1', 'PATCH', `/api/labels/${id}`, { name: 'x' }))).toEqual({ status: 400, body: ['Sublabels cannot be modified this way. Please send a PATCH request with updated parent label data instead.'] })
    expect(sb(await s.call('admin1', 'DELETE', `/api/labels/${id}`))).toEqual({ status: 400, body: ['Sublabels cannot be deleted this way. Please send a PATCH request with updated parent label data instead.'] })
    expect(sb(await s.call('admin1', 'PATCH', '/api/labels/6', { deleted: true }))).toEqual({ status: 400, body: { non_field_errors: ['Labels cannot be deleted by updating in this endpoint. Please use the DELETE method instead.'] } })
  })

  it("test_labels.py:732 renaming to a sibling's name is a 400", async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/labels/16', { name: 'dog' }))).toEqual({ status: 400, body: ['All label names must be unique'] })
  })

  it('test_labels.py:760 regular users change labels of objects they may update (update:desc), else 403', async () => {
    expect((await s.call('user1', 'PATCH', '/api/labels/9', { name: 'car2' })).status).toBe(200) // task 5's owner
    expect(sb(await s.call('worker4', 'PATCH', '/api/labels/9', { name: 'car3' }))).toEqual(FORBIDDEN) // a job assignee only
    expect(sb(await s.call('user3', 'PATCH', '/api/labels/38', { name: 'x' }))).toEqual(FORBIDDEN) // org2 supervisor, not staff
    expect((await s.call('user4', 'PATCH', '/api/labels/38', { name: 'cat2' })).status).toBe(200) // org2 maintainer
  })

  it('test_labels.py:806 deleting a label removes it, its sublabels and annotations', async () => {
    expect(sb(await s.call('worker1', 'DELETE', '/api/labels/22'))).toEqual(FORBIDDEN)
    expect((await s.call('admin1', 'DELETE', '/api/labels/22')).status).toBe(204)
    expect([(await s.call('admin1', 'GET', '/api/labels/22')).status, (await s.call('admin1', 'GET', `/api/labels/${sub(22)['id']}`)).status]).toEqual([404, 404])
    expect(ids(await s.call('admin1', 'GET', '/api/labels?project_id=5&org_id=2'))).toEqual([18])
  })
})

describe.skipIf(!hasShared)(`label changes touch their project, its tasks and jobs (test_labels.py:871 TestLabelUpdates) ${skipReason}`, () => {
  const s = serveFixtures({ now: (() => { let t = Date.parse('2025-02-04T00:00:00Z'); return () => (t += 1000) })() })
  const dates = async (projectId: number) => {
    const p = (await s.call('admin1', 'GET', `/api/projects/${projectId}`)).body as Obj
    const tasks = results(await s.call('admin1', 'GET', `/api/tasks?project_id=${projectId}&page_size=all`))
    const jobs = results(await s.call('admin1', 'GET', '/api/jobs?page_size=all')).filter((j) => tasks.some((t) => t['id'] === j['task_id']))
    return { project: p['updated_date'], others: [...new Set([...tasks, ...jobs].map((x) => x['updated_date']))] }
  }

  it.each([
    ['addition', (s2: typeof s) => s2.call('admin1', 'PATCH', '/api/projects/1', { labels: [{ name: 'dog2' }] })],
    ['modification', (s2: typeof s) => s2.call('admin1', 'PATCH', '/api/labels/5', { name: 'car-updated' })],
    ['removal', (s2: typeof s) => s2.call('admin1', 'DELETE', '/api/labels/6')],
  ] as const)('test_labels.py:873 %s: tasks and jobs get the project\'s new updated_date', async (_kind, act) => {
    const before = await dates(1)
    await act(s)
    const after = await dates(1)
    expect([after.project > before.project, after.others]).toEqual([true, [after.project]])
  })

  it('test_labels.py:926 a task label change touches the task and its jobs', async () => {
    expect((await s.call('admin1', 'PATCH', '/api/labels/57', { name: 'cat-updated' })).status).toBe(200)
    const t = (await s.call('admin1', 'GET', '/api/tasks/21')).body as Obj
    expect([...new Set(results(await s.call('admin1', 'GET', '/api/jobs?task_id=21')).map((j) => j['updated_date']))]).toEqual([t['updated_date']])
  })

  it('the fixture labels are unchanged elsewhere', async () => {
    expect((await s.call('admin1', 'GET', '/api/labels/53')).body).toEqual(rebase(label(53), s.served.url))
  })
})
