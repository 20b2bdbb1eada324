// Task and job annotations: the cases of tests/python/rest_api/test_tasks.py (TestPatchTaskAnnotations,
// cae4e8f7) and the rules of views.py `annotations` actions, serializers.py LabeledDataSerializer and
// dataset_manager/task.py (JobAnnotation, TaskAnnotation) and annotation.py (slice, merge).
import { describe, expect, it } from 'vitest'
import { hasShared, readSharedJson, skipReason } from '../../helpers/shared'
import { FORBIDDEN, sb } from '../helpers'
import { createCvatEmulator } from '../../../src/testing'
import { type Obj, cvatAssets, serveFixtures } from './fixtures'

const saved = (): { job: Record<string, Obj>; task: Record<string, Obj> } => (hasShared ? readSharedJson('assets/annotations.json') : { job: {}, task: {} })
// test_tasks.py request_data: the task's own annotations, first shape moved, version + 1.
const moved = (tid: number): Obj => {
  const d = saved().task[String(tid)]!
  const first = d['shapes'][0]
  if (first['type'] === 'skeleton') first['elements'][0]['points'] = [2, 3, 4, 5]
  else first['points'] = [2, 3, 4, 5, 6, 7]
  return { ...d, version: d['version'] + 1 }
}
const byId = (xs: Obj[]) => [...xs].sort((a, b) => a['id'] - b['id'])
const box = (frame: number, extra: Obj = {}) => ({ type: 'rectangle', frame, label_id: 13, points: [1, 2, 3, 4], ...extra })

describe.skipIf(!hasShared)(`PATCH /api/tasks/{id}/annotations (test_tasks.py:486 TestPatchTaskAnnotations) ${skipReason}`, () => {
  const s = serveFixtures()
  const update = (who: string, tid: number, body: Obj) => s.call(who, 'PATCH', `/api/tasks/${tid}/annotations?action=update`, body)

  it('test_tasks.py:519 in the sandbox admins and task staff (user or worker group) update; others get 403; the answer is the data sent', async () => {
    const body = moved(8)
    const a = await update('worker4', 8, body) // the task's assignee
    expect([a.status, byId((a.body as Obj)['shapes'])]).toEqual([200, byId(body['shapes'])])
    expect((await update('admin2', 8, moved(8))).status).toBe(200)
    expect((await update('user1', 5, moved(5))).status).toBe(200)
    expect(sb(await update('worker1', 8, moved(8)))).toEqual(FORBIDDEN)
    expect(sb(await update('user2', 8, moved(8)))).toEqual(FORBIDDEN)
  })

  it('test_tasks.py:562 in org2 maintainers and owners update any task, staff supervisors and workers theirs, others 403', async () => {
    expect([(await update('user4', 7, moved(7))).status, (await update('user7', 7, moved(7))).status, (await update('worker2', 7, moved(7))).status, (await update('user2', 17, moved(17))).status]).toEqual([200, 200, 200, 200])
    expect([(await update('user3', 7, moved(7))).status, (await update('worker3', 7, moved(7))).status]).toEqual([403, 403])
  })

  it('test_tasks.py:594 a honeypot task refuses updates on validation frames; :617 updates elsewhere pass', async () => {
    expect(sb(await update('admin1', 29, moved(29)))).toEqual({ status: 400, body: ['Annotations on validation frames can only be edited via task import or the GT job'] })
    const body = moved(29)
    body['shapes'] = body['shapes'].filter((x: Obj) => x['frame'] < 23)
    const a = await update('admin1', 29, body)
    expect([a.status, byId((a.body as Obj)['shapes'])]).toEqual([200, byId(body['shapes'])])
    expect(sb(await s.call('admin1', 'PATCH', '/api/tasks/29/annotations?action=create', { tracks: [{ frame: 0, label_id: 77, shapes: [box(0)] }] }))).toEqual({ status: 400, body: ['Tracks are not supported when task validation mode is gt_pool'] })
  })

  it('test_tasks.py:645 a track whose first keyframe is removed by `update` is still accepted', async () => {
    const shapes0 = [box(1), box(4, { points: [5, 6, 7, 8] })].map(({ label_id: _l, ...x }) => x)
    const created = await s.call('admin1', 'PATCH', '/api/tasks/8/annotations?action=create', { tracks: [{ label_id: 13, frame: 0, shapes: shapes0 }] })
    expect(created.status).toBe(200)
    // AnnotationIR._slice_track: the sliced track starts at its first keyframe (frame 1), not at 0.
    const track = (created.body as Obj)['tracks'][0] as Obj
    expect([track['frame'], (track['shapes'] as Obj[]).map((x) => [x['frame'], x['outside']])]).toEqual([1, [[1, false], [4, false]]])
    expect((await s.call('admin1', 'PATCH', '/api/tasks/8/annotations?action=update', { tracks: [{ label_id: 13, frame: 0, shapes: shapes0.slice(1) }] })).status).toBe(200)
  })

  it('test_tasks.py:661 a skeleton track over two jobs is split per job, its points interpolated at the cut', async () => {
    expect((await s.call('admin1', 'DELETE', '/api/tasks/21/annotations')).status).toBe(204)
    const track = { frame: 0, label_id: 58, shapes: [{ type: 'skeleton', frame: 0, points: [] }], elements: [{ label_id: 59, frame: 0, shapes: [{ type: 'points', frame: 0, points: [1, 2] }, { type: 'points', frame: 7, points: [2, 4] }] }] }
    expect((await s.call('admin1', 'PATCH', '/api/tasks/21/annotations?action=create', { tracks: [track] })).status).toBe(200)
    const interpolate = (f: number) => [1 + f / 7, 2 + (2 * f) / 7]
    for (const [job, range] of [[25, [0, 5]], [26, [6, 9]]] as const) {
      const [t] = ((await s.call('admin1', 'GET', `/api/jobs/${job}/annotations`)).body as Obj)['tracks'] as Obj[]
      const element = t!['elements'][0] as Obj
      expect([job, element['shapes'].length, element['shapes'].every((x: Obj) => x['frame'] >= range[0] && x['frame'] <= range[1])]).toEqual([job, 2, true])
      for (const x of element['shapes'] as Obj[]) expect(x['points'].map((v: number) => Math.round(v * 100) / 100)).toEqual(interpolate(x['frame']).map((v) => Math.round(v * 100) / 100))
    }
  })
})

