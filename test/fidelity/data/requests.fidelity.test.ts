// /api/requests — RequestViewSet and RequestSerializer (2.26.2: engine/views.py lines 3573-3769,
// serializers.py 3471-3580; 2.73.0: redis_handler/views.py, serializers.py, permissions.py),
// request ids (2.26: rq_job_handler.py RQId.render; 2.73: redis_handler/rq.py RequestId.render),
// tests/python/rest_api/test_requests.py.
import { describe, expect, it } from 'vitest'
import { png } from '../../emulator/data/images'
import { form, makeTask, poll, site, sj } from './helpers'

const start = async (s: ReturnType<typeof site>, as = 'olga', query = '') => {
  const id = await makeTask(s, as, {}, query)
  const r = await s.call(as, 'POST', `/api/tasks/${id}/data/${query}`, { body: form([{ name: 'a.png', bytes: png(3, 3) }], { image_quality: '60' }) })
  return { task: id, rq: (r.json as { rq_id: string }).rq_id }
}

describe.each(['2.26', '2.73'] as const)('requests, %s', (v) => {
  const s = site({ serverVersion: v, requestPolls: 3 })

  it('a request is seen queued, then started with progress k/n and the job\'s status line, then finished (requestPolls: 3)', async () => {
    const { task, rq } = await start(s)
    const seen = await poll(s, 'olga', rq)
    expect(seen.map((r) => [r['status'], r['progress'], r['message']])).toEqual([
      ['queued', 0, ''],
      ['started', 1 / 3, 'Media files are being extracted...'],
      ['started', 2 / 3, 'Media files are being extracted...'],
      ['finished', 1, ''],
    ])
    const last = seen[3] as Record<string, unknown>
    expect({ ...last, created_date: 'c', started_date: 's', finished_date: 'f', expiry_date: 'e' }).toEqual({
      status: 'finished',
      message: '',
      id: rq,
      operation: v === '2.73' ? { type: 'create:task', target: 'task', project_id: null, task_id: task, job_id: null, org_id: null, format: null, lightweight: null } : { type: 'create:task', target: 'task', project_id: null, task_id: task, job_id: null, format: null, function_id: null },
      progress: 1,
      created_date: 'c',
      started_date: 's',
      finished_date: 'f',
      expiry_date: 'e',
      owner: { id: 2, username: 'olga' },
    })
    // test_requests.py test_owner_can_retrieve_request: created < started < finished < expiry.
    const [c, st, f, e] = ['created_date', 'started_date', 'finished_date', 'expiry_date'].map((k) => Date.parse(String(last[k])))
    expect(c! < st! && st! < f! && f! < e!).toBe(true)
    expect(e! - f!).toBe(500_000) // RQ's default result TTL for a creation job
  })

  it('the list holds only the caller\'s requests, newest first, with simple filters (status, action, task_id …)', async () => {
    const a = await start(s, 'olga')
    const b = await start(s, 'oscar')
    const mine = (await s.call('olga', 'GET', '/api/requests?page_size=all')).json as { results: Array<{ id: string }> }
    expect(mine.results.some((r) => r.id === a.rq)).toBe(true)
    expect(mine.results.some((r) => r.id === b.rq)).toBe(false)
    const byTask = (await s.call('olga', 'GET', `/api/requests?action=create&task_id=${a.task}`)).json as { count: number; results: Array<{ id: string }> }
    expect([byTask.count, byTask.results[0]?.id]).toEqual([1, a.rq])
  })

  it('retrieve: an unknown id is Django\'s plain 404 "There is no request with specified id"; another user\'s export is 403', async () => {
    const r = await s.call('olga', 'GET', '/api/requests/nope')
    expect([r.status, r.headers.get('content-type'), r.text]).toEqual([404, 'text/html; charset=utf-8', 'There is no request with specified id'])
    const { task } = await start(s)
    const ex = await s.call('olga', 'POST', `/api/tasks/${task}/dataset/export?format=COCO%201.0`)
    const rq = (ex.json as { rq_id: string }).rq_id
    expect(rq).toBe(v === '2.73' ? `action=export&target=task&target_id=${task}&user_id=2&format=COCO_1~0&subresource=annotations` : `export:task-${task}-annotations-in-COCO_1@0-format-by-2`)
    expect(sj(await s.call('otto', 'GET', `/api/requests/${encodeURIComponent(rq)}`))).toEqual({ status: 403, body: { detail: v === '2.73' ? 'You do not have permission to perform this action.' : "You don't have permission to perform this action" } })
  })

  it('cancel: a queued request goes (200, then 404); a started one is refused with the generation\'s text', async () => {
    const { rq } = await start(s)
    expect((await s.call('olga', 'POST', `/api/requests/${encodeURIComponent(rq)}/cancel`)).status).toBe(200)
    expect((await s.call('olga', 'GET', `/api/requests/${encodeURIComponent(rq)}`)).status).toBe(404)
    const other = await start(s)
    await s.call('olga', 'GET', `/api/requests/${encodeURIComponent(other.rq)}`) // now started
    const refused = await s.call('olga', 'POST', `/api/requests/${encodeURIComponent(other.rq)}/cancel`)
    expect([refused.status, refused.text]).toEqual([400, v === '2.73' ? 'Cancellation of started requests is supported only for export requests executed by production workers' : 'Only requests that have not yet been started can be cancelled'])
  })
})

