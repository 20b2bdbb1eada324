// Rules found wrong in review (issue 12, "Rules from CVAT's source"), through the client's own
// transport on both generations. The client refuses a bad slug before sending, so these requests
// go through the raw client: what a script without the codecs would send.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { type Client, authCreatePasswordChange, authCreateRegister, request, withJsonBody } from '../../../src/index'
import { left, statusOf, useEmulator } from '../helpers'

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
