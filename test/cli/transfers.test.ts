// Files in and out of the command line under hostile conditions: a server that proposes file
// names meant to escape the folder, hide, or replace a file; a terminal (a bar redrawn in place)
// versus a pipe (plain lines); a file answer that would pour bytes onto a terminal; and a file
// over 100 MiB, which CVAT's protocol sends by TUS in 10 MiB chunks.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, truncateSync, writeFileSync } from 'node:fs'
import { type Server, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../e2e/helpers'
import { BIN, PNG, SPAWNING, binIsBuilt, cliAt, folder } from './run'

beforeAll(binIsBuilt)

const hasScript = existsSync('/usr/bin/script')
const scriptNote = hasScript ? '' : ' (skipped: /usr/bin/script missing: apt-get install bsdutils)'

/** Runs the binary on a pseudo-terminal (script(1)); resolves to what the terminal showed. */
const onTerminal = (cwd: string, args: string, env: Record<string, string>): Promise<string> =>
  new Promise((done) =>
    execFile('/usr/bin/script', ['-qec', `${process.execPath} ${BIN} ${args}`, '/dev/null'], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (_e, stdout) => done(stdout)),
  )

describe('a server proposing file names', SPAWNING, () => {
  const live = useEmulator({ seed: 'demo' })
  // A proxy in front of the emulator that replaces every Content-Disposition with `disposition`.
  let disposition = ''
  let proxy: Server
  let url = ''
  beforeAll(async () => {
    proxy = createServer((req, res) => {
      const target = new URL(live.served.url)
      const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const headers = { ...answer.headers, ...(answer.headers['content-disposition'] === undefined ? {} : { 'content-disposition': disposition }) }
        res.writeHead(answer.statusCode ?? 502, headers)
        answer.pipe(res)
      })
      req.pipe(out)
    })
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok))
    url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((ok) => proxy.close(() => ok())))

  it.each([
    ['a path out of the folder', 'attachment; filename="../../escaped.zip"'],
    ['an absolute path', 'attachment; filename="/tmp/escaped.zip"'],
    ['a hidden file', 'attachment; filename=".bashrc"'],
    ['another kind of file', 'attachment; filename="run-me.sh"'],
    ['a name that reads backwards', "attachment; filename*=UTF-8''evil%E2%80%AEpiz.sh"],
    ['a control character', "attachment; filename*=UTF-8''a%0Ab.zip"],
  ])('%s is not used: the file is saved as task_<id>_dataset.zip in the folder asked for', async (_what, header) => {
    disposition = header
    const dir = folder({ 'sub/.keep': '' })
    const r = await cliAt(join(dir, 'sub'), ['tasks', 'export-dataset', '1'], { CVAT_URL: url, CVAT_TOKEN: 'token-olga' })
    expect([r.code, r.stdout.split(' (')[0], readdirSync(join(dir, 'sub')).sort(), readdirSync(dir)]).toEqual([0, `saved ${join(dir, 'sub', 'task_1_dataset.zip')}`, ['.keep', 'task_1_dataset.zip'], ['sub']])
    const api = await cliAt(join(dir, 'sub'), ['api', 'tasks_retrieve_data', '-p', 'id=1', '-p', 'type=frame', '-p', 'number=0', '--output', './'], { CVAT_URL: url, CVAT_TOKEN: 'token-olga' })
    expect([api.code, readdirSync(join(dir, 'sub')).sort()]).toEqual([0, ['.keep', 'task_1_dataset.zip', 'tasks_retrieve_data.bin']])
  })

  it('a plain name is used, and never replaces a file already there', async () => {
    disposition = 'attachment; filename="street.zip"'
    const dir = folder({ 'street.zip': 'mine' })
    await cliAt(dir, ['tasks', 'export-dataset', '1'], { CVAT_URL: url, CVAT_TOKEN: 'token-olga' })
    await cliAt(dir, ['tasks', 'export-dataset', '1'], { CVAT_URL: url, CVAT_TOKEN: 'token-olga' })
    expect(readdirSync(dir).sort()).toEqual(['street-1.zip', 'street-2.zip', 'street.zip'])
  })
})

describe('a terminal or a pipe', SPAWNING, () => {
  const live = useEmulator({ seed: 'demo' })
  const env = () => ({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })

  it.skipIf(!hasScript)(`on a terminal the bar is drawn in place and cleared; in a pipe, plain lines; with --json, nothing${scriptNote}`, async () => {
    const dir = folder({ 'a.png': PNG, 'b.png': PNG })
    const screen = await onTerminal(dir, 'tasks create road a.png b.png --labels \'[{"name":"car"}]\'', env())
    expect(screen).toContain('\r\x1b[Kupload      [--------------------]   0%  0 B of 140 B')
    expect(screen).toContain('\r\x1b[Kupload      [####################] 100%  140 B of 140 B')
    expect(screen).toContain('\r\x1b[Kprocessing  [##########----------]  50%')
    expect(screen).toMatch(/\r\x1b\[K\d+\r?\n$/)
    const piped = await cliAt(dir, ['tasks', 'create', 'road', 'a.png', 'b.png', '--labels', '[{"name":"car"}]'], env())
    expect(piped.stderr).toBe('upload: 0% of 140 B\nupload: 100% of 140 B\nprocessing: 0%\nprocessing: 50%\nprocessing: 100%\n')
    const json = await cliAt(dir, ['tasks', 'create', 'road', 'a.png', 'b.png', '--labels', '[{"name":"car"}]', '--json'], env())
    expect([json.stderr, (JSON.parse(json.stdout) as { name: string }).name]).toEqual(['', 'road'])
  })

  it.skipIf(!hasScript)(`a file answer never pours onto a terminal: --output or a pipe${scriptNote}`, async () => {
    const screen = await onTerminal(folder(), 'api tasks_retrieve_data -p id=1 -p type=frame -p number=0', env())
    expect(screen).toContain('cvat-fp: tasks_retrieve_data answers with a file: give --output FILE, or pipe the output')
    expect(screen).not.toContain('PNG')
  })
})

describe('a file over 100 MiB', SPAWNING, () => {
  const live = useEmulator({ seed: 'demo' })

  it('goes by TUS in 10 MiB chunks, from disk, and becomes the task\'s frame', async () => {
    const dir = folder({ 'small.png': PNG })
    // A PNG whose bytes after IEND pad it to 100 MiB + 1: a sparse file, read lazily from disk.
    const big = join(dir, 'big.png')
    writeFileSync(big, PNG)
    truncateSync(big, 100 * 2 ** 20 + 1)
    const before = live.emulator.log.length
    const r = await cliAt(dir, ['tasks', 'create', 'large', 'small.png', 'big.png', '--labels', '[{"name":"car"}]'], { CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga' })
    const id = Number(r.stdout.trim())
    expect([r.code, r.stderr.split('\n').slice(0, 6)]).toEqual([0, ['upload: 0% of 100.0 MiB', 'upload: 30% of 100.0 MiB', 'upload: 50% of 100.0 MiB', 'upload: 80% of 100.0 MiB', 'upload: 100% of 100.0 MiB', 'processing: 0%']])
    const data = live.emulator.log.slice(before).filter((l) => l.url.includes(`/api/tasks/${id}/data/`)).map((l) => l.method)
    // Upload-Start, the small file by Upload-Multiple, TUS creation, 11 chunks, Upload-Finish.
    expect(data).toEqual(['POST', 'POST', 'POST', ...Array.from({ length: 11 }, () => 'PATCH'), 'POST'])
    expect(live.emulator.state.engine.tasks.find((t) => t.id === id)?.name).toBe('large')
  })
})
