// A command line that explains itself (issue 20): group help, the nearest command or flag for a
// typo, Node's parser messages in our words, usage errors of readable length, server URLs that
// hold a password or end in /api, EPIPE, and `cvat-fp emulator` on ::1 and with a hostile seed.
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../e2e/helpers'
import { BIN, binIsBuilt, cli } from './run'

beforeAll(binIsBuilt)

const firstLine = (r: { stderr: string }) => r.stderr.split('\n')[0]

describe('cvat-fp <group> --help', () => {
  it.each([
    ['orgs', ['cvat-fp orgs list [--json]']],
    ['members', ['cvat-fp members list --org SLUG [--json]', 'cvat-fp members set-role --org SLUG USERNAME ROLE [--dry-run] [--json]', 'cvat-fp members remove --org SLUG USERNAME [--dry-run] [--json]']],
    ['invitations', ['cvat-fp invitations list --org SLUG', 'cvat-fp invitations invite --org SLUG', 'cvat-fp invitations resend --org SLUG', 'cvat-fp invitations cleanup --org SLUG']],
    ['tasks', ['ls', 'create', 'frames', 'delete', 'export-dataset', 'import-dataset', 'backup', 'create-from-backup'].map((c) => `cvat-fp tasks ${c} `)],
    ['projects', ['ls', 'create', 'delete', 'export-dataset', 'import-dataset', 'backup', 'create-from-backup'].map((c) => `cvat-fp projects ${c} `)],
    ['jobs', ['cvat-fp jobs ls [--task-id N]', 'cvat-fp jobs assign JOB_ID (USERNAME | --unassign)']],
  ])('%s --help prints that group\'s commands, exit 0', async (group, lines) => {
    const r = await cli([group, '--help'])
    expect([r.code, r.stderr]).toEqual([0, ''])
    for (const line of lines) expect(r.stdout).toContain(`  ${line}`)
    expect(r.stdout).toContain(`cvat-fp ${group} <command> --help`)
  })

  it('api --help explains calling any operation by its id', async () => {
    const r = await cli(['api', '--help'])
    expect([r.code, r.stderr, r.stdout.split('\n')[0]]).toEqual([0, '', 'cvat-fp api OPERATION_ID [--param NAME=VALUE …] [--body FILE|-] [--output FILE] [--org SLUG] [--json]'])
    expect(r.stdout).toContain('cvat-fp api --list')
  })

  it('the overview lists the annotation commands first, then the organisation ones', async () => {
    const r = await cli(['--help'])
    const at = (text: string) => r.stdout.indexOf(text)
    expect([r.code, at('  cvat-fp tasks create ') > 0, at('  cvat-fp api OPERATION_ID') > at('  cvat-fp jobs assign '), at('  cvat-fp invitations invite ') > at('  cvat-fp api ')]).toEqual([0, true, true, true])
  })

  it('a group without its command is a usage error that lists the group\'s commands', async () => {
    const r = await cli(['members'])
    expect([r.code, r.stdout, firstLine(r)]).toEqual([2, '', 'cvat-fp: members needs a command: list, set-role, remove'])
    expect(r.stderr).toContain('  cvat-fp members set-role --org SLUG USERNAME ROLE')
  })
})

describe('typos get the nearest command or flag', () => {
  it.each([
    [['invitashuns', 'list'], 'cvat-fp: unknown command "invitashuns list"; did you mean "invitations list"?'],
    [['members', 'lst', '--org', 'acme'], 'cvat-fp: unknown command "members lst"; did you mean "members list"?'],
    [['invitations', 'clean-up', '--org', 'acme'], 'cvat-fp: unknown command "invitations clean-up"; did you mean "invitations cleanup"?'],
    [['emulater'], 'cvat-fp: unknown command "emulater"; did you mean "emulator"?'],
    [['tasks', 'lss'], 'cvat-fp: unknown command "tasks lss"; did you mean "tasks ls"?'],
    [['tasks', 'export'], 'cvat-fp: unknown command "tasks export"; did you mean "tasks export-dataset"?'],
    [['jobs'], 'cvat-fp: jobs needs a command: ls, assign'],
    [['tasks', 'create', 'x', 'a.png', '--image_qualty', '3'], 'cvat-fp: unknown option --image_qualty; did you mean --image-quality?'],
    [['invitations', 'list', '--orgg', 'acme'], 'cvat-fp: unknown option --orgg; did you mean --org?'],
    [['invitations', 'invite', '--org', 'acme', '--dryrun', '--role', 'worker', 'a@x.org'], 'cvat-fp: unknown option --dryrun; did you mean --dry-run?'],
    [['invitations', 'list', '--org', 'acme', '-x'], 'cvat-fp: unknown option -x'],
  ])('%j', async (args, line) => {
    const r = await cli(args, { CVAT_URL: 'http://127.0.0.1:9', CVAT_TOKEN: 'tok3n-abc' })
    expect([r.code, r.stdout, firstLine(r)]).toEqual([2, '', line])
  })
})

// Found reviewing this surface: the command table and the option specs were plain objects looked
// up by what was typed, so `constructor` or `toString` found Object.prototype's members: an
// "internal error" (exit 1) for a command, Node's untranslated message for a flag.
describe('names every JavaScript object has', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('%s as a command, a group word or a flag is a usage error in our words', async (name) => {
    const env = { CVAT_URL: 'http://127.0.0.1:9', CVAT_TOKEN: 'tok3n-abc' }
    const results = await Promise.all([cli([name], env), cli(['members', name, '--org', 'acme'], env), cli(['orgs', 'list', `--${name}`], env)])
    expect(results.map((r) => [r.code, firstLine(r)])).toEqual([
      [2, `cvat-fp: unknown command ${JSON.stringify(name)}`],
      [2, `cvat-fp: unknown command ${JSON.stringify(`members ${name}`)}`],
      [2, `cvat-fp: unknown option --${name}`],
    ])
  })
})

