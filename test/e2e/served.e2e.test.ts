// serveCvatEmulator over node:http: every answer with a body says its length, as Django's do
// (FileResponse for files, CommonMiddleware for the rest), so a client knows a download's size;
// none where HTTP allows no body.
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../src/testing'
import { serveCvatEmulator } from '../../src/testing/node'

// node:http rather than fetch, to see the framing headers as sent.
const raw = (url: string, method: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, unknown>; bytes: number }>((done, fail) => {
    const req = request(url, { method, headers }, (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => (bytes += c.length))
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, bytes }))
    })
    req.on('error', fail)
    req.end()
  })

describe('the emulator served over node:http', () => {
  it('sends Content-Length with every body (a frame, JSON, an error) and none with a 204', async () => {
    const emulator = createCvatEmulator({ seed: 'demo' })
    const served = await serveCvatEmulator(emulator)
    try {
      const auth = { authorization: `Token ${emulator.credentials('olga').token}` }
      const frame = await raw(`${served.url}/api/tasks/1/data/?type=frame&number=0&quality=original`, 'GET', auth)
      const json = await raw(`${served.url}/api/tasks/1`, 'GET', auth)
      const missing = await raw(`${served.url}/api/tasks/999`, 'GET', auth)
      const deleted = await raw(`${served.url}/api/jobs/1/annotations/`, 'DELETE', auth)
      const framing = (r: Awaited<ReturnType<typeof raw>>) => [r.status, r.headers['content-length'] === undefined ? 'none' : Number(r.headers['content-length']) === r.bytes, r.headers['transfer-encoding'] ?? 'none']
      expect([frame, json, missing, deleted].map(framing)).toEqual([
        [200, true, 'none'],
        [200, true, 'none'],
        [404, true, 'none'],
        [204, 'none', 'none'],
      ])
      expect(frame.headers['content-type']).toBe('image/png')
    } finally {
      await served.close()
    }
  })
})
