// Every example in examples/ runs as a user would run it, against the emulator.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../e2e/helpers'
import { bundle } from '../helpers/bundle'

const run = promisify(execFile)
const tsx = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  run('node_modules/.bin/tsx', args, { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 })

describe('examples', () => {
  const live = useEmulator({ invitations: [{ org: 'acme', owner: 'mia', invitee: 'wendy', role: 'supervisor', accepted: true }] })
  beforeAll(() => {
    if (!existsSync('dist/esm/index.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)')
  })

  it('cloudflare-worker.ts, configured by its wrangler.toml, lists pending invitations inside workerd', async () => {
    // The settings wrangler would use: main, compatibility_date and [vars] (the token is a secret).
    const toml = readFileSync('examples/wrangler.toml', 'utf8')
    const setting = (name: string) => new RegExp(`^${name} = "([^"]*)"$`, 'm').exec(toml)?.[1]
    const vars = Object.fromEntries([...toml.split('\n[vars]\n')[1]!.matchAll(/^(\w+) = "([^"]*)"$/gm)].map((m) => [m[1]!, m[2]!]))
    expect([setting('main'), setting('compatibility_date'), Object.keys(vars).sort(), toml.includes('CVAT_ACCESS_TOKEN =')]).toEqual([
      'cloudflare-worker.ts',
      '2025-01-01',
      ['CVAT_ORG', 'CVAT_URL'],
      false,
    ])
    const script = await bundle(resolve('examples', setting('main')!), {
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser', 'import'],
      alias: { 'cvat-fp': resolve('dist/esm/index.js') },
    })
    expect(script).not.toMatch(/node_modules\/(cross-fetch|node-fetch)/)
    const { Miniflare } = await import('miniflare')
    const mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: setting('compatibility_date')!,
      bindings: { ...vars, CVAT_URL: live.served.url, CVAT_ORG: 'acme', CVAT_ACCESS_TOKEN: 'pat-olga' },
    })
    try {
      const res = await mf.dispatchFetch('http://worker/')
      expect(await res.json()).toEqual({
        organization: 'acme',
        pending: [{ user: 'ivy', role: 'worker', invitedBy: 'olga', expired: false }],
      })
    } finally {
      await mf.dispose()
    }
  }, 90_000)

  it('invite-from-csv.ts invites each distinct address once and reports failures', async () => {
    mkdirSync('.tmp', { recursive: true })
    const csv = resolve('.tmp/team.csv')
    writeFileSync(csv, 'email,role\nann@example.com,worker\nbo@example.com,supervisor\nANN@example.com,worker\nwes@acme.test,worker\nnot-an-address,worker\n')
    const failure = await tsx(['examples/invite-from-csv.ts', csv], { CVAT_URL: live.served.url, CVAT_ORG: 'acme', CVAT_TOKEN: 'token-olga' }).catch(
      (e: { code: number; stdout: string }) => e,
    )
    expect('code' in failure && failure.code).toBe(1)
    expect(failure.stdout.trim().split('\n')).toEqual([
      'skipped line 6: not-an-address,worker',
      'invited ann@example.com as worker',
      'invited bo@example.com as supervisor',
      'skipped ANN@example.com: same address as row 1',
      `failed  wes@acme.test: StatusError: POST ${live.served.url}/api/invitations?org=acme → 400 Bad Request: The user is a member of the organization already.`,
      '2 invited, 1 failed, 2 skipped',
    ])
    expect(live.emulator.state.users.filter((u) => u.email.toLowerCase() === 'ann@example.com')).toHaveLength(1)
  }, 90_000)

  it('reader-task-either.ts runs its program against the in-memory emulator', async () => {
    const { stdout } = await tsx(['examples/reader-task-either.ts'])
    expect(stdout.trim()).toMatch(/^invited new\.person@example\.com \(key \w{8}…\); 2 pending in the organisation$/)
  }, 90_000)
})
