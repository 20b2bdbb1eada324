// `cvat-fp projects …` and `cvat-fp jobs …`, spawned, against the emulator over HTTP (seed 'demo').
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bytes } from '../../src/cli/bar'
import { unzipAll } from '../../src/testing/engine/zip/zip'
import { useEmulator } from '../e2e/helpers'
import { SPAWNING, binIsBuilt, cliAt, folder } from './run'

beforeAll(binIsBuilt)

describe('cvat-fp projects', SPAWNING, () => {
  const live = useEmulator({ seed: 'demo' })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const project = (id: number) => live.emulator.state.engine.projects.find((p) => p.id === id)

  it('ls and create (labels from a file, in an organisation); the new project is listed', async () => {
    const dir = folder({ 'labels.json': '[{"name": "tree"}, {"name": "sign", "attributes": []}]' })
    const created = await cliAt(dir, ['projects', 'create', 'Forest', '--labels', 'labels.json', '--bug-tracker', 'https://bugs.example.com/1', '--org', 'acme'], env())
    const id = Number(created.stdout.trim())
    expect([created.code, created.stderr, project(id)?.name, project(id)?.bugTracker]).toEqual([0, '', 'Forest', 'https://bugs.example.com/1'])
    expect(live.emulator.state.engine.labels.filter((l) => l.projectId === id).map((l) => l.name)).toEqual(['tree', 'sign'])
    expect(await cliAt(dir, ['projects', 'ls', '--org', 'acme'], env())).toMatchObject({
      code: 0,
      stdout: `ID  NAME           STATUS      TASKS  OWNER\n${id}   Forest         annotation  0      olga\n1   Street scenes  annotation  1      olga\n2 projects\n`,
    })
  })

  it('export-dataset, backup, create-from-backup, import-dataset and delete', async () => {
    const dir = folder()
    const exported = await cliAt(dir, ['projects', 'export-dataset', '1', 'street.zip', '--with-images', 'true'], env())
    expect(exported).toMatchObject({ code: 0, stdout: `saved ${join(dir, 'street.zip')} (${bytes(readFileSync(join(dir, 'street.zip')).length)})\n` })
    const zip = unzipAll(readFileSync(join(dir, 'street.zip')), 1e8) as Map<string, Uint8Array>
    expect([...zip.keys()].filter((k) => k.endsWith('.xml') || k.includes('images/')).length).toBeGreaterThan(10)
    const backup = await cliAt(dir, ['projects', 'backup', '1'], env())
    const [file] = readdirSync(dir).filter((f) => f.includes('backup'))
    expect([backup.code, file]).toEqual([0, expect.stringMatching(/\.zip$/)])
    const restored = await cliAt(dir, ['projects', 'create-from-backup', file!], env())
    const id = Number(restored.stdout.trim())
    expect([restored.code, project(id)?.name]).toEqual([0, 'Street scenes'])
    const created = Number((await cliAt(dir, ['projects', 'create', 'Empty', '--labels', '[{"name": "car"}, {"name": "person"}, {"name": "night"}]'], env())).stdout.trim())
    const imported = await cliAt(dir, ['projects', 'import-dataset', String(created), 'street.zip', '--format', 'CVAT 1.1'], env())
    expect(imported).toMatchObject({ code: 0, stdout: `imported street.zip into project ${created} (CVAT 1.1)\n` })
    expect(live.emulator.state.engine.tasks.filter((t) => t.projectId === created).length).toBeGreaterThan(0)
    const deleted = await cliAt(dir, ['projects', 'delete', String(id), String(created), '--json'], env())
    expect([deleted.code, JSON.parse(deleted.stdout)]).toEqual([0, { dryRun: false, summary: { total: 2, deleted: 2, wouldDelete: 0, notFound: 0, failed: 0 }, outcomes: [{ id, outcome: 'Deleted' }, { id: created, outcome: 'Deleted' }] }])
  })

  it('usage: NAME is needed; --labels must be JSON', async () => {
    const r = await Promise.all([cliAt(folder(), ['projects', 'create'], env()), cliAt(folder(), ['projects', 'create', 'x', '--labels', '[oops'], env())])
    expect(r.map((x) => [x.code, x.stderr.split('\n')[0]])).toEqual([
      [2, 'cvat-fp: give the project NAME'],
      [2, expect.stringMatching(/^cvat-fp: --labels takes JSON or a JSON file, got "\[oops" \(/)],
    ])
  })
})

describe('cvat-fp jobs', SPAWNING, () => {
  const live = useEmulator({ seed: 'demo' })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const job = (id: number) => live.emulator.state.engine.jobs.find((j) => j.id === id)
  const wes = () => live.emulator.state.users.find((u) => u.username === 'wes')!.id

  it('ls: the jobs of a task, with frames, stage, state and assignee', async () => {
    expect(await cliAt(folder(), ['jobs', 'ls', '--task-id', '1'], env())).toMatchObject({
      code: 0,
      stdout: [
        'ID  TASK  FRAMES  TYPE        STAGE       STATE  ASSIGNEE',
        '3   1     8–9     annotation  annotation  new    -',
        '2   1     4–7     annotation  annotation  new    -',
        '1   1     0–3     annotation  annotation  new    wes',
        '3 jobs',
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('assign: finds the user in the job\'s organisation; --dry-run sends no PATCH; --unassign', async () => {
    const before = live.emulator.log.length
    expect(await cliAt(folder(), ['jobs', 'assign', '2', 'wes', '--dry-run'], env())).toMatchObject({ code: 0, stdout: `would assign job 2 (task 1, frames 4–7) to wes (now nobody): PATCH /api/jobs/2 {"assignee":${wes()}}\n` })
    expect(live.emulator.log.slice(before).filter((l) => l.method !== 'GET')).toEqual([])
    expect(await cliAt(folder(), ['jobs', 'assign', '2', 'wes'], env())).toMatchObject({ code: 0, stdout: 'assigned job 2 (task 1, frames 4–7) to wes (was nobody)\n' })
    expect(job(2)?.assigneeId).toBe(wes())
    expect(await cliAt(folder(), ['jobs', 'assign', '2', '--unassign'], env())).toMatchObject({ code: 0, stdout: 'unassigned job 2 (task 1, frames 4–7) (was wes)\n' })
    expect(job(2)?.assigneeId).toBe(null)
  })

  it('assign: an unknown user is exit 1 with a line; JOB_ID and USERNAME are checked first', async () => {
    const results = await Promise.all([
      cliAt(folder(), ['jobs', 'assign', '2', 'nobody-here'], env()),
      cliAt(folder(), ['jobs', 'assign', 'two', 'wes'], env()),
      cliAt(folder(), ['jobs', 'assign', '2'], env()),
      cliAt(folder(), ['jobs', 'assign', '2', 'wes', '--unassign'], env()),
    ])
    expect(results.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual([
      [1, '', 'no user "nobody-here" in the job\'s organisation'],
      [2, '', 'cvat-fp: JOB_ID must be a positive integer, got "two"'],
      [2, '', 'cvat-fp: give JOB_ID USERNAME, or JOB_ID --unassign'],
      [2, '', 'cvat-fp: give JOB_ID USERNAME, or JOB_ID --unassign'],
    ])
  })
})
