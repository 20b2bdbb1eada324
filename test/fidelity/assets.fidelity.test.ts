// Seeding from CVAT's own fixtures (tests/python/shared/assets/*.json at cae4e8f7): the emulator,
// seeded with the `results` arrays as they are, answers the very lists those files were dumped
// from (tests/python/shared/utils/dump_objects.py: GET /api/<name>?page_size=all as admin1).
import { describe, expect, it } from 'vitest'
import type { CvatAssets } from '../../src/testing'
import { hasShared, readSharedJson, skipReason } from '../helpers/shared'
import { serve } from './helpers'

const load = (name: string) => (hasShared ? readSharedJson<{ results: never[] }>(`assets/${name}.json`).results : [])
const assets: CvatAssets = hasShared ? { users: load('users'), organizations: load('organizations'), memberships: load('memberships'), invitations: load('invitations') } : {}

// The fixtures were dumped from http://localhost:8080; ours is served on 127.0.0.1:<port>.
const rebase = (v: unknown, origin: string): unknown => JSON.parse(JSON.stringify(v).replaceAll('http://localhost:8080', origin))

describe.skipIf(!hasShared)(`CVAT's fixtures as seed ${skipReason}`, () => {
  const s = serve({ serverVersion: '2.26', defaultSeed: false, assets, now: () => Date.parse('2025-02-04T00:00:00Z') })

  it('keeps ids and reports nothing it could not apply', () => {
    expect(s.emulator.problems).toEqual([])
    expect(s.emulator.state.users.map((u) => u.id)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1))
  })

  it.each(['users', 'organizations', 'memberships', 'invitations'])('GET /api/%s?page_size=all as admin1 answers the fixture', async (name) => {
    const a = await s.call('admin1', 'GET', `/api/${name}?page_size=all`)
    const fixture = readSharedJson<{ count: number; results: unknown[] }>(`assets/${name}.json`)
    expect(a.body).toEqual(rebase({ count: fixture.count, next: null, previous: null, results: fixture.results }, s.served.url))
  })

  // After the comparison: logging in sets last_login.
  it('every fixture user logs in with the default password !Q@W#E$R', async () => {
    expect((await s.call(null, 'POST', '/api/auth/login', { username: 'user7', password: '!Q@W#E$R' })).status).toBe(200)
    expect(s.emulator.credentials('admin1').password).toBe('!Q@W#E$R')
  })

  it('groups decide: worker1 (group worker) may not create an organisation; user1 (group user) may', async () => {
    expect((await s.call('worker1', 'POST', '/api/organizations', { slug: 'w1' })).status).toBe(403)
    expect((await s.call('user1', 'POST', '/api/organizations', { slug: 'u1' })).status).toBe(201)
  })
})
