// /api/projects against CVAT's test database: the cases of tests/python/rest_api/test_projects.py
// (cae4e8f7) that need no media or exports, each naming the lines it ports and the rule that decides
// it (cvat/apps/engine/rules/projects.rego, views.py ProjectViewSet, serializers.py ProjectWrite).
import { describe, expect, it } from 'vitest'
import { hasShared, skipReason } from '../../helpers/shared'
import { FORBIDDEN, notFound, sb } from '../helpers'
import { type Obj, fixture, ids, rebase, results, serveFixtures } from './fixtures'

const project = (id: number): Obj => fixture('projects').find((p) => p['id'] === id) ?? {}

describe.skipIf(!hasShared)(`projects.rego view, by org role and ownership ${skipReason}`, () => {
  const s = serveFixtures()
  const status = async (who: string, id: number) => (await s.call(who, 'GET', `/api/projects/${id}`)).status

  it('test_projects.py:70 an admin sees any project, whole-value equal to the fixture', async () => {
    expect((await s.call('admin2', 'GET', '/api/projects/2')).body).toEqual(rebase(project(2), s.served.url))
  })

  it("test_projects.py:82 a project's owner and assignee see it (project 1: user7 owns, user6 is assigned)", async () => {
    expect([await status('user7', 1), await status('user6', 1)]).toEqual([200, 200])
  })

  it('test_projects.py:97 a user with no relation and no org role gets 403 (not 404: the detail queryset is not filtered, views.py:370)', async () => {
    expect(sb(await s.call('user1', 'GET', '/api/projects/2'))).toEqual(FORBIDDEN)
    expect(sb(await s.call('lonely_user', 'GET', '/api/projects/1'))).toEqual(FORBIDDEN)
  })

  it('test_projects.py:109 org supervisors and workers who are not project staff get 403 (project 4 is in org2)', async () => {
    expect([await status('user2', 4), await status('worker3', 4)]).toEqual([403, 403])
  })

  it('test_projects.py:125 org maintainers and owners see every project of the organisation', async () => {
    expect([await status('user4', 4), await status('user7', 4), await status('user8', 16)]).toEqual([200, 200, 200])
  })

  it('test_projects.py:141 supervisors and workers who are project staff see it (user2 is assigned project 2, worker3 project 10)', async () => {
    expect([await status('user2', 2), await status('worker3', 10)]).toEqual([200, 200])
  })

  it('the check runs in the project\'s own organisation, whatever the context (iam/permissions.py get_organization)', async () => {
    expect([await status('user4', 4), (await s.call('user4', 'GET', '/api/projects/4?org=org1')).status, (await s.call('user4', 'GET', '/api/projects/4?org=')).status]).toEqual([200, 200, 200])
  })

  it('an unknown id is 404 for everyone', async () => {
    expect(sb(await s.call('admin1', 'GET', '/api/projects/999'))).toEqual(notFound('Project'))
    expect(sb(await s.call('lonely_user', 'GET', '/api/projects/x'))).toEqual(notFound('Project'))
  })
})

