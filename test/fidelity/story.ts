// The administrator's story over raw HTTP with CVAT's default settings: register, log in, create
// an organisation, invite someone new, who registers and accepts, list members, change a role,
// remove the member, delete the organisation — written once,
// run directly (story.fidelity.test.ts) and through Prism's validating proxy (contract suite).
import { type Answer, type As, FORBIDDEN } from './helpers'

type Call = (as: As, method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>

export type Step = readonly [string, number, unknown]

const results = (a: Answer) => (a.body as { results: ReadonlyArray<Record<string, unknown>> }).results

/** Runs the story; every step is `[label, status, summary]`. */
export const adminStory = async (call: Call, version: '2.26' | '2.73', auth: (token: string) => As = (t) => ({ headers: { authorization: `Token ${t}` } })): Promise<ReadonlyArray<Step>> => {
  const out: Step[] = []
  const step = async (label: string, a: Promise<Answer>, summary: (x: Answer) => unknown = () => null): Promise<Answer> => {
    const x = await a
    out.push([label, x.status, x.status < 300 ? summary(x) : x.body])
    return x
  }
  const password = 'Str0ng!passw0rd'
  await step('register alice', call(null, 'POST', '/api/auth/register', { username: 'alice', email: 'alice@lab.test', password1: password, password2: password, first_name: 'Alice', last_name: 'Admin' }), (x) => {
    const { key: _key, ...rest } = x.body as Record<string, unknown>
    return rest
  })
  const login = await step('alice logs in by e-mail', call(null, 'POST', '/api/auth/login', { email: 'alice@lab.test', password }), (x) => Object.keys(x.body as object))
  const alice = auth((login.body as { key: string }).key)
  await step('alice reads herself', call(alice, 'GET', '/api/users/self'), (x) => {
    const u = x.body as Record<string, unknown>
    return [u['username'], u['groups'], u['is_staff']]
  })
  const org = await step('alice creates lab', call(alice, 'POST', '/api/organizations', { slug: 'lab' }), (x) => {
    const o = x.body as { slug: string; name: string; owner: { username: string } }
    return [o.slug, o.name, o.owner.username]
  })
  const orgId = (org.body as { id: number }).id
  // bob has no account yet: the invitation makes a placeholder user and is e-mailed.
  const inv = await step('alice invites bob by e-mail', call(alice, 'POST', '/api/invitations?org=lab', { role: 'worker', email: 'bob@lab.test' }), (x) => {
    const i = x.body as { role: string; user: { username: string }; expired: unknown; accepted?: boolean }
    return [i.role, i.user.username, i.expired, i.accepted ?? 'n/a']
  })
  const key = (inv.body as { key: string }).key
  const registered = await step('bob registers with that e-mail', call(null, 'POST', '/api/auth/register', { username: 'bobby', email: 'bob@lab.test', password1: password, password2: password }), (x) => (x.body as { username: string }).username)
  const bob = auth((registered.body as { key: string }).key)
  await step('bob may not list lab yet', call(bob, 'GET', '/api/memberships?org=lab'))
  await step('bob sees his invitation', call(bob, 'GET', `/api/invitations/${key}`), (x) => (x.body as { organization_info: unknown }).organization_info)
  await step('bob accepts', call(bob, 'POST', `/api/invitations/${key}/accept`), (x) => x.body)
  const members = await step('alice lists the members', call(alice, 'GET', '/api/memberships?org=lab'), (x) => results(x).map((m) => [(m['user'] as { username: string }).username, m['role'], m['is_active']]))
  const bobMembership = results(members).find((m) => (m['user'] as { username: string }).username === 'bobby')?.['id']
  await step('bob lists the users of lab', call(bob, 'GET', '/api/users?org=lab'), (x) => results(x).map((u) => u['username']))
  await step('alice makes bob a supervisor', call(alice, 'PATCH', `/api/memberships/${String(bobMembership)}`, { role: 'supervisor' }), (x) => (x.body as { role: string }).role)
  await step('bob may not change his own role', call(bob, 'PATCH', `/api/memberships/${String(bobMembership)}`, { role: 'maintainer' }))
  await step('alice renames lab', call(alice, 'PATCH', `/api/organizations/${orgId}`, { name: 'The Lab' }), (x) => (x.body as { name: string }).name)
  await step('alice removes bob', call(alice, 'DELETE', `/api/memberships/${String(bobMembership)}`))
  await step('bob no longer sees lab', call(bob, 'GET', `/api/organizations/${orgId}`))
  if (version === '2.73') {
    const pat = await step('alice creates an access token', call(alice, 'POST', '/api/auth/access_tokens', { name: 'ci', read_only: true }), (x) => {
      const t = x.body as { name: string; read_only: boolean; value?: string }
      return [t.name, t.read_only, typeof t.value]
    })
    const bearer = { headers: { authorization: `Bearer ${(pat.body as { value: string }).value}` } }
    await step('the token reads itself', call(bearer, 'GET', '/api/auth/access_tokens/self'), (x) => (x.body as { name: string }).name)
    await step('a read-only token may not delete the organisation', call(bearer, 'DELETE', `/api/organizations/${orgId}`))
  } else {
    await step('alice signs a URL', call(alice, 'POST', '/api/auth/signing', { url: '/api/users/self' }), (x) => typeof x.body)
  }
  await step('alice deletes lab', call(alice, 'DELETE', `/api/organizations/${orgId}`))
  await step('lab is gone', call(alice, 'GET', `/api/organizations/${orgId}`))
  await step('alice logs out', call(alice, 'POST', '/api/auth/logout'), (x) => x.body)
  await step('her token is gone', call(alice, 'GET', '/api/users/self'))
  return out
}

const gone = { detail: 'No Organization matches the given query.' }

const common = (accepted: boolean | 'n/a'): ReadonlyArray<Step> => [
  ['register alice', 201, { username: 'alice', email: 'alice@lab.test', first_name: 'Alice', last_name: 'Admin', email_verification_required: false }],
  ['alice logs in by e-mail', 200, ['key']],
  ['alice reads herself', 200, ['alice', ['user'], false]],
  ['alice creates lab', 201, ['lab', 'lab', 'alice']],
  ['alice invites bob by e-mail', 201, ['worker', 'bob@lab.test', false, accepted]],
  ['bob registers with that e-mail', 201, 'bobby'],
  ['bob may not list lab yet', 403, FORBIDDEN.body],
  ['bob sees his invitation', 200, { id: 3, slug: 'lab' }],
  ['bob accepts', 200, { organization_slug: 'lab' }],
  ['alice lists the members', 200, [['bobby', 'worker', true], ['alice', 'owner', true]]],
  ['bob lists the users of lab', 200, ['bobby', 'alice']],
  ['alice makes bob a supervisor', 200, 'supervisor'],
  ['bob may not change his own role', 403, FORBIDDEN.body],
  ['alice renames lab', 200, 'The Lab'],
  ['alice removes bob', 204, null],
  ['bob no longer sees lab', 404, gone],
]

const ending: ReadonlyArray<Step> = [
  ['alice deletes lab', 204, null],
  ['lab is gone', 404, gone],
  ['alice logs out', 200, { detail: 'Successfully logged out.' }],
  ['her token is gone', 401, { detail: 'Invalid token.' }],
]

/** What the story yields on a freshly seeded emulator of each generation. */
export const STORY: Readonly<Record<'2.26' | '2.73', ReadonlyArray<Step>>> = {
  '2.26': [...common('n/a'), ['alice signs a URL', 200, 'string'], ...ending],
  '2.73': [
    ...common(false),
    ['alice creates an access token', 201, ['ci', true, 'string']],
    ['the token reads itself', 200, 'ci'],
    ['a read-only token may not delete the organisation', 403, FORBIDDEN.body],
    ...ending,
  ],
}
