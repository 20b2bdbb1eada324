import * as E from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import { AcceptInvitationRead } from '../../src/generated/models/AcceptInvitationRead'
import { InvitationRead } from '../../src/generated/models/InvitationRead'
import { InvitationWrite } from '../../src/codecs/invitationWrite'
import { InvitationWriteRequest } from '../../src/generated/models/InvitationWriteRequest'
import { PaginatedInvitationReadList } from '../../src/generated/models/PaginatedInvitationReadList'
import { PatchedInvitationWriteRequest } from '../../src/generated/models/PatchedInvitationWriteRequest'
import { BasicOrganization } from '../../src/generated/models/BasicOrganization'
import { BasicUser } from '../../src/generated/models/BasicUser'
import { RoleEnum } from '../../src/generated/models/RoleEnum'
import { invitation, page } from '../helpers/samples'
import { hasShared, readSharedJson, skipReason } from '../helpers/shared'

const drawn = <A>(r: E.Either<D.DecodeError, A>): string => (E.isLeft(r) ? D.draw(r.left) : 'decoded')

describe.skipIf(!hasShared)(`CVAT's own fixtures ${skipReason}`, () => {
  it('decodes all 13 invitations in assets/invitations.json, unchanged', () => {
    const fixture = readSharedJson<{ count: number; results: unknown[] }>('assets/invitations.json')
    expect(fixture.results).toHaveLength(13)
    for (const inv of fixture.results) expect(InvitationRead.decode(inv)).toEqual(E.right(inv))
    expect(PaginatedInvitationReadList.decode(fixture)).toEqual(E.right(fixture))
  })
})

describe('InvitationRead', () => {
  it('decodes a full invitation to the same value', () => {
    expect(InvitationRead.decode(invitation)).toEqual(E.right(invitation))
  })

  it('decodes a seed-era invitation without expired and organization_info', () => {
    const { expired: _e, organization_info: _o, ...seed } = invitation
    expect(InvitationRead.decode(seed)).toEqual(E.right(seed))
  })

  it('decodes owner: null (the inviter was deleted) and expired: null (never e-mailed)', () => {
    const v = { ...invitation, owner: null, expired: null }
    expect(InvitationRead.decode(v)).toEqual(E.right(v))
  })

  it('decodes users with only a username', () => {
    const v = { ...invitation, owner: { username: 'olga' }, user: { username: 'new@example.com' } }
    expect(InvitationRead.decode(v)).toEqual(E.right(v))
  })

  it('tolerates and keeps unknown fields (a newer server\'s additions are not lost)', () => {
    const newer = { ...invitation, accepted: true, user: { ...invitation.user, email: 'x' } }
    expect(InvitationRead.decode(newer)).toEqual(E.right(newer))
  })

  it('names the path of a wrong role', () => {
    expect(drawn(InvitationRead.decode({ ...invitation, role: 'admin' }))).toContain('required property "role"')
    expect(drawn(InvitationRead.decode({ ...invitation, role: 'admin' }))).toContain('"admin"')
  })

  it('names the path of a missing key', () => {
    const { key: _k, ...noKey } = invitation
    expect(drawn(InvitationRead.decode(noKey))).toContain('required property "key"')
  })

  it('names the nested path of a bad organisation id', () => {
    const msg = drawn(InvitationRead.decode({ ...invitation, organization_info: { id: 1.5, slug: 'acme' } }))
    // io-ts's struct labels every known key "required property", the optional ones too.
    expect(msg).toBe('required property "organization_info"\n└─ required property "id"\n   └─ cannot decode 1.5, should be integer')
  })

  it('requires owner to be present (it may be null, not absent)', () => {
    const { owner: _o, ...noOwner } = invitation
    expect(drawn(InvitationRead.decode(noOwner))).toContain('required property "owner"')
  })
})

describe('the other models', () => {
  it('RoleEnum accepts exactly the four roles', () => {
    expect(['worker', 'supervisor', 'maintainer', 'owner', 'admin', 'Worker'].map((r) => E.isRight(RoleEnum.decode(r)))).toEqual([
      true, true, true, true, false, false,
    ])
  })

  it('BasicUser requires username only; BasicOrganization requires nothing', () => {
    expect(BasicUser.decode({ username: 'u' })).toEqual(E.right({ username: 'u' }))
    expect(E.isLeft(BasicUser.decode({ id: 1 }))).toBe(true)
    expect(BasicOrganization.decode({})).toEqual(E.right({}))
  })

  it('InvitationWriteRequest needs role and a non-empty email', () => {
    expect(InvitationWriteRequest.decode({ role: 'worker', email: 'a@b.c' })).toEqual(E.right({ role: 'worker', email: 'a@b.c' }))
    // The schema's `minLength: 1`, drawn as every request limit is (the generator writes it from the schema).
    expect(drawn(InvitationWriteRequest.decode({ role: 'worker', email: '' }))).toBe('required property "email"\n└─ cannot decode "", should be string (1..∞ characters)')
    expect(drawn(InvitationWriteRequest.decode({ email: 'a@b.c' }))).toContain('required property "role"')
  })

  it('PatchedInvitationWriteRequest accepts an empty patch', () => {
    expect(PatchedInvitationWriteRequest.decode({})).toEqual(E.right({}))
  })

  it("InvitationWrite (the seed's model) decodes with its read-only fields", () => {
    const v = { role: 'worker', email: 'a@b.c', key: 'k', created_date: '2022-01-01T00:00:00Z', owner: 2, organization: 1 }
    expect(InvitationWrite.decode(v)).toEqual(E.right(v))
  })

  it("InvitationWrite's role is the generated RoleEnum: the same values accepted, the same message on a bad one", () => {
    for (const role of ['worker', 'supervisor', 'maintainer', 'owner', 'admin', '', null, 1, 'Worker']) {
      const seed = InvitationWrite.decode({ role, email: 'a@b.c' })
      const generated = RoleEnum.decode(role)
      expect([role, E.isRight(seed)]).toEqual([role, E.isRight(generated)])
      if (E.isLeft(generated)) expect(drawn(seed)).toContain(D.draw(generated.left).split('\n').at(-1)!.trim())
    }
  })

  it('AcceptInvitationRead and the page decode', () => {
    expect(AcceptInvitationRead.decode({ organization_slug: 'acme' })).toEqual(E.right({ organization_slug: 'acme' }))
    const p = page([invitation], 'http://localhost/api/invitations?page=2', null)
    expect(PaginatedInvitationReadList.decode(p)).toEqual(E.right(p))
    expect(PaginatedInvitationReadList.decode({ count: 0, results: [] })).toEqual(E.right({ count: 0, results: [] }))
    expect(drawn(PaginatedInvitationReadList.decode({ count: 1, results: [{ ...invitation, organization: 'x' }] }))).toContain(
      'optional index 0',
    )
  })
})