describe.skipIf(!hasShared)(`annotations: PUT, PATCH, DELETE and validation (views.py annotations, serializers.py LabeledDataSerializer) ${skipReason}`, () => {
  const s = serveFixtures()

  it('PUT replaces a job\'s annotations, gives out new ids and answers version 0; GET then serves the same', async () => {
    const put = await s.call('admin1', 'PUT', '/api/jobs/10/annotations', { version: 7, shapes: [box(0)], tags: [{ frame: 1, label_id: 14 }] })
    const body = put.body as Obj
    expect(body['version']).toBe(0)
    expect(body['shapes']).toEqual([{ id: 201, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 2, 3, 4], frame: 0, label_id: 13, group: null, source: 'manual', attributes: [], elements: [] }])
    expect((await s.call('admin1', 'GET', '/api/jobs/10/annotations')).body).toEqual(body)
  })

  it('PATCH create adds, update replaces by id, delete removes by id', async () => {
    const created = (await s.call('admin1', 'PATCH', '/api/jobs/10/annotations?action=create', { shapes: [box(2)] })).body as Obj
    const id = created['shapes'][0]['id']
    await s.call('admin1', 'PATCH', '/api/jobs/10/annotations?action=update', { shapes: [{ ...created['shapes'][0], points: [9, 9, 9, 9] }] })
    expect((((await s.call('admin1', 'GET', '/api/jobs/10/annotations')).body as Obj)['shapes'] as Obj[]).find((x) => x['id'] === id)?.['points']).toEqual([9, 9, 9, 9])
    await s.call('admin1', 'PATCH', '/api/jobs/10/annotations?action=delete', { shapes: [{ ...created['shapes'][0] }] })
    expect((((await s.call('admin1', 'GET', '/api/jobs/10/annotations')).body as Obj)['shapes'] as Obj[]).map((x) => x['id'])).not.toContain(id)
  })

  it('an id taken by another job is PostgreSQL\'s duplicate-key text in a 400 (views.py: IntegrityError)', async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/jobs/10/annotations?action=create', { shapes: [box(0, { id: 1 })] }))).toEqual({ status: 400, body: 'duplicate key value violates unique constraint "engine_labeledshape_pkey"\nDETAIL:  Key (id)=(1) already exists.\n' })
  })

  it("labels and attributes are checked against the task's labels (JobAnnotation._validate_label_for_existence)", async () => {
    expect(sb(await s.call('admin1', 'PUT', '/api/jobs/10/annotations', { shapes: [box(0, { label_id: 3 })] }))).toEqual({ status: 400, body: ['label_id `3` is invalid'] })
    expect(sb(await s.call('admin1', 'PUT', '/api/jobs/24/annotations', { shapes: [box(0, { label_id: 53, attributes: [{ spec_id: 10, value: 'x' }] })] }))).toEqual({ status: 400, body: ['spec_id `10` is invalid'] })
  })

  it('LabeledDataSerializer field errors come back per object and field', async () => {
    const answer = async (body: unknown) => sb(await s.call('admin1', 'PUT', '/api/jobs/10/annotations', body))
    expect(await answer({ shapes: [{ frame: 0 }] })).toEqual({ status: 400, body: { shapes: [{ type: ['This field is required.'], label_id: ['This field is required.'] }] } })
    expect(await answer({ shapes: [box(0, { type: 'circle', points: [1, 'a', true] })] })).toEqual({ status: 400, body: { shapes: [{ type: ['"circle" is not a valid choice.'], points: { 1: ['Value must be a float or an integer'], 2: ['Value must be a float or an integer'] } }] } })
    expect(await answer({ tags: [{ frame: -1, label_id: 13 }], tracks: 'x' })).toEqual({ status: 400, body: { tags: [{ frame: ['Ensure this value is greater than or equal to 0.'] }], tracks: { non_field_errors: ['Expected a list of items but got type "str".'] } } })
    expect(await answer([1])).toEqual({ status: 400, body: { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] } })
  })

  it('JobAnnotation._correct_frame_of_tracked_shapes: a track starting before its first keyframe gets an outside copy of it there', async () => {
    const a = await s.call('admin1', 'PATCH', '/api/jobs/10/annotations?action=create', { tracks: [{ label_id: 13, frame: 0, shapes: [{ type: 'rectangle', frame: 2, points: [1, 2, 3, 4] }] }] })
    const track = (a.body as Obj)['tracks'][0] as Obj
    expect([track['frame'], (track['shapes'] as Obj[]).map((x) => [x['frame'], x['outside'], x['points']])]).toEqual([0, [[2, false, [1, 2, 3, 4]], [0, true, [1, 2, 3, 4]]]])
  })

  it('PATCH needs a valid `action`; a task without data is a 400 (views.py TaskViewSet.annotations)', async () => {
    expect(sb(await s.call('admin1', 'PATCH', '/api/jobs/10/annotations', { shapes: [] }))).toEqual({ status: 400, body: ["Please specify a correct 'action' for the request"] })
    expect(sb(await s.call('admin1', 'GET', '/api/tasks/12/annotations'))).toEqual({ status: 400, body: 'Exporting annotations from a task without data is not allowed' })
  })

  it("a task's annotations are its jobs' annotations merged; a task-level PUT is cut into the jobs by frame", async () => {
    const put = await s.call('admin1', 'PUT', '/api/tasks/9/annotations', { shapes: [box(1, { label_id: 5 }), box(7, { label_id: 5 }), box(18, { label_id: 6 })] })
    expect(put.status).toBe(200)
    const frames = async (job: number) => (((await s.call('admin1', 'GET', `/api/jobs/${job}/annotations`)).body as Obj)['shapes'] as Obj[]).map((x) => x['frame'])
    expect([await frames(11), await frames(12), await frames(13), await frames(14)]).toEqual([[1], [7], [], [18]])
    expect((((await s.call('admin1', 'GET', '/api/tasks/9/annotations')).body as Obj)['shapes'] as Obj[]).map((x) => x['frame'])).toEqual([1, 7, 18])
  })

  it('DELETE clears every job of the task; GET on a job of another user is 403, an unknown job 404', async () => {
    expect((await s.call('admin1', 'DELETE', '/api/tasks/9/annotations')).status).toBe(204)
    expect((await s.call('admin1', 'GET', '/api/tasks/9/annotations')).body).toEqual({ version: 0, tags: [], shapes: [], tracks: [] })
    expect(sb(await s.call('user1', 'GET', '/api/jobs/11/annotations'))).toEqual(FORBIDDEN)
    expect((await s.call('admin1', 'GET', '/api/jobs/999/annotations')).status).toBe(404)
  })

  it('2.73 adds `intervals` to LabeledData (always empty here: interval annotations are for audio tasks)', async () => {
    const s73 = createCvatEmulator({ serverVersion: '2.73', defaultSeed: false, assets: cvatAssets() })
    const res = await s73.fetch('http://x/api/jobs/7/annotations', { headers: { authorization: 'Token token-admin1' } })
    expect(Object.keys((await res.json()) as Obj)).toEqual(['version', 'tags', 'shapes', 'tracks', 'intervals'])
  })
})
