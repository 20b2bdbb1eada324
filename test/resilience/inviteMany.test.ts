// inviteMany over real sockets: 200 addresses with duplicates and members, counted server-side.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { createClient, inviteMany } from '../../src/index'
import { useEmulator } from '../e2e/helpers'

describe('inviteMany', () => {
  const live = useEmulator()

  it('invites each distinct address once; members and bad addresses fail alone', async () => {
    const fresh = Array.from({ length: 180 }, (_, i) => ({ email: `person${i}@example.com`, role: 'worker' as const }))
    const duplicates = fresh.slice(0, 14).map((p) => ({ ...p, email: p.email.toUpperCase() }))
    const members = ['wes@acme.test', 'MIA@acme.test', 'sam@acme.test'].map((email) => ({ email, role: 'worker' as const }))
    const bad = [{ email: 'not-an-email', role: 'worker' as const }, { email: 'boss@example.com', role: 'owner' as const }]
    const input = [...fresh, ...duplicates, ...members, ...bad, { email: 'person0@example.com', role: 'supervisor' as const }]
    expect(input.length).toBe(200)
    const emulator = live.emulator
    const before = emulator.log.length

    const client = live.as('olga')
    const outcomes = await inviteMany(client, { org: 'acme', invitations: input, concurrency: 8 })()

    expect(outcomes.map((o) => o.email)).toEqual([...fresh.map((p) => p.email), ...members.map((m) => m.email), ...bad.map((b) => b.email)])
    expect(outcomes.slice(0, 180).every((o) => E.isRight(o.result) && o.result.right.user.username === o.email)).toBe(true)
    expect(outcomes.slice(180).map((o) => (E.isLeft(o.result) && o.result.left._tag === 'StatusError' ? o.result.left.status : 'ok'))).toEqual([400, 400, 400, 400, 403])
    // Counted on the server: one request per distinct address, one invitation per new address.
    expect(emulator.log.length - before).toBe(185)
    const perEmail = new Map<string, number>()
    for (const inv of emulator.state.invitations) {
      const m = emulator.state.memberships.find((x) => x.id === inv.membershipId)!
      const u = emulator.state.users.find((x) => x.id === m.userId)!
      perEmail.set(u.email.toLowerCase(), (perEmail.get(u.email.toLowerCase()) ?? 0) + 1)
    }
    expect(fresh.every((p) => perEmail.get(p.email) === 1)).toBe(true)
  }, 60_000)

  it('a transport failure for every address still yields one result each, never a rejection', async () => {
    const outcomes = await inviteMany(createClient({ baseUrl: 'http://127.0.0.1:9' }), {
      org: 'acme',
      invitations: [{ email: 'a@example.com', role: 'worker' }, { email: 'b@example.com', role: 'worker' }],
    })()
    expect(outcomes.map((o) => [o.email, E.isLeft(o.result) && o.result.left._tag])).toEqual([
      ['a@example.com', 'TransportError'],
      ['b@example.com', 'TransportError'],
    ])
  })
})
