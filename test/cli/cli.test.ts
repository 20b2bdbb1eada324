// The `cvat-fp` binary, spawned as a user runs it, against the emulator over HTTP: every command,
// its exit codes, --json, --help, and dry runs proven by the emulator's request log.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../e2e/helpers'
import { BIN, VERSION, binIsBuilt, cli } from './run'

const DAY = 86_400_000
const now = Date.now()

beforeAll(binIsBuilt)

describe('cvat-fp: usage, help and configuration (exit 2 before any request)', () => {
  const live = useEmulator()

  it('--version prints the package version; --help and every command --help exit 0', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
    const overview = await cli(['--help'])
    expect([overview.code, overview.stderr]).toEqual([0, ''])
    for (const command of ['emulator', 'invitations list', 'invitations invite', 'invitations resend', 'invitations cleanup']) {
      expect(overview.stdout).toContain(`cvat-fp ${command} `)
      const help = await cli([...command.split(' '), '--help'])
      expect([help.code, help.stdout.split('\n')[0]!.startsWith(`cvat-fp ${command} `), help.stderr]).toEqual([0, true, ''])
      expect(help.stdout).toContain('CVAT_ACCESS_TOKEN')
    }
  })

  it('no command, an unknown command, an unknown flag or a stray argument is a usage error', async () => {
    const env = { CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' }
    const results = await Promise.all([
      cli([]),
      cli(['invitashuns', 'list']),
      cli(['invitations', 'list', '--org', 'acme', '--bogus'], env),
      cli(['invitations', 'list', '--org', 'acme', 'extra'], env),
      cli(['invitations', 'list'], env),
      cli(['invitations', 'invite', '--org', 'acme', '--role', 'admin', 'a@x.org'], env),
      cli(['invitations', 'invite', '--org', 'acme', 'a@x.org'], env),
      cli(['invitations', 'invite', '--org', 'acme', '--role', 'worker', '--concurrency', '0', 'a@x.org'], env),
      cli(['invitations', 'resend', '--org', 'acme', '--older-than', '7w'], env),
      cli(['invitations', 'cleanup', '--org', 'acme'], env),
    ])
    expect(results.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2])
    expect(results.map((r) => r.stderr.split('\n')[0])).toEqual([
      'cvat-fp: a command is needed',
      'cvat-fp: unknown command "invitashuns list"; did you mean "invitations list"?',
      'cvat-fp: unknown option --bogus',
      'cvat-fp: unexpected argument "extra"',
      'cvat-fp: --org SLUG is required',
      'cvat-fp: --role must be one of worker, supervisor, maintainer, owner',
      'cvat-fp: --role must be one of worker, supervisor, maintainer, owner',
      'cvat-fp: --concurrency must be an integer from 1 to 64, got "0"',
      'cvat-fp: --older-than takes a number of hours or days, like 12h or 7d; got "7w"',
      'cvat-fp: cleanup deletes: say which, with --expired and/or --older-than',
    ])
    // Usage errors write nothing on stdout (the overview of a bare `cvat-fp` goes to stderr).
    expect(results.map((r) => r.stdout)).toEqual(results.map(() => ''))
    expect(live.emulator.log).toEqual([])
  })

  it('a missing URL or credential is a clear usage error, never a silent fallback', async () => {
    const results = await Promise.all([
      cli(['invitations', 'list', '--org', 'acme'], { CVAT_TOKEN: 'token-olga' }),
      cli(['invitations', 'list', '--org', 'acme'], { CVAT_URL: live.served.url }),
      cli(['invitations', 'list', '--org', 'acme'], { CVAT_URL: live.served.url, CVAT_USERNAME: 'olga' }),
      cli(['invitations', 'list', '--org', 'acme', '--url', 'ftp://x'], { CVAT_TOKEN: 'token-olga' }),
    ])
    expect(results.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual([
      [2, '', 'cvat-fp: no server: pass --url or set CVAT_URL'],
      [2, '', 'cvat-fp: no credential: set CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME and CVAT_PASSWORD'],
      [2, '', 'cvat-fp: no credential: set CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME and CVAT_PASSWORD'],
      [2, '', 'cvat-fp: --url / CVAT_URL must be an http(s) URL, got "ftp://x"'],
    ])
    expect(live.emulator.log).toEqual([])
  })

  it('a refused credential is one formatError line and exit 1, never the credential or a stack', async () => {
    const r = await cli(['invitations', 'list', '--org', 'acme'], { CVAT_URL: live.served.url, CVAT_TOKEN: 'wrong-token-123' })
    expect(r).toEqual({ code: 1, stdout: '', stderr: `StatusError: GET ${live.served.url}/api/invitations?org=acme&page_size=100 → 401 Unauthorized: Invalid token.\n` })
  })
})

