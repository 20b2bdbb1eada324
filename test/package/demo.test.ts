// The README's main command, run as a user would: `tsx examples/demo.ts` against the built package.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { useEmulator } from '../e2e/helpers'

const run = promisify(execFile)
const demo = (env: Record<string, string> = {}, args: ReadonlyArray<string> = []) =>
  run('node_modules/.bin/tsx', ['examples/demo.ts', ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 })

describe('the demo', () => {
  beforeAll(() => {
    if (!existsSync('dist/cjs/index.cjs')) throw new Error('dist/ is missing: run `npm run build` (npm test does)')
  })

  // Sizes in kB differ by a few bytes between generations (task.json's fields): each is a number.
  const sized = (line: string) => line.replace(/\b\d+\.\d kB\b/g, 'N kB')
  // The annotation lead's day, as `lead` sees it on a server whose next project and task ids are
  // `ids` (both generations print the same lines; only the sizes differ).
  const leadsDay = (lead: string, assignee: string, ids = { project: 1, task: 1, job: 1 }) => [
    `${lead} created project #${ids.project} "street scenes (cvat-fp demo)" with labels car (rectangle, attribute colour), road (polygon), sign (points)`,
    // Six small PNGs go in one Upload-Multiple request (files over 100 MiB would go by TUS).
    `${lead} created task #${ids.task} "street, morning" from 6 generated PNGs: N kB sent (Upload-Start, Upload-Multiple, Upload-Finish), 6 frames`,
    `jobs: #${ids.job} frames 0–1, #${ids.job + 1} frames 2–3, #${ids.job + 2} frames 4–5`,
    `${lead} assigned job #${ids.job} to ${assignee}`,
    `${lead} put 4 shapes on frames 0–1: 2 red car boxes, a road polygon, a sign's 3 points`,
    `${lead} exported the dataset (CVAT for images 1.1, N kB); annotations.xml holds them: 2 <box> (colour red, red), 1 <polygon>, 1 <points>`,
    `${lead} backed the task up (N kB)`,
    // A restore always goes by TUS: the backup is one file, sent in chunks.
    `${lead} restored it (Upload-Start, TUS creation, TUS PATCH, Upload-Finish): task #${ids.task + 1} "street, morning", 6 frames, 4 shapes`,
    `${lead} deleted the restored task #${ids.task + 1}`,
    `${lead} deleted project #${ids.project} and its task`,
  ]
  const annotationSummary = '1 project with 1 task of 6 frames in 3 jobs (1 assigned), 4 shapes exported and checked, 1 task backed up and restored, all deleted'

  // Everything after the first line (its port varies), on either server generation.
  const day = (tokens: ReadonlyArray<string>, summaryTokens: string) => [
    'sam logged in to lead annotation at acme',
    ...leadsDay('sam', 'wes'),
    'olga logged in',
    'olga created road-scenes (Road Scenes)',
    'olga invited otto as worker, wes as worker, wendy as supervisor, new.annotator@example.com as worker, temp.contractor@example.com as worker',
    'olga lists road-scenes invitations, 2 per page:',
    '  page 1: temp.contractor@example.com as worker, new.annotator@example.com as worker',
    '  page 2: wendy as supervisor, wes as worker',
    '  page 3: otto as worker',
    'otto and wes accepted',
    'wendy declined',
    'olga resent the invitation to new.annotator@example.com',
    'olga deleted the invitation to temp.contractor@example.com (its pending membership stays)',
    'members of road-scenes: olga (owner), otto (worker), wes (worker), new.annotator@example.com (worker, pending), temp.contractor@example.com (worker, pending)',
    'olga promoted otto to supervisor',
    'olga removed wes',
    'members of road-scenes now: olga (owner), otto (supervisor), new.annotator@example.com (worker, pending), temp.contractor@example.com (worker, pending)',
    ...tokens,
    'olga deleted road-scenes',
    'olga logged out',
    `summary: ${annotationSummary}; 1 organisation created and deleted; invited 5 (2 accepted, 1 declined, 1 resent, 1 deleted); 4 members at the end; ${summaryTokens}`,
  ]
  // What the emulator's credentials look like (credentialsOf) and any long random secret (login
  // tokens, access token values, invitation keys): none may reach the terminal.
  const secrets = /-password|token-|pat-|session-|csrf-|[A-Za-z0-9]{20,}/

  it('runs the lead\'s and the admin\'s day against the built-in 2.73 emulator and exits 0, printing no credential', async () => {
    // Its own temporary folder, to see that the export and the backup saved there are removed.
    mkdirSync('.tmp', { recursive: true })
    const tmp = mkdtempSync(resolve('.tmp/demo-'))
    const { stdout, stderr } = await demo({ TMPDIR: tmp })
    expect(readdirSync(tmp).filter((name) => name.startsWith('cvat-fp-demo-'))).toEqual([])
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^CVAT 2\.73 emulator listening on http:\/\/127\.0\.0\.1:\d+$/)
    expect(lines.slice(1).map(sized)).toEqual(day(['a read-only access token reads as olga', 'olga revoked the token'], '1 access token used and revoked'))
    expect(stdout + stderr).not.toMatch(secrets)
  }, 90_000)

  it('skips access tokens on --server 2.26, which has none', async () => {
    const { stdout, stderr } = await demo({}, ['--server', '2.26'])
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^CVAT 2\.26 emulator listening on http:\/\/127\.0\.0\.1:\d+$/)
    expect(lines.slice(1).map(sized)).toEqual(day(['no access tokens before CVAT 2.48'], '0 access tokens used and revoked'))
    expect(stdout + stderr).not.toMatch(secrets)
  }, 90_000)

  it('refuses an unknown --server generation (exit 2) instead of running another one', async () => {
    const failure = await demo({}, ['--server', '2.7']).catch((e: { code: number; stderr: string; stdout: string }) => e)
    expect(failure).toMatchObject({ code: 2, stdout: '', stderr: "--server takes 2.26 or 2.73 (the emulator's CVAT generation)\n" })
  }, 90_000)

  describe('against a server named by CVAT_URL', () => {
    const live = useEmulator()

    it('only reads without --write, and never prints the credential', async () => {
      const { stdout } = await demo({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga', CVAT_ORG: 'acme' })
      expect(stdout.trim().split('\n')).toEqual([
        `CVAT server ${live.served.url}, organisation acme (read-only)`,
        'annotation part skipped: it creates (and deletes) a project, so it runs only with --write',
        '1 invitations visible; newest: ivy as worker',
        '5 members; newest: ivy (worker, pending), wes (worker), sam (supervisor), mia (maintainer), olga (owner)',
        'retrieved ivy as worker, expired: false',
      ])
      expect(live.emulator.log.map((r) => `${r.method} ${r.url}`)).toEqual([
        `GET ${live.served.url}/api/invitations?org=acme&page_size=5`,
        `GET ${live.served.url}/api/memberships?org=acme&page_size=5`,
        `GET ${live.served.url}/api/invitations/${live.emulator.state.invitations[0]!.key}?org=acme`,
      ])
      expect(stdout).not.toContain('token-olga')
    }, 90_000)

    // Issue 20: the first command an admin runs against a real server. An org maintainer (mia did
    // not send ivy's invitation) could list the organisation's invitations but the retrieve went
    // without the organisation context: invitations.rego's filter then shows only the inviter and
    // the invitee, so CVAT answered 404 and the demo failed (exit 1).
    it('works for an org maintainer with a personal access token: the retrieve keeps the context', async () => {
      const { stdout } = await demo({ CVAT_URL: live.served.url, CVAT_ACCESS_TOKEN: 'pat-mia', CVAT_ORG: 'acme' })
      expect(stdout.trim().split('\n').at(-1)).toBe('retrieved ivy as worker, expired: false')
      expect(live.emulator.log.at(-1)).toEqual({ method: 'GET', url: `${live.served.url}/api/invitations/${live.emulator.state.invitations[0]!.key}?org=acme`, status: 200 })
    }, 90_000)

    it('writes with --write: the lead\'s day (all it made deleted again), then invites, resends and deletes one address', async () => {
      const before = live.emulator.log.length
      const { stdout } = await demo(
        { CVAT_URL: live.served.url, CVAT_USERNAME: 'olga', CVAT_PASSWORD: 'olga-password', CVAT_ORG: 'acme', CVAT_DEMO_EMAIL: 'demo@example.com' },
        ['--write'],
      )
      const lines = stdout.trim().split('\n').map(sized)
      // The caller leads and takes the job herself.
      expect(lines.slice(0, 11)).toEqual([`CVAT server ${live.served.url}, organisation acme (read-only + writes)`, ...leadsDay('olga', 'olga')])
      expect(lines.at(-1)).toBe(`${annotationSummary}; retrieved ivy as worker, expired: false; invited, resent and deleted demo@example.com`)
      const { projects, tasks, jobs } = live.emulator.state.engine
      expect([projects.length, tasks.length, jobs.length]).toEqual([0, 0, 0])
      expect(live.emulator.log.slice(before).slice(-6).map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'GET 200', 'GET 200', 'POST 201', 'POST 204', 'DELETE 204'])
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

  // A real server's failure midway must not leave the demo's project behind: here the restore's
  // upload is refused (the server keeps fewer bytes of uploads than the backup holds).
  describe('against a server that refuses the restore', () => {
    const live = useEmulator({ maxStoredBytes: 3_000 })

    it('deletes the project it made, prints the error and exits 1', async () => {
      const failure = await demo({ CVAT_URL: live.served.url, CVAT_TOKEN: 'token-olga', CVAT_ORG: 'acme' }, ['--write']).catch((e: { code: number; stderr: string; stdout: string }) => e)
      expect('code' in failure && failure.code).toBe(1)
      const { stdout, stderr } = failure as { stdout: string; stderr: string }
      expect(stdout.trim().split('\n').map(sized).slice(-2)).toEqual(['olga backed the task up (N kB)', 'olga deleted project #1 and its task'])
      // The backup's TUS chunk is what the server refuses.
      expect(stderr.trim().replace(/backup\/[\w-]+ →/, 'backup/<tus file> →')).toBe(
        `StatusError: PATCH ${live.served.url}/api/tasks/backup/<tus file> → 413 Payload Too Large: The emulator keeps at most 3000 bytes of uploaded files; raise its maxStoredBytes option.`,
      )
      const { projects, tasks, jobs } = live.emulator.state.engine
      expect([projects.length, tasks.length, jobs.length]).toEqual([0, 0, 0])
    }, 90_000)
  })
})
