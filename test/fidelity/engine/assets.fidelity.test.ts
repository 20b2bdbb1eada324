// The engine seeded from CVAT's own fixtures (tests/python/shared/assets/*.json at cae4e8f7): a 2.26
// emulator answers the very lists those files were dumped from (tests/python/shared/utils/
// dump_objects.py: GET /api/<name>?page_size=all as admin1) and every job's and task's annotations.
import { describe, expect, it } from 'vitest'
import type { CvatAssets } from '../../../src/testing'
import { hasShared, readSharedJson, skipReason } from '../../helpers/shared'
import { serve } from '../helpers'

const NAMES = ['users', 'organizations', 'memberships', 'invitations', 'projects', 'tasks', 'jobs', 'labels', 'issues', 'comments'] as const
const load = (name: string) => (hasShared ? readSharedJson<{ results: never[] }>(`assets/${name}.json`).results : [])
const assets: CvatAssets = hasShared ? { ...Object.fromEntries(NAMES.map((n) => [n, load(n)])), annotations: readSharedJson('assets/annotations.json') } : {}

// The fixtures were dumped from http://localhost:8080; ours is served on 127.0.0.1:<port>.
const rebase = (v: unknown, origin: string): unknown => JSON.parse(JSON.stringify(v).replaceAll('http://localhost:8080', origin))

type Data = { version: number; tags: Array<{ id: number }>; shapes: Array<{ id: number }>; tracks: Array<{ id: number }> }
// A task's jobs come back from PostgreSQL in no particular order; compare a task's objects by id.
const byId = (d: Data): Data => ({ ...d, tags: [...d.tags].sort((a, b) => a.id - b.id), shapes: [...d.shapes].sort((a, b) => a.id - b.id), tracks: [...d.tracks].sort((a, b) => a.id - b.id) })

describe.skipIf(!hasShared)(`CVAT's engine fixtures as seed ${skipReason}`, () => {
  const s = serve({ serverVersion: '2.26', defaultSeed: false, assets, now: () => Date.parse('2025-02-04T00:00:00Z') })

  it('applies every row', () => {
    expect(s.emulator.problems).toEqual([])
  })

  it.each(['projects', 'tasks', 'jobs', 'labels', 'issues', 'comments'])('GET /api/%s?page_size=all as admin1 answers the fixture', async (name) => {
    const a = await s.call('admin1', 'GET', `/api/${name}?page_size=all`)
    const fixture = readSharedJson<{ count: number; results: unknown[] }>(`assets/${name}.json`)
    expect(a.body).toEqual(rebase({ count: fixture.count, next: null, previous: null, results: fixture.results }, s.served.url))
  })

  it('GET /api/jobs/{id}/annotations answers the fixture for every job', async () => {
    const fixture = readSharedJson<{ job: Record<string, unknown> }>('assets/annotations.json')
    for (const [id, data] of Object.entries(fixture.job)) expect([id, (await s.call('admin1', 'GET', `/api/jobs/${id}/annotations`)).body]).toEqual([id, data])
  })

  it('GET /api/tasks/{id}/annotations answers the fixture for every task (objects compared by id)', async () => {
    const fixture = readSharedJson<{ task: Record<string, Data> }>('assets/annotations.json')
    for (const [id, data] of Object.entries(fixture.task)) expect([id, byId((await s.call('admin1', 'GET', `/api/tasks/${id}/annotations`)).body as Data)]).toEqual([id, byId(data)])
  })
})
