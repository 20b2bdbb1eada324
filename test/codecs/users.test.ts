import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import { MetaUser } from '../../src/generated/models/MetaUser'
import { PaginatedMetaUserList } from '../../src/generated/models/PaginatedMetaUserList'
import { PatchedUserRequest } from '../../src/generated/models/PatchedUserRequest'
import { User } from '../../src/generated/models/User'
import { basicUser, fullUser } from './samples'

const drawn = <A>(r: E.Either<D.DecodeError, A>): string => (E.isLeft(r) ? D.draw(r.left) : 'decoded')

describe('User and MetaUser', () => {
  it('a full user decodes through MetaUser as the very same object, every field kept', () => {
    const r = MetaUser.decode(fullUser)
    expect(r).toEqual(E.right(fullUser))
    expect(E.isRight(r) && r.right).toBe(fullUser)
  })

  it('a basic user (what others see of you) decodes through MetaUser but is no User', () => {
    expect(MetaUser.decode(basicUser)).toEqual(E.right(basicUser))
    expect(drawn(User.decode(basicUser))).toBe('required property "groups"\n└─ cannot decode undefined, should be Array<unknown>')
  })

  it('a full user with a broken User field is still a valid BasicUser, as the schema\'s anyOf says', () => {
    const odd = { ...fullUser, is_staff: 'no' }
    expect(E.isLeft(User.decode(odd))).toBe(true)
    expect(MetaUser.decode(odd)).toEqual(E.right(odd))
  })

  it('a value neither shape accepts is explained by what even a BasicUser lacks', () => {
    expect(drawn(MetaUser.decode({ id: 1, groups: [] }))).toBe('required property "username"\n└─ cannot decode undefined, should be string')
    expect(drawn(MetaUser.decode(7))).toBe('cannot decode 7, should be Record<string, unknown>')
  })

  it('a newer server\'s fields are kept, at the top and in a page', () => {
    const newer = { ...fullUser, mfa_enabled: true }
    const page = { count: 2, next: null, previous: null, results: [newer, basicUser], x_total_pages: 1 }
    expect(PaginatedMetaUserList.decode(page)).toEqual(E.right(page))
  })
})

describe('PatchedUserRequest', () => {
  it('sends only the schema\'s fields', () => {
    expect(PatchedUserRequest.decode({ first_name: 'Ann', id: 9, password: 'x', is_active: false })).toEqual(E.right({ first_name: 'Ann', is_active: false }))
  })

  it('takes usernames as Django does: letters of any script, digits and @.+-_, 1–150 characters', () => {
    const ok = (username: string): boolean => E.isRight(PatchedUserRequest.decode({ username }))
    expect(['ann', 'Änne_9', 'джон', 'a@b.c+d-e', 'a'.repeat(150)].map(ok)).toEqual([true, true, true, true, true])
    expect(['', 'ann lee', 'ann/lee', 'a'.repeat(151)].map(ok)).toEqual([false, false, false, false])
  })

  it('refuses an empty group name and a non-boolean flag', () => {
    expect(drawn(PatchedUserRequest.decode({ groups: ['user', ''] }))).toContain('optional index 1')
    expect(drawn(PatchedUserRequest.decode({ is_staff: 'yes' }))).toContain('required property "is_staff"')
  })

  it('lengths count characters, not UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 150 }), (last_name) => {
        const n = [...last_name].length
        expect(E.isRight(PatchedUserRequest.decode({ last_name }))).toBe(n <= 150)
      }),
    )
  })
})