describe.skipIf(!hasShared)(`projects.rego filter and OrganizationFilterBackend on the list ${skipReason}`, () => {
  const s = serveFixtures()

  it('no context: what the caller owns or is assigned, in any organisation', async () => {
    expect(ids(await s.call('user2', 'GET', '/api/projects'))).toEqual([2, 3])
    expect(ids(await s.call('worker3', 'GET', '/api/projects'))).toEqual([10])
  })

  it('`org=` (present, empty): only projects in no organisation', async () => {
    expect(ids(await s.call('user7', 'GET', '/api/projects?org='))).toEqual([1])
    expect(ids(await s.call('admin1', 'GET', '/api/projects?org=&page_size=all'))).toEqual([1, 6, 7, 8, 12, 13, 14])
  })

  it('in an organisation: maintainers see all of it, workers and supervisors their own; non-members get 403', async () => {
    expect(ids(await s.call('user4', 'GET', '/api/projects?org=org2&page_size=all'))).toEqual([2, 3, 4, 5, 10, 11, 15, 16])
    expect(ids(await s.call('user2', 'GET', '/api/projects?org=org2'))).toEqual([2, 3])
    expect(sb(await s.call('user1', 'GET', '/api/projects?org=org2'))).toEqual(FORBIDDEN)
  })

  it('test_projects.py:172 simple filters name, owner, assignee, status answer the fixture rows with that value', async () => {
    const cases: Array<[string, string, (p: Obj) => boolean]> = [
      ['name', 'project1', (p) => p['name'] === 'project1'],
      ['owner', 'user7', (p) => p['owner']?.['username'] === 'user7'],
      ['assignee', 'user2', (p) => p['assignee']?.['username'] === 'user2'],
      ['status', 'annotation', (p) => p['status'] === 'annotation'],
    ]
    for (const [field, value, keep] of cases) {
      const a = await s.call('admin1', 'GET', `/api/projects?${field}=${value}&page_size=all`)
      expect([field, results(a)]).toEqual([field, rebase(fixture('projects').filter(keep), s.served.url)])
    }
  })

  it('search, sort and a JSON Logic filter over the declared fields (filters.py)', async () => {
    expect(ids(await s.call('admin1', 'GET', '/api/projects?search=attributes'))).toEqual([12, 13])
    // (names with spaces sort by PostgreSQL's collation, so the cases here avoid depending on it)
    expect(results(await s.call('admin1', 'GET', '/api/projects?search=attributes&sort=-name')).map((p) => p['name'])).toEqual(['project with attributes 2', 'project with attributes'])
    expect(ids(await s.call('admin1', 'GET', '/api/projects?sort=id&page_size=3'))).toEqual([1, 2, 3])
    const filter = encodeURIComponent(JSON.stringify({ and: [{ '==': [{ var: 'owner' }, 'user7'] }, { '>': [{ var: 'id' }, 1] }] }))
    expect(ids(await s.call('admin1', 'GET', `/api/projects?filter=${filter}`))).toEqual([2])
  })
})

