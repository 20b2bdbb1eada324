// inviteMany over real sockets: 200 rows with duplicates and members, counted server-side.
import { describe, expect, it } from 'vitest'
import { createClient, inviteMany } from '../../src/index'
import { useEmulator } from '../e2e/helpers'

describe('inviteMany', () => {
  const live = useEmulator()

  it('invites each distinct address once, reports every row; members and bad addresses fail alone', async () => {
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

    // One outcome per row, in order: repeats are Skipped duplicates pointing at their first row.
    expect(outcomes.map((o) => o.row)).toEqual(input.map((_, i) => i))
    expect(outcomes.slice(0, 180).every((o) => o._tag === 'Done' && o.value.user.username === o.input.email)).toBe(true)
    expect(outcomes.slice(180).map((o) => (o._tag === 'Failed' && o.error._tag === 'StatusError' ? o.error.status : o._tag === 'Skipped' ? `dup of ${o.firstRow}` : o._tag))).toEqual([
      ...duplicates.map((_, i) => `dup of ${i}`),
      400, 400, 400, 400, 403,
      'dup of 0',
    ])
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
    expect(outcomes.map((o) => [o.input.email, o._tag === 'Failed' && o.error._tag])).toEqual([
      ['a@example.com', 'TransportError'],
      ['b@example.com', 'TransportError'],
    ])
  })
})
