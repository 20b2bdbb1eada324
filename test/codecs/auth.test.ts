import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import { AccessTokenRead } from '../../src/generated/models/AccessTokenRead'
import { AccessTokenWriteRequest } from '../../src/generated/models/AccessTokenWriteRequest'
import { PaginatedAccessTokenReadList } from '../../src/generated/models/PaginatedAccessTokenReadList'
import { PatchedAccessTokenWriteRequest } from '../../src/generated/models/PatchedAccessTokenWriteRequest'
import { LoginSerializerExRequest } from '../../src/generated/models/LoginSerializerExRequest'
import { PasswordChangeRequest } from '../../src/generated/models/PasswordChangeRequest'
import { PasswordResetConfirmRequest } from '../../src/generated/models/PasswordResetConfirmRequest'
import { RegisterSerializerEx } from '../../src/generated/models/RegisterSerializerEx'
import { RegisterSerializerExRequest } from '../../src/generated/models/RegisterSerializerExRequest'
import { RestAuthDetail } from '../../src/generated/models/RestAuthDetail'
import { Token } from '../../src/generated/models/Token'
import { accessToken, listOf } from './samples'

const drawn = <A>(r: E.Either<D.DecodeError, A>): string => (E.isLeft(r) ? D.draw(r.left) : 'decoded')

describe('auth answers', () => {
  it('Token, RegisterSerializerEx and RestAuthDetail decode to the very same values', () => {
    const cases: ReadonlyArray<[D.Decoder<unknown, unknown>, object]> = [
      [Token, { key: 'a1b2c3' }],
      [RegisterSerializerEx, { username: 'annie', email: 'a@b.c', first_name: '', last_name: '', email_verification_required: true, key: null }],
      [RestAuthDetail, { detail: 'Successfully logged out.' }],
      [RestAuthDetail, {}],
    ]
    for (const [codec, v] of cases) {
      const r = codec.decode(v)
      expect(r).toEqual(E.right(v))
      expect(E.isRight(r) && r.right).toBe(v)
    }
  })

  it('a token answer needs its key', () => {
    expect(drawn(Token.decode({}))).toBe('required property "key"\n└─ cannot decode undefined, should be string')
  })
})

describe('auth bodies', () => {
  it('log in with a username or an e-mail address; only the schema\'s fields are sent', () => {
    expect(LoginSerializerExRequest.decode({ username: 'ann', password: 'pw', remember: true })).toEqual(E.right({ username: 'ann', password: 'pw' }))
    expect(LoginSerializerExRequest.decode({ email: 'a@b.c', password: 'pw' })).toEqual(E.right({ email: 'a@b.c', password: 'pw' }))
  })

  it('password limits are the looser of 2.26 (1–128) and 2.73 (8–256): the server judges the rest', () => {
    const change = (pw: string): boolean => E.isRight(PasswordChangeRequest.decode({ old_password: 'old', new_password1: pw, new_password2: pw }))
    expect(['', 'a', 'a'.repeat(256), 'a'.repeat(257)].map(change)).toEqual([false, true, true, false])
    const confirm = (token: string): boolean => E.isRight(PasswordResetConfirmRequest.decode({ new_password1: 'p', new_password2: 'p', uid: 'MQ', token }))
    expect(['', 't'].map(confirm)).toEqual([false, true])
  })

  it('a username to register has 5–150 characters', () => {
    const register = (username: string): boolean => E.isRight(RegisterSerializerExRequest.decode({ username, password1: 'p', password2: 'p' }))
    expect(['annie', 'a'.repeat(150), 'ann', 'a'.repeat(151)].map(register)).toEqual([true, true, false, false])
  })

  it('a secret that fails is never quoted, whatever it is', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(''), fc.jsonValue().filter((v) => typeof v !== 'string')), (pw) => {
        const results: ReadonlyArray<E.Either<D.DecodeError, unknown>> = [
          LoginSerializerExRequest.decode({ username: 'ann', password: pw }),
          PasswordChangeRequest.decode({ old_password: pw, new_password1: pw, new_password2: pw }),
          PasswordResetConfirmRequest.decode({ new_password1: pw, new_password2: pw, uid: 'MQ', token: pw }),
          RegisterSerializerExRequest.decode({ username: 'annie', password1: pw, password2: pw }),
        ]
        for (const r of results) {
          const message = drawn(r)
          expect(message).toContain('cannot decode "<secret>"')
          if (pw !== '') expect(message).not.toContain(JSON.stringify(pw))
        }
        const long = 'x'.repeat(257) + JSON.stringify(pw)
        expect(drawn(PasswordChangeRequest.decode({ old_password: 'old', new_password1: long, new_password2: long }))).not.toContain(long)
      }),
    )
  })
})

describe('access tokens', () => {
  it('AccessTokenRead decodes a listed token and the created one with its value, to the same values', () => {
    const created = { ...accessToken, value: 'cvat_pat_secret', x_scope: ['read'] }
    expect(AccessTokenRead.decode(created)).toEqual(E.right(created))
    expect(PaginatedAccessTokenReadList.decode(listOf([accessToken]))).toEqual(E.right(listOf([accessToken])))
  })

  it('requires the id, as every server renders it', () => {
    const { id: _i, ...noId } = accessToken
    expect(drawn(AccessTokenRead.decode(noId))).toBe('required property "id"\n└─ cannot decode undefined, should be integer')
  })

  it('a token name has 1–50 characters; expiry may be null (never); nothing else is sent', () => {
    const create = (name: string): boolean => E.isRight(AccessTokenWriteRequest.decode({ name }))
    expect(['', 'c', 'c'.repeat(50), 'c'.repeat(51)].map(create)).toEqual([false, true, true, false])
    expect(AccessTokenWriteRequest.decode({ name: 'ci', expiry_date: null, read_only: true, owner: 1 })).toEqual(E.right({ name: 'ci', expiry_date: null, read_only: true }))
    expect(PatchedAccessTokenWriteRequest.decode({ value: 'x' })).toEqual(E.right({}))
  })
})
