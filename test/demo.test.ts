// The README's main command, run as a user would: `tsx examples/demo.ts` against the built package.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from './e2e/helpers'

const run = promisify(execFile)
const demo = (env: Record<string, string> = {}, args: ReadonlyArray<string> = []) =>
  run('node_modules/.bin/tsx', ['examples/demo.ts', ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 })

describe('the demo', () => {
  beforeAll(() => {
    if (!existsSync('dist/cjs/index.cjs')) throw new Error('dist/ is missing: run `npm run build` (npm test does)')
  })

  it('runs the whole scenario against the built-in emulator and exits 0', async () => {
    const { stdout } = await demo()
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^CVAT emulator listening on http:\/\/127\.0\.0\.1:\d+ \(organisations acme and globex\)$/)
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^olga invited otto as worker \(key \w{8}…\)$/),
      expect.stringMatching(/^olga invited wendy as supervisor/),
      expect.stringMatching(/^olga invited new.annotator@example.com as worker/),
      expect.stringMatching(/^olga invited temp.contractor@example.com as worker/),
      'olga lists acme invitations, 2 per page:',
      '  page 1: temp.contractor@example.com as worker, new.annotator@example.com as worker',
      '  page 2: wendy as supervisor, otto as worker',
      '  page 3: ivy as worker',
      'otto accepted and joined acme',
      'olga resent the invitation to new.annotator@example.com',
      'wendy declined',
      'olga deleted the invitation to temp.contractor@example.com',
      'summary: invited 4, listed 5 across pages, 1 accepted, 1 resent, 1 declined, 1 deleted; acme now holds 3 invitations, 2 pending',
    ])
  }, 90_000)

  describe('against a server named by CVAT_URL', () => {
    const live = useEmulator()

    it('only reads without --write, and never prints the credential', async () => {
      const { stdout } = await demo({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga', CVAT_ORG: 'acme' })
      expect(stdout.trim().split('\n')).toEqual([
        `CVAT server ${live.served.url}, organisation acme (read-only)`,
        '1 invitations visible; newest: ivy as worker',
        'retrieved ivy as worker, expired: false',
      ])
      expect(live.emulator.log.map((r) => r.method)).toEqual(['GET', 'GET'])
      expect(stdout).not.toContain('token-olga')
    }, 90_000)

    it('writes with --write: invites, resends and deletes one address', async () => {
      const before = live.emulator.log.length
      const { stdout } = await demo(
        { CVAT_URL: live.served.url, CVAT_USERNAME: 'olga', CVAT_PASSWORD: 'olga-password', CVAT_ORG: 'acme', CVAT_DEMO_EMAIL: 'demo@example.com' },
        ['--write'],
      )
      expect(stdout.trim().split('\n').at(-1)).toBe('retrieved ivy as worker, expired: false; invited, resent and deleted demo@example.com')
      expect(live.emulator.log.slice(before).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'GET 200', 'POST 201', 'POST 204', 'DELETE 204'])
      expect(stdout).not.toContain('olga-password')
    }, 90_000)

    it('refuses CVAT_URL without a credential (exit 2, nothing sent) instead of showing the emulator', async () => {
      const before = live.emulator.log.length
      const failure = await demo({ CVAT_URL: live.served.url, CVAT_ORG: 'acme', CVAT_USERNAME: 'olga' }).catch((e: { code: number; stderr: string; stdout: string }) => e)
      expect(failure).toMatchObject({ code: 2, stdout: '' })
      expect((failure as { stderr: string }).stderr.trim()).toBe(
        'CVAT_URL is set but no credential is: set CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME and CVAT_PASSWORD (or unset CVAT_URL to run against the built-in emulator)',
      )
      expect(live.emulator.log.length).toBe(before)
    }, 90_000)

    it('prints one formatted error line and exits 1 when the server refuses', async () => {
      const failure = await demo({ CVAT_URL: live.served.url, CVAT_TOKEN: 'wrong-token-123' }).catch((e: { code: number; stderr: string; stdout: string }) => e)
      expect('code' in failure && failure.code).toBe(1)
      expect((failure as { stderr: string }).stderr.trim()).toBe(`StatusError: GET ${live.served.url}/api/invitations?page_size=5 → 401 Unauthorized: Invalid token.`)
      expect(JSON.stringify(failure)).not.toContain('wrong-token-123')
    }, 90_000)
  })
})