describe('2.73 specifics', () => {
  const s = site({ serverVersion: '2.73', requestPolls: 1 })

  it('a creation request is visible to whoever may view its task (RequestPermission: TaskPermission view)', async () => {
    const { rq } = await start(s, 'olga', '?org=acme')
    expect((await s.call('mia', 'GET', `/api/requests/${encodeURIComponent(rq)}`)).status).toBe(200)
    expect((await s.call('otto', 'GET', `/api/requests/${encodeURIComponent(rq)}`)).status).toBe(403)
  })

  it('legacy (2.26-style) ids and reordered key=value ids find the same request (test_can_retrieve_task_creation_requests_using_legacy_ids)', async () => {
    const { task, rq } = await start(s)
    for (const id of [`create:task-${task}`, `target_id=${task}&target=task&action=create`]) expect(((await s.call('olga', 'GET', `/api/requests/${encodeURIComponent(id)}`)).json as { id: string }).id).toBe(rq)
  })

  it('cancelling a started export is allowed; a finished request cannot be cancelled', async () => {
    const { task, rq } = await start(s)
    await poll(s, 'olga', rq)
    const ex = ((await s.call('olga', 'POST', `/api/tasks/${task}/dataset/export?format=COCO%201.0`)).json as { rq_id: string }).rq_id
    const done = await s.call('olga', 'POST', `/api/requests/${encodeURIComponent(rq)}/cancel`)
    expect([done.status, done.text]).toEqual([400, "Requests with status 'finished' cannot be cancelled"])
    await s.call('olga', 'GET', `/api/requests/${encodeURIComponent(ex)}`) // queued → ended (polls: 1)
    expect((await s.call('olga', 'POST', `/api/requests/${encodeURIComponent(ex)}/cancel`)).status).toBe(400)
  })
})

describe('requestPolls: 0 ends a request when it is created', () => {
  const s = site({ requestPolls: 0 })

  it('the task has its frames as soon as the upload is answered', async () => {
    const { task, rq } = await start(s)
    expect(((await s.call('olga', 'GET', `/api/tasks/${task}`)).json as { size: number }).size).toBe(1)
    expect(((await s.call('olga', 'GET', `/api/requests/${encodeURIComponent(rq)}`)).json as { status: string }).status).toBe('finished')
  })
})

describe('deprecated GET /api/tasks/{id}/status (views.py TaskViewSet.status, RqStatusSerializer)', () => {
  const s = site({ serverVersion: '2.26' })

  it('answers Queued, Started, Finished with a Deprecation header', async () => {
    const { task } = await start(s)
    const states: unknown[] = []
    for (let i = 0; i < 3; i++) {
      const r = await s.call('olga', 'GET', `/api/tasks/${task}/status`)
      expect(r.headers.get('deprecation')).toBe('true')
      states.push(r.json)
    }
    expect(states).toEqual([{ state: 'Queued', message: '', progress: 0 }, { state: 'Started', message: 'Media files are being extracted...', progress: 0.5 }, { state: 'Finished', message: '', progress: 0 }])
  })
})
