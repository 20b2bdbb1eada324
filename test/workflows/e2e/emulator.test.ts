// The workflows end to end on the emulator (cvat-fp/testing) over a real socket, on each
// generation it serves: a task from generated PNGs, its dataset exported and imported back, a
// backup downloaded and restored, a project's dataset exported; progress and every request seen.
import * as E from 'fp-ts/Either'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createClient, projectsExportDataset, readDownload, tasksCreateFromBackup, tasksCreateFromData, tasksDownloadBackup, tasksExportDataset, tasksImportAnnotations, tasksRetrieve, tokenAuth, waitForRequest } from '../../../src/index'
import { type CvatEmulator, createCvatEmulator } from '../../../src/testing'
import { type ServedEmulator, serveCvatEmulator } from '../../../src/testing/node'
import { png } from '../../emulator/data/images'

const unzipNames = (zip: Uint8Array): string[] => {
  // Central directory entries (signature PK\1\2): the names a zip holds.
  const names: string[] = []
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue
    const n = view.getUint16(i + 28, true)
    names.push(new TextDecoder().decode(zip.subarray(i + 46, i + 46 + n)))
  }
  return names
}

describe.each(['2.73', '2.26'] as const)('workflows on the emulator (%s)', (serverVersion) => {
  let emulator: CvatEmulator
  let served: ServedEmulator
  let cvat: Client
  beforeAll(async () => {
    emulator = createCvatEmulator({ serverVersion, requestPolls: 2 })
    served = await serveCvatEmulator(emulator)
    cvat = tokenAuth(emulator.credentials('olga').token)(createClient({ baseUrl: served.url }))
  })
  afterAll(() => served.close())
  const fast = { pollInterval: 1 }
  let taskId = 0
  let exported = new Uint8Array()

  it('creates a task from generated images, uploaded by CVAT’s protocol, and waits until it is processed', async () => {
    const progress: string[] = []
    const r = await tasksCreateFromData(
      cvat,
      { spec: { name: 'street', labels: [{ name: 'car' }, { name: 'person' }] }, resources: [0, 1, 2].map((i) => ({ name: `frame_${i}.png`, data: png(32 + i, 24) })), dataParams: { image_quality: 80, sorting_method: 'natural' }, org: 'acme' },
      { ...fast, onProgress: (p) => progress.push(p.phase) },
    )()
    if (E.isLeft(r)) expect.fail(JSON.stringify(r.left))
    taskId = r.right.id
    expect([r.right.name, r.right.size, r.right.status]).toEqual(['street', 3, 'annotation'])
    expect(progress[0]).toBe('upload')
    expect(progress.at(-1)).toBe('processing')
  })

  it('exports the task’s dataset with images and streams the zip', async () => {
    const r = await tasksExportDataset(cvat, { id: taskId, format: 'CVAT for images 1.1', saveImages: true, org: 'acme' }, fast)()
    if (E.isLeft(r)) expect.fail(JSON.stringify(r.left))
    const bytes = await readDownload(r.right)()
    if (E.isLeft(bytes)) expect.fail('read')
    exported = new Uint8Array(bytes.right)
    expect(unzipNames(exported)).toContain('annotations.xml')
    expect(unzipNames(exported).filter((n) => n.endsWith('.png')).length).toBe(3)
  })

  it('imports the exported annotations back (TUS, then the background request)', async () => {
    const r = await tasksImportAnnotations(cvat, { id: taskId, format: 'CVAT 1.1', file: { name: 'street.zip', data: exported }, org: 'acme' }, fast)()
    expect(r).toEqual(E.right(undefined))
  })

  it('backs the task up and restores it as a new task', async () => {
    const b = await tasksDownloadBackup(cvat, { id: taskId, org: 'acme' }, fast)()
    if (E.isLeft(b)) expect.fail(JSON.stringify(b.left))
    const zip = await readDownload(b.right)()
    if (E.isLeft(zip)) expect.fail('read')
    const restored = await tasksCreateFromBackup(cvat, { file: new File([zip.right as Uint8Array<ArrayBuffer>], 'street_backup.zip'), org: 'acme' }, fast)()
    if (E.isLeft(restored)) expect.fail(JSON.stringify(restored.left))
    expect(restored.right.id).not.toBe(taskId)
    expect([restored.right.name, restored.right.size]).toEqual(['street', 3])
    const again = await tasksRetrieve(cvat, { id: restored.right.id })()
    expect(E.isRight(again) && again.right.id).toBe(restored.right.id)
  })

  it('a failed processing is a BackgroundRequestError, and the task is deleted again', async () => {
    const r = await tasksCreateFromData(cvat, { spec: { name: 'broken', labels: [{ name: 'car' }] }, resources: [{ name: 'not-an-image.png', data: new TextEncoder().encode('hello') }], org: 'acme' }, fast)()
    expect(E.isLeft(r) && [r.left._tag, r.left.step, r.left.taskDeleted]).toEqual(['BackgroundRequestError', 'processing', true])
    const gone = E.isLeft(r) && r.left.taskId !== undefined ? await tasksRetrieve(cvat, { id: r.left.taskId })() : undefined
    expect(gone !== undefined && E.isLeft(gone) && gone.left._tag === 'StatusError' && gone.left.status).toBe(404)
  })

  it('a project dataset export of a project without tasks still streams a zip', async () => {
    const p = await (await fetch(`${served.url}/api/projects?org=acme`, { method: 'POST', headers: { authorization: `Token ${emulator.credentials('olga').token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'animals', labels: [{ name: 'cat' }] }) })).json() as { id: number }
    const r = await projectsExportDataset(cvat, { id: p.id, format: 'COCO 1.0', org: 'acme' }, fast)()
    if (E.isLeft(r)) expect.fail(JSON.stringify(r.left))
    const bytes = await readDownload(r.right)()
    expect(E.isRight(bytes) && Array.from(bytes.right.subarray(0, 2))).toEqual([0x50, 0x4b])
  })

  it('waitForRequest reads the emulator’s request list entries', async () => {
    const r = await waitForRequest(cvat, { id: 'no-such-request' }, fast)()
    expect(E.isLeft(r) && r.left._tag === 'StatusError' && r.left.status).toBe(404)
  })
})
