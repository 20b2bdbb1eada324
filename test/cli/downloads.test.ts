// Downloads from a hostile server, spawned: an export whose file name is long enough that the
// folder refuses it (255 bytes is the most ext4 takes, and a temporary name adds to it), and a
// download that stalls while the person presses Ctrl-C. The server is a node:http one on
// 127.0.0.1 that finishes every export at once and streams its file (`/dl`, or task 1's frame).
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, SPAWNING, binIsBuilt, cliAt, folder } from './run'

beforeAll(binIsBuilt)

let disposition = ''
let stall = false
let server: Server
let url = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    const json = (status: number, v: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v))
    if (req.method === 'POST' && (req.url ?? '').includes('/export')) return json(202, { rq_id: 'rq-1' })
    if ((req.url ?? '').startsWith('/api/requests/'))
      return json(200, { id: 'rq-1', status: 'finished', operation: { type: 'export:dataset', target: 'task' }, created_date: '2025-01-01T00:00:00Z', result_url: `${url}/dl` })
    if (req.url !== '/dl' && !(req.url ?? '').startsWith('/api/tasks/1/data')) return json(404, { detail: 'Not found.' })
    res.writeHead(200, { 'content-type': 'application/zip', 'content-disposition': disposition })
    // A stalled download: two bytes, then nothing, the connection kept open.
    if (stall) return void res.write('PK')
    res.end('PK-data')
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))))

const env = () => ({ CVAT_URL: url, CVAT_TOKEN: 'token-olga' })

describe('a server proposing a file name too long for the folder', SPAWNING, () => {
  it.each([
    ['250 ASCII characters', `${'a'.repeat(246)}.zip`],
    ['200 characters of 2 bytes each (400 bytes)', `${'é'.repeat(196)}.zip`],
  ])('%s: the file is saved as task_<id>_dataset.zip, nothing else is left', async (_what, name) => {
    stall = false
    disposition = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`
    const dir = folder()
    const r = await cliAt(dir, ['tasks', 'export-dataset', '1'], env())
    expect([r.code, r.stdout, readdirSync(dir)]).toEqual([0, `saved ${join(dir, 'task_1_dataset.zip')} (7 B)\n`, ['task_1_dataset.zip']])
  })

  it('a name the person gives is saved under it, however near the limit; past it, a usage error before any request', async () => {
    stall = false
    disposition = 'attachment; filename="x.zip"'
    const dir = folder()
    const [near, over] = [`${'b'.repeat(251)}.zip`, `${'b'.repeat(300)}.zip`]
    const r = await cliAt(dir, ['tasks', 'export-dataset', '1', near], env())
    expect([r.code, r.stdout, readdirSync(dir)]).toEqual([0, `saved ${join(dir, near)} (7 B)\n`, [near]])
    const refused = await cliAt(dir, ['tasks', 'export-dataset', '1', over], env())
    expect([refused.code, refused.stderr.split('\n')[0], readdirSync(dir)]).toEqual([2, expect.stringMatching(/^cvat-fp: cannot write to b{250,}… \[\d+ more characters\]$/), [near]])
  })
})

describe('Ctrl-C during a download that stalls', SPAWNING, () => {
  it.each([
    ['tasks export-dataset', ['tasks', 'export-dataset', '1']],
    ['api, to a pipe', ['api', 'tasks_retrieve_data', '-p', 'id=1', '-p', 'type=frame', '-p', 'number=0']],
  ])('%s: stops at once, exit 1, no partial file left', async (_what, args) => {
    stall = true
    disposition = 'attachment; filename="x.zip"'
    const dir = folder()
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', ...env() } })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.resume()
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)))
    await new Promise<void>((ok) => {
      const check = setInterval(() => /download: started/.test(stderr) && (clearInterval(check), ok()), 20)
    })
    const at = Date.now()
    child.kill('SIGINT')
    // Bounded, so a CLI that ignores Ctrl-C fails the test rather than hanging it.
    const code = await Promise.race([exited, new Promise<'still running'>((ok) => setTimeout(() => ok('still running'), 10_000))])
    if (code === 'still running') child.kill('SIGKILL')
    expect([code, Date.now() - at < 10_000, readdirSync(dir)]).toEqual([1, true, []])
  })
})
