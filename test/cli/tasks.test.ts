// `cvat-fp tasks …`, spawned as a user runs it, against the emulator over HTTP (seed 'demo': a
// project with a ten-frame task in three jobs, annotated): whole outputs where they are stable,
// the files on disk opened and read, usage errors that send nothing (no login either).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bytes } from '../../src/cli/bar'
import { unzipAll } from '../../src/testing/engine/zip/zip'
import { useEmulator } from '../e2e/helpers'
import { PNG, SPAWNING, binIsBuilt, cliAt, cliEach, folder } from './run'

beforeAll(binIsBuilt)

const LABELS = '[{"name": "car"}, {"name": "person"}]'

describe('cvat-fp tasks', SPAWNING, () => {
  const live = useEmulator({ seed: 'demo', remoteFiles: { 'https://example.com/road.png': PNG } })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
  const task = (id: number) => live.emulator.state.engine.tasks.find((t) => t.id === id)

  it('ls: a table of every task, or one JSON document', async () => {
    const dir = folder()
    expect(await cliAt(dir, ['tasks', 'ls'], env())).toMatchObject({
      code: 0,
      stdout: 'ID  NAME           PROJECT  STATUS      FRAMES  JOBS  OWNER\n1   Street frames  1        annotation  10      3     olga\n1 task\n',
      stderr: '',
    })
    const json = await cliAt(dir, ['tasks', 'ls', '--json', '--project-id', '1'], env())
    expect([json.code, json.stderr, (JSON.parse(json.stdout) as Array<{ id: number; name: string }>).map((t) => [t.id, t.name])]).toEqual([0, '', [[1, 'Street frames']]])
  })

  it('create: uploads local files by CVAT\'s protocol, prints the id; progress is plain lines off a terminal', async () => {
    const dir = folder({ 'a.png': PNG, 'b.png': PNG, 'c.png': PNG })
    const before = live.emulator.log.length
    const r = await cliAt(dir, ['tasks', 'create', 'road', 'a.png', 'b.png', 'c.png', '--labels', LABELS, '--segment-size', '2', '--org', 'acme'], env())
    const id = Math.max(...live.emulator.state.engine.tasks.map((t) => t.id))
    expect(r).toMatchObject({
      code: 0,
      stdout: `${id}\n`,
      stderr: 'upload: 0% of 210 B\nupload: 100% of 210 B\nprocessing: 0%\nprocessing: 50%\nprocessing: 100%\n',
    })
    // Upload-Start, one Upload-Multiple with the three files, Upload-Finish; then the status polls.
    const sent = live.emulator.log.slice(before).map((l) => `${l.method} ${new URL(l.url).pathname} ${l.status}`)
    expect(sent.filter((l) => l.includes('/data/'))).toEqual([`POST /api/tasks/${id}/data/ 202`, `POST /api/tasks/${id}/data/ 200`, `POST /api/tasks/${id}/data/ 202`])
    expect([task(id)?.name, task(id)?.segmentSize, task(id)?.organizationId]).toEqual(['road', 2, live.emulator.state.organizations.find((o) => o.slug === 'acme')?.id])
    // Two jobs: frames 0–1, and frame 2 alone (one number, no range).
    const jobs = live.emulator.state.engine.jobs.filter((j) => j.taskId === id).map((j) => j.id).sort((a, b) => b - a)
    expect(await cliAt(dir, ['jobs', 'ls', '--task-id', String(id), '--org', 'acme'], env())).toMatchObject({
      code: 0,
      stdout: `ID  TASK  FRAMES  TYPE        STAGE       STATE  ASSIGNEE\n${jobs[0]}   ${id}     2       annotation  annotation  new    -\n${jobs[1]}   ${id}     0–1     annotation  annotation  new    -\n2 jobs\n`,
    })
  })

  it("create: cvat-cli's spelling (NAME local FILE…, --image_quality) works too; --json prints the task", async () => {
    const dir = folder({ 'a.png': PNG })
    const r = await cliAt(dir, ['tasks', 'create', 'cli-style', 'local', 'a.png', '--labels', LABELS, '--image_quality', '80', '--json'], env())
    const created = JSON.parse(r.stdout) as { id: number; name: string; size: number; image_quality: number }
    expect([r.code, r.stderr, created.name, created.size, created.image_quality]).toEqual([0, '', 'cli-style', 1, 80])
  })

  it('create --resource-type remote sends URLs, no file', async () => {
    const r = await cliAt(folder(), ['tasks', 'create', 'remote', '--resource-type', 'remote', 'https://example.com/road.png', '--labels', LABELS], env())
    const id = Number(r.stdout.trim())
    expect([r.code, task(id)?.name]).toEqual([0, 'remote'])
  })

  it('create: when CVAT cannot process the data, exit 1 says at which step, and the task is deleted again (or kept)', async () => {
    const dir = folder({ 'notes.txt': 'not an image' })
    const failed = await cliAt(dir, ['tasks', 'create', 'broken', 'notes.txt', '--labels', LABELS], env())
    expect([failed.code, failed.stdout]).toEqual([1, ''])
    expect(failed.stderr.split('\n').at(-2)).toMatch(/^BackgroundRequestError: .* \(step: processing; task (\d+) deleted again\)$/)
    expect(live.emulator.state.engine.tasks.map((t) => t.name)).not.toContain('broken')
    const kept = await cliAt(dir, ['tasks', 'create', 'broken', 'notes.txt', '--labels', LABELS, '--keep-on-failure', '--json'], env())
    expect([kept.code, (JSON.parse(kept.stdout) as { error: { message: string } }).error.message]).toEqual([1, expect.stringMatching(/\(step: processing; task \d+ kept\)$/)])
    expect(live.emulator.state.engine.tasks.map((t) => t.name)).toContain('broken')
  })

  it('export-dataset: the file on disk is the export (CVAT for images 1.1: annotations.xml with the annotations)', async () => {
    const dir = folder()
    const r = await cliAt(dir, ['tasks', 'export-dataset', '1'], env())
    const files = readdirSync(dir)
    expect(files).toEqual([expect.stringMatching(/^task_1_annotations_.*\.zip$/)])
    expect(r).toMatchObject({ code: 0, stdout: `saved ${join(dir, files[0]!)} (${bytes(readFileSync(join(dir, files[0]!)).length)})\n` })
    const zip = unzipAll(readFileSync(join(dir, files[0]!)), 1e7) as Map<string, Uint8Array>
    const xml = Buffer.from(zip.get('annotations.xml')!).toString()
    expect(xml).toContain('<box label="car"')
    expect(xml).toContain('<polygon label="person"')
    // The same export again: the server's name is taken, so it never replaces that file.
    await cliAt(dir, ['tasks', 'export-dataset', '1'], env())
    expect(readdirSync(dir).sort()).toEqual([files[0], files[0]!.replace(/\.zip$/, '-1.zip')].sort())
  })

  it('export-dataset FILENAME --format "COCO 1.0": a name the user gives is used (and replaced)', async () => {
    const dir = folder({ 'coco.zip': 'old' })
    const r = await cliAt(dir, ['tasks', 'export-dataset', '1', 'coco.zip', '--format', 'COCO 1.0', '--json'], env())
    expect([r.code, r.stderr, JSON.parse(r.stdout)]).toEqual([0, '', { id: 1, format: 'COCO 1.0', saveImages: false, path: join(dir, 'coco.zip'), bytes: readFileSync(join(dir, 'coco.zip')).length }])
    const zip = unzipAll(readFileSync(join(dir, 'coco.zip')), 1e7) as Map<string, Uint8Array>
    expect([...zip.keys()]).toEqual(['annotations/instances_train.json'])
    expect(readdirSync(dir)).toEqual(['coco.zip'])
  })

  it('backup, create-from-backup, import-dataset, frames and delete', async () => {
    const dir = folder()
    const backup = await cliAt(dir, ['tasks', 'backup', '1', 'backups/'], env())
    const [file] = readdirSync(join(dir, 'backups'))
    expect([backup.code, backup.stdout]).toEqual([0, `saved ${join(dir, 'backups', file!)} (${bytes(readFileSync(join(dir, 'backups', file!)).length)})\n`])
    const restored = await cliAt(dir, ['tasks', 'create-from-backup', join('backups', file!)], env())
    const id = Number(restored.stdout.trim())
    expect([restored.code, task(id)?.name]).toEqual([0, 'Street frames'])
    await cliAt(dir, ['tasks', 'export-dataset', '1', 'cvat.zip'], env())
    const imported = await cliAt(dir, ['tasks', 'import-dataset', String(id), 'cvat.zip'], env())
    expect(imported).toMatchObject({ code: 0, stdout: `imported cvat.zip into task ${id} (CVAT 1.1)\n` })
    const frames = await cliAt(dir, ['tasks', 'frames', String(id), '0', '9', '--outdir', 'frames'], env())
    expect(frames.stdout).toBe([0, 9].map((f) => `saved ${join(dir, 'frames', `task_${id}_frame_00000${f}.png`)} (${bytes(readFileSync(join(dir, 'frames', `task_${id}_frame_00000${f}.png`)).length)})\n`).join(''))
    expect(readFileSync(join(dir, 'frames', `task_${id}_frame_000000.png`)).subarray(0, 8)).toEqual(PNG.subarray(0, 8))
    const deleted = await cliAt(dir, ['tasks', 'delete', String(id), '999', String(id)], env())
    expect(deleted).toMatchObject({ code: 0, stdout: `deleted  task ${id}\nskipped  task 999: not found\n1 deleted, 1 not found, 0 failed, of 2\n`, stderr: '' })
    expect(task(id)).toBeUndefined()
  })

  it('delete --dry-run sends no DELETE', async () => {
    const before = live.emulator.log.length
    expect(await cliAt(folder(), ['tasks', 'delete', '1', '--dry-run'], env())).toMatchObject({ code: 0, stdout: 'would delete task 1: DELETE /api/tasks/1\n1 would be deleted (dry run, nothing sent), 0 not found, 0 failed, of 1\n' })
    expect(live.emulator.log.slice(before)).toEqual([])
  })

  it('a failure with --json is one {error} document, exit 1', async () => {
    const r = await cliAt(folder(), ['tasks', 'export-dataset', '999', '--json'], env())
    expect([r.code, JSON.parse(r.stdout)]).toEqual([1, { error: { _tag: 'StatusError', status: 404, message: expect.stringMatching(/^StatusError: POST .*\/api\/tasks\/999\/dataset\/export\?.* → 404 Not Found: .* \(step: start\)$/) } }])
  })

  it('usage errors: exit 2 before any request, not even a login', async () => {
    const dir = folder({ 'a.png': PNG, 'one/x.png': PNG, 'two/x.png': PNG, 'img/y.png': PNG })
    const login = { CVAT_URL: live.served.url, CVAT_USERNAME: 'olga', CVAT_PASSWORD: 'olga-password' }
    const before = live.emulator.log.length
    const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
      [['tasks', 'create', 'x', 'a.png'], 'a task needs --labels or --project-id'],
      [['tasks', 'create', 'x', 'a.png', '--labels', LABELS, '--image-quality', '101'], '--image-quality takes 1 to 100, got 101'],
      [['tasks', 'create', 'x', 'a.png', '--labels', LABELS, '--segment-size', '0'], '--segment-size takes a positive integer, got "0"'],
      [['tasks', 'create', 'x', 'nope.png', '--labels', LABELS], 'cannot read nope.png (ENOENT)'],
      [['tasks', 'create', 'x', 'img', '--labels', LABELS], 'img is a folder: name its files (e.g. img/*)'],
      [['tasks', 'create', 'x', 'one/x.png', 'two/x.png', '--labels', LABELS], 'one/x.png and two/x.png have the same name, "x.png": CVAT would take them for one file'],
      [['tasks', 'create', 'x', 'a.png', '--labels', '{"name": "car"}'], '--labels takes a JSON list of labels, like [{"name": "cat"}]'],
      [['tasks', 'create', 'x', 'a.png', '--labels', '[{"name": ""}, {"name": "car", "type": "cube"}]'], 'the task is not one CVAT takes: labels[0].name: cannot decode "", should be string (1..64 characters); labels[1].type: cannot decode "cube", should be "any" | "cuboid" | "ellipse" | "mask" | "points" | "polygon" | "polyline" | "rectangle" | "skeleton" | "tag" | "interval"'],
      [['tasks', 'create', 'x', 'a.png', '--resource-type', 'ftp', '--labels', LABELS], '--resource-type must be one of local, remote, share, got "ftp"'],
      [['tasks', 'create', 'x', 'a.png', '--labels', LABELS, '--sorting-method', 'alpha'], '--sorting-method must be one of lexicographical, natural, predefined, random, got "alpha"'],
      [['tasks', 'export-dataset', 'abc'], 'TASK_ID must be a positive integer, got "abc"'],
      [['tasks', 'export-dataset', '1', '--with-images', 'maybe'], '--with-images takes true or false, got "maybe"'],
      [['tasks', 'export-dataset', '1', 'no/such/dir/x.zip'], 'cannot write no/such/dir/x.zip: the folder no/such/dir does not exist'],
      [['tasks', 'export-dataset', '1', '--format', 'A', '--format', 'B'], '--format is given twice'],
      [['tasks', 'frames', '1'], 'give the frame numbers to download'],
      [['tasks', 'frames', '1', 'first'], 'a frame number is an integer from 0, got "first"'],
      [['tasks', 'delete'], 'give the task ids to delete'],
      [['tasks', 'import-dataset', '1'], 'give the file to upload'],
    ]
    const results = await cliEach(dir, cases.map(([args]) => args), login)
    expect(results.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual(cases.map(([, line]) => [2, '', `cvat-fp: ${line}`]))
    expect(live.emulator.log.slice(before)).toEqual([])
    expect(existsSync(join(dir, 'no'))).toBe(false)
  })
})
