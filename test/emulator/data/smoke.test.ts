import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../../src/testing'
import { call, form, newTask, waitFor } from './helpers'
import { png } from './images'

describe('smoke', () => {
  it('creates a task from three PNGs in one multipart request', async () => {
    const em = createCvatEmulator()
    const id = await newTask(em, 'olga')
    const files = [png(10, 20), png(30, 40), png(5, 5)].map((bytes, i) => ({ name: `img_${2 - i}.png`, bytes }))
    const r = await call(em, 'olga', 'POST', `/api/tasks/${id}/data/`, { body: form(files, { image_quality: '70' }) })
    console.log(r.status, r.text)
    const rq = (r.json as { rq_id: string }).rq_id
    const done = await waitFor(em, 'olga', rq)
    console.log(JSON.stringify(done))
    const t = await call(em, 'olga', 'GET', `/api/tasks/${id}`)
    console.log(JSON.stringify(t.json))
    const meta = await call(em, 'olga', 'GET', `/api/tasks/${id}/data/meta`)
    console.log(JSON.stringify(meta.json))
    const f0 = await call(em, 'olga', 'GET', `/api/tasks/${id}/data?type=frame&number=0&quality=original`)
    expect(Array.from(f0.bytes)).toEqual(Array.from(files[2]!.bytes))
    const chunk = await call(em, 'olga', 'GET', `/api/tasks/${id}/data?type=chunk&number=0&quality=original`)
    console.log(chunk.status, chunk.headers.get('content-type'), chunk.headers.get('x-checksum'), chunk.bytes.length)
    const ex = await call(em, 'olga', 'POST', `/api/tasks/${id}/dataset/export?format=CVAT%20for%20images%201.1&save_images=true`)
    console.log(ex.status, ex.text)
    const exd = await waitFor(em, 'olga', (ex.json as { rq_id: string }).rq_id)
    console.log(JSON.stringify(exd))
    const dl = await call(em, 'olga', 'GET', String(exd['result_url']).replace('http://cvat.test', ''))
    console.log(dl.status, dl.headers.get('content-disposition'), dl.bytes.length)
  })
})
