// The runtime matrix: the packed tarball, installed into a throwaway consumer, calls
// invitationsList + invitationsCreate against the emulator over HTTP in each runtime.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../src/testing'
import { cvatEmulatorListener, serveCvatEmulator } from '../../src/testing/node'
import { invitationsList } from '../../src/index'
import { useEmulator } from '../e2e/helpers'
import { bundle } from '../helpers/bundle'
import { CONSUMER, IMPORTS, PROGRAM, prepareConsumer, writeConsumerFile } from './consumer'
import { readmeSnippets, snippetModule } from './readme'
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'

const run = promisify(execFile)
const bin = (name: string) => resolve('node_modules/.bin', name)
const CHROMIUM = '/usr/bin/chromium'

describe('runtime matrix (packed tarball)', () => {
  const live = useEmulator()
  let n = 0
  const nextEmail = (runtime: string) => `${runtime}-${n++}@example.com`
  // What the runtime's invitationsList must answer: the same list, read in-process just before
  // (runtimes run one at a time, so nothing changes it in between).
  const listedNow = async (): Promise<ReadonlyArray<string>> => {
    const r = await invitationsList(live.as('olga'), { org: 'acme' })()
    if (r._tag === 'Left') throw new Error(`listing in-process failed: ${r.left._tag}`)
    return r.right.results.map((i) => i.user.username)
  }
  beforeAll(async () => {
    if (!existsSync('dist/esm/index.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)')
    prepareConsumer()
  }, 180_000)

  const nodeScripts = () => {
    writeConsumerFile('esm.mjs', `import { ${IMPORTS} } from 'cvat-fp'\nconst [baseUrl, email] = process.argv.slice(2)\n${PROGRAM}\nconsole.log(JSON.stringify(result))\n`)
    writeConsumerFile(
      'cjs.cjs',
      `const { ${IMPORTS} } = require('cvat-fp')\nconst [baseUrl, email] = process.argv.slice(2)\n;(async () => {${PROGRAM}\nconsole.log(JSON.stringify(result))})()\n`,
    )
  }

  it.each<[string, string, string[], string]>([
    ['Node ESM import', process.execPath, ['esm.mjs'], 'function'],
    ['Node CJS require', process.execPath, ['cjs.cjs'], 'function'],
    ['Node without a global fetch (cross-fetch)', process.execPath, ['--no-experimental-fetch', 'esm.mjs'], 'undefined'],
    ['Bun', bin('bun'), ['esm.mjs'], 'function'],
    ['Deno', bin('deno'), ['run', '--allow-net', '--allow-read', '--allow-env', '--allow-sys', 'esm.mjs'], 'function'],
  ])('%s', async (name, command, args, globalFetch) => {
    nodeScripts()
    const email = nextEmail(name.split(' ')[0]!.toLowerCase())
    const list = await listedNow()
    const { stdout } = await run(command, [...args, live.served.url, email], { cwd: CONSUMER, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } })
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!)
    expect(result).toEqual({ globalFetch, list, created: email })
    expect(result.list.at(-1)).toBe('ivy')
    expect(live.emulator.state.users.some((u) => u.email === email)).toBe(true)
  }, 90_000)

  it("Cloudflare's workerd (miniflare)", async () => {
    const { Miniflare } = await import('miniflare')
    writeConsumerFile('worker.mjs', `import { ${IMPORTS} } from 'cvat-fp'\nexport default { async fetch(request, env) {\n const { baseUrl, email } = await request.json()\n${PROGRAM}\n return Response.json(result) } }\n`)
    const script = await bundle(join(CONSUMER, 'worker.mjs'), { platform: 'neutral', conditions: ['workerd', 'worker', 'browser', 'import'], absWorkingDir: CONSUMER })
    expect(script).not.toMatch(/node_modules\/(cross-fetch|node-fetch)|node:http/) // the specifier string may appear; the module must not
    const mf = new Miniflare({ modules: true, script, compatibilityDate: '2025-01-01' })
    try {
      const email = nextEmail('workerd')
      const list = await listedNow()
      const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify({ baseUrl: live.served.url, email }) })
      const result = (await res.json()) as { globalFetch: string; list: string[]; created: string }
      expect(result).toEqual({ globalFetch: 'function', list, created: email })
      expect(result.list.at(-1)).toBe('ivy')
    } finally {
      await mf.dispose()
    }
  }, 90_000)

  it("Vercel's edge-runtime", async () => {
    const { EdgeRuntime } = await import('edge-runtime')
    writeConsumerFile('edge.mjs', `import { ${IMPORTS} } from 'cvat-fp'\naddEventListener('fetch', (event) => event.respondWith((async () => {\n const { baseUrl, email } = await event.request.json()\n${PROGRAM}\n return Response.json(result) })()))\n`)
    const code = await bundle(join(CONSUMER, 'edge.mjs'), { platform: 'browser', conditions: ['edge-light', 'worker', 'browser', 'import'], absWorkingDir: CONSUMER })
    expect(code).not.toMatch(/node_modules\/(cross-fetch|node-fetch)|node:http/) // the specifier string may appear; the module must not
    const runtime = new EdgeRuntime({ initialCode: code.replace(/^export\s*\{\s*\};?\s*$/m, '') })
    const email = nextEmail('edge')
    const list = await listedNow()
    const res = await runtime.dispatchFetch('http://edge/', { method: 'POST', body: JSON.stringify({ baseUrl: live.served.url, email }) })
    const result = (await res.json()) as { globalFetch: string; list: string[]; created: string }
    expect(result).toEqual({ globalFetch: 'function', list, created: email })
    expect(result.list.at(-1)).toBe('ivy')
  }, 90_000)

  it('an esbuild --platform=node bundle (as Lambda tooling makes) is ≤ 1.25× the browser bundle, holds no fetch polyfill, and runs', async () => {
    writeConsumerFile(
      'lambda.mjs',
      `import { createClient, tokenAuth, invitationsRetrieve } from 'cvat-fp'\nconst [baseUrl] = process.argv.slice(2)\nconst r = await invitationsRetrieve(tokenAuth('token-olga')(createClient({ baseUrl })), { key: 'no-such-key', org: 'acme' })()\nconsole.log(JSON.stringify([typeof globalThis.fetch, r._tag, r.left?.status]))\n`,
    )
    const bundled = async (platform: 'node' | 'browser') => {
      const out = await build({ entryPoints: [join(CONSUMER, 'lambda.mjs')], absWorkingDir: CONSUMER, bundle: true, minify: true, format: 'esm', platform, write: false, logLevel: 'silent', metafile: true })
      const packages = [...new Set(Object.keys(out.metafile.inputs).flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? []))].sort()
      return { text: out.outputFiles[0]!.text, gz: gzipSync(out.outputFiles[0]!.text).length, packages }
    }
    const [node, browser] = [await bundled('node'), await bundled('browser')]
    console.log(`createClient + tokenAuth + invitationsRetrieve, esbuild min+gz: browser ${browser.gz} B, node ${node.gz} B`)
    // fp-ts and io-ts are types only: nothing of theirs runs.
    expect(node.packages).toEqual(['cvat-fp'])
    expect(node.gz).toBeLessThanOrEqual(1.25 * browser.gz)
    writeConsumerFile('lambda.bundle.mjs', node.text)
    const { stdout } = await run(process.execPath, ['lambda.bundle.mjs', live.served.url], { cwd: CONSUMER, timeout: 30_000 })
    expect(JSON.parse(stdout)).toEqual(['function', 'Left', 404])
  }, 90_000)

  it('every ts snippet of the README runs under plain Node ESM against the packed package', async () => {
    const names = Object.keys(await import('../../src/index'))
    // Each snippet gets a fresh emulator: one logs out, which revokes the token others use.
    const runSnippet = async (i: number | string, snippet: string) => {
      const file = writeConsumerFile(`readme-${i}.mjs`, await snippetModule(snippet, names))
      const served = await serveCvatEmulator(createCvatEmulator())
      return run(process.execPath, [file], { cwd: CONSUMER, timeout: 30_000, env: { ...process.env, EMULATOR_URL: served.url } })
        .then(
          () => 'ok',
          (e: { stderr?: string }) => `snippet ${i}: ${String(e.stderr).split('\n').find((l) => /Error/.test(l)) ?? e.stderr}`,
        )
        .finally(() => served.close())
    }
    // The files the workflow snippets read, as a user would have them beside their script.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    writeConsumerFile('images/cat_1.png', png)
    writeConsumerFile('images/dog_2.png', png)
    writeConsumerFile('annotations.xml', '<?xml version="1.0" encoding="utf-8"?>\n<annotations><version>1.1</version></annotations>\n')
    const snippets = readmeSnippets()
    expect(snippets.length).toBeGreaterThanOrEqual(10)
    // Four at a time: each loads the whole package (~470 modules) in a fresh node, and the
    // emulators they talk to share this process.
    const results: string[] = []
    for (let i = 0; i < snippets.length; i += 4) results.push(...(await Promise.all(snippets.slice(i, i + 4).map((s, j) => runSnippet(i + j, s)))))
    expect(results).toEqual(snippets.map(() => 'ok'))
    // The harness can fail: the import the README used to show does crash plain Node ESM.
    expect(await runSnippet('control', "import { pipe } from 'fp-ts/function'\npipe(1, (x) => x)\n")).toMatch(/ERR_UNSUPPORTED_DIR_IMPORT/)
  }, 400_000)

  describe.skipIf(!existsSync(CHROMIUM) && process.env['CI'] !== 'true')(`headless Chromium${existsSync(CHROMIUM) ? '' : ' (skipped: /usr/bin/chromium missing: CVAT_FP_INSTALL_CHROMIUM=1 npm run test:all installs it as root on Debian, or apt-get install chromium)'}`, () => {
    let page: Server
    let pageUrl = ''
    beforeAll(async () => {
      writeConsumerFile('browser.mjs', `import { ${IMPORTS} } from 'cvat-fp'\nwindow.run = async (email) => { const baseUrl = location.origin\n${PROGRAM}\n return result }\n`)
      const js = await bundle(join(CONSUMER, 'browser.mjs'), { platform: 'browser', conditions: ['browser', 'import'], absWorkingDir: CONSUMER })
      // Same origin for page and API (no CORS): static files here, /api/* to the emulator.
      const api = cvatEmulatorListener(live.emulator)
      page = createServer(async (req, res) => {
        if (req.url?.startsWith('/api/')) return api(req, res)
        if (req.url === '/bundle.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/bundle.js"></script>')
      })
      await new Promise<void>((ok) => page.listen(0, '127.0.0.1', ok))
      pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`
    })
    afterAll(async () => {
      page?.closeAllConnections()
      await new Promise((ok) => page?.close(ok))
    })

    it('runs the bundled page', async () => {
      const { chromium } = await import('playwright-core')
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
      })
      try {
        const tab = await browser.newPage()
        await tab.goto(pageUrl)
        await tab.waitForFunction(() => typeof (window as unknown as { run?: unknown }).run === 'function')
        const email = nextEmail('chromium')
        const list = await listedNow()
        const result = await tab.evaluate((e) => (window as unknown as { run: (e: string) => Promise<unknown> }).run(e), email)
        expect(result).toEqual({ globalFetch: 'function', list, created: email })
        expect((result as { list: string[] }).list.at(-1)).toBe('ivy')
      } finally {
        await browser.close()
      }
    }, 90_000)
  })
})