describe.skipIf(!hasShared)(`POST /api/projects (test_projects.py:433 TestPostProjects) ${skipReason}`, () => {
  const s = serveFixtures()

  it('test_projects.py:450 a worker-group user may not create a project; :459 admin and user may', async () => {
    expect(sb(await s.call('worker1', 'POST', '/api/projects', { name: 'w' }))).toEqual(FORBIDDEN)
    expect((await s.call('admin1', 'POST', '/api/projects', { name: 'by admin' })).status).toBe(201)
    expect((await s.call('user1', 'POST', '/api/projects', { name: 'by user' })).status).toBe(201)
  })

  it('test_projects.py:467 an org worker may not create one in the organisation; :478 supervisors, maintainers and owners may', async () => {
    expect(sb(await s.call('worker1', 'POST', '/api/projects?org_id=1', { name: 'w' }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('user5', 'POST', '/api/projects?org=org2', { name: 'w' }))).toEqual(FORBIDDEN) // user5 is a worker in org2
    for (const who of ['user2', 'user4', 'user7']) expect((await s.call(who, 'POST', '/api/projects?org=org2', { name: `by ${who}` })).status).toBe(201)
  })

  it('views.py perform_create: the caller owns it and the context is its organisation', async () => {
    const a = (await s.call('user2', 'POST', '/api/projects', { name: 'sandbox one' }, { 'x-organization': 'org2' })).body as Obj
    expect([a['owner']['username'], a['organization'], a['tasks']['count'], a['labels']['url']]).toEqual(['user2', 2, 0, `${s.served.url}/api/labels?project_id=${a['id']}`])
  })

  it('test_projects.py:525 labels with the same name are a 400; :536 so are skeleton sublabels with the same name (models.py Label.Meta constraints)', async () => {
    const before = (await s.call('admin1', 'GET', '/api/projects')).body
    expect(sb(await s.call('admin1', 'POST', '/api/projects', { name: 'dup', labels: [{ name: 'l1' }, { name: 'l1' }] }))).toEqual({ status: 400, body: ['All label names must be unique'] })
    expect((await s.call('admin1', 'POST', '/api/projects', { name: 'dup', labels: [{ name: 's1', type: 'skeleton', sublabels: [{ name: '1' }, { name: '1' }] }] })).status).toBe(400)
    expect((await s.call('admin1', 'GET', '/api/projects')).body).toEqual(before)
  })

  it('test_projects.py:557 a cloud storage the caller may not view is a 403 (cloudstorages.rego view); an unknown one a 400', async () => {
    for (const id of [1, 2])
      for (const field of ['source_storage', 'target_storage'])
        expect(sb(await s.call('lonely_user', 'POST', '/api/projects', { name: 'p', [field]: { location: 'cloud_storage', cloud_storage_id: id } }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('admin1', 'POST', '/api/projects', { name: 'p', source_storage: { location: 'cloud_storage', cloud_storage_id: 99 } }))).toEqual({ status: 400, body: ['CloudStorage matching query does not exist.'] })
  })

  it('test_projects.py:573 the create response equals a later GET', async () => {
    const created = (await s.call('admin1', 'POST', '/api/projects', { name: 'test create project', labels: [{ name: 'a' }] })).body as Obj
    expect((await s.call('admin1', 'GET', `/api/projects/${created['id']}`)).body).toEqual(created)
  })

  it('test_projects.py:586 an assignee sets assignee_updated_date (to the creation time); none leaves it null', async () => {
    const a = (await s.call('admin1', 'POST', '/api/projects', { name: 'x', labels: [{ name: 'car' }], assignee_id: 1 })).body as Obj
    const b = (await s.call('admin1', 'POST', '/api/projects', { name: 'x', labels: [{ name: 'car' }], assignee_id: null })).body as Obj
    expect([a['assignee']['username'], a['assignee_updated_date'] === a['created_date'], b['assignee'], b['assignee_updated_date']]).toEqual(['admin1', true, null, null])
  })

  it('serializers.py ProjectWriteSerializer: name is required and at most 256 characters; labels must be a list of objects', async () => {
    expect(sb(await s.call('user1', 'POST', '/api/projects', {}))).toEqual({ status: 400, body: { name: ['This field is required.'] } })
    expect(sb(await s.call('user1', 'POST', '/api/projects', { name: 'n'.repeat(257) }))).toEqual({ status: 400, body: { name: ['Ensure this field has no more than 256 characters.'] } })
    expect(sb(await s.call('user1', 'POST', '/api/projects', { name: 'p', labels: [{ name: 'a' }, 3] }))).toEqual({ status: 400, body: { labels: [{}, { non_field_errors: ['Invalid data. Expected a dictionary, but got int.'] }] } })
  })

  it('users.rego view: in the sandbox a user may name only themself as assignee; an org member anyone (iam_context of the request)', async () => {
    expect(sb(await s.call('user1', 'POST', '/api/projects', { name: 'p', assignee_id: 3 }))).toEqual(FORBIDDEN)
    expect((await s.call('user1', 'POST', '/api/projects', { name: 'p', assignee_id: 2 })).status).toBe(201)
    expect((await s.call('user7', 'POST', '/api/projects?org=org2', { name: 'p', assignee_id: 3 })).status).toBe(201)
  })
})

describe.skipIf(!hasShared)(`PATCH /api/projects/{id} labels (test_projects.py:1166 TestPatchProjectLabel) ${skipReason}`, () => {
  const s = serveFixtures()
  const labelsOf = async (who: string, id: number) => results(await s.call(who, 'GET', `/api/labels?project_id=${id}&page_size=all`))
  const fixtureLabels = (id: number) => fixture('labels').filter((l) => l['project_id'] === id)

  it('test_projects.py:1174 `deleted: true` removes a label', async () => {
    expect((await s.call('admin1', 'PATCH', '/api/projects/1', { labels: [{ id: 5, deleted: true }] })).status).toBe(200)
    expect((await labelsOf('admin1', 1)).map((l) => l['id'])).toEqual([6])
  })

  it('test_projects.py:1187 deleting a skeleton leaves the other labels as they were', async () => {
    expect((await s.call('admin1', 'PATCH', '/api/projects/5', { labels: [{ id: 18, deleted: true }] })).status).toBe(200)
    expect(await labelsOf('admin1', 5)).toEqual(fixtureLabels(5).filter((l) => l['id'] !== 18))
  })

  it('test_projects.py:1214 sending a label back renamed renames it and changes nothing else', async () => {
    const [first, ...rest] = fixtureLabels(2)
    expect((await s.call('admin1', 'PATCH', '/api/projects/2', { labels: [{ ...first, name: 'new name' }] })).status).toBe(200)
    expect(await labelsOf('admin1', 2)).toEqual([{ ...first, name: 'new name' }, ...rest])
  })

  it('test_projects.py:1227 renaming to a sibling\'s name is a 400 "All label names must be unique"', async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/projects/4', { labels: [{ id: 16, name: 'dog' }] }))).toEqual({ status: 400, body: ['All label names must be unique'] })
  })

  it("test_projects.py:1240 another project's label id is a 404 (serializers.py update_label)", async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/projects/4', { labels: [{ id: 7, name: 'cat' }] }))).toEqual({ status: 404, body: { detail: 'Not found label with id #7 to change' } })
  })

  it('test_projects.py:1248 admins add a label; :1342 and a skeleton', async () => {
    expect((await s.call('admin1', 'PATCH', '/api/projects/3', { labels: [{ name: 'new name' }] })).status).toBe(200)
    const svg = '<circle r="1.5" data-type="element node" data-element-id="1" data-node-id="1" data-label-name="597501"></circle>'
    const a = await s.call('admin1', 'PATCH', '/api/projects/3', { labels: [{ name: 'skeleton1', type: 'skeleton', sublabels: [{ name: '597501', type: 'points' }], svg }] })
    expect(a.status).toBe(200)
    const labels = await labelsOf('admin1', 3)
    const skeleton = labels.find((l) => l['name'] === 'skeleton1') ?? {}
    // create_labels: the SVG names the points by sublabel name until the sublabels have ids.
    expect([labels.length, skeleton['svg'], skeleton['sublabels'].map((x: Obj) => x['name'])]).toEqual([2, svg.replace('data-label-name="597501"', `data-label-id="${skeleton['sublabels'][0]['id']}"`), ['597501']])
  })

  it('test_projects.py:1259 org owners and maintainers who are not project staff may add labels; :1289 supervisors and workers may not; :1317 staff workers may', async () => {
    expect((await s.call('user4', 'PATCH', '/api/projects/4', { labels: [{ name: 'from maintainer' }] })).status).toBe(200)
    expect((await s.call('user7', 'PATCH', '/api/projects/4', { labels: [{ name: 'from owner' }] })).status).toBe(200)
    expect(sb(await s.call('user2', 'PATCH', '/api/projects/4', { labels: [{ name: 'x' }] }))).toEqual(FORBIDDEN)
    expect(sb(await s.call('worker2', 'PATCH', '/api/projects/4', { labels: [{ name: 'x' }] }))).toEqual(FORBIDDEN)
    expect((await s.call('worker3', 'PATCH', '/api/projects/10', { labels: [{ name: 'from assignee' }] })).status).toBe(200)
  })

  it('a deleted label takes its annotations with it (models.py Annotation.label CASCADE)', async () => {
    const before = ((await s.call('admin1', 'GET', '/api/jobs/22/annotations')).body as { shapes: Obj[] }).shapes.length
    expect((await s.call('admin1', 'PATCH', '/api/projects/11', { labels: [{ id: 46, deleted: true }] })).status).toBe(200)
    const after = (await s.call('admin1', 'GET', '/api/jobs/22/annotations')).body as { shapes: Obj[]; tracks: Obj[] }
    expect([before > 0, after.shapes, after.tracks]).toEqual([true, [], []])
  })
})