describe("Node's parser messages, in our words", () => {
  it.each([
    [['invitations', 'list', '--org'], 'cvat-fp: --org needs a value'],
    [['invitations', 'list', '--org', '--json'], 'cvat-fp: --org needs a value, got the option --json (a value starting with a dash is written --org=--json)'],
    [['invitations', 'list', '--org', 'acme', '--json=yes'], 'cvat-fp: --json takes no value, got "yes"'],
    [['invitations', 'list', '--org', 'acme', '--pending=false'], 'cvat-fp: --pending takes no value, got "false"'],
  ])('%j', async (args, line) => {
    const r = await cli(args, { CVAT_URL: 'http://127.0.0.1:9', CVAT_TOKEN: 'tok3n-abc' })
    expect([r.code, r.stdout, firstLine(r)]).toEqual([2, '', line])
    expect(r.stderr).not.toMatch(/ambiguous|argument missing|does not take an argument/)
  })
})

describe('a usage error quoting a huge value is cut to a readable length', () => {
  it('a 1 MB CSV line', async () => {
    mkdirSync('.tmp', { recursive: true })
    const csv = resolve('.tmp/cli-huge.csv')
    writeFileSync(csv, `${'x'.repeat(1_000_000)}@example.com,boss\n`)
    const r = await cli(['invitations', 'invite', '--org', 'acme', '--csv', csv], { CVAT_URL: 'http://127.0.0.1:9', CVAT_TOKEN: 'tok3n-abc' })
    expect([r.code, r.stdout]).toEqual([2, ''])
    expect(firstLine(r)!.length).toBeLessThanOrEqual(400)
    expect(firstLine(r)).toMatch(/^cvat-fp: CSV line 1: expected "email,role" with role one of worker, supervisor, maintainer, owner, got "x+… \[\d+ more characters\]$/)
    const json = await cli(['invitations', 'invite', '--org', 'acme', '--csv', csv, '--json'], { CVAT_URL: 'http://127.0.0.1:9', CVAT_TOKEN: 'tok3n-abc' })
    expect(json.stdout.length).toBeLessThanOrEqual(500)
  })
})

describe('server URLs a person gets wrong', () => {
  it('a --url holding user:password@ is a usage error that names the variables and never prints the password', async () => {
    const results = await Promise.all([
      cli(['orgs', 'list', '--url', 'https://ann:s3cretpw@cvat.example'], { CVAT_TOKEN: 'tok3n-abc' }),
      cli(['orgs', 'list'], { CVAT_URL: 'http://ann:s3cretpw@127.0.0.1:9' }),
      cli(['orgs', 'list', '--json', '--url', 'https://ann@cvat.example'], { CVAT_TOKEN: 'tok3n-abc' }),
    ])
    expect(results.map((r) => [r.code, firstLine(r)])).toEqual([
      [2, 'cvat-fp: --url / CVAT_URL must not hold a user name or password (a URL shows in ps and in logs): set CVAT_USERNAME and CVAT_PASSWORD instead, got "https://[redacted]@cvat.example"'],
      [2, 'cvat-fp: --url / CVAT_URL must not hold a user name or password (a URL shows in ps and in logs): set CVAT_USERNAME and CVAT_PASSWORD instead, got "http://[redacted]@127.0.0.1:9"'],
      [2, 'cvat-fp: --url / CVAT_URL must not hold a user name or password (a URL shows in ps and in logs): set CVAT_USERNAME and CVAT_PASSWORD instead, got "https://[redacted]@cvat.example"'],
    ])
    for (const r of results) expect(`${r.stdout}${r.stderr}`).not.toContain('s3cretpw')
  })

  it('a CVAT_URL ending in /api gets a hint instead of /api/api/… 404s, nothing sent', async () => {
    const live = await import('../../src/testing').then(({ createCvatEmulator }) => createCvatEmulator())
    const { serveCvatEmulator } = await import('../../src/testing/node')
    const served = await serveCvatEmulator(live)
    try {
      const results = await Promise.all([`${served.url}/api`, `${served.url}/api/`].map((url) => cli(['orgs', 'list'], { CVAT_URL: url, CVAT_TOKEN: 'token-olga' })))
      expect(results.map((r) => [r.code, firstLine(r)])).toEqual([
        [2, `cvat-fp: --url / CVAT_URL is the server's address, without /api (cvat-fp adds /api/… itself): use ${served.url}`],
        [2, `cvat-fp: --url / CVAT_URL is the server's address, without /api (cvat-fp adds /api/… itself): use ${served.url}`],
      ])
      expect(live.log).toEqual([])
    } finally {
      await served.close()
    }
  })
})

describe('piping into head -1', () => {
  const crowd = Array.from({ length: 1500 }, (_, i) => `member${String(i).padStart(4, '0')}`)
  const live = useEmulator({
    users: crowd.map((username) => ({ username, email: `${username}@lab.test` })),
    organizations: [{ slug: 'lab', owner: 'olga', members: crowd.map((username) => ({ username, role: 'worker' as const })) }],
  })

  it('ends quietly: no EPIPE stack trace on stderr', async () => {
    const child = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" members list --org lab --json | head -1`], {
      env: { PATH: process.env['PATH'] ?? '', CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    await new Promise((done) => child.once('close', done))
    expect({ out, err }).toEqual({ out: '[\n', err: '' })
  }, 60_000)
})
