// `cvat-fp login`, `orgs list` and `members list|set-role|remove`, spawned, against the
// emulator over HTTP, whose request log proves the dry runs.
import { existsSync } from 'node:fs'
import { execFile } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../e2e/helpers'
import { BIN, binIsBuilt, cli } from './run'

beforeAll(binIsBuilt)

describe('cvat-fp login', () => {
  const live = useEmulator()
  const logins = () => live.emulator.log.filter((r) => r.url.includes('/api/auth/login')).map((r) => `${r.method} ${r.status}`)

  it('prints only the token; --username wins over CVAT_USERNAME; an e-mail logs in too', async () => {
    const env = { CVAT_URL: live.served.url, CVAT_USERNAME: 'olga', CVAT_PASSWORD: 'olga-password' }
    expect(await cli(['login'], env)).toEqual({ code: 0, stdout: 'token-olga\n', stderr: '' })
    expect(await cli(['login', '--username', 'mia', '--json'], { ...env, CVAT_PASSWORD: 'mia-password' })).toEqual({ code: 0, stdout: '{"token":"token-mia"}\n', stderr: '' })
    expect(await cli(['login', '--username', 'sam@acme.test'], { ...env, CVAT_PASSWORD: 'sam-password' })).toEqual({ code: 0, stdout: 'token-sam\n', stderr: '' })
    expect(logins()).toEqual(['POST 200', 'POST 200', 'POST 200'])
  })

  it('without a password and without a terminal: exit 2, nothing asked, nothing sent; a wrong one: exit 1, never echoed', async () => {
    const before = logins().length
    const none = await cli(['login', '--username', 'olga'], { CVAT_URL: live.served.url })
    expect([none.code, none.stdout, none.stderr.split('\n')[0]]).toEqual([2, '', 'cvat-fp: no password: set CVAT_PASSWORD, or run on a terminal to be asked (never a flag)'])
    expect(logins().length).toBe(before)
    const wrong = await cli(['login', '--username', 'olga'], { CVAT_URL: live.served.url, CVAT_PASSWORD: 'not-her-password' })
    expect(wrong).toEqual({ code: 1, stdout: '', stderr: `StatusError: POST ${live.served.url}/api/auth/login → 400 Bad Request: non_field_errors: Unable to log in with provided credentials.\n` })
    expect(await cli(['login', '--password', 'x'], { CVAT_URL: live.served.url })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^cvat-fp: unknown option --password: a password is never a flag \(flags show in ps\); set CVAT_PASSWORD/) })
  })

  it.skipIf(!existsSync('/usr/bin/script'))(`asks for the password on a terminal without echoing it (pty via script(1))${existsSync('/usr/bin/script') ? '' : ' (skipped: /usr/bin/script missing: apt-get install bsdutils)'}`, async () => {
    const screen = await new Promise<string>((done) => {
      const child = execFile('/usr/bin/script', ['-qec', `${process.execPath} ${BIN} login --username olga`, '/dev/null'], { env: { PATH: process.env['PATH'] ?? '', CVAT_URL: live.served.url }, timeout: 60_000 }, (_e, stdout) => done(stdout))
      // Typed once the prompt shows (and the terminal is in raw mode), however slow the machine.
      let seen = ''
      child.stdout?.on('data', (chunk: Buffer) => {
        if (seen.includes('Password for olga: ')) return
        seen += chunk.toString()
        if (seen.includes('Password for olga: ')) setTimeout(() => child.stdin?.write('olga-password\r'), 100)
      })
    })
    expect(screen).toContain('Password for olga: ')
    expect(screen).toContain('token-olga')
    expect(screen).not.toContain('olga-password')
  })

  it('a command with CVAT_USERNAME + CVAT_PASSWORD logs in first; its dry run sends HTTP Basic, never a login', async () => {
    const before = live.emulator.log.length
    const env = { CVAT_URL: live.served.url, CVAT_USERNAME: 'olga', CVAT_PASSWORD: 'olga-password' }
    expect((await cli(['invitations', 'list', '--org', 'acme', '--json'], env)).code).toBe(0)
    expect((await cli(['invitations', 'resend', '--org', 'acme', '--dry-run'], env)).code).toBe(0)
    expect(live.emulator.log.slice(before).map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname} ${r.status}`)).toEqual([
      'POST /api/auth/login 200',
      'GET /api/invitations 200',
      // resend without --pending lists the invitations, then the pending ones (to say each one's state).
      'GET /api/invitations 200',
      'GET /api/invitations 200',
    ])
  })
})

describe('cvat-fp orgs and members', () => {
  // 150 extra workers in acme: the member list spans two pages of 100.
  const crowd = Array.from({ length: 150 }, (_, i) => `w${String(i).padStart(3, '0')}`)
  const live = useEmulator({
    users: crowd.map((username) => ({ username, email: `${username}@lab.test` })),
    organizations: [{ slug: 'lab', owner: 'olga', members: crowd.map((username) => ({ username, role: 'worker' as const })) }],
  })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const writes = () => live.emulator.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname} ${r.status}`)
  const idOf = (username: string, org = 'acme') => {
    const { users, organizations, memberships } = live.emulator.state
    const user = users.find((u) => u.username === username)!
    const o = organizations.find((x) => x.slug === org)!
    return memberships.find((m) => m.userId === user.id && m.orgId === o.id)!.id
  }

  it('orgs list: a table or JSON', async () => {
    const r = await cli(['orgs', 'list'], env())
    expect([r.code, r.stderr, r.stdout.split('\n').map((l) => l.split(/\s{2,}/).slice(0, 3))]).toEqual([
      0,
      '',
      [['SLUG', 'NAME', 'OWNER'], ['lab', 'lab', 'olga'], ['acme', 'Acme Annotation', 'olga'], ['2 organisations'], ['']],
    ])
    const j = await cli(['orgs', 'list', '--json'], env())
    expect([j.code, (JSON.parse(j.stdout) as Array<{ slug: string }>).map((o) => o.slug)]).toEqual([0, ['lab', 'acme']])
  })

  it('members list: every page of the organisation, with role and state', async () => {
    const acme = await cli(['members', 'list', '--org', 'acme'], env())
    expect([acme.code, acme.stdout.split('\n').map((l) => l.split(/\s{2,}/).slice(0, 3))]).toEqual([
      0,
      [['USER', 'ROLE', 'STATE'], ['ivy', 'worker', 'pending'], ['wes', 'worker', 'active'], ['sam', 'supervisor', 'active'], ['mia', 'maintainer', 'active'], ['olga', 'owner', 'active'], ['5 members'], ['']],
    ])
    const lab = await cli(['members', 'list', '--org', 'lab', '--json'], env())
    expect((JSON.parse(lab.stdout) as Array<{ user: { username: string } }>).map((m) => m.user.username).sort()).toEqual([...crowd, 'olga'].sort())
    expect(live.emulator.log.filter((r) => r.url.includes('org=lab')).map((r) => new URL(r.url, 'http://x').searchParams.get('page') ?? 'first')).toEqual(['first', '2'])
    expect((await cli(['members', 'list'], env())).code).toBe(2)
  })

  it('members set-role and remove: --dry-run reads and writes nothing; then they change exactly that member', async () => {
    const [wes, sam] = [idOf('wes'), idOf('sam')]
    const dry = await Promise.all([cli(['members', 'set-role', '--org', 'acme', 'wes', 'supervisor', '--dry-run'], env()), cli(['members', 'remove', '--org', 'acme', 'sam', '--dry-run'], env())])
    expect(dry).toEqual([
      { code: 0, stdout: `would change wes (worker → supervisor) in acme: PATCH /api/memberships/${wes} {"role":"supervisor"}\n`, stderr: '' },
      { code: 0, stdout: `would remove sam from acme: DELETE /api/memberships/${sam}\n`, stderr: '' },
    ])
    expect(writes()).toEqual([])
    expect(await cli(['members', 'set-role', '--org', 'acme', 'wes', 'supervisor'], env())).toEqual({ code: 0, stdout: 'changed wes (worker → supervisor) in acme\n', stderr: '' })
    expect(await cli(['members', 'remove', '--org', 'acme', 'sam'], env())).toEqual({ code: 0, stdout: 'removed sam from acme\n', stderr: '' })
    expect(writes()).toEqual([`PATCH /api/memberships/${wes} 200`, `DELETE /api/memberships/${sam} 204`])
    const acme = live.emulator.state.organizations.find((o) => o.slug === 'acme')!.id
    expect(live.emulator.state.memberships.filter((m) => m.orgId === acme).map((m) => `${live.emulator.state.users.find((u) => u.id === m.userId)!.username}:${m.role}`).sort()).toEqual(
      ['ivy:worker', 'mia:maintainer', 'olga:owner', 'wes:supervisor'],
    )
  })

  it('usage errors exit 2; an unknown member or a refused change exits 1 with the server\'s line', async () => {
    const before = writes().length
    const results = await Promise.all([
      cli(['members', 'set-role', '--org', 'acme', 'wes'], env()),
      cli(['members', 'set-role', '--org', 'acme', 'wes', 'boss'], env()),
      cli(['members', 'remove', '--org', 'acme'], env()),
      cli(['members', 'remove', '--org', 'acme', 'nobody'], env()),
      cli(['orgs', 'list'], { CVAT_URL: live.served.url, CVAT_TOKEN: 'wrong-token' }),
    ])
    expect(results.map((r) => [r.code, r.stderr.split('\n')[0]])).toEqual([
      [2, 'cvat-fp: give USERNAME ROLE'],
      [2, 'cvat-fp: ROLE must be one of worker, supervisor, maintainer, owner'],
      [2, 'cvat-fp: give USERNAME'],
      [1, 'no member "nobody" in acme'],
      [1, `StatusError: GET ${live.served.url}/api/organizations?page_size=100 → 401 Unauthorized: Invalid token.`],
    ])
    const refused = await cli(['members', 'remove', '--org', 'acme', 'olga'], env())
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([1, '', `StatusError: DELETE ${live.served.url}/api/memberships/${idOf('olga')} → 403 Forbidden: You do not have permission to perform this action.\n`])
    expect(writes().length - before).toBe(1)
  })
})
