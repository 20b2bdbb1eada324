// The administrator's story over real HTTP, against both server generations (issue 12, "Proof").
import { describe, expect, it } from 'vitest'
import { FORBIDDEN, serve } from './helpers'
import { type Step, adminStory } from './story'

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

const EXPECTED: Readonly<Record<'2.26' | '2.73', ReadonlyArray<Step>>> = {
  '2.26': [...common('n/a'), ['alice signs a URL', 200, 'string'], ...ending],
  '2.73': [
    ...common(false),
    ['alice creates an access token', 201, ['ci', true, 'string']],
    ['the token reads itself', 200, 'ci'],
    ['a read-only token may not delete the organisation', 403, FORBIDDEN.body],
    ...ending,
  ],
}

describe.each(['2.26', '2.73'] as const)('the admin story on %s', (version) => {
  const server = serve({ serverVersion: version })
  it('register → login → create org → invite → accept → members → role → remove → delete org', async () => {
    expect(await adminStory(server.call, version)).toEqual(EXPECTED[version])
  })
})
