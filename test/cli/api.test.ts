// `cvat-fp api OPERATION_ID …`, spawned, against the emulator over HTTP (seed 'demo'): JSON
// answers whole, values typed as the operation needs before anything is sent, bodies from a
// file or standard input, file answers to --output or a pipe, the same exit codes and redaction.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readDownload, tasksRetrieve, tasksRetrieveData } from '../../src/index'
import { useEmulator, right } from '../e2e/helpers'
import { SPAWNING, binIsBuilt, cliAt, cliEach, folder } from './run'

beforeAll(binIsBuilt)

describe('cvat-fp api', SPAWNING, () => {
  const live = useEmulator({ seed: 'demo' })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const run = (args: ReadonlyArray<string>, input?: string) => cliAt(folder(), ['api', ...args], env(), input)

  it('prints the JSON answer as the library decodes it, by schema id or function name', async () => {
    const expected = await right(tasksRetrieve(live.as('olga'), { id: 1 }))
    for (const r of [await run(['tasks_retrieve', '--param', 'id=1']), await run(['tasksRetrieve', '-p', 'id=1'])]) expect([r.code, r.stderr, JSON.parse(r.stdout)]).toEqual([0, '', expected])
    const page = await run(['tasks_list', '-p', 'page_size=all', '--org', 'acme', '-p', 'sort=-id'])
    expect([page.code, (JSON.parse(page.stdout) as { count: number }).count]).toEqual([0, 1])
  })

  it('sends a JSON body from a file or standard input', async () => {
    const dir = folder({ 'patch.json': '{"stage": "validation"}' })
    const fromFile = await cliAt(dir, ['api', 'jobs_partial_update', '-p', 'id=2', '--body', 'patch.json'], env())
    expect([fromFile.code, (JSON.parse(fromFile.stdout) as { stage: string }).stage]).toEqual([0, 'validation'])
    const fromStdin = await run(['jobs_partial_update', '-p', 'id=2', '--body', '-'], '{"stage": "acceptance"}')
    expect([fromStdin.code, (JSON.parse(fromStdin.stdout) as { stage: string }).stage]).toEqual([0, 'acceptance'])
    expect(live.emulator.state.engine.jobs.find((j) => j.id === 2)?.stage).toBe('acceptance')
  })

  it('streams a file answer to a pipe, byte for byte, or to --output', async () => {
    const frame = await right(readDownload(await right(tasksRetrieveData(live.as('olga'), { id: 1, type: 'frame', number: 3, quality: 'original' }))))
    const piped = await run(['tasks_retrieve_data', '-p', 'id=1', '-p', 'type=frame', '-p', 'number=3', '-p', 'quality=original'])
    // The frame comes with its Content-Length: a line as the download starts, then one per quarter
    // crossed (where the chunks fall decides which percentages), the last at 100%.
    const size = `${(frame.length / 1024).toFixed(1)} KiB`
    const lines = piped.stderr.trimEnd().split('\n')
    expect([piped.code, Buffer.compare(piped.bytes, Buffer.from(frame)), lines.at(-1), lines.length <= 5]).toEqual([0, 0, `download: 100% of ${size}`, true])
    expect(lines.filter((l) => !new RegExp(`^download: \\d{1,3}% of ${size}$`).test(l))).toEqual([])
    const dir = folder()
    const saved = await cliAt(dir, ['api', 'tasks_retrieve_data', '-p', 'id=1', '-p', 'type=frame', '-p', 'number=3', '--output', 'f.png', '--json'], env())
    expect([saved.code, saved.stderr, JSON.parse(saved.stdout)]).toEqual([0, '', { path: join(dir, 'f.png'), bytes: frame.length, contentType: 'image/png' }])
    expect(Buffer.compare(readFileSync(join(dir, 'f.png')), Buffer.from(frame))).toBe(0)
  })

  it('an empty answer prints nothing (null with --json); a refusal is exit 1 with one line, never the token', async () => {
    const created = JSON.parse((await run(['tasks_create', '--body', '-'], '{"name": "short-lived", "labels": [{"name": "x"}]}')).stdout) as { id: number }
    expect(await run(['tasks_destroy', '-p', `id=${created.id}`, '--json'])).toMatchObject({ code: 0, stdout: 'null\n', stderr: '' })
    const refused = await run(['tasks_retrieve', '-p', `id=${created.id}`])
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: `StatusError: GET ${live.served.url}/api/tasks/${created.id} → 404 Not Found: No Task matches the given query.\n` })
    const json = await cliAt(folder(), ['api', 'users_retrieve_self', '--json'], { CVAT_URL: live.served.url, CVAT_TOKEN: 'wrong-token-123' })
    expect([json.code, JSON.parse(json.stdout)]).toEqual([1, { error: { _tag: 'StatusError', status: 401, message: `StatusError: GET ${live.served.url}/api/users/self → 401 Unauthorized: Invalid token.` } }])
    expect(json.stdout + json.stderr).not.toContain('wrong-token-123')
  })

  it('--list names every operation; OPERATION_ID --help lists its parameters; --help explains', async () => {
    const list = await cliAt(folder(), ['api', '--list'], {})
    const lines = list.stdout.trim().split('\n')
    expect([list.code, lines.length, lines.filter((l) => /^tasks_list\s+GET\s+\/api\/tasks$/.test(l)).length]).toEqual([0, 163, 1])
    expect(await cliAt(folder(), ['api', 'tasks_retrieve_data', '--help'], {})).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^cvat-fp api tasks_retrieve_data — GET \/api\/tasks\/\{id\}\/data\/\nGets data of a task\. Servers: CVAT ≥ 2\.26 \(every supported version\)\.\nParameters \(--param NAME=VALUE, NAME as here or in camelCase\):\n {2}id {7}path {3}integer, required\n {2}number {3}query {2}integer\n {2}quality {2}query {2}compressed\|original\n {2}type {5}query {2}chunk\|context_image\|frame\nBody: none\.\nAnswer: a file \(--output FILE, or a pipe\)\.\n/,
      ),
    })
    const help = await cliAt(folder(), ['api', '--help'], {})
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, 'cvat-fp api OPERATION_ID [--param NAME=VALUE …] [--body FILE|-] [--output FILE] [--org SLUG] [--json]'])
  })

  it('usage errors: each value typed as the operation needs, exit 2, nothing sent (no login either)', async () => {
    const login = { CVAT_URL: live.served.url, CVAT_USERNAME: 'olga', CVAT_PASSWORD: 'olga-password' }
    const dir = folder({ 'bad.json': '{"stage": ', 'shape.json': '{"name": 5}' })
    const before = live.emulator.log.length
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [['tasks_retrive'], 'unknown operation "tasks_retrive"; did you mean "tasks_retrieve"?; cvat-fp api --list lists them'],
      [['constructor'], 'unknown operation "constructor"; cvat-fp api --list lists them'],
      [[], 'give an OPERATION_ID (cvat-fp api --list lists them)'],
      [['tasks_retrieve', 'id=1'], 'unexpected argument "id=1" (parameters go in --param NAME=VALUE)'],
      [['tasks_retrieve', '-p', 'id=abc'], '--param id must be an integer, got "abc"'],
      [['tasks_retrieve', '-p', 'id=0'], '--param id must be a positive integer, got 0'],
      [['tasks_retrieve', '-p', 'id=1e3'], '--param id must be an integer, got "1e3"'],
      [['tasks_retrieve', '-p', 'id=99999999999999999'], '--param id must be an integer, got "99999999999999999"'],
      [['tasks_retrieve_data', '-p', 'id=1', '-p', 'quality=best'], '--param quality must be one of compressed, original, got "best"'],
      [['users_list', '-p', 'is_active=yes'], '--param is_active must be true or false, got "yes"'],
      [['tasks_list', '-p', 'pageSiz=1'], expect.stringMatching(/^tasks_list has no parameter "pageSiz"; did you mean page_size\?; it takes assignee, /)],
      [['tasks_list', '-p', 'page_size'], '--param takes NAME=VALUE, got "page_size"'],
      [['tasks_list', '-p', 'page=1', '-p', 'page=2'], '--param page is given twice'],
      [['tasks_retrieve'], 'tasks_retrieve needs --param id=…'],
      [['tasks_retrieve', '-p', 'id=1', '--body', 'bad.json'], 'tasks_retrieve takes no body'],
      [['tasks_create'], 'tasks_create needs a JSON body: --body FILE, or --body - for standard input'],
      [['jobs_partial_update', '-p', 'id=1', '--body', 'bad.json'], expect.stringMatching(/^--body: bad\.json is not JSON \(/)],
      [['jobs_partial_update', '-p', 'id=1', '--body', 'missing.json'], '--body: cannot read missing.json (ENOENT)'],
      [['users_retrieve_self', '--org', 'acme'], 'users_retrieve_self takes no organisation context (--org)'],
      [['tasks_list', '--org', 'acme', '-p', 'org=acme'], 'give the organisation once: --org, or --param org=…'],
      [['tasks_retrieve', '-p', 'id=1', '--output', 'x.json'], 'tasks_retrieve answers JSON: --output is for file answers'],
      [['tasks_retrieve_data', '-p', 'id=1', '--json'], 'tasks_retrieve_data answers with a file: with --json, give --output FILE (standard output holds the JSON)'],
      // What the operation itself refuses (its body's schema, a header's characters) is a usage error too, found before the login.
      [['tasks_create', '--body', 'shape.json'], 'tasks_create refuses its input: taskWriteRequest: required property "name" └─ cannot decode 5, should be string (1..256 characters)'],
      [['tasks_create', '--body', 'shape.json', '--json'], 'tasks_create refuses its input: taskWriteRequest: required property "name" └─ cannot decode 5, should be string (1..256 characters)'],
      [['tasks_list', '-p', 'X-Organization=a\r\nX-Evil: 1'], 'tasks_list refuses its input: xOrganization must be printable ASCII (an organisation slug)'],
      // A body that is no regular file (a device, a pipe) is read no further than a file is.
      [['jobs_partial_update', '-p', 'id=1', '--body', '/dev/zero'], '--body: /dev/zero holds more than 64 MiB'],
    ]
    const results = await cliEach(dir, cases.map(([args]) => ['api', ...args]), login)
    // With --json a usage error is also one {error} document on stdout.
    const doc = (r: { stdout: string }) => (r.stdout === '' ? '' : (JSON.parse(r.stdout) as { error: { _tag: string } }).error._tag)
    expect(results.map((r) => [r.code, doc(r), r.stderr.split('\n')[0]!.replace(/^cvat-fp: /, '')])).toEqual(cases.map(([args, line]) => [2, args.includes('--json') ? 'Usage' : '', line]))
    expect(live.emulator.log.slice(before)).toEqual([])
  })
})
