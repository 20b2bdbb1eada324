// Rules found wrong in review (issue 12, "Rules from CVAT's source"), through the client's own
// transport on both generations. The client refuses a bad slug before sending, so these requests
// go through the raw client: what a script without the codecs would send.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { type Client, authCreatePasswordChange, authCreateRegister, invitationsList, membershipsList, organizationsRetrieve, request, usersDestroy, withJsonBody } from '../../../src/index'
import { left, right, statusOf, useEmulator } from '../helpers'

const send = async (client: Client, method: 'POST' | 'PATCH', path: string, body: unknown) => {
  const r = await client(withJsonBody(body)(request(method, path)))()
  return E.isRight(r) ? { status: r.right.status, body: JSON.parse(r.right.body) } : r.left
}

describe.each(['2.26', '2.73'] as const)('organisation slugs (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion })

  // Organization.slug is a models.SlugField; DRF's ModelSerializer maps it to its own SlugField and
  // drops Django's validate_slug (rest_framework/utils/field_mapping.py get_field_kwargs), so the
  // message is DRF's, with straight quotes (rest_framework/fields.py SlugField), not Django's “slug”.
  it('an invalid slug is DRF\'s SlugField message, on create and on update', async () => {
    const invalid = { status: 400, body: { slug: ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'] } }
    expect(await send(live.as('otto'), 'POST', '/api/organizations', { slug: 'a b' })).toEqual(invalid)
    expect(await send(live.as('olga'), 'PATCH', '/api/organizations/1', { slug: 'ac/me' })).toEqual(invalid)
  })

  // rest_framework/fields.py Field.run_validators runs every validator and collects every message:
  // CharField's MaxLengthValidator first, then SlugField's RegexValidator.
  it('a slug both too long and invalid gets both messages, in DRF\'s order', async () => {
    expect(await send(live.as('otto'), 'POST', '/api/organizations', { slug: 'far too long a slug' })).toEqual({
      status: 400,
      body: { slug: ['Ensure this field has no more than 16 characters.', 'Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'] },
    })
  })
})

describe.each(['2.26', '2.73'] as const)('password validation (%s)', (serverVersion) => {
  const live = useEmulator({ serverVersion })

  // cvat/settings/base.py AUTH_PASSWORD_VALIDATORS includes Django's NumericPasswordValidator; register
  // (allauth clean_password) and password change (SetPasswordForm) both run validate_password.
  it('an entirely numeric password is refused on register and on password change', async () => {
    const numeric = '8392057164'
    const register = await left(authCreateRegister(live.anonymous(), { registerSerializerExRequest: { username: 'numbers', email: 'n@lab.test', password1: numeric, password2: numeric } }))
    const change = await left(authCreatePasswordChange(live.as('olga'), { passwordChangeRequest: { old_password: 'olga-password', new_password1: numeric, new_password2: numeric } }))
    expect([statusOf(register), statusOf(change)]).toEqual([
      { status: 400, body: { _tag: 'FieldErrors', fields: { password1: ['This password is entirely numeric.'] } } },
      { status: 400, body: { _tag: 'FieldErrors', fields: { new_password2: ['This password is entirely numeric.'] } } },
    ])
  })
})

describe.each(['2.26', '2.73'] as const)('deleting a user (%s)', (serverVersion) => {
  const NOW = '2026-11-26T09:00:00Z'
  const live = useEmulator({ serverVersion, now: () => Date.parse(NOW) })

  // organizations/models.py: Organization.owner and Invitation.owner are SET_NULL, Membership.user
  // CASCADE — and the client decodes an organisation and an invitation whose owner is null.
  it('leaves their organisation and invitations ownerless and takes their memberships', async () => {
    const admin = live.as('admin')
    expect(await right(usersDestroy(admin, { id: 2 }))).toBeUndefined()
    expect(await right(organizationsRetrieve(admin, { id: 1 }))).toEqual({ id: 1, slug: 'acme', name: 'Acme Annotation', description: '', created_date: NOW, updated_date: NOW, contact: {}, owner: null })
    expect((await right(invitationsList(admin, { org: 'acme' }))).results.map((i) => [i.owner, i.user.username])).toEqual([[null, 'ivy']])
    expect((await right(membershipsList(admin, { org: 'acme' }))).results.map((m) => [m.user.username, m.role])).toEqual([
      ['ivy', 'worker'],
      ['wes', 'worker'],
      ['sam', 'supervisor'],
      ['mia', 'maintainer'],
    ])
  })
})
