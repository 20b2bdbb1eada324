// Every workflow end to end on the emulator (cvat-fp/testing) over a real socket, on each
// generation it serves (2.26: the ≤ 2.31 export flows, TUS Location from Origin; 2.73: the ≥ 2.38
// flows): a task from local files (small ones grouped, one over 100 MiB by TUS), from remote URLs
// and the share; annotations put, exported as CVAT for images 1.1 and COCO 1.0 and checked inside
// the zip; imports of annotations and a dataset; backups restored; waitForRequest on its own.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import {
  type Client,
  type Progress,
  type TaskRead,
  createClient,
  tokenAuth,
  jobsExportDataset,
  jobsImportAnnotations,
  jobsList,
  labelsList,
  projectsCreate,
  projectsCreateFromBackup,
  projectsDownloadBackup,
  projectsExportDataset,
  projectsImportDataset,
  tasksCreate,
  tasksCreateData,
  tasksCreateDatasetExport,
  tasksCreateFromBackup,
  tasksCreateFromData,
  tasksDownloadBackup,
  tasksExportDataset,
  tasksImportAnnotations,
  tasksList,
  tasksRetrieve,
  tasksRetrieveAnnotations,
  tasksRetrieveData,
  tasksRetrieveDataMeta,
  tasksUpdateAnnotations,
  waitForRequest,
} from '../../../src/index'
import { type Version, bytesOf, paddedPng, png, right, text, unzip, useEmulator } from '../onEmulator'

const fast = { pollInterval: 1 }
const MiB = 2 ** 20
const frames = [png(40, 30, [200, 0, 0]), png(40, 30, [0, 200, 0]), png(40, 30, [0, 0, 200])]
const remote = { 'https://images.example/r0.png': png(20, 10), 'https://images.example/r1.png': png(20, 10, [9, 9, 9]) }
const share = { 'street/s0.png': png(16, 12), 'street/s1.png': png(16, 12, [1, 2, 3]) }
// One picture over 100 MiB, made once (copying 100 MiB costs seconds on a loaded machine).
let huge: Uint8Array | undefined
const hugePng = (): Uint8Array => (huge ??= paddedPng(64, 48, 100 * MiB + 7))

// A task of three small frames in `acme`, labelled car (rectangle, with a colour) and person (polygon).
const spec = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  labels: [
    { name: 'car', type: 'rectangle' as const, attributes: [{ name: 'colour', mutable: false, input_type: 'select' as const, default_value: 'red', values: ['red', 'blue'] }] },
    { name: 'person', type: 'polygon' as const },
  ],
  segment_size: 2,
  ...extra,
})
const smallTask = async (cvat: Client, name: string): Promise<TaskRead> =>
  right(await tasksCreateFromData(cvat, { spec: spec(name), resources: frames.map((data, i) => ({ name: `f${i}.png`, data })), org: 'acme' }, fast)())

// Puts a box on frame 0 and a polygon on frame 2 (the second job); the labels' ids.
const annotate = async (cvat: Client, task: number) => {
  const labels = right(await labelsList(cvat, { taskId: task, org: 'acme' })()).results
  const car = labels.find((l) => l.name === 'car')!
  const person = labels.find((l) => l.name === 'person')!
  const colour = car.attributes?.[0]?.id
  right(
    await tasksUpdateAnnotations(cvat, {
      id: task,
      labeledDataRequest: {
        version: 0,
        tags: [],
        tracks: [],
        shapes: [
          { type: 'rectangle', frame: 0, label_id: car.id, points: [1.5, 2, 30, 20.25], attributes: colour === undefined ? [] : [{ spec_id: colour, value: 'blue' }] },
          { type: 'polygon', frame: 2, label_id: person.id, points: [1, 1, 10, 1, 10, 8] },
        ],
      },
    })(),
  )
  return { car, person }
}

