import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../../src/testing'
import { call, form, newTask, waitFor } from './helpers'
import { png } from './images'

const b64 = (s: string) => btoa(s)

describe('smoke', () => {
  for (const v of ['2.26', '2.73'] as const)
    it(`TUS flow, import, backup round trip (${v})`, async () => {
      const em = createCvatEmulator({ serverVersion: v })
      const id = await newTask(em, 'olga')
      const files = [png(10, 20), png(30, 40)].map((bytes, i) => ({ name: `img_${i}.png`, bytes }))
      const s = await call(em, 'olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-start': 'true' } })
      console.log('start', s.status, s.text)
      for (const f of files) {
        const c = await call(em, 'olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-length': String(f.bytes.length), 'upload-metadata': `filename ${b64(f.name)}`, 'tus-resumable': '1.0.0' } })
        console.log('create', c.status, c.headers.get('location'))
        const loc = (c.headers.get('location') ?? '').replace('http://cvat.test', '')
        const p = await call(em, 'olga', 'PATCH', loc, { body: f.bytes, headers: { 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' } })
        console.log('patch', p.status, p.headers.get('upload-offset'), p.headers.get('upload-filename'))
      }
      const fin = await call(em, 'olga', 'POST', `/api/tasks/${id}/data/`, { headers: { 'upload-finish': 'true' }, body: { image_quality: 70, sorting_method: 'natural' } })
      console.log('finish', fin.status, fin.text)
      const done = await waitFor(em, 'olga', (fin.json as { rq_id: string }).rq_id)
      console.log(done['status'], done['message'])
      // import annotations (CVAT XML) by multipart (2.73) / PUT (2.26)
      const xml = `<?xml version="1.0"?><annotations><image id="0" name="img_0.png"><box label="car" xtl="1" ytl="2" xbr="3" ybr="4" occluded="0"><attribute name="colour">blue</attribute></box></image></annotations>`
      const fd = new FormData()
      fd.append('annotation_file', new Blob([xml]), 'a.xml')
      const imp = v === '2.73'
        ? await call(em, 'olga', 'POST', `/api/tasks/${id}/annotations?format=CVAT%201.1`, { body: fd })
        : await call(em, 'olga', 'PUT', `/api/tasks/${id}/annotations?format=CVAT%201.1`, { body: fd })
      console.log('import', imp.status, imp.text)
      if (v === '2.73') console.log(JSON.stringify(await waitFor(em, 'olga', (imp.json as { rq_id: string }).rq_id)))
      else for (let i = 0; i < 4; i++) console.log('poll', (await call(em, 'olga', 'PUT', `/api/tasks/${id}/annotations?format=CVAT%201.1`)).status)
      const ann = await call(em, 'olga', 'GET', `/api/tasks/${id}/annotations`)
      console.log('ann', JSON.stringify(ann.json))
      // backup round trip
      const be = await call(em, 'olga', 'POST', `/api/tasks/${id}/backup/export`)
      console.log('backup', be.status, be.text)
      const bd = await waitFor(em, 'olga', (be.json as { rq_id: string }).rq_id)
      console.log(bd['status'], bd['result_url'])
      const zip = await call(em, 'olga', 'GET', String(bd['result_url']).replace('http://cvat.test', ''))
      console.log('zip', zip.status, zip.headers.get('content-disposition'), zip.bytes.length)
      const rf = new FormData()
      rf.append('task_file', new Blob([zip.bytes]), 'b.zip')
      const ri = await call(em, 'olga', 'POST', `/api/tasks/backup/`, { body: rf })
      console.log('restore', ri.status, ri.text)
      if (v === '2.73') console.log(JSON.stringify(await waitFor(em, 'olga', (ri.json as { rq_id: string }).rq_id)))
      else for (let i = 0; i < 4; i++) { const p = await call(em, 'olga', 'POST', `/api/tasks/backup/`, { body: { rq_id: (ri.json as { rq_id: string }).rq_id } }); console.log('poll', p.status, p.text) }
      const t2 = await call(em, 'olga', 'GET', `/api/tasks/2`)
      console.log('t2', (t2.json as Record<string, unknown>)['size'], (t2.json as Record<string, unknown>)['name'])
      console.log('ann2', JSON.stringify((await call(em, 'olga', 'GET', `/api/tasks/2/annotations`)).json))
      if (v === '2.26') {
        const g = await call(em, 'olga', 'GET', `/api/tasks/${id}/dataset?format=COCO%201.0`)
        console.log('v1', g.status, g.text)
        for (let i = 0; i < 3; i++) console.log('v1 poll', (await call(em, 'olga', 'GET', `/api/tasks/${id}/dataset?format=COCO%201.0`)).status)
        const d = await call(em, 'olga', 'GET', `/api/tasks/${id}/dataset?format=COCO%201.0&action=download`)
        console.log('v1 dl', d.status, d.headers.get('content-disposition'), d.bytes.length)
      }
      expect(true).toBe(true)
    })
})