describe('cvat-fp invitations list', () => {
  const live = useEmulator({ invitations: [{ org: 'acme', owner: 'mia', invitee: 'wendy', role: 'supervisor', accepted: true, createdDate: now - 2 * DAY }] })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_ACCESS_TOKEN: 'pat-olga' })

  it('prints a table for people', async () => {
    const r = await cli(['invitations', 'list', '--org', 'acme'], env())
    const [ivy, wendy] = ['ivy', 'wendy'].map((u) => live.emulator.state.invitations.find((i) => live.emulator.state.users.find((x) => x.username === u)!.id === live.emulator.state.memberships.find((m) => m.id === i.membershipId)!.userId)!)
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(r.stdout.split('\n').map((l) => l.split(/\s{2,}/))).toEqual([
      ['KEY', 'USER', 'ROLE', 'INVITED BY', 'CREATED', 'STATUS'],
      // A key is 64 characters: the table shows its first 8 (--json has it whole).
      [`${ivy!.key.slice(0, 8)}…`, 'ivy', 'worker', 'olga', day(ivy!.createdDate), 'pending'],
      [`${wendy!.key.slice(0, 8)}…`, 'wendy', 'supervisor', 'mia', day(wendy!.createdDate), 'accepted'],
      ['2 invitations'],
      [''],
    ])
  })

  it('--pending --json prints one JSON document: the pending invitations, nothing else', async () => {
    const r = await cli(['invitations', 'list', '--org', 'acme', '--pending', '--json'], env())
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect((JSON.parse(r.stdout) as Array<{ user: { username: string } }>).map((i) => i.user.username)).toEqual(['ivy'])
    expect(live.emulator.log.at(-1)).toEqual({ method: 'GET', url: expect.stringContaining('filter=%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22accepted%22%7D%2Cfalse%5D%7D'), status: 200 })
  })
})

describe('cvat-fp invitations invite', () => {
  const live = useEmulator()
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const writes = () => live.emulator.log.filter((r) => r.method !== 'GET')

  it('--dry-run sends nothing at all (emulator log), and with a username and password never logs in', async () => {
    const r = await cli(['invitations', 'invite', '--org', 'acme', '--role', 'worker', 'new@example.com', 'NEW@example.com', '--dry-run'], {
      CVAT_URL: live.served.url,
      CVAT_USERNAME: 'olga',
      CVAT_PASSWORD: 'olga-password',
    })
    expect(r).toEqual({
      code: 0,
      stdout: [
        'would invite new@example.com as worker to acme: POST /api/invitations?org=acme {"role":"worker","email":"new@example.com"}',
        'skipped  NEW@example.com as worker: same as row 1',
        '1 would be sent (dry run, nothing sent), 1 skipped, 0 failed, of 2',
        '',
      ].join('\n'),
      stderr: '',
    })
    expect(live.emulator.log).toEqual([])
  })

  it('invites addresses: one line per row, duplicates and members skipped, exit 1 when one fails', async () => {
    const r = await cli(['invitations', 'invite', '--org', 'acme', '--role', 'worker', 'ann@example.com', 'ANN@example.com', 'wes@acme.test', 'not-an-address', '--skip-existing'], env())
    const key = live.emulator.state.invitations.at(-1)!.key
    expect(r).toEqual({
      code: 1,
      stdout: [
        `invited  ann@example.com as worker to acme (key ${key.slice(0, 8)}…)`,
        'skipped  ANN@example.com as worker: same as row 1',
        'skipped  wes@acme.test as worker: already a member or invited',
        `failed   not-an-address as worker: StatusError: POST ${live.served.url}/api/invitations?org=acme → 400 Bad Request: email: Enter a valid email address.`,
        '1 invited, 2 skipped, 1 failed, of 4',
        '',
      ].join('\n'),
      stderr: '', // not a TTY: no progress
    })
    expect(writes().map((w) => `${w.method} ${w.status}`)).toEqual(['POST 201', 'POST 400', 'POST 400'])
  })

  it.skipIf(!existsSync('/usr/bin/script'))(`draws progress on stderr when it is a terminal (script(1) gives it a pty)${existsSync('/usr/bin/script') ? '' : ' (skipped: /usr/bin/script missing: apt-get install bsdutils)'}`, async () => {
    const command = `${process.execPath} ${BIN} invitations invite --org acme --role worker p1@example.com p2@example.com --concurrency 1`
    const screen = await new Promise<string>((done) =>
      execFile('/usr/bin/script', ['-qec', command, '/dev/null'], { env: { PATH: process.env['PATH'] ?? '', ...env() }, timeout: 30_000 }, (_e, stdout) => done(stdout)),
    )
    expect(screen).toContain('\r1/2 done, 0 failed')
    expect(screen).toContain('\r2/2 done, 0 failed\r\x1b[K')
    expect(screen).toMatch(/2 invited, 0 skipped, 0 failed, of 2/)
  })

  it('--csv FILE --json: one JSON document with an outcome per row', async () => {
    mkdirSync('.tmp', { recursive: true })
    const csv = resolve('.tmp/cli-team.csv')
    writeFileSync(csv, 'email,role\nbo@example.com,supervisor\ncy@example.com,worker\n')
    const r = await cli(['invitations', 'invite', '--org', 'acme', '--csv', csv, '--json'], env())
    const doc = JSON.parse(r.stdout) as { summary: unknown; outcomes: Array<{ row: number; outcome: string; value: { role: string; user: { username: string } } }> }
    expect([r.code, r.stderr, doc.summary]).toEqual([0, '', { total: 2, invited: 2, wouldSend: 0, skipped: 0, failed: 0, notSent: 0 }])
    expect(doc.outcomes.map((o) => [o.row, o.outcome, o.value.user.username, o.value.role])).toEqual([
      [0, 'Done', 'bo@example.com', 'supervisor'],
      [1, 'Done', 'cy@example.com', 'worker'],
    ])
    writeFileSync(csv, 'dee@example.com,boss\n')
    expect(await cli(['invitations', 'invite', '--org', 'acme', '--csv', csv], env())).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^cvat-fp: CSV line 1: expected "email,role"/) })
  })
})