describe.each(['2.73', '2.26'] as const)('the workflows on the emulator %s', (version: Version) => {
  const on = useEmulator(version, { requestPolls: 2, remoteFiles: remote, share })

  it('tasksCreateFromData sends small files in one Upload-Multiple and one over 100 MiB by TUS; frames come back byte for byte', async () => {
    const { cvat, emulator } = on()
    const big = hugePng()
    const progress: Progress[] = []
    const task = right(
      await tasksCreateFromData(
        cvat,
        { spec: spec('street', { project_id: undefined }), resources: [...frames.map((data, i) => ({ name: `f${i}.png`, data })), { name: 'huge.png', data: new Blob([big as Uint8Array<ArrayBuffer>]) }], org: 'acme' },
        { ...fast, onProgress: (p) => progress.push(p) },
      )(),
    )
    expect([task.size, task.status, task.mode, task.jobs?.count]).toEqual([4, 'annotation', 'annotation', 2])
    const meta = right(await tasksRetrieveDataMeta(cvat, { id: task.id })())
    expect(meta.frames?.map((f) => [f.name, f.width, f.height])).toEqual([['f0.png', 40, 30], ['f1.png', 40, 30], ['f2.png', 40, 30], ['huge.png', 64, 48]])
    const frame = async (n: number) => bytesOf(right(await tasksRetrieveData(cvat, { id: task.id, type: 'frame', number: n, quality: 'original' })()))
    expect(await frame(1)).toEqual(frames[1])
    // The large frame's bytes are the emulator's own suite's concern (test/fidelity/data); its header was read above.
    // The protocol as sent: Upload-Start, one Upload-Multiple, TUS creation and 11 chunks, Upload-Finish.
    const data = emulator.log.filter((l) => new URL(l.url).pathname.startsWith(`/api/tasks/${task.id}/data`) && l.method !== 'GET')
    expect(data.map((l) => l.method)).toEqual(['POST', 'POST', 'POST', ...Array(11).fill('PATCH'), 'POST'])
    const total = 3 * frames[0]!.length + big.length
    const uploads = progress.filter((p) => p.phase === 'upload')
    expect(uploads[0]).toEqual({ phase: 'upload', done: 0, total })
    expect(uploads.at(-1)).toEqual({ phase: 'upload', done: total, total })
    expect(uploads.length).toBe(2 + 11)
    expect(progress.filter((p) => p.phase === 'processing')).toEqual([
      { phase: 'processing', done: 0, total: 1 },
      { phase: 'processing', done: 0.5, total: 1 },
      { phase: 'processing', done: 1, total: 1 },
    ])
    expect(progress.map((p) => p.phase)).toEqual([...uploads.map(() => 'upload'), 'processing', 'processing', 'processing'])
  }, 60_000)

  it('tasksCreateFromData takes remote URLs and the share, sending no file', async () => {
    const { cvat } = on()
    const fromRemote = right(await tasksCreateFromData(cvat, { spec: spec('remote'), resourceType: 'remote', resources: Object.keys(remote) }, fast)())
    const fromShare = right(await tasksCreateFromData(cvat, { spec: spec('share'), resourceType: 'share', resources: ['street/'], dataParams: { sorting_method: 'natural' } }, fast)())
    expect([fromRemote.size, fromShare.size]).toEqual([2, 2])
    const names = async (id: number) => right(await tasksRetrieveDataMeta(cvat, { id })()).frames?.map((f) => f.name)
    expect(await names(fromRemote.id)).toEqual(['r0.png', 'r1.png'])
    expect(await names(fromShare.id)).toEqual(['street/s0.png', 'street/s1.png'])
  })

  it('exports a task as CVAT for images 1.1 and COCO 1.0 holding the annotations put, streamed to the end', async () => {
    const { cvat, served } = on()
    const task = await smallTask(cvat, 'export me')
    await annotate(cvat, task.id)
    const progress: Progress[] = []
    const xmlZip = right(await tasksExportDataset(cvat, { id: task.id, format: 'CVAT for images 1.1', org: 'acme' }, { ...fast, onProgress: (p) => progress.push(p) })())
    expect(xmlZip.url.startsWith(served.url)).toBe(true)
    const xmlBytes = await bytesOf(xmlZip)
    expect(xmlZip.filename).toMatch(/\.zip$/)
    const xml = text(unzip(xmlBytes).get('annotations.xml'))
    expect(xml).toContain('<box label="car" source="manual" occluded="0" xtl="1.50" ytl="2.00" xbr="30.00" ybr="20.25" z_order="0">')
    expect(xml).toContain('<attribute name="colour">blue</attribute>')
    expect(xml).toContain('<polygon label="person" source="manual" occluded="0" points="1.00,1.00;10.00,1.00;10.00,8.00" z_order="0">')
    expect(progress.filter((p) => p.phase === 'download').at(-1)).toEqual({ phase: 'download', done: xmlBytes.length, total: xmlBytes.length })
    expect([...new Set(progress.map((p) => p.phase))]).toEqual(['processing', 'download'])

    const coco = await bytesOf(right(await tasksExportDataset(cvat, { id: task.id, format: 'COCO 1.0', saveImages: true, org: 'acme' }, fast)()))
    const files = unzip(coco)
    expect([...files.keys()].sort()).toEqual(['annotations/instances_default.json', 'images/default/f0.png', 'images/default/f1.png', 'images/default/f2.png'])
    expect(files.get('images/default/f2.png')).toEqual(frames[2])
    const instances = JSON.parse(text(files.get('annotations/instances_default.json'))) as { annotations: Array<{ bbox: number[]; category_id: number; image_id: number }>; categories: Array<{ id: number; name: string }> }
    const category = (id: number) => instances.categories.find((c) => c.id === id)?.name
    expect(instances.annotations.map((a) => [category(a.category_id), a.image_id, a.bbox])).toEqual([
      ['car', 1, [1.5, 2, 28.5, 18.25]],
      ['person', 3, [1, 1, 9, 7]],
    ])
  })

  it('exports a job and a project', async () => {
    const { cvat } = on()
    const project = right(await projectsCreate(cvat, { org: 'acme', projectWriteRequest: { name: 'city', labels: [{ name: 'car', type: 'rectangle' }, { name: 'person', type: 'polygon' }] } })())
    const task = right(await tasksCreateFromData(cvat, { spec: { name: 'in project', project_id: project.id, segment_size: 2 }, resources: frames.map((data, i) => ({ name: `p${i}.png`, data })), org: 'acme' }, fast)())
    await annotate(cvat, task.id)
    const jobs = right(await jobsList(cvat, { taskId: task.id, org: 'acme' })()).results.sort((a, b) => (a.start_frame ?? 0) - (b.start_frame ?? 0))
    const second = unzip(await bytesOf(right(await jobsExportDataset(cvat, { id: jobs[1]!.id, format: 'CVAT for images 1.1', org: 'acme' }, fast)())))
    expect(text(second.get('annotations.xml'))).toContain('<polygon label="person"')
    expect(text(second.get('annotations.xml'))).not.toContain('<box')
    const whole = unzip(await bytesOf(right(await projectsExportDataset(cvat, { id: project.id, format: 'COCO 1.0', org: 'acme' }, fast)())))
    expect([...whole.keys()]).toEqual(['annotations/instances_default.json'])
  })

  it('imports annotations into a task (CVAT 1.1) and a job (COCO 1.0), replacing what was there', async () => {
    const { cvat } = on()
    const task = await smallTask(cvat, 'import into me')
    await annotate(cvat, task.id)
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<annotations><version>1.1</version>
  <image id="1" name="f1.png" width="40" height="30"><box label="car" occluded="0" xtl="2" ytl="3" xbr="12" ybr="13" z_order="0"><attribute name="colour">red</attribute></box></image>
</annotations>`
    right(await tasksImportAnnotations(cvat, { id: task.id, format: 'CVAT 1.1', file: { name: 'annotations.xml', data: new TextEncoder().encode(xml) }, org: 'acme' }, fast)())
    const after = right(await tasksRetrieveAnnotations(cvat, { id: task.id })())
    expect((after.shapes ?? []).map((s) => [s.type, s.frame, s.points])).toEqual([['rectangle', 1, [2, 3, 12, 13]]])

    const jobs = right(await jobsList(cvat, { taskId: task.id, org: 'acme' })()).results.sort((a, b) => (a.start_frame ?? 0) - (b.start_frame ?? 0))
    const coco = { images: [{ id: 1, file_name: 'f2.png', width: 40, height: 30 }], categories: [{ id: 1, name: 'person' }], annotations: [{ id: 1, image_id: 1, category_id: 1, segmentation: [[2, 2, 20, 2, 20, 20]], area: 162, bbox: [2, 2, 18, 18], iscrowd: 0 }] }
    right(await jobsImportAnnotations(cvat, { id: jobs[1]!.id, format: 'COCO 1.0', file: { name: 'instances_default.json', data: new TextEncoder().encode(JSON.stringify(coco)) }, org: 'acme' }, fast)())
    const merged = right(await tasksRetrieveAnnotations(cvat, { id: task.id })())
    expect((merged.shapes ?? []).map((s) => [s.type, s.frame, s.points]).sort()).toEqual([['polygon', 2, [2, 2, 20, 2, 20, 20]], ['rectangle', 1, [2, 3, 12, 13]]])
  })

  it('imports a dataset into a project: a task with its images and annotations', async () => {
    const { cvat } = on()
    const source = await smallTask(cvat, 'dataset source')
    await annotate(cvat, source.id)
    const dataset = await bytesOf(right(await tasksExportDataset(cvat, { id: source.id, format: 'COCO 1.0', saveImages: true, org: 'acme' }, fast)()))
    const project = right(await projectsCreate(cvat, { org: 'acme', projectWriteRequest: { name: 'imported', labels: [{ name: 'car', type: 'rectangle' }, { name: 'person', type: 'polygon' }] } })())
    right(await projectsImportDataset(cvat, { id: project.id, format: 'COCO 1.0', file: { name: 'dataset.zip', data: dataset }, org: 'acme' }, fast)())
    const tasks = right(await tasksList(cvat, { projectId: project.id, org: 'acme' })()).results
    expect(tasks.map((t) => [t.size, t.subset])).toEqual([[3, 'default']])
    const shapes = right(await tasksRetrieveAnnotations(cvat, { id: tasks[0]!.id })()).shapes
    expect((shapes ?? []).map((s) => [s.type, s.frame])).toEqual([['rectangle', 0], ['polygon', 2]])
  })

  it('backs a task and a project up and restores them in acme', async () => {
    const { cvat } = on()
    const task = await smallTask(cvat, 'keep me')
    await annotate(cvat, task.id)
    const backup = await tasksDownloadBackup(cvat, { id: task.id, org: 'acme' }, fast)()
    const zip = await bytesOf(right(backup))
    expect([...unzip(zip).keys()].filter((n) => !n.startsWith('data/')).sort()).toEqual(['annotations.json', 'task.json'])
    const restored = right(await tasksCreateFromBackup(cvat, { file: { name: 'task_backup.zip', data: zip }, org: 'acme' }, fast)())
    expect(restored.id).not.toBe(task.id)
    expect([restored.name, restored.size, restored.organization]).toEqual(['keep me', 3, task.organization])
    const shapes = (id: number) => tasksRetrieveAnnotations(cvat, { id })().then((r) => (right(r).shapes ?? []).map((s) => [s.type, s.frame, s.points]))
    expect(await shapes(restored.id)).toEqual(await shapes(task.id))

    const project = right(await projectsCreate(cvat, { org: 'acme', projectWriteRequest: { name: 'to back up', labels: [{ name: 'car' }] } })())
    right(await tasksCreateFromData(cvat, { spec: { name: 'member', project_id: project.id }, resources: [{ name: 'a.png', data: frames[0]! }], org: 'acme' }, fast)())
    const projectZip = await bytesOf(right(await projectsDownloadBackup(cvat, { id: project.id, org: 'acme' }, fast)()))
    const back = right(await projectsCreateFromBackup(cvat, { file: { name: 'project_backup.zip', data: projectZip }, org: 'acme' }, fast)())
    expect([back.name, back.id === project.id]).toEqual(['to back up', false])
    expect(right(await tasksList(cvat, { projectId: back.id, org: 'acme' })()).results.map((t) => [t.name, t.size])).toEqual([['member', 1]])
  })

  it('waitForRequest follows an export started by the generated function to its end', async () => {
    const { cvat } = on()
    const task = await smallTask(cvat, 'wait for me')
    const started = right(await tasksCreateDatasetExport(cvat, { id: task.id, format: 'CVAT for images 1.1' })())
    const progress: Progress[] = []
    const done = right(await waitForRequest(cvat, { id: started.rq_id }, { ...fast, onProgress: (p) => progress.push(p) })())
    // Without save_images CVAT exports the annotations alone (its subresource says so).
    expect([done.id, done.status, done.operation.type]).toEqual([started.rq_id, 'finished', 'export:annotations'])
    // An export reports no progress while it runs (CVAT's export jobs never set it): 0 until done.
    expect(progress).toEqual([{ phase: 'processing', done: 0, total: 1 }, { phase: 'processing', done: 0, total: 1 }, { phase: 'processing', done: 1, total: 1 }])
  })
})

describe.each(['2.73', '2.26'] as const)('the workflows failing on the emulator %s', (version: Version) => {
  const on = useEmulator(version, { requestPolls: 1 })
  const gone = async (cvat: Client, id: number) => {
    const r = await tasksRetrieve(cvat, { id })()
    return E.isLeft(r) && r.left._tag === 'StatusError' && r.left.status === 404
  }

  it('a task whose media cannot be decoded is a BackgroundRequestError at processing, and the task is deleted', async () => {
    const { cvat } = on()
    const r = await tasksCreateFromData(cvat, { spec: spec('video'), resources: [{ name: 'clip.mp4', data: new Uint8Array(2048).fill(7) }] }, fast)()
    const left = E.isLeft(r) ? r.left : expect.fail('a Right')
    // PyAV's error as CVAT's task creation reports it (engine/task.py, media_extractors.py).
    const message = "av.error.InvalidDataError: [Errno 1094995529] Invalid data found when processing input: '/home/django/data/data/1/raw/clip.mp4'\n"
    expect({ ...left, url: new URL(left.url).pathname }).toEqual({ _tag: 'BackgroundRequestError', method: 'GET', url: `/api/requests/${encodeURIComponent(left._tag === 'BackgroundRequestError' ? left.rqId : '')}`, rqId: version === '2.73' ? 'action=create&target=task&target_id=1' : 'create:task-1', message, step: 'processing', taskId: 1, taskDeleted: true })
    expect(await gone(cvat, 1)).toBe(true)
  })

  it('waitForRequest on a request that fails is a BackgroundRequestError with its message', async () => {
    const { cvat } = on()
    const task = right(await tasksCreate(cvat, { taskWriteRequest: spec('unreachable') })())
    const rq = right(await tasksCreateData(cvat, { id: task.id, dataRequest: { image_quality: 70, remote_files: ['https://nowhere.example/a.png'] } })())
    const r = await waitForRequest(cvat, { id: rq!.rq_id }, fast)()
    const left = E.isLeft(r) ? r.left : expect.fail('a Right')
    expect([left._tag, left._tag === 'BackgroundRequestError' && left.rqId]).toEqual(['BackgroundRequestError', rq!.rq_id])
    expect(left._tag === 'BackgroundRequestError' && left.message).toMatch(/nowhere\.example/)
  })

  it('keepTaskOnFailure keeps it', async () => {
    const { cvat } = on()
    const r = await tasksCreateFromData(cvat, { spec: spec('video'), resources: [{ name: 'clip.mp4', data: new Uint8Array(2048).fill(7) }] }, { ...fast, keepTaskOnFailure: true })()
    const left = E.isLeft(r) ? r.left : expect.fail('a Right')
    expect([left._tag, left.step, left.taskDeleted]).toEqual(['BackgroundRequestError', 'processing', false])
    expect(await gone(cvat, left.taskId!)).toBe(false)
  })

  it("an unknown format is CVAT's message: an export's at the start, an import's when the upload finishes", async () => {
    const { cvat } = on()
    const task = await smallTask(cvat, 'formats')
    const r = await tasksExportDataset(cvat, { id: task.id, format: 'Nope 1.0', org: 'acme' }, fast)()
    expect(E.isLeft(r) && [r.left._tag, r.left.step, r.left._tag === 'StatusError' && r.left.status, r.left._tag === 'StatusError' && r.left.body]).toEqual(['StatusError', 'start', 400, { _tag: 'Messages', messages: ['Unknown format specified for the request'] }])
    const i = await tasksImportAnnotations(cvat, { id: task.id, format: 'Nope 1.0', file: { name: 'a.xml', data: new Uint8Array([60]) }, org: 'acme' }, fast)()
    // engine/views.py: "Unknown input format '{}'" when the import is asked for (Upload-Finish).
    expect(E.isLeft(i) && [i.left._tag, i.left.step, i.left._tag === 'StatusError' && i.left.status, i.left._tag === 'StatusError' && i.left.body]).toEqual(['StatusError', 'upload', 400, { _tag: 'Messages', messages: ["Unknown input format 'Nope 1.0'"] }])
  })

  it('an abort during the TUS upload stops it at once; the task is deleted', async () => {
    const { cvat, emulator } = on()
    const ctl = new AbortController()
    const r = await tasksCreateFromData(
      cvat,
      { spec: spec('aborted'), resources: [{ name: 'huge.png', data: hugePng() }] },
      { ...fast, signal: ctl.signal, onProgress: (p) => p.phase === 'upload' && p.done >= 20 * MiB && ctl.abort() },
    )()
    const left = E.isLeft(r) ? r.left : expect.fail('a Right')
    expect([left._tag, left.step, left.taskDeleted]).toEqual(['TransportError', 'upload', true])
    expect(await gone(cvat, left.taskId!)).toBe(true)
    const patches = emulator.log.filter((l) => l.method === 'PATCH' && new URL(l.url).pathname.startsWith(`/api/tasks/${left.taskId}/data/`))
    expect(patches.length).toBe(2)
  }, 60_000)

  it('an abort while a TUS chunk is on the wire ends that request; the task is deleted', async () => {
    const { emulator, served } = on()
    const ctl = new AbortController()
    let patches = 0
    // The caller's signal fires once the second chunk's request has left.
    const watching: typeof fetch = (input, init) => {
      if (init?.method === 'PATCH' && ++patches === 2) setTimeout(() => ctl.abort(), 5)
      return fetch(input, init)
    }
    const cvat = tokenAuth(emulator.credentials('olga').token)(createClient({ baseUrl: served.url, fetch: watching }))
    const started = Date.now()
    const r = await tasksCreateFromData(cvat, { spec: spec('cut'), resources: [{ name: 'huge.png', data: hugePng() }] }, { ...fast, signal: ctl.signal })()
    const left = E.isLeft(r) ? r.left : expect.fail('a Right')
    expect([left._tag, left._tag === 'TransportError' && left.message, left.step, left.taskDeleted, patches]).toEqual(['TransportError', 'the request was aborted', 'upload', true, 2])
    expect(await gone(on().cvat, left.taskId!)).toBe(true)
    expect(Date.now() - started).toBeLessThan(30_000)
  }, 60_000)
})
