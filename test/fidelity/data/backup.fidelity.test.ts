// Task and project backups — engine/backup.py (TaskExporter, TaskImporter, ProjectExporter,
// ProjectImporter, _import), mixins.py BackupMixin, background.py BackupExportManager (2.26) /
// BackupExporter, BackupImporter (2.73); tests/python/rest_api/test_tasks.py TestTaskBackups.
import { describe, expect, it } from 'vitest'
import { listZip, readEntry } from '../../../src/testing/engine/zip/zip'
import { png } from '../../emulator/data/images'
import { form, makeTask, settled, site, sj, taskWith } from './helpers'

const read = (zip: Uint8Array) => {
  const l = listZip(zip)
  return new Map(l._tag === 'Zip' ? l.entries.map((e) => { const r = readEntry(zip, e, 1 << 22); return [e.name, r._tag === 'Read' ? r.bytes : new Uint8Array()] as const }) : [])
}
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b ?? new Uint8Array())
const FILES = [{ name: 'b.png', bytes: png(4, 4) }, { name: 'a.png', bytes: png(8, 6) }, { name: 'c.png', bytes: png(2, 3) }]

describe.each(['2.26', '2.73'] as const)('backups, %s', (v) => {
  const s = site({ serverVersion: v, requestPolls: 1 })
  let task = 0
  let zip: Uint8Array = new Uint8Array()

  const fetchBackup = async (kind: 'tasks' | 'projects', id: number): Promise<Uint8Array> => {
    const r = await s.call('olga', 'POST', `/api/${kind}/${id}/backup/export`)
    const done = await settled(s, 'olga', (r.json as { rq_id: string }).rq_id)
    const url = new URL(String(done['result_url']))
    expect(url.pathname).toBe(v === '2.73' ? `/api/${kind}/${id}/backup/download` : `/api/${kind}/${id}/backup`)
    return (await s.call('olga', 'GET', `${url.pathname}${url.search}`)).bytes
  }

  it('a task backup holds task.json, annotations.json and data/ (backup.py _write_manifest, _write_annotations, _write_data)', async () => {
    task = await taskWith(s, 'olga', FILES, { image_quality: '80', sorting_method: 'predefined' }, { segment_size: 2 })
    const label = ((await s.call('olga', 'GET', `/api/labels?task_id=${task}`)).json as { results: Array<{ id: number; name: string; attributes: Array<{ id: number }> }> }).results.find((l) => l.name === 'car')!
    await s.call('olga', 'PUT', `/api/tasks/${task}/annotations`, { body: { tags: [], tracks: [], shapes: [{ type: 'rectangle', frame: 2, label_id: label.id, points: [0, 0, 1, 1], attributes: [{ spec_id: label.attributes[0]!.id, value: 'blue' }] }] } })
    zip = await fetchBackup('tasks', task)
    const files = read(zip)
    expect([...files.keys()].sort()).toEqual(['annotations.json', 'data/a.png', 'data/b.png', 'data/c.png', 'task.json'])
    const manifest = JSON.parse(text(files.get('task.json')))
    expect(manifest).toEqual({
      name: 'pictures',
      bug_tracker: '',
      status: 'annotation',
      subset: '',
      labels: [
        { name: 'car', color: expect.any(String), attributes: [{ name: 'colour', mutable: false, input_type: 'select', default_value: 'red', values: ['red', 'blue'] }], type: 'rectangle', sublabels: [] },
        { name: 'person', color: expect.any(String), attributes: [], type: 'polygon', sublabels: [] },
      ],
      version: '1.0',
      data: { chunk_size: 72, image_quality: 80, start_frame: 0, stop_frame: 2, storage_method: 'file_system', storage: 'local', sorting_method: 'predefined', chunk_type: 'imageset', deleted_frames: [] },
      jobs: [{ status: 'annotation', type: 'annotation', start_frame: 0, stop_frame: 1 }, { status: 'annotation', type: 'annotation', start_frame: 2, stop_frame: 2 }],
    })
    const annotations = JSON.parse(text(files.get('annotations.json')))
    expect(annotations[1].shapes.map((x: Record<string, unknown>) => [x['label'], x['frame'], x['attributes']])).toEqual([['car', 2, [{ value: 'blue', name: 'colour' }]]])
  })

  it('restores: a new task with the labels, the frames in the same order, the jobs and the annotations', async () => {
    const r = await s.call('olga', 'POST', '/api/tasks/backup/', { body: form([{ name: 'backup.zip', bytes: zip }], {}, () => 'task_file') })
    expect(r.status).toBe(202)
    const rq = (r.json as { rq_id: string }).rq_id
    expect(rq).toMatch(v === '2.73' ? /^action=import&target=task&id=[0-9a-f-]{36}&subresource=backup$/ : /^import:task-[0-9a-f-]{36}-backup$/)
    let id: number
    if (v === '2.73') id = (await settled(s, 'olga', rq))['result_id'] as number
    else {
      // 2.26 (backup.py _import): posting the rq_id again polls — 202, then 201 {"id"}.
      expect(sj(await s.call('olga', 'POST', '/api/tasks/backup/', { body: { rq_id: rq } }))).toEqual({ status: 202, body: { rq_id: rq } })
      const done = await s.call('olga', 'POST', '/api/tasks/backup/', { body: { rq_id: rq } })
      expect(done.status).toBe(201)
      id = (done.json as { id: number }).id
    }
    const meta = (id: number) => s.call('olga', 'GET', `/api/tasks/${id}/data/meta`).then((x) => (x.json as { frames: Array<{ name: string }> }).frames.map((f) => f.name))
    expect(await meta(id)).toEqual(await meta(task))
    const jobs = (id: number) => s.call('olga', 'GET', `/api/jobs?task_id=${id}&sort=id`).then((x) => (x.json as { results: Array<{ start_frame: number; stop_frame: number }> }).results.map((j) => [j.start_frame, j.stop_frame]))
    expect(await jobs(id)).toEqual(await jobs(task))
    const ann = (await s.call('olga', 'GET', `/api/tasks/${id}/annotations`)).json as { shapes: Array<{ frame: number; points: number[] }> }
    expect(ann.shapes.map((x) => [x.frame, x.points])).toEqual([[2, [0, 0, 1, 1]]])
  })

  it('a project backup holds project.json and task_<n>/ per task; it restores the project and its tasks', async () => {
    const p = (await s.call('olga', 'POST', '/api/projects', { body: { name: 'streets', labels: [{ name: 'car', type: 'rectangle' }] } })).json as { id: number }
    await taskWith(s, 'olga', FILES.slice(0, 1), { image_quality: '50' }, { labels: undefined, project_id: p.id })
    const files = read(await fetchBackup('projects', p.id))
    expect([...files.keys()].sort()).toEqual(['project.json', 'task_0/annotations.json', 'task_0/data/b.png', 'task_0/task.json'])
    expect(JSON.parse(text(files.get('project.json')))).toMatchObject({ name: 'streets', version: '1.0', labels: [{ name: 'car', type: 'rectangle' }] })
    const { writeZip } = await import('../../../src/testing/engine/zip/zip')
    const r = await s.call('olga', 'POST', '/api/projects/backup/', { body: form([{ name: 'p.zip', bytes: writeZip([...files].map(([name, bytes]) => ({ name, bytes }))) }], {}, () => 'project_file') })
    const rq = (r.json as { rq_id: string }).rq_id
    let pid: number
    if (v === '2.73') pid = (await settled(s, 'olga', rq))['result_id'] as number
    else {
      await s.call('olga', 'POST', '/api/projects/backup/', { body: { rq_id: rq } })
      pid = ((await s.call('olga', 'POST', '/api/projects/backup/', { body: { rq_id: rq } })).json as { id: number }).id
    }
    const tasks = (await s.call('olga', 'GET', `/api/tasks?project_id=${pid}`)).json as { count: number; results: Array<{ size: number }> }
    expect([tasks.count, tasks.results[0]?.size]).toEqual([1, 1])
  })

  it('a task without data cannot be backed up; an import with no file names the missing field', async () => {
    const bare = { id: await makeTask(s, 'olga') }
    if (v === '2.73') expect(sj(await s.call('olga', 'POST', `/api/tasks/${bare.id}/backup/export`))).toEqual({ status: 400, body: ['Backup of a task without data is not allowed'] })
    else expect(sj(await s.call('olga', 'GET', `/api/tasks/${bare.id}/backup`))).toEqual({ status: 400, body: 'Backup of a task without data is not allowed' })
    expect(sj(await s.call('olga', 'POST', '/api/tasks/backup/', { body: form([], { x: '1' }) }))).toEqual({ status: 400, body: { task_file: ['No file was submitted.'] } })
  })
})
