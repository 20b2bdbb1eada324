// Every component of both org-admin schemas (CVAT 2.26.2 and 2.73.0) against its codec, with
// values generated from the schema files themselves: what the schema allows decodes, unchanged
// (responses keep unknown properties, requests drop them); a value broken at any depth decodes
// exactly when one of the two schemas still allows it (the codecs accept both versions); each fast
// guard agrees with its decoder. Then CVAT's own fixtures decode unchanged.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import type * as D from 'io-ts/Decoder'
import type * as G from 'io-ts/Guard'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import * as accessTokens from '../codecs/modules/accessTokens'
import * as auth from '../codecs/modules/auth'
import * as common from '../codecs/modules/common'
import * as invitations from '../codecs/modules/invitations'
import * as memberships from '../codecs/modules/memberships'
import * as organizations from '../codecs/modules/organizations'
import * as users from '../codecs/modules/users'
import { DELETE, breakField } from '../helpers/breaking'
import { type Schema, allows, arbitraryOf, mergeSchema } from '../helpers/schema'
import { hasShared, readShared, readSharedJson, skipReason } from '../helpers/shared'

const FILES = ['org-admin.openapi.yml', 'org-admin.v2.73.0.openapi.yml'] as const

// Every export of the codec modules, by name: a component's codec is the export named like it,
// its fast guard and explaining decoder (response models) `<name>Guard` and `<name>Decoder`.
const modules: Record<string, unknown> = { ...common, ...invitations, ...users, ...organizations, ...memberships, ...auth, ...accessTokens }
const decoderNamed = (name: string): D.Decoder<unknown, unknown> | undefined => {
  const d = modules[name]
  return typeof d === 'object' && d !== null && 'decode' in d ? (d as D.Decoder<unknown, unknown>) : undefined
}
const guardNamed = (name: string): G.Guard<unknown, unknown> | undefined => {
  const g = modules[`${name}Guard`]
  return typeof g === 'object' && g !== null && 'is' in g ? (g as G.Guard<unknown, unknown>) : undefined
}

const isRequest = (name: string): boolean => name.endsWith('Request')

// Breaks that cross each rule the codecs check: types, null, absence, an unknown role, and
// (request bodies) the string limits: empty, too long, outside a pattern. Each limit's exact
// boundary has its own test below.
const REPLACEMENTS: ReadonlyArray<unknown> = [DELETE, null, 'x', '', 1.5, 7, [], {}, true, 'a'.repeat(300), 'no such role!']

