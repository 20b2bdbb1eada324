// The client's own traffic — generated functions and workflows — through `prism proxy --errors`
// to the emulator over 127.0.0.1, against CVAT's whole schema of the emulator's generation
// (full/cvat-schema.2.73.0.yml and 2.26.2.yml): projects, tasks, jobs, labels and annotations
// CRUD; tasks from local files (small ones grouped, one over 100 MiB by TUS), remote URLs and the
// share; exports (CVAT for images 1.1, COCO 1.0) streamed and opened; imports; backups and
// restores; waitForRequest. Prism must report no error. What CVAT's own schema leaves out goes
// straight to the emulator, each rule naming why (`rules` below).
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as api from '../../src/index'
import { type CvatEmulator, createCvatEmulator } from '../../src/testing'
import { type ServedEmulator, serveCvatEmulator } from '../../src/testing/node'
import { hasShared, sharedDir, skipReason } from '../helpers/shared'
import { bytesOf, paddedPng, png, right, text, unzip } from '../workflows/onEmulator'
import { type DirectRule, proxied, shape } from './proxied'
import { type Prism, startPrism } from './prism'

const SCHEMA = { '2.26': 'full/cvat-schema.2.26.2.yml', '2.73': 'full/cvat-schema.2.73.0.yml' } as const
const fast = { pollInterval: 1 }
const MiB = 2 ** 20
const frames = [png(40, 30, [200, 0, 0]), png(40, 30, [0, 200, 0]), png(40, 30, [0, 0, 200])]

const rules = (version: '2.26' | '2.73'): ReadonlyArray<DirectRule> => [
  {
    reason: 'Upload-Start: CVAT answers an empty 202 (DRF drops the content type of an empty body) where its schema promises a JSON body (mixins.py upload_data)',
    applies: (r) => r.headers.has('upload-start'),
  },
  {
    reason: 'Upload-Multiple: CVAT answers 200, a status its schema does not list (mixins.py append_files); and Prism re-encodes a proxied multipart body as text, which breaks binary files',
    applies: (r) => r.headers.has('upload-multiple'),
  },
  {
    reason: 'TUS creation: CVAT answers 201 with a Location (mixins.py init_tus_upload), a status its schema does not list',
    applies: (r) => r.method === 'POST' && r.headers.has('upload-length'),
  },
  {
    reason: 'a TUS chunk or offset (PATCH/HEAD at the file URL): CVAT excludes these from its schema (mixins.py, extend_schema(exclude=True))',
    applies: (r) => (r.method === 'PATCH' || r.method === 'HEAD') && /\/(data|annotations|dataset|backup)\/[^/]+$/.test(r.url.pathname) && r.headers.has('tus-resumable'),
  },
  {
    reason: "2.73's download of a finished export or backup (…/dataset/download, …/backup/download): the result_url CVAT excludes from its schema (mixins.py, extend_schema(exclude=True))",
    applies: (r) => r.method === 'GET' && /\/(dataset|backup)\/download$/.test(r.url.pathname),
  },
  ...(version === '2.26'
    ? [
        {
          reason: "2.26's PUT of annotations: CVAT answers the saved LabeledData with 200 (views.py annotations), a status 2.26's schema does not list (201, 202, 405: its file-import answers)",
          applies: (r: Parameters<DirectRule['applies']>[0]) => r.method === 'PUT' && /\/annotations\/?$/.test(r.url.pathname) && !r.url.searchParams.has('format'),
        },
        {
          reason: "2.26's download of a finished export or backup (its result_url, `…?action=download`): CVAT sends the zip where its schema says the API's JSON media type, and on a path without the schema's trailing slash (views.py, the v1 export endpoints)",
          applies: (r: Parameters<DirectRule['applies']>[0]) => r.method === 'GET' && r.url.searchParams.get('action') === 'download',
        },
      ]
    : []),
]

