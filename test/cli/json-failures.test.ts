// Hostile review finding 7: with --json every command prints exactly one JSON document on stdout,
// also on failure (exit 1 or 2 as before); a flag the library would refuse for every row is a usage
// error before any request; `members set-role` accepts exactly the roles its help lists.
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_CONCURRENCY } from '../../src/endpoint/bounded'
import { useEmulator } from '../e2e/helpers'
import { binIsBuilt, cli } from './run'

beforeAll(binIsBuilt)

describe('cvat-fp --json on failure', () => {
  const live = useEmulator()
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const sent = () => live.emulator.log.length
  // stdout holds one JSON document; stderr keeps the one line for people.
  const outcome = (r: { code: number | null; stdout: string; stderr: string }) => [r.code, JSON.parse(r.stdout), r.stderr]

  it('a refused credential, an unknown organisation, a wrong password, an unknown member: one {error} document, exit 1', async () => {
    const url = live.served.url
    const [token, org, pass, member] = await Promise.all([
      cli(['orgs', 'list', '--json'], { CVAT_URL: url, CVAT_TOKEN: 'wrong' }),
      cli(['invitations', 'list', '--org', 'nosuch', '--json'], env()),
      cli(['login', '--username', 'olga', '--json'], { CVAT_URL: url, CVAT_PASSWORD: 'not-her-password' }),
      cli(['members', 'set-role', '--org', 'acme', 'nobody', 'worker', '--json'], env()),
    ])
    const line = (s: string) => s.trimEnd()
    expect(outcome(token)).toEqual([1, { error: { _tag: 'StatusError', status: 401, message: line(token.stderr) } }, `StatusError: GET ${url}/api/organizations?page_size=100 → 401 Unauthorized: Invalid token.\n`])
    expect(outcome(org)).toEqual([1, { error: { _tag: 'StatusError', status: 404, message: line(org.stderr) } }, org.stderr])
    expect(outcome(pass)).toEqual([1, { error: { _tag: 'StatusError', status: 400, message: line(pass.stderr) } }, `StatusError: POST ${url}/api/auth/login → 400 Bad Request: non_field_errors: Unable to log in with provided credentials.\n`])
    expect(outcome(member)).toEqual([1, { error: { _tag: 'NotFound', message: 'no member "nobody" in acme' } }, 'no member "nobody" in acme\n'])
    expect([token, org, pass, member].some((r) => `${r.stdout}${r.stderr}`.includes('not-her-password'))).toBe(false)
  })

  it('usage errors with --json: one {error} document with _tag Usage, exit 2, nothing sent', async () => {
    const before = sent()
    const [none, missing, unknown, role] = await Promise.all([
      cli(['--json'], env()),
      cli(['members', 'list', '--json'], env()),
      cli(['orgs', 'list', '--json', '--bogus'], env()),
      cli(['members', 'set-role', '--org', 'acme', 'wes', 'boss', '--json'], env()),
    ])
    expect(outcome(none)).toEqual([2, { error: { _tag: 'Usage', message: 'a command is needed' } }, expect.stringMatching(/^cvat-fp: a command is needed\ncvat-fp — CVAT from the command line/)])
    expect(outcome(missing)).toEqual([2, { error: { _tag: 'Usage', message: '--org SLUG is required' } }, expect.stringMatching(/^cvat-fp: --org SLUG is required\n/)])
    expect(outcome(unknown)).toEqual([2, { error: { _tag: 'Usage', message: 'unknown option --bogus' } }, expect.stringMatching(/^cvat-fp: unknown option --bogus\n/)])
    expect(outcome(role)).toEqual([2, { error: { _tag: 'Usage', message: 'ROLE must be one of worker, supervisor, maintainer, owner' } }, expect.any(String)])
    expect(sent()).toBe(before)
  })

  it('--concurrency outside 1..64 is a usage error (exit 2) before any request, like --concurrency abc', async () => {
    const before = sent()
    const runs = await Promise.all(
      ['1000', '65', '0', 'abc'].map((n) => cli(['invitations', 'invite', '--org', 'acme', '--role', 'worker', 'a@x.io', '--concurrency', n, '--dry-run'], env())),
    )
    expect(runs.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual(
      ['1000', '65', '0', 'abc'].map((n) => [2, '', `cvat-fp: --concurrency must be an integer from 1 to 64, got ${JSON.stringify(n)}`]),
    )
    // The CLI's bound is the library's: its ceiling passes, one more is refused.
    const [ceiling, above] = await Promise.all([MAX_CONCURRENCY, MAX_CONCURRENCY + 1].map((n) => cli(['invitations', 'invite', '--org', 'acme', '--role', 'worker', 'a@x.io', '--concurrency', String(n), '--dry-run'], env())))
    expect([ceiling?.code, above?.code]).toEqual([0, 2])
    const resend = await cli(['invitations', 'resend', '--org', 'acme', '--concurrency', '99', '--json'], env())
    expect(outcome(resend)).toEqual([2, { error: { _tag: 'Usage', message: '--concurrency must be an integer from 1 to 64, got "99"' } }, expect.any(String)])
    expect(sent()).toBe(before)
  })

  it('members set-role: the help lists exactly the roles the check accepts (CVAT does not check the new role)', async () => {
    const help = await cli(['members', 'set-role', '--help'])
    const listed = /\(([a-z, ]+)\)/.exec(help.stdout)?.[1]?.split(', ')
    const refused = await cli(['members', 'set-role', '--org', 'acme', 'wes', 'boss'], env())
    expect([listed, refused.stderr.split('\n')[0]]).toEqual([['worker', 'supervisor', 'maintainer', 'owner'], `cvat-fp: ROLE must be one of ${listed?.join(', ')}`])
  })
})
