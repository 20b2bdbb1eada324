// Values generated from CVAT's OpenAPI schemas themselves (read at test time): every optional
// property present or absent, every nullable null or not, unknown properties added. Each must
// decode to itself, unknown properties kept; and each model's fast guard must agree with its
// decoder on valid and broken values alike.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import type * as D from 'io-ts/Decoder'
import type * as G from 'io-ts/Guard'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { BasicOrganization, BasicOrganizationDecoder, BasicOrganizationGuard } from '../../src/generated/models/BasicOrganization'
import { BasicUser, BasicUserDecoder, BasicUserGuard } from '../../src/generated/models/BasicUser'
import { RoleEnum } from '../../src/generated/models/RoleEnum'
import { AcceptInvitationRead, AcceptInvitationReadDecoder, AcceptInvitationReadGuard } from '../../src/generated/models/AcceptInvitationRead'
import { InvitationRead, InvitationReadDecoder, InvitationReadGuard } from '../../src/generated/models/InvitationRead'
import { PaginatedInvitationReadList, PaginatedInvitationReadListDecoder, PaginatedInvitationReadListGuard } from '../../src/generated/models/PaginatedInvitationReadList'
import { DELETE, breakField } from '../helpers/breaking'
import { type Schema, arbitraryOf } from '../helpers/schema'
import { hasShared, readShared, skipReason } from '../helpers/shared'

describe.skipIf(!hasShared)(`codecs against values generated from the OpenAPI schemas ${skipReason}`, () => {
  const schemas = hasShared ? (parse(readShared('invitations.openapi.yml')).components.schemas as Record<string, Schema>) : {}
  const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })

  // `key` is a deliberate deviation: the schema leaves it optional, we require it (every server
  // renders it, and an invitation without one cannot be acted on). The generator knows
  // (REQUIRED_TOO in the helper), so it is always generated.
  const withKey = ref

  it.each<[string, D.Decoder<unknown, unknown>]>([
    ['RoleEnum', RoleEnum],
    ['BasicUser', BasicUser],
    ['BasicOrganization', BasicOrganization],
    ['AcceptInvitationRead', AcceptInvitationRead],
    ['InvitationRead', InvitationRead],
    ['PaginatedInvitationReadList', PaginatedInvitationReadList],
  ])('every %s the schema allows decodes to itself', (name, decoder) => {
    fc.assert(
      // `expected` is built as a separate tree (unknown keys kept, as a newer server's fields are):
      // comparing with the input itself could not fail for a decoder that returns its input.
      fc.property(arbitraryOf(schemas, withKey(name)), ({ value, expected }) => {
        expect(decoder.decode(value)).toEqual(E.right(expected))
      }),
      { numRuns: 300 },
    )
  })

  it('every combination of optional and nullable InvitationRead fields occurs in the runs', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(arbitraryOf(schemas, withKey('InvitationRead')), ({ value }) => {
        const v = value as Record<string, unknown>
        seen.add([v['owner'] === null, 'expired' in v, v['expired'] === null, 'created_date' in v].join())
      }),
      { numRuns: 2000 },
    )
    // owner null|user × expired absent|null|boolean × created_date ± (organization_info is
    // required by this schema; its absence on seed-era servers is covered by the codec tests).
    expect(seen.size).toBe(2 * 3 * 2)
  })

  it.each<[string, G.Guard<unknown, unknown>, D.Decoder<unknown, unknown>]>([
    ['BasicUser', BasicUserGuard, BasicUserDecoder],
    ['BasicOrganization', BasicOrganizationGuard, BasicOrganizationDecoder],
    ['InvitationRead', InvitationReadGuard, InvitationReadDecoder],
    ['PaginatedInvitationReadList', PaginatedInvitationReadListGuard, PaginatedInvitationReadListDecoder],
    ['AcceptInvitationRead', AcceptInvitationReadGuard, AcceptInvitationReadDecoder],
  ])("%s: the fast guard and the decoder agree, also on broken values", (name, guard, decoder) => {
    // Break a generated value at a random path: replace, delete, or retype one field.
    const broken = fc
      .tuple(arbitraryOf(schemas, withKey(name)), fc.nat(), fc.constantFrom('delete', 'null', 'string', 'number', 'array'))
      .map(([{ value }, pick, how]) =>
        breakField(value, pick, how === 'delete' ? DELETE : how === 'null' ? null : how === 'string' ? 'x' : how === 'number' ? 1.5 : []),
      )
    fc.assert(
      fc.property(fc.oneof(arbitraryOf(schemas, withKey(name)).map((g) => g.value), broken), (value) => {
        expect(guard.is(value)).toBe(E.isRight(decoder.decode(value)))
      }),
      { numRuns: 1000 },
    )
  })

  it('a role outside the enum never decodes', () => {
    fc.assert(
      fc.property(
        arbitraryOf(schemas, withKey('InvitationRead')),
        fc.string().filter((r) => !['worker', 'supervisor', 'maintainer', 'owner'].includes(r)),
        ({ value }, role) => {
          expect(E.isLeft(InvitationRead.decode({ ...(value as object), role }))).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})
