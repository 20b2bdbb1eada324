// The emulator's organisation-domain traffic through `prism proxy --errors`: every request and
// every response of the admin story, plus the operations the story does not reach, is checked
// against CVAT's schema of the matching generation (org-admin.openapi.yml is 2.26.2,
// org-admin.v2.73.0.openapi.yml is 2.73.0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CvatEmulator, createCvatEmulator } from '../../src/testing'
import { type ServedEmulator, serveCvatEmulator } from '../../src/testing/node'
import { type Answer, type As, callAt } from '../fidelity/helpers'
import { STORY, adminStory } from '../fidelity/story'
import { hasShared, sharedDir, skipReason } from '../helpers/shared'
import { type Prism, startPrism } from './prism'

interface Violation {
  readonly location: ReadonlyArray<string>
  readonly severity: string
  readonly message: string
}

const SCHEMA = { '2.26': 'org-admin.openapi.yml', '2.73': 'org-admin.v2.73.0.openapi.yml' } as const

describe.skipIf(!hasShared).each(['2.26', '2.73'] as const)(`prism proxy over the emulator's organisation domain, %s ${skipReason}`, (version) => {
  let emulator: CvatEmulator
  let served: ServedEmulator
  let prism: Prism
  const seen: Array<{ readonly method: string; readonly path: string; readonly status: number; readonly violations: ReadonlyArray<Violation> }> = []

  // 2.26 lists token + session cookie + CSRF as ONE security requirement and Prism enforces it;
  // CVAT authenticates by the token (its first scheme), so sending all three changes nothing.
  const auth = (token: string): As => ({ headers: { authorization: `Token ${token}`, cookie: 'sessionid=s; csrftoken=c', 'x-csrftoken': 'c' } })
  const call = async (as: As, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> => {
    const a = await callAt(() => prism.url, () => emulator)(typeof as === 'string' ? auth(emulator.credentials(as).token) : as, method, path, body, headers)
    seen.push({ method, path, status: a.status, violations: JSON.parse(a.headers.get('sl-violations') ?? '[]') })
    return a
  }

  beforeAll(async () => {
    emulator = createCvatEmulator({ serverVersion: version })
    served = await serveCvatEmulator(emulator)
    prism = await startPrism(['proxy', `${sharedDir}/${SCHEMA[version]}`, served.url, '--errors'])
  }, 90_000)

  afterAll(async () => {
    await prism?.stop()
    await served?.close()
  })

  it('the admin story passes through unchanged', async () => {
    expect(await adminStory(call, version, auth)).toEqual(STORY[version])
  }, 60_000)

  it('every other operation passes through', async () => {
    const statuses: Array<readonly [string, number]> = []
    const note = async (label: string, a: Promise<Answer>) => statuses.push([label, (await a).status])
    await note('list users', call('admin', 'GET', '/api/users?page_size=3&sort=-id'))
    await note('retrieve user', call('olga', 'GET', '/api/users/2'))
    await note('patch user', call('olga', 'PATCH', '/api/users/2', { first_name: 'Olgа' }))
    await note('list organizations', call('olga', 'GET', '/api/organizations?search=acme'))
    const spare = await call('olga', 'POST', '/api/organizations', { slug: 'spare', name: 'Spare', description: 'x', contact: { email: 'a@b.test' } })
    statuses.push(['create organization', spare.status])
    await note('retrieve organization', call('olga', 'GET', '/api/organizations/1'))
    await note('list memberships', call('olga', 'GET', '/api/memberships?org=acme&page_size=20'))
    await note('retrieve membership', call('olga', 'GET', '/api/memberships/2'))
    const inv = await call('olga', 'POST', '/api/invitations?org=acme', { role: 'supervisor', email: 'nobody@example.com' })
    const key = (inv.body as { key: string }).key
    await note('list invitations', call('olga', 'GET', '/api/invitations?org=acme&filter=%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22accepted%22%7D%2Cfalse%5D%7D'))
    await note('retrieve invitation', call('olga', 'GET', `/api/invitations/${key}?org=acme`))
    await note('resend invitation', call('olga', 'POST', `/api/invitations/${key}/resend?org=acme`))
    await note('delete invitation', call('olga', 'DELETE', `/api/invitations/${key}?org=acme`))
    const ivy = (emulator.state.invitations[0]?.key ?? '') as string
    await note('decline invitation', call('ivy', 'POST', `/api/invitations/${ivy}/decline`))
    await note('change password', call('wes', 'POST', '/api/auth/password/change', { old_password: 'wes-password', new_password1: 'N3w-passw0rd', new_password2: 'N3w-passw0rd' }))
    await note('reset password', call(null, 'POST', '/api/auth/password/reset', { email: 'wes@acme.test' }))
    await note('delete user', call('otto', 'DELETE', '/api/users/8'))
    if (version === '2.73') {
      const t = await call('mia', 'POST', '/api/auth/access_tokens', { name: 'ci', expiry_date: '2099-01-01T00:00:00Z' })
      const id = (t.body as { id: number }).id
      await note('list access tokens', call('mia', 'GET', '/api/auth/access_tokens?search=ci'))
      await note('retrieve access token', call('mia', 'GET', `/api/auth/access_tokens/${id}`))
      await note('patch access token', call('mia', 'PATCH', `/api/auth/access_tokens/${id}`, { name: 'ci-2', read_only: true }))
      await note('revoke access token', call('mia', 'DELETE', `/api/auth/access_tokens/${id}`))
    } else {
      // Only ?accepted, from the invitee, succeeds on 2.26-2.69 (without it CVAT crashes: views.py perform_update).
      const i = await call('olga', 'POST', '/api/invitations?org=acme', { role: 'worker', email: 'patch@example.com' })
      const invitee = emulator.state.users.find((u) => u.email === 'patch@example.com')
      if (invitee !== undefined) Object.assign(invitee, { isPlaceholder: false, password: 'patch-password' })
      await note('patch invitation', call({ headers: { authorization: `Basic ${btoa('patch@example.com:patch-password')}` } }, 'PATCH', `/api/invitations/${(i.body as { key: string }).key}?accepted`, {}))
    }
    await note('delete organization', call('olga', 'DELETE', `/api/organizations/${(spare.body as { id: number }).id}`))
    expect(statuses.filter(([, s]) => s >= 400)).toEqual([])
  }, 60_000)

  it('a request off the schema is refused by Prism, proving it validates', async () => {
    const a = await callAt(() => prism.url, () => emulator)(auth('token-olga'), 'POST', '/api/organizations', { slug: 'not a slug!' })
    expect(a.status).toBe(422)
  })

  it('no request or response broke the schema', () => {
    console.log(version, seen.length, 'exchanges;', seen.flatMap((s) => s.violations).length, 'warnings (undocumented statuses):', [...new Set(seen.filter((s) => s.violations.length > 0).map((s) => `${s.method} ${s.path.split('?')[0]?.replace(/\/[A-Za-z0-9]{64}|\/\d+/g, '/{id}')} ${s.status}`))].join('; '))
    const errors = seen.flatMap((s) => s.violations.filter((v) => v.severity === 'Error').map((v) => ({ ...s, violations: [v] })))
    expect(errors).toEqual([])
    // Prism only warns about statuses the document does not list (CVAT documents few error
    // responses); anything else would be a real finding.
    const otherWarnings = seen.flatMap((s) => s.violations.filter((v) => !v.message.startsWith('Unable to match the returned status code')).map((v) => ({ ...s, violations: [v] })))
    expect(otherWarnings).toEqual([])
    expect(seen.length).toBeGreaterThan(35)
  })
})
