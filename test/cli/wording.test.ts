// Dry runs and results say who is affected, in words a person checks before saying yes, with the
// request beside them (issue 20); invitations are never named by their 64-character key alone,
// tables fit 100 columns, JSON outcomes carry the user and the role, throttled rows that were never
// sent are not counted as failed, and cleanup can take the pending membership with the invitation.
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../e2e/helpers'
import { binIsBuilt, cli } from './run'

beforeAll(binIsBuilt)

const DAY = 86_400_000
const now = Date.now()
const LONG = `${'k'.repeat(60)}long`

describe('members: who changes, from what to what', () => {
  const live = useEmulator()
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const idOf = (username: string) => {
    const { users, organizations, memberships } = live.emulator.state
    const user = users.find((u) => u.username === username)!
    return memberships.find((m) => m.userId === user.id && m.orgId === organizations.find((o) => o.slug === 'acme')!.id)!.id
  }

  it('a dry run names the member, the change and the organisation, then the request', async () => {
    const [wes, sam] = [idOf('wes'), idOf('sam')]
    expect(await cli(['members', 'set-role', '--org', 'acme', 'wes', 'supervisor', '--dry-run'], env())).toEqual({
      code: 0,
      stdout: `would change wes (worker → supervisor) in acme: PATCH /api/memberships/${wes} {"role":"supervisor"}\n`,
      stderr: '',
    })
    expect(await cli(['members', 'remove', '--org', 'acme', 'sam', '--dry-run'], env())).toEqual({ code: 0, stdout: `would remove sam from acme: DELETE /api/memberships/${sam}\n`, stderr: '' })
    const json = JSON.parse((await cli(['members', 'set-role', '--org', 'acme', 'wes', 'supervisor', '--dry-run', '--json'], env())).stdout) as Record<string, unknown>
    expect({ user: json['user'], role: json['role'], newRole: json['newRole'], org: json['org'] }).toEqual({ user: 'wes', role: 'worker', newRole: 'supervisor', org: 'acme' })
    expect(live.emulator.log.filter((r) => r.method !== 'GET')).toEqual([])
  })

  it('the result says the same in the past tense', async () => {
    expect(await cli(['members', 'set-role', '--org', 'acme', 'wes', 'supervisor'], env())).toEqual({ code: 0, stdout: 'changed wes (worker → supervisor) in acme\n', stderr: '' })
    expect(await cli(['members', 'remove', '--org', 'acme', 'sam'], env())).toEqual({ code: 0, stdout: 'removed sam from acme\n', stderr: '' })
  })
})

describe('invitations: whose invitation, as what, in which state', () => {
  const live = useEmulator({
    resendLimit: 2,
    invitations: [
      { org: 'acme', owner: 'olga', invitee: 'old@example.com', role: 'worker', key: 'old', createdDate: now - 40 * DAY },
      { org: 'acme', owner: 'olga', invitee: 'mid@example.com', role: 'worker', key: 'mid', createdDate: now - 10 * DAY, sentDate: now - DAY },
      { org: 'acme', owner: 'olga', invitee: 'new@example.com', role: 'supervisor', key: LONG, createdDate: now - DAY },
    ],
  })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const writes = () => live.emulator.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname} ${r.status}`)

  it('invite --dry-run: the person, the role and the organisation, then the request', async () => {
    const r = await cli(['invitations', 'invite', '--org', 'acme', '--role', 'worker', 'ann@example.com', '--dry-run'], env())
    expect(r.stdout).toBe(
      'would invite ann@example.com as worker to acme: POST /api/invitations?org=acme {"role":"worker","email":"ann@example.com"}\n1 would be sent (dry run, nothing sent), 0 skipped, 0 failed, of 1\n',
    )
  })

  it('the list names no invitation by its full key, and fits 100 columns', async () => {
    const r = await cli(['invitations', 'list', '--org', 'acme'], env())
    const lines = r.stdout.split('\n')
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100)
    expect(r.stdout).not.toContain(LONG)
    expect(lines.find((l) => l.includes('new@example.com'))).toMatch(/^kkkkkkkk… +new@example\.com +supervisor +olga +\d{4}-\d\d-\d\d +pending$/)
  })

  it('cleanup --dry-run names each invitation by its person, role and state', async () => {
    const r = await cli(['invitations', 'cleanup', '--org', 'acme', '--older-than', '30d', '--dry-run'], env())
    expect(r.stdout).toBe('would delete the invitation of old@example.com (worker, expired) in acme: DELETE /api/invitations/old?org=acme\n1 would be sent (dry run, nothing sent), 0 skipped, 0 failed, of 1\n')
  })

  it('resend: results name the person; throttled rows never sent are "not sent", not "failed", in text and JSON', async () => {
    const r = await cli(['invitations', 'resend', '--org', 'acme', '--pending', '--concurrency', '1', '--json'], env())
    const doc = JSON.parse(r.stdout) as { summary: Record<string, number>; outcomes: Array<Record<string, unknown>> }
    expect(r.code).toBe(1)
    expect(doc.summary).toEqual({ total: 4, resent: 2, wouldSend: 0, skipped: 0, failed: 1, notSent: 1 })
    expect(doc.outcomes.map((o) => [o['outcome'], o['user'], o['role'], o['status']])).toEqual([
      ['Done', 'ivy', 'worker', 'pending'],
      ['Done', 'new@example.com', 'supervisor', 'pending'],
      ['Failed', 'mid@example.com', 'worker', 'pending'],
      ['NotSent', 'old@example.com', 'worker', 'expired'],
    ])
    const text = await cli(['invitations', 'resend', '--org', 'acme', '--pending', '--concurrency', '1'], env())
    const lines = text.stdout.split('\n')
    expect(lines.at(-2)).toBe('0 resent, 0 skipped, 1 failed, 3 not sent (throttled), of 4')
    expect(lines[1]).toMatch(/^not sent the invitation of (ivy|old@example\.com|mid@example\.com|new@example\.com) \((worker|supervisor), (pending|expired)\): throttled by the server, retry in \d+ s$/)
  })

  it('cleanup --remove-membership takes the pending membership too, so the person can be invited again', async () => {
    const dry = await cli(['invitations', 'cleanup', '--org', 'acme', '--older-than', '30d', '--remove-membership', '--dry-run'], env())
    const old = live.emulator.state.memberships.find((m) => live.emulator.state.invitations.find((i) => i.key === 'old')?.membershipId === m.id)!.id
    expect(dry.stdout).toBe(
      `would delete the invitation of old@example.com (worker, expired) in acme with its pending membership: DELETE /api/memberships/${old}\n1 would be sent (dry run, nothing sent), 0 skipped, 0 failed, of 1\n`,
    )
    const before = writes().length
    const done = await cli(['invitations', 'cleanup', '--org', 'acme', '--older-than', '30d', '--remove-membership'], env())
    expect([done.code, done.stdout]).toEqual([0, 'deleted  the invitation of old@example.com (worker, expired) with its pending membership\n1 deleted, 0 skipped, 0 failed, of 1\n'])
    expect(writes().slice(before)).toEqual([`DELETE /api/memberships/${old} 204`])
    const again = await cli(['invitations', 'invite', '--org', 'acme', '--role', 'worker', 'old@example.com'], env())
    expect(again.code).toBe(0)
  })

  it('cleanup --help says what deleting an invitation leaves behind, and the flag that removes it', async () => {
    const help = (await cli(['invitations', 'cleanup', '--help'])).stdout
    expect(help).toContain('--remove-membership')
    expect(help).toMatch(/pending membership/)
  })
})