describe('cvat-fp invitations resend and cleanup', () => {
  const live = useEmulator({
    resendLimit: 2,
    // A fixed clock: the throttle's Retry-After is then exactly its window, however long the run takes.
    now: () => now,
    invitations: [
      { org: 'acme', owner: 'olga', invitee: 'old@example.com', role: 'worker', key: 'old', createdDate: now - 40 * DAY },
      { org: 'acme', owner: 'olga', invitee: 'mid@example.com', role: 'worker', key: 'mid', createdDate: now - 10 * DAY, sentDate: now - DAY },
      { org: 'acme', owner: 'olga', invitee: 'new@example.com', role: 'worker', key: 'new', createdDate: now - DAY },
      { org: 'acme', owner: 'mia', invitee: 'wendy', role: 'supervisor', key: 'acc', accepted: true, createdDate: now - 50 * DAY },
    ],
  })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const writes = () => live.emulator.log.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname} ${r.status}`)

  it('cleanup --dry-run reads but writes nothing; cleanup deletes only pending invitations matching every criterion', async () => {
    const dry = await cli(['invitations', 'cleanup', '--org', 'acme', '--older-than', '30d', '--dry-run'], env())
    expect(dry).toEqual({
      code: 0,
      stdout: 'would delete the invitation of old@example.com (worker, expired) in acme: DELETE /api/invitations/old?org=acme\n1 would be sent (dry run, nothing sent), 0 skipped, 0 failed, of 1\n',
      stderr: '',
    })
    expect(writes()).toEqual([])
    const expired = await cli(['invitations', 'cleanup', '--org', 'acme', '--expired', '--json'], env())
    expect([expired.code, JSON.parse(expired.stdout).outcomes.map((o: { input: string; outcome: string }) => `${o.input} ${o.outcome}`)]).toEqual([0, ['old Done']])
    expect(writes()).toEqual(['DELETE /api/invitations/old 204'])
  })

  it('resend --pending --older-than 7d picks by created_date; CVAT\'s throttle ends the run with exit 1 and retryAfter', async () => {
    const picked = await cli(['invitations', 'resend', '--org', 'acme', '--pending', '--older-than', '7d'], env())
    expect(picked).toEqual({ code: 0, stdout: 'resent   the invitation of mid@example.com (worker, pending)\n1 resent, 0 skipped, 0 failed, of 1\n', stderr: '' })
    const all = await cli(['invitations', 'resend', '--org', 'acme', '--pending', '--concurrency', '1'], env())
    expect(all.code).toBe(1)
    expect(all.stdout.split('\n')).toEqual([
      'resent   the invitation of ivy (worker, pending)',
      `failed   the invitation of new@example.com (worker, pending): StatusError: POST ${live.served.url}/api/invitations/new/resend?org=acme → 429 Too Many Requests: Request was throttled. Expected available in 3600 seconds. (retry after 3600 s)`,
      'not sent the invitation of mid@example.com (worker, pending): throttled by the server, retry in 3600 s',
      '1 resent, 0 skipped, 1 failed, 1 not sent (throttled), of 3',
      '',
    ])
    // Never a hot loop: after the 429, nothing more was sent.
    const ivy = live.emulator.state.invitations.find((i) => !['old', 'mid', 'new', 'acc'].includes(i.key))!.key
    expect(writes().slice(1)).toEqual(['POST /api/invitations/mid/resend 204', `POST /api/invitations/${ivy}/resend 204`, 'POST /api/invitations/new/resend 429'])
  })
})
