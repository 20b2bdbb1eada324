// Exports and imports per generation: mixins.py DatasetMixin, background.py
// (2.26: DatasetExportManager v1/v2; 2.73: DatasetExporter, DatasetImporter), views.py
// _import_annotations (2.26) and the 410 answers of 2.32+ (view_utils.py get_410_response_*),
// dataset_manager/formats/{registry,cvat,coco}.py, tests/python/rest_api/test_tasks.py.
import { describe, expect, it } from 'vitest'
import { listZip, readEntry } from '../../../src/testing/engine/zip/zip'
import { png } from '../../emulator/data/images'
import { form, settled, site, sj, taskWith } from './helpers'

const names = (zip: Uint8Array) => { const l = listZip(zip); return l._tag === 'Zip' ? l.entries.map((e) => e.name) : [] }
const entry = (zip: Uint8Array, name: string) => {
  const l = listZip(zip)
  const e = l._tag === 'Zip' ? l.entries.find((x) => x.name === name) : undefined
  const r = e && readEntry(zip, e, 1 << 22)
  return r?._tag === 'Read' ? new TextDecoder().decode(r.bytes) : ''
}
const FILES = [{ name: 'a.png', bytes: png(8, 6) }, { name: 'b.png', bytes: png(4, 4) }]
const BOXES = { tags: [], tracks: [], shapes: [{ type: 'rectangle', frame: 0, label_id: 0, points: [1, 2, 5, 6], attributes: [] }] }

describe('GET /api/server/annotation/formats lists exactly what the emulator supports (registry.py order)', () => {
  const s = site()

  it('importers COCO 1.0 and CVAT 1.1; exporters COCO 1.0 and CVAT for images 1.1', async () => {
    expect(sj(await s.call('olga', 'GET', '/api/server/annotation/formats'))).toEqual({
      status: 200,
      body: {
        importers: [{ name: 'COCO 1.0', ext: 'JSON, ZIP', version: '1.0', enabled: true, dimension: '2d' }, { name: 'CVAT 1.1', ext: 'XML, ZIP', version: '1.1', enabled: true, dimension: '2d' }],
        exporters: [{ name: 'COCO 1.0', ext: 'ZIP', version: '1.0', enabled: true, dimension: '2d' }, { name: 'CVAT for images 1.1', ext: 'ZIP', version: '1.1', enabled: true, dimension: '2d' }],
      },
    })
  })
})

