// `cvat-fp emulator`, spawned: it serves, prints its URL and credentials, the other commands work
// against it, and a signal stops it cleanly (exit 0).
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BIN, binIsBuilt, cli, serveWithCli } from './run'

beforeAll(binIsBuilt)

describe('cvat-fp emulator', () => {
  it('serves the demo seed, prints every user\'s credentials, answers the CLI, and stops on SIGTERM', async () => {
    const { info, stop } = await serveWithCli(['--port', '0'])
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(info.users.map((u) => [u.username, u.token])).toEqual(
      ['admin', 'olga', 'oscar', 'mia', 'sam', 'wes', 'wendy', 'otto', 'ivy'].map((u) => [u, `token-${u}`]),
    )
    const listed = await cli(['invitations', 'list', '--org', 'acme', '--json', '--url', info.url], { CVAT_TOKEN: 'token-olga' })
    expect([listed.code, (JSON.parse(listed.stdout) as Array<{ user: { username: string } }>).map((i) => i.user.username)]).toEqual([0, ['ivy']])
    expect(await stop('SIGTERM')).toBe(0)
  }, 30_000)

  it('--seed empty and --seed FILE.json choose the data; SIGINT stops it', async () => {
    const empty = await serveWithCli(['--seed', 'empty'])
    expect(empty.info.users).toEqual([])
    expect(await empty.stop('SIGINT')).toBe(0)
    mkdirSync('.tmp', { recursive: true })
    const file = resolve('.tmp/cli-seed.json')
    writeFileSync(file, JSON.stringify({ users: [{ username: 'zoe', email: 'zoe@lab.test' }, { username: 'pat', email: 'pat@lab.test' }], organizations: [{ slug: 'lab', owner: 'zoe' }], invitations: [{ org: 'lab', owner: 'zoe', invitee: 'pat', role: 'worker' }] }))
    const seeded = await serveWithCli(['--seed', file])
    expect(seeded.info.users.map((u) => u.username)).toEqual(['zoe', 'pat'])
    const listed = await cli(['invitations', 'list', '--org', 'lab', '--url', seeded.info.url], { CVAT_ACCESS_TOKEN: 'pat-zoe' })
    expect([listed.code, listed.stdout.split('\n').at(-2)]).toEqual([0, '1 invitation'])
    expect(await seeded.stop('SIGTERM')).toBe(0)
  }, 30_000)

  it('--server picks the emulated CVAT version: 2.73 renders `accepted` on invitations, 2.26 does not', async () => {
    const fields = async (server: string) => {
      const served = await serveWithCli(['--server', server])
      const listed = await cli(['invitations', 'list', '--org', 'acme', '--json', '--url', served.info.url], { CVAT_TOKEN: 'token-olga' })
      expect(await served.stop('SIGTERM')).toBe(0)
      return (JSON.parse(listed.stdout) as Array<Record<string, unknown>>).map((i) => ('accepted' in i ? i['accepted'] : 'absent'))
    }
    expect([await fields('2.73'), await fields('2.26')]).toEqual([[false], ['absent']])
  }, 30_000)

  it('refuses a bad --seed, --server or --port with exit 2', async () => {
    const results = await Promise.all([cli(['emulator', '--seed', 'nope.json']), cli(['emulator', '--server', '9.9']), cli(['emulator', '--port', 'x'])])
    expect(results.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual([
      [2, '', 'cvat-fp: --seed takes demo, empty or a JSON file: cannot read nope.json (ENOENT)'],
      [2, '', 'cvat-fp: --server must be one of 2.26, 2.73'],
      [2, '', 'cvat-fp: --port takes a positive integer, got "x"'],
    ])
  })
})

// Starts `cvat-fp emulator` as a person does (no --json), collects what it prints until its first
// table line, then stops it.
const serveAsPerson = (args: ReadonlyArray<string>) =>
  new Promise<{ stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'emulator', ...args], { env: { PATH: process.env['PATH'] ?? '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      if (stdout.includes('USER')) setTimeout(() => child.kill('SIGTERM'), 100)
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('exit', () => done({ stdout, stderr }))
    child.once('error', fail)
  })

describe('cvat-fp emulator, as a person reads it (issue 20)', () => {
  it('--host ::1 prints a URL that works: http://[::1]:PORT', async () => {
    const { info, stop } = await serveWithCli(['--host', '::1'])
    expect(info.url).toMatch(/^http:\/\/\[::1\]:\d+$/)
    const listed = await cli(['orgs', 'list', '--url', info.url], { CVAT_TOKEN: 'token-olga' })
    expect([listed.code, listed.stdout.split('\n').at(-2)]).toEqual([0, '1 organisation'])
    expect(await stop('SIGTERM')).toBe(0)
    const shown = await serveAsPerson(['--host', '::1'])
    expect(shown.stdout).toMatch(/^CVAT emulator listening on http:\/\/\[::1\]:\d+;/)
  }, 30_000)

  it('--seed FILE problem lines show control and bidi characters as escapes', async () => {
    mkdirSync('.tmp', { recursive: true })
    const file = resolve('.tmp/cli-hostile-seed.json')
    writeFileSync(file, JSON.stringify({ organizations: [{ slug: 'lab', owner: 'gh\u001b]0;pwned\u0007ost\u202e' }] }))
    const shown = await serveAsPerson(['--seed', file])
    expect(shown.stderr).toBe('seed: organization lab: unknown owner gh\\u001b]0;pwned\\u0007ost\\u202e\n')
  }, 30_000)
})