describe.skipIf(!hasShared).each(['2.73', '2.26'] as const)(`the client through prism proxy --errors to the emulator %s ${skipReason}`, (version) => {
  let emulator: CvatEmulator
  let served: ServedEmulator
  let prism: Prism
  const route = proxied(() => prism.url, () => served.url, rules(version))
  // 2.26's schema lists token, session and CSRF as one requirement: Prism wants all three.
  const session26: api.Middleware = (next) => (req) => next({ ...req, headers: { ...req.headers, cookie: 'sessionid=s; csrftoken=c', 'x-csrftoken': 'c' } })
  const client = () => {
    const c = pipe(api.createClient({ baseUrl: prism.url, fetch: route.fetch }), api.tokenAuth(emulator.credentials('olga').token))
    return version === '2.26' ? pipe(c, session26) : c
  }

  beforeAll(async () => {
    emulator = createCvatEmulator({ serverVersion: version, requestPolls: 1, remoteFiles: { 'https://images.example/r0.png': png(20, 10) }, share: { 'street/s0.png': png(16, 12) } })
    served = await serveCvatEmulator(emulator)
    prism = await startPrism(['proxy', `${sharedDir}/${SCHEMA[version]}`, served.url, '--errors'])
  }, 120_000)

  afterAll(async () => {
    await prism?.stop()
    await served?.close()
  })

  it('runs the story', async () => {
    const cvat = client()
    const org = { org: 'acme' }
    const labels = [{ name: 'car', type: 'rectangle' as const }, { name: 'person', type: 'polygon' as const }]
    const project = right(await api.projectsCreate(cvat, { ...org, projectWriteRequest: { name: 'city', labels } })())
    right(await api.projectsList(cvat, { ...org, search: 'city' })())
    right(await api.projectsPartialUpdate(cvat, { id: project.id, patchedProjectWriteRequest: { name: 'city 2' } })())
    const task = right(
      await api.tasksCreateFromData(cvat, { ...org, spec: { name: 'street', project_id: project.id, segment_size: 2 }, resources: [...frames.map((data, i) => ({ name: `f${i}.png`, data })), { name: 'huge.png', data: paddedPng(8, 6, 100 * MiB + 1) }] }, fast)(),
    )
    expect(task.size).toBe(4)
    const remote = right(await api.tasksCreateFromData(cvat, { ...org, spec: { name: 'remote', labels }, resourceType: 'remote', resources: ['https://images.example/r0.png'] }, fast)())
    const shared = right(await api.tasksCreateFromData(cvat, { ...org, spec: { name: 'share', labels }, resourceType: 'share', resources: ['street/s0.png'] }, fast)())
    right(await api.tasksList(cvat, { ...org, projectId: project.id })())
    right(await api.tasksRetrieve(cvat, { id: task.id })())
    right(await api.tasksPartialUpdate(cvat, { id: task.id, patchedTaskWriteRequest: { subset: 'train' } })())
    right(await api.tasksRetrieveDataMeta(cvat, { id: task.id })())
    expect(await bytesOf(right(await api.tasksRetrieveData(cvat, { id: task.id, type: 'frame', number: 1, quality: 'original' })()))).toEqual(frames[1])
    await bytesOf(right(await api.tasksRetrievePreview(cvat, { id: task.id })()))
    const jobs = right(await api.jobsList(cvat, { ...org, taskId: task.id })()).results.sort((a, b) => (a.start_frame ?? 0) - (b.start_frame ?? 0))
    right(await api.jobsRetrieve(cvat, { id: jobs[0]!.id })())
    right(await api.jobsPartialUpdate(cvat, { id: jobs[0]!.id, patchedJobWriteRequest: { stage: 'validation' } })())
    const found = right(await api.labelsList(cvat, { ...org, projectId: project.id })()).results
    const car = found.find((l) => l.name === 'car')!
    right(await api.labelsRetrieve(cvat, { id: car.id })())
    right(await api.labelsPartialUpdate(cvat, { id: car.id, patchedLabelRequest: { color: '#112233' } })())
    right(await api.tasksUpdateAnnotations(cvat, { id: task.id, labeledDataRequest: { version: 0, tags: [], tracks: [], shapes: [{ type: 'rectangle', frame: 0, label_id: car.id, points: [1, 2, 30, 20] }] } })())
    const put = right(await api.jobsRetrieveAnnotations(cvat, { id: jobs[0]!.id })())
    const shape0 = put.shapes![0]!
    right(await api.jobsPartialUpdateAnnotations(cvat, { id: jobs[0]!.id, action: 'update', patchedLabeledDataRequest: { shapes: [{ ...shape0, points: [2, 3, 31, 21] }] } })())
    right(await api.tasksPartialUpdateAnnotations(cvat, { id: task.id, action: 'create', patchedLabeledDataRequest: { shapes: [{ type: 'rectangle', frame: 3, label_id: car.id, points: [1, 1, 5, 5] }] } })())
    const whole = right(await api.tasksRetrieveAnnotations(cvat, { id: task.id })())
    expect(whole.shapes?.map((x) => [x.frame, x.points])).toEqual([[0, [2, 3, 31, 21]], [3, [1, 1, 5, 5]]])
    right(await api.tasksPartialUpdateAnnotations(cvat, { id: task.id, action: 'delete', patchedLabeledDataRequest: { shapes: whole.shapes!.filter((x) => x.frame === 3) } })())

    const xml = unzip(await bytesOf(right(await api.tasksExportDataset(cvat, { ...org, id: task.id, format: 'CVAT for images 1.1' }, fast)())))
    expect(text(xml.get('annotations.xml'))).toContain('<box label="car" source="manual" occluded="0" xtl="2.00" ytl="3.00" xbr="31.00" ybr="21.00" z_order="0">')
    const coco = unzip(await bytesOf(right(await api.tasksExportDataset(cvat, { ...org, id: task.id, format: 'COCO 1.0' }, fast)())))
    expect((JSON.parse(text(coco.get('annotations/instances_train.json'))) as { annotations: Array<{ bbox: number[] }> }).annotations.map((a) => a.bbox)).toEqual([[2, 3, 29, 18]])
    await bytesOf(right(await api.jobsExportDataset(cvat, { ...org, id: jobs[0]!.id, format: 'COCO 1.0' }, fast)()))
    const dataset = await bytesOf(right(await api.projectsExportDataset(cvat, { ...org, id: project.id, format: 'COCO 1.0', saveImages: true }, fast)()))

    const box = `<annotations><version>1.1</version><image id="1" name="f1.png" width="40" height="30"><box label="car" occluded="0" xtl="2" ytl="3" xbr="12" ybr="13" z_order="0"></box></image></annotations>`
    right(await api.tasksImportAnnotations(cvat, { ...org, id: task.id, format: 'CVAT 1.1', file: { name: 'annotations.xml', data: new TextEncoder().encode(box) } }, fast)())
    right(await api.jobsImportAnnotations(cvat, { ...org, id: jobs[0]!.id, format: 'CVAT 1.1', file: { name: 'annotations.xml', data: new TextEncoder().encode(box) } }, fast)())
    const into = right(await api.projectsCreate(cvat, { ...org, projectWriteRequest: { name: 'imported', labels } })())
    right(await api.projectsImportDataset(cvat, { ...org, id: into.id, format: 'COCO 1.0', file: { name: 'dataset.zip', data: dataset } }, fast)())

    const taskBackup = await bytesOf(right(await api.tasksDownloadBackup(cvat, { ...org, id: remote.id }, fast)()))
    const restored = right(await api.tasksCreateFromBackup(cvat, { ...org, file: { name: 'task.zip', data: taskBackup } }, fast)())
    expect(restored.name).toBe('remote')
    const projectBackup = await bytesOf(right(await api.projectsDownloadBackup(cvat, { ...org, id: project.id }, fast)()))
    right(await api.projectsCreateFromBackup(cvat, { ...org, file: { name: 'project.zip', data: projectBackup } }, fast)())

    const rq = right(await api.tasksCreateDatasetExport(cvat, { id: shared.id, format: 'CVAT for images 1.1' })())
    right(await api.waitForRequest(cvat, { id: rq.rq_id }, fast)())
    right(await api.requestsList(cvat, { ...org, action: 'export' })())
    right(await api.requestsRetrieve(cvat, { id: rq.rq_id })())

    right(await api.jobsDestroyAnnotations(cvat, { id: jobs[0]!.id })())
    right(await api.tasksDestroyAnnotations(cvat, { id: task.id })())
    right(await api.labelsDestroy(cvat, { id: found.find((l) => l.name === 'person')!.id })())
    right(await api.tasksDestroy(cvat, { id: shared.id })())
    right(await api.projectsDestroy(cvat, { id: project.id })())
  }, 120_000)

  it('no request or answer broke the schema', () => {
    const described = [...new Set(route.seen.filter((s) => s.violations.length > 0).map((s) => `${s.method} ${s.path} ${s.status}: ${s.violations.map((v) => `${v.severity} ${v.message}`).join(', ')}`))]
    console.log(`${version}: ${route.seen.length} exchanges through Prism, ${[...route.direct.values()].reduce((n, s) => n + s.size, 0)} kinds sent direct`, described.join('\n'), [...route.direct].map(([r, s]) => `${r}: ${[...s].join(', ')}`).join('\n'))
    // Not an error, and not a warning either.
    expect(route.seen.filter((s) => s.violations.length > 0)).toEqual([])
    expect(route.seen.length).toBeGreaterThan(60)
  })
})