describe('2.73 exports and imports (POST …/dataset/export → /api/requests → result_url)', () => {
  const s = site({ serverVersion: '2.73' })
  let task = 0

  it('exports a dataset: 202 rq_id, 409 with the same rq_id while it runs, result_url on the emulator\'s origin, the CVAT layout', async () => {
    task = await taskWith(s, 'olga', FILES)
    const label = ((await s.call('olga', 'GET', `/api/labels?task_id=${task}`)).json as { results: Array<{ id: number; name: string }> }).results.find((l) => l.name === 'car')!.id
    await s.call('olga', 'PUT', `/api/tasks/${task}/annotations`, { body: { ...BOXES, shapes: [{ ...BOXES.shapes[0], label_id: label }] } })
    const path = `/api/tasks/${task}/dataset/export?format=CVAT%20for%20images%201.1&save_images=true`
    const a = await s.call('olga', 'POST', path)
    const rq = (a.json as { rq_id: string }).rq_id
    expect(sj(await s.call('olga', 'POST', path))).toEqual({ status: 409, body: { rq_id: rq } })
    const done = await settled(s, 'olga', rq)
    const url = new URL(String(done['result_url']))
    expect([url.origin, url.pathname, url.searchParams.get('rq_id')]).toEqual([s.served.url, `/api/tasks/${task}/dataset/download`, rq])
    const file = await s.call('olga', 'GET', `${url.pathname}${url.search}`)
    expect(file.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="task_${task}_dataset_\\d{4}(_\\d\\d){5}_cvat for images 1\\.1\\.zip"$`))
    expect(names(file.bytes)).toEqual(['annotations.xml', 'images/a.png', 'images/b.png'])
    expect(entry(file.bytes, 'annotations.xml')).toContain('<box label="car" source="manual" occluded="0" xtl="1.00" ytl="2.00" xbr="5.00" ybr="6.00" z_order="0">')
  })

  it('the export flows of ≤ 2.31 are gone (410) and an unknown format is CVAT\'s 400', async () => {
    const g = await s.call('olga', 'GET', `/api/tasks/${task}/annotations?format=COCO%201.0`)
    expect([g.status, g.text.split('\n')[1]]).toEqual([410, 'To initiate the export process, use POST /api/tasks/id/dataset/export?save_images=False.'])
    expect((await s.call('olga', 'GET', `/api/tasks/${task}/dataset?format=COCO%201.0`)).status).toBe(410)
    expect(sj(await s.call('olga', 'POST', `/api/tasks/${task}/dataset/export?format=YOLO%201.1`))).toEqual({ status: 400, body: ['Unknown format specified for the request'] })
    expect(sj(await s.call('olga', 'GET', `/api/tasks/${task}/dataset/download`))).toEqual({ status: 400, body: ['Missing request id in the query parameters'] })
  })

  it('imports a COCO file by multipart and by TUS (filename = the TUS file id); unknown input format is a 400; PUT ?format is 410', async () => {
    const coco = JSON.stringify({ categories: [{ id: 1, name: 'car' }], images: [{ id: 1, file_name: 'b.png', width: 4, height: 4 }], annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 2, 2], segmentation: [], attributes: { colour: 'blue', occluded: true } }] })
    const fd = new FormData()
    fd.append('annotation_file', new Blob([coco]), 'instances.json')
    const r = await s.call('olga', 'POST', `/api/tasks/${task}/annotations?format=COCO%201.0`, { body: fd })
    expect(r.json).toEqual({ rq_id: `action=import&target=task&target_id=${task}&subresource=annotations` })
    expect((await settled(s, 'olga', (r.json as { rq_id: string }).rq_id))['status']).toBe('finished')
    const ann = (await s.call('olga', 'GET', `/api/tasks/${task}/annotations`)).json as { shapes: Array<{ frame: number; points: number[]; occluded: boolean; source: string }> }
    expect(ann.shapes.map((x) => [x.frame, x.points, x.occluded, x.source])).toEqual([[1, [1, 1, 3, 3], true, 'file']])
    // TUS: create under …/annotations/, PATCH, then finish with filename = the file id.
    const bytes = new TextEncoder().encode(coco)
    const c = await s.call('olga', 'POST', `/api/tasks/${task}/annotations?format=COCO%201.0`, { headers: { 'upload-length': String(bytes.length), 'upload-metadata': `filename ${btoa('x.json')}` } })
    const fileId = String(c.headers.get('upload-filename'))
    expect(new URL(c.headers.get('location') ?? '').pathname).toBe(`/api/tasks/${task}/annotations/${fileId}`)
    await s.call('olga', 'PATCH', `/api/tasks/${task}/annotations/${fileId}`, { body: bytes, headers: { 'upload-offset': '0' } })
    const fin = await s.call('olga', 'POST', `/api/tasks/${task}/annotations?format=COCO%201.0&filename=${fileId}`, { headers: { 'upload-finish': 'true' } })
    expect((await settled(s, 'olga', (fin.json as { rq_id: string }).rq_id))['status']).toBe('finished')
    expect(sj(await s.call('olga', 'POST', `/api/tasks/${task}/annotations?format=COCO%201.0&filename=2_nope`, { headers: { 'upload-finish': 'true' } }))).toEqual({ status: 400, body: ['No such file were uploaded'] })
    expect(sj(await s.call('olga', 'POST', `/api/tasks/${task}/annotations?format=PASCAL%20VOC%201.1`, { body: fd }))).toEqual({ status: 400, body: ["Unknown input format 'PASCAL VOC 1.1'"] })
    expect((await s.call('olga', 'PUT', `/api/tasks/${task}/annotations?format=COCO%201.0`)).status).toBe(410)
  })

  it('a failed import carries the error: an archive without the format\'s files (test_check_import_error_on_wrong_file_structure)', async () => {
    const { writeZip } = await import('../../../src/testing/engine/zip/zip')
    const fd = new FormData()
    fd.append('annotation_file', new Blob([writeZip([{ name: 'incorrect_file1.txt', bytes: new TextEncoder().encode('Some text') }]) as Uint8Array<ArrayBuffer>]), 'incorrect_archive.zip')
    const r = await s.call('olga', 'POST', `/api/tasks/${task}/annotations?format=CVAT%201.1`, { body: fd })
    const done = await settled(s, 'olga', (r.json as { rq_id: string }).rq_id)
    expect(done['status']).toBe('failed')
    expect(String(done['message'])).toContain('Check [format docs]')
    expect(String(done['message'])).toContain('Dataset must contain a file:')
  })

  it('round trip: a task exported as CVAT for images 1.1 imports back into another task with the same annotations', async () => {
    const ex = await s.call('olga', 'POST', `/api/tasks/${task}/dataset/export?format=CVAT%20for%20images%201.1`)
    const url = new URL(String((await settled(s, 'olga', (ex.json as { rq_id: string }).rq_id))['result_url']))
    const zip = (await s.call('olga', 'GET', `${url.pathname}${url.search}`)).bytes
    const other = await taskWith(s, 'olga', FILES)
    const fd = new FormData()
    fd.append('annotation_file', new Blob([zip as Uint8Array<ArrayBuffer>]), 'export.zip')
    const im = await s.call('olga', 'POST', `/api/tasks/${other}/annotations?format=CVAT%201.1`, { body: fd })
    expect((await settled(s, 'olga', (im.json as { rq_id: string }).rq_id))['status']).toBe('finished')
    const shapesOf = async (t: number) => ((await s.call('olga', 'GET', `/api/tasks/${t}/annotations`)).json as { shapes: Array<Record<string, unknown>> }).shapes.map((x) => [x['type'], x['frame'], x['points'], x['occluded']])
    expect(await shapesOf(other)).toEqual(await shapesOf(task))
  })
})

describe('2.26 exports and imports (GET ?format= polling, action=download; PUT ?format= imports)', () => {
  const s = site({ serverVersion: '2.26' })
  let task = 0

  it('GET …/dataset?format= answers 202 while the export runs, 201 when ready; action=download gives the file (named by the task\'s name)', async () => {
    task = await taskWith(s, 'olga', FILES)
    const path = `/api/tasks/${task}/dataset?format=COCO%201.0`
    const codes: number[] = []
    for (let i = 0; i < 4; i++) codes.push((await s.call('olga', 'GET', path)).status)
    expect(codes).toEqual([202, 202, 202, 201])
    const early = await s.call('olga', 'GET', `/api/tasks/${task}/annotations?format=COCO%201.0&action=download`)
    expect([early.status, early.text]).toEqual([400, 'Unknown export request id. Please request export first by sending a request without the action=download parameter.'])
    const file = await s.call('olga', 'GET', `${path}&action=download`)
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="task_pictures_dataset_\d{4}(_\d\d){5}_coco 1\.0\.zip"$/)
    expect(names(file.bytes)).toEqual(['annotations/instances_default.json', 'images/default/a.png', 'images/default/b.png'])
    expect(sj(await s.call('olga', 'GET', `${path}&action=go`))).toEqual({ status: 400, body: ["Unexpected action 'go' specified for the request"] })
  })

  it('POST …/dataset/export: result_url is the v1 URL with action=download; 409 "Export request is being processed" while running', async () => {
    const path = `/api/tasks/${task}/dataset/export?format=CVAT%20for%20images%201.1&save_images=false`
    const a = await s.call('olga', 'POST', path)
    expect(sj(await s.call('olga', 'POST', path))).toEqual({ status: 409, body: 'Export request is being processed' })
    const done = await settled(s, 'olga', (a.json as { rq_id: string }).rq_id)
    expect(done['result_url']).toBe(`${s.served.url}/api/tasks/${task}/annotations?format=CVAT+for+images+1.1&save_images=false&action=download`)
  })

  it('import: PUT ?format= with annotation_file starts it (202 rq_id), PUT polls (202 … 201); POST needs an uploaded filename', async () => {
    const xml = '<annotations><image id="0" name="a.png"><box label="car" xtl="0" ytl="0" xbr="2" ybr="2"/></image></annotations>'
    const put = (body?: FormData) => s.call('olga', 'PUT', `/api/tasks/${task}/annotations?format=CVAT%201.1`, body ? { body } : {})
    expect(sj(await put(form([{ name: 'a.xml', bytes: new TextEncoder().encode(xml) }], {}, () => 'annotation_file')))).toEqual({ status: 202, body: { rq_id: `import:task-${task}-annotations` } })
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await put()).status)
    expect(codes).toEqual([202, 202, 201])
    expect(sj(await s.call('olga', 'POST', `/api/tasks/${task}/annotations?format=CVAT%201.1&filename=missing.xml`, { headers: { 'upload-finish': 'true' } }))).toEqual({ status: 400, body: 'No such file were uploaded' })
  })
})

describe.each(['2.26', '2.73'] as const)('project datasets (dataset_manager/project.py import_dataset_as_project), %s', (v) => {
  const s = site({ serverVersion: v, requestPolls: 1 })

  it.each(['CVAT for images 1.1', 'COCO 1.0'])('a project exported with images (%s) imports into an empty project: a task per subset, frames and boxes', async (fmt) => {
    const src = (await s.call('olga', 'POST', '/api/projects', { body: { name: 'source', labels: [{ name: 'car', type: 'rectangle' }] } })).json as { id: number }
    const t = await taskWith(s, 'olga', FILES, { image_quality: '70' }, { labels: undefined, project_id: src.id, subset: 'train' })
    const label = ((await s.call('olga', 'GET', `/api/labels?project_id=${src.id}`)).json as { results: Array<{ id: number }> }).results[0]!.id
    await s.call('olga', 'PUT', `/api/tasks/${t}/annotations`, { body: { tags: [], tracks: [], shapes: [{ type: 'rectangle', frame: 1, label_id: label, points: [1, 1, 3, 3], attributes: [] }] } })
    const ex = await s.call('olga', 'POST', `/api/projects/${src.id}/dataset/export?format=${encodeURIComponent(fmt)}&save_images=true`)
    const url = new URL(String((await settled(s, 'olga', (ex.json as { rq_id: string }).rq_id))['result_url']))
    const zip = (await s.call('olga', 'GET', `${url.pathname}${url.search}`)).bytes
    expect(names(zip)).toContain(fmt === 'COCO 1.0' ? 'images/train/a.png' : 'images/train/a.png')
    const dst = (await s.call('olga', 'POST', '/api/projects', { body: { name: 'copy', labels: [] } })).json as { id: number }
    const importer = fmt === 'COCO 1.0' ? 'COCO 1.0' : 'CVAT 1.1'
    const im = await s.call('olga', 'POST', `/api/projects/${dst.id}/dataset/?format=${encodeURIComponent(importer)}`, { body: form([{ name: 'd.zip', bytes: zip }], {}, () => 'dataset_file') })
    expect(im.json).toEqual({ rq_id: v === '2.73' ? `action=import&target=project&target_id=${dst.id}&subresource=dataset` : `import:project-${dst.id}-dataset` })
    if (v === '2.73') expect((await settled(s, 'olga', (im.json as { rq_id: string }).rq_id))['status']).toBe('finished')
    else {
      const st = `/api/projects/${dst.id}/dataset/?action=import_status&rq_id=${encodeURIComponent((im.json as { rq_id: string }).rq_id)}`
      expect((await s.call('olga', 'GET', st)).status).toBe(202)
      expect((await s.call('olga', 'GET', st)).status).toBe(201)
    }
    const tasks = ((await s.call('olga', 'GET', `/api/tasks?project_id=${dst.id}`)).json as { results: Array<{ id: number; name: string; subset: string; size: number }> }).results
    expect(tasks.map((x) => [x.name, x.subset, x.size])).toEqual([['train', 'train', 2]])
    const ann = (await s.call('olga', 'GET', `/api/tasks/${tasks[0]!.id}/annotations`)).json as { shapes: Array<{ frame: number; points: number[] }> }
    expect(ann.shapes.map((x) => [x.frame, x.points])).toEqual([[1, [1, 1, 3, 3]]])
    expect(((await s.call('olga', 'GET', `/api/labels?project_id=${dst.id}`)).json as { results: Array<{ name: string }> }).results.map((l) => l.name)).toEqual(['car'])
  })

  it('a dataset label the project lacks fails the import; a bare file has no media', async () => {
    const p = (await s.call('olga', 'POST', '/api/projects', { body: { name: 'strict', labels: [{ name: 'bus' }] } })).json as { id: number }
    const { writeZip } = await import('../../../src/testing/engine/zip/zip')
    const coco = JSON.stringify({ categories: [{ id: 1, name: 'car' }], images: [{ id: 1, file_name: 'a.png' }], annotations: [] })
    const zip = writeZip([{ name: 'annotations/instances_default.json', bytes: new TextEncoder().encode(coco) }, { name: 'images/default/a.png', bytes: png(2, 2) }])
    const bad = await s.call('olga', 'POST', `/api/projects/${p.id}/dataset/?format=COCO%201.0`, { body: form([{ name: 'd.zip', bytes: zip }], {}, () => 'dataset_file') })
    const failed = await settled(s, 'olga', (bad.json as { rq_id: string }).rq_id)
    if (v === '2.73') expect(failed['message']).toBe('cvat.apps.dataset_manager.bindings.CvatImportError: Target project does not have label with name "car"\n')
    const bare = await s.call('olga', 'POST', `/api/projects/${p.id}/dataset/?format=COCO%201.0`, { body: form([{ name: 'd.json', bytes: new TextEncoder().encode(coco) }], {}, () => 'dataset_file') })
    if (v === '2.73') expect((await settled(s, 'olga', (bare.json as { rq_id: string }).rq_id))['message']).toBe("cvat.apps.dataset_manager.bindings.CvatImportError: Can't import media data from the annotation file. Please upload full dataset as a zip archive.\n")
    else expect(bare.status).toBe(202)
  })
})
