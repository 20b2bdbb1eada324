import * as E from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import { MembershipRead } from '../../src/generated/models/MembershipRead'
import { PaginatedMembershipReadList } from '../../src/generated/models/PaginatedMembershipReadList'
import { PatchedMembershipWriteRequest } from '../../src/generated/models/PatchedMembershipWriteRequest'
import { OrganizationRead } from '../../src/generated/models/OrganizationRead'
import { OrganizationWriteRequest } from '../../src/generated/models/OrganizationWriteRequest'
import { PaginatedOrganizationReadList } from '../../src/generated/models/PaginatedOrganizationReadList'
import { PatchedOrganizationWriteRequest } from '../../src/generated/models/PatchedOrganizationWriteRequest'
import { listOf, membership, organization } from './samples'

const drawn = <A>(r: E.Either<D.DecodeError, A>): string => (E.isLeft(r) ? D.draw(r.left) : 'decoded')

describe('OrganizationRead', () => {
  it('decodes an organisation to the very same value, a newer server\'s fields kept', () => {
    const newer = { ...organization, members_count: 3 }
    expect(OrganizationRead.decode(newer)).toEqual(E.right(newer))
    expect(PaginatedOrganizationReadList.decode(listOf([newer]))).toEqual(E.right(listOf([newer])))
  })

  it('takes any JSON as contact (2.73 types it so) and a deleted owner as null', () => {
    for (const contact of [{}, 'org@acme.example', null, [1], 3]) {
      const v = { ...organization, contact, owner: null }
      expect(OrganizationRead.decode(v)).toEqual(E.right(v))
    }
  })

  it('requires owner, id and slug: without them nothing can be done with an organisation', () => {
    const { owner: _o, id: _i, slug: _s, ...rest } = organization
    expect(drawn(OrganizationRead.decode({ ...rest, owner: null, slug: 'acme' }))).toBe('required property "id"\n└─ cannot decode undefined, should be integer')
    expect(drawn(OrganizationRead.decode({ ...rest, owner: null, id: 1 }))).toBe('required property "slug"\n└─ cannot decode undefined, should be string')
    expect(drawn(OrganizationRead.decode({ ...rest, id: 1, slug: 'acme' }))).toBe(
      'required property "owner"\n├─ member 0\n│  └─ cannot decode undefined, should be null\n└─ member 1\n   └─ cannot decode undefined, should be Record<string, unknown>',
    )
  })
})

describe('organisation bodies', () => {
  it('OrganizationWriteRequest sends only slug, name, description and contact', () => {
    const body = { slug: 'acme', name: 'Acme', description: 'd', contact: { email: 'x' }, owner: 2, id: 1 }
    expect(OrganizationWriteRequest.decode(body)).toEqual(E.right({ slug: 'acme', name: 'Acme', description: 'd', contact: { email: 'x' } }))
  })

  it('a slug is 1–16 of [-a-zA-Z0-9_], a name at most 64 characters', () => {
    const ok = (v: object): boolean => E.isRight(OrganizationWriteRequest.decode(v))
    expect([{ slug: 'a' }, { slug: 'A-b_9'.padEnd(16, 'x') }, { slug: 'acme', name: 'n'.repeat(64) }].map(ok)).toEqual([true, true, true])
    expect([{}, { slug: '' }, { slug: 'x'.repeat(17) }, { slug: 'ac me' }, { slug: 'äcme' }, { slug: 'acme', name: 'n'.repeat(65) }].map(ok)).toEqual([
      false, false, false, false, false, false,
    ])
    expect(drawn(OrganizationWriteRequest.decode({ slug: 'ac me' }))).toBe(
      'required property "slug"\n└─ cannot decode "ac me", should be string (1..16 characters, ^[-a-zA-Z0-9_]+$)',
    )
  })

  it('PatchedOrganizationWriteRequest accepts an empty patch and checks what it has', () => {
    expect(PatchedOrganizationWriteRequest.decode({})).toEqual(E.right({}))
    expect(E.isLeft(PatchedOrganizationWriteRequest.decode({ slug: '' }))).toBe(true)
  })
})

describe('MembershipRead', () => {
  it('decodes a membership to the very same value; the owner\'s has no invitation', () => {
    const owner = { ...membership, role: 'owner', invitation: null, x_new: [] }
    expect(MembershipRead.decode(owner)).toEqual(E.right(owner))
    expect(PaginatedMembershipReadList.decode(listOf([membership, owner]))).toEqual(E.right(listOf([membership, owner])))
  })

  it('a pending membership has no join date', () => {
    const pending = { ...membership, is_active: false, joined_date: null }
    expect(MembershipRead.decode(pending)).toEqual(E.right(pending))
  })

  it('requires user and id, and a known role', () => {
    const { id: _i, ...noId } = membership
    expect(drawn(MembershipRead.decode(noId))).toBe('required property "id"\n└─ cannot decode undefined, should be integer')
    expect(drawn(MembershipRead.decode({ ...membership, role: 'admin' }))).toContain('cannot decode "admin"')
  })
})

describe('PatchedMembershipWriteRequest', () => {
  it('sends the role and nothing else (CVAT answers 403 to any other key)', () => {
    expect(PatchedMembershipWriteRequest.decode({ role: 'maintainer', is_active: true, user: 1 })).toEqual(E.right({ role: 'maintainer' }))
    expect(E.isLeft(PatchedMembershipWriteRequest.decode({ role: 'admin' }))).toBe(true)
  })
})