describe.skipIf(!hasShared)(`every org-admin component against values generated from its schema ${skipReason}`, () => {
  const schemasOf = Object.fromEntries(FILES.map((f) => [f, hasShared ? (parse(readShared(f)).components.schemas as Record<string, Schema>) : {}]))
  const names = [...new Set(FILES.flatMap((f) => Object.keys(schemasOf[f]!)))].sort()
  const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
  // The codecs decode what the loosest union of both versions allows, field by field (a
  // component only one version has is judged by that one).
  const [older, newer] = FILES.map((f) => schemasOf[f]!) as [Record<string, Schema>, Record<string, Schema>]
  const merged = Object.fromEntries(names.map((n) => [n, mergeSchema(older[n], newer[n])]))
  const allowed = (name: string, u: unknown): boolean => allows(merged, ref(name), u, isRequest(name))
  const cases = FILES.flatMap((f) => Object.keys(schemasOf[f]!).map((name) => [f, name] as const))

  it('covers 28 components of 2.26.2 and 30 of 2.73.0, each with its codec; every response model with its guard', () => {
    expect(FILES.map((f) => Object.keys(schemasOf[f]!).length)).toEqual([28, 30])
    expect(names.filter((n) => decoderNamed(n) === undefined)).toEqual([])
    const responses = names.filter((n) => !isRequest(n) && n !== 'RoleEnum')
    expect(responses.filter((n) => guardNamed(n) === undefined || decoderNamed(`${n}Decoder`) === undefined)).toEqual([])
  })

  it.each(cases)('%s: every %s the schema allows decodes to itself', (file, name) => {
    const decoder = decoderNamed(name)!
    fc.assert(
      fc.property(arbitraryOf(schemasOf[file]!, ref(name), !isRequest(name)), ({ value, expected }) => {
        expect(allowed(name, value)).toBe(true)
        expect(decoder.decode(value)).toEqual(E.right(expected))
      }),
      { numRuns: 150 },
    )
  })

  it.each(cases)('%s: a %s broken at any depth decodes exactly when a schema still allows it', (file, name) => {
    const decoder = decoderNamed(name)!
    const guard = guardNamed(name)
    const explaining = decoderNamed(`${name}Decoder`)
    const broken = fc
      .tuple(arbitraryOf(schemasOf[file]!, ref(name)), fc.nat(), fc.constantFrom(...REPLACEMENTS), fc.nat(9))
      .map(([{ value }, pick, replacement, whole]) =>
        (whole === 0 || typeof value !== 'object') && replacement !== DELETE ? replacement : breakField(value, pick, replacement),
      )
    let rejected = 0
    fc.assert(
      fc.property(broken, (value) => {
        const right = E.isRight(decoder.decode(value))
        expect(right).toBe(allowed(name, value))
        if (!right) rejected++
        if (guard && explaining) expect(guard.is(value)).toBe(E.isRight(explaining.decode(value)))
      }),
      { numRuns: 400 },
    )
    // The breaks bite: most of them make a value the schema forbids.
    expect(rejected).toBeGreaterThan(40)
  })

  // Every string limit of every request body, in either version, one character inside and
  // outside: the codec draws the line where the looser of the two schemas does.
  const requestCases = cases.filter(([, name]) => isRequest(name))
  it.each(requestCases)('%s: %s accepts each string field up to its limits and not one character past', (file, name) => {
    const decoder = decoderNamed(name)!
    const props = Object.entries(schemasOf[file]![name]!.properties ?? {}).filter(([, p]) => p.minLength !== undefined || p.maxLength !== undefined)
    fc.assert(
      fc.property(arbitraryOf(schemasOf[file]!, ref(name), false), ({ value }) => {
        for (const [key, p] of props) {
          const ends = [p.minLength, p.maxLength].filter((n): n is number => n !== undefined)
          for (const n of ends.flatMap((e) => [e - 1, e, e + 1]).filter((n) => n >= 0)) {
            const v = { ...(value as object), [key]: 'a'.repeat(n) }
            expect([key, n, E.isRight(decoder.decode(v))]).toEqual([key, n, allowed(name, v)])
          }
        }
      }),
      { numRuns: 20 },
    )
  })
})

describe.skipIf(!hasShared)(`CVAT's own fixtures decode unchanged, unknown fields kept ${skipReason}`, () => {
  it.each<[string, number, D.Decoder<unknown, unknown>, D.Decoder<unknown, unknown>]>([
    ['users', 21, users.MetaUser, users.PaginatedMetaUserList],
    ['users', 21, users.User, users.PaginatedMetaUserList],
    ['organizations', 2, organizations.OrganizationRead, organizations.PaginatedOrganizationReadList],
    ['memberships', 15, memberships.MembershipRead, memberships.PaginatedMembershipReadList],
    ['invitations', 13, invitations.InvitationRead, invitations.PaginatedInvitationReadList],
  ])('assets/%s.json: all %i records and the page', (file, count, item, list) => {
    const fixture = readSharedJson<{ count: number; results: Array<Record<string, unknown>> }>(`assets/${file}.json`)
    expect(fixture.results).toHaveLength(count)
    for (const record of fixture.results) {
      expect(item.decode(record)).toEqual(E.right(record))
      // A newer server's field, at the top and nested, is kept, not stripped.
      const newer = { ...record, x_new: { nested: [1] }, ...('owner' in record && record['owner'] ? { owner: { ...(record['owner'] as object), x_new: 1 } } : {}) }
      expect(item.decode(newer)).toEqual(E.right(newer))
    }
    expect(list.decode(fixture)).toEqual(E.right(fixture))
  })

  it('a full user from users.json keeps every field through MetaUser, e-mail and groups included', () => {
    const fixture = readSharedJson<{ results: Array<Record<string, unknown>> }>('assets/users.json')
    const first = fixture.results[0]!
    expect(Object.keys(first).sort()).toEqual(
      ['date_joined', 'email', 'first_name', 'groups', 'has_analytics_access', 'id', 'is_active', 'is_staff', 'is_superuser', 'last_login', 'last_name', 'url', 'username'],
    )
    expect(users.MetaUser.decode(first)).toEqual(E.right(first))
  })
})