describe.skipIf(!hasShared)(`PATCH and DELETE /api/projects/{id} (test_projects.py:1487 TestPatchProject) ${skipReason}`, () => {
  const s = serveFixtures()

  it('test_projects.py:1496 moving storages to a foreign cloud storage is a 403', async () => {
    const id = ((await s.call('lonely_user', 'POST', '/api/projects', { name: 'mine' })).body as Obj)['id']
    for (const field of ['source_storage', 'target_storage']) expect(sb(await s.call('lonely_user', 'PATCH', `/api/projects/${id}`, { [field]: { location: 'cloud_storage', cloud_storage_id: 2 } }))).toEqual(FORBIDDEN)
  })

  it('test_projects.py:1519 assignee_updated_date changes only when the assignee does', async () => {
    const same = (await s.call('admin1', 'PATCH', '/api/projects/1', { assignee_id: 20 })).body as Obj
    expect(same['assignee_updated_date']).toBe(project(1)['assignee_updated_date'])
    const other = (await s.call('admin1', 'PATCH', '/api/projects/1', { assignee_id: 3 })).body as Obj
    expect([other['assignee']['username'], other['assignee_updated_date']]).toEqual(['user2', '2025-02-04T00:00:00Z'])
    const none = (await s.call('admin1', 'PATCH', '/api/projects/1', { assignee_id: null })).body as Obj
    expect(none['assignee']).toBeNull()
  })

  it('test_projects.py:1554 an empty PATCH still needs `view` (iam/permissions.py get_per_field_update_scopes)', async () => {
    expect(sb(await s.call('lonely_user', 'PATCH', '/api/projects/1', {}))).toEqual(FORBIDDEN)
  })

  it('a field with no scope is a 403 "Attempted to update an unknown field", even for an admin', async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/projects/1', { status: 'completed' }))).toEqual({ status: 403, body: { detail: 'Attempted to update an unknown field' } })
  })

  it('test_projects.py:1594 in an organisation the owner and maintainers may set storages, supervisors and workers may not; :1639 in the sandbox only the owner', async () => {
    const patch = (who: string, id: number) => s.call(who, 'PATCH', `/api/projects/${id}`, { source_storage: { location: 'local' } })
    expect([(await patch('user7', 4)).status, (await patch('user8', 4)).status, (await patch('user2', 4)).status, (await patch('worker2', 4)).status]).toEqual([200, 200, 403, 403])
    expect([(await patch('user7', 1)).status, (await patch('user6', 1)).status, (await patch('user1', 1)).status]).toEqual([200, 403, 403])
  })

  it('test_projects.py:156 deleting the owner keeps the project with owner null (models.py Project.owner SET_NULL)', async () => {
    expect((await s.call('admin1', 'DELETE', '/api/users/3')).status).toBe(204)
    expect((await s.call('admin1', 'GET', '/api/projects/3')).body).toEqual(rebase({ ...project(3), owner: null }, s.served.url))
  })

  it('models.py Task.project CASCADE: deleting a project deletes its tasks, their jobs and its labels', async () => {
    expect(sb(await s.call('worker2', 'DELETE', '/api/projects/2'))).toEqual(FORBIDDEN) // an org worker who is not its owner
    expect((await s.call('user7', 'DELETE', '/api/projects/2')).status).toBe(204)
    expect([(await s.call('admin1', 'GET', '/api/tasks/11')).status, (await s.call('admin1', 'GET', '/api/jobs/16')).status, (await s.call('admin1', 'GET', '/api/labels/7')).status]).toEqual([404, 404, 404])
  })
})

describe('label types per generation (models.py LabelType; release 2.73.0 adds `interval`)', () => {
  it("'interval' is a 400 on 2.26 and a label type on 2.73", async () => {
    const { createCvatEmulator } = await import('../../../src/testing')
    const post = (version: '2.26' | '2.73') =>
      createCvatEmulator({ serverVersion: version }).fetch('http://x/api/projects', { method: 'POST', headers: { authorization: 'Token token-olga', 'content-type': 'application/json' }, body: JSON.stringify({ name: 'p', labels: [{ name: 'speech', type: 'interval' }] }) })
    const old = await post('2.26')
    expect([old.status, await old.json()]).toEqual([400, { labels: [{ type: ['"interval" is not a valid choice.'] }] }])
    expect((await post('2.73')).status).toBe(201)
  })
})
