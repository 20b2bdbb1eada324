// Typed JSON Logic filters: the strings they render, the rules the compiler refuses, and a round
// trip through the emulator (which evaluates CVAT's JSON Logic) over real HTTP.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  and,
  between,
  contains,
  eq,
  filterString,
  gt,
  gte,
  invitationFields as inv,
  invitationsList,
  lt,
  lte,
  membershipFields as mem,
  not,
  oneOf,
  or,
  organizationFields as org,
  pendingInvitations,
  userFields as usr,
} from '../../src/index'
import { useEmulator } from '../e2e/helpers'

describe('filter strings', () => {
  it('renders every operator CVAT implements, in its own argument order', () => {
    expect(
      [
        filterString(eq(inv.accepted, false)),
        filterString(eq(inv.owner, 'olga')),
        filterString(lt(usr.id, 3)),
        filterString(lte(mem.id, 4)),
        filterString(gt(org.id, 5)),
        filterString(gte(usr.username, 'm')),
        filterString(between(usr.id, 10, 20)),
        filterString(oneOf(mem.role, ['worker', 'supervisor'])),
        filterString(contains(usr.last_name, 'Own')),
        filterString(and(eq(inv.accepted, false), eq(inv.user_id, 7))),
        filterString(or(eq(mem.role, 'owner'), eq(mem.user, 'mia'))),
        filterString(not(eq(usr.is_active, true))),
        filterString(and(eq(org.slug, 'acme'))),
      ],
    ).toEqual([
      '{"==":[{"var":"accepted"},false]}',
      '{"==":[{"var":"owner"},"olga"]}',
      '{"<":[{"var":"id"},3]}',
      '{"<=":[{"var":"id"},4]}',
      '{">":[{"var":"id"},5]}',
      '{">=":[{"var":"username"},"m"]}',
      '{"<=":[10,{"var":"id"},20]}',
      '{"in":[{"var":"role"},["worker","supervisor"]]}',
      '{"in":["Own",{"var":"last_name"}]}',
      '{"and":[{"==":[{"var":"accepted"},false]},{"==":[{"var":"user_id"},7]}]}',
      '{"or":[{"==":[{"var":"role"},"owner"]},{"==":[{"var":"user"},"mia"]}]}',
      '{"!":{"==":[{"var":"is_active"},true]}}',
      '{"and":[{"==":[{"var":"slug"},"acme"]}]}',
    ])
    expect(filterString(pendingInvitations)).toBe('{"==":[{"var":"accepted"},false]}')
  })

  it('keeps any text value intact through JSON (quotes, backslashes, unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(JSON.parse(filterString(eq(inv.owner, s)))).toEqual({ '==': [{ var: 'owner' }, s] })
      }),
    )
  })

  it('refuses, at compile time, fields, values and operators CVAT does not take', () => {
    // The expectations here are the compiler's: test/types/typecheck.test.ts fails if any line compiles.
    const refused = () => [
      // @ts-expect-error -- not a filterable field of invitations
      eq(inv.key, 'k'),
      // @ts-expect-error -- accepted is a boolean
      eq(inv.accepted, 'false'),
      // @ts-expect-error -- user_id is a number
      eq(inv.user_id, '7'),
      // @ts-expect-error -- not a role
      eq(mem.role, 'admin'),
      // @ts-expect-error -- booleans have no order
      lt(inv.accepted, true),
      // @ts-expect-error -- contains needs a text field
      contains(usr.id, '1'),
      // @ts-expect-error -- rules of two lists never mix
      and(eq(inv.accepted, false), eq(usr.is_active, true)),
      // @ts-expect-error -- and needs at least one rule
      and(),
      // @ts-expect-error -- CVAT has no != (write not(eq(…)))
      ne(inv.accepted, true),
    ]
    expect(typeof refused).toBe('function')
  })
})

describe('filters against the emulator over HTTP', () => {
  const live = useEmulator({
    invitations: [
      { org: 'acme', owner: 'olga', invitee: 'otto', role: 'supervisor' },
      { org: 'acme', owner: 'mia', invitee: 'wendy', role: 'worker', accepted: true },
    ],
  })

  const keysOf = async (filter: string) => {
    const page = await invitationsList(live.as('olga'), { org: 'acme', filter })()
    return E.isRight(page) ? page.right.results.map((i) => `${i.owner?.username}→${i.user.username}`).sort() : page.left
  }

  it('pending invitations, by inviter, and negation select what CVAT would', async () => {
    expect(await keysOf(filterString(pendingInvitations))).toEqual(['olga→ivy', 'olga→otto'])
    expect(await keysOf(filterString(and(pendingInvitations, eq(inv.owner, 'olga'))))).toEqual(['olga→ivy', 'olga→otto'])
    expect(await keysOf(filterString(not(pendingInvitations)))).toEqual(['mia→wendy'])
    expect(await keysOf(filterString(or(eq(inv.owner, 'mia'), eq(inv.accepted, true))))).toEqual(['mia→wendy'])
  })
})
