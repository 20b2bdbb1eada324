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
import { BasicOrganization, BasicOrganizationDecoder, BasicOrganizationGuard, BasicUser, BasicUserDecoder, BasicUserGuard, RoleEnum } from '../../src/codecs/common'
import {
  AcceptInvitationRead,
  AcceptInvitationReadDecoder,
  AcceptInvitationReadGuard,
  InvitationRead,
  InvitationReadDecoder,
  InvitationReadGuard,
  PaginatedInvitationReadList,
  PaginatedInvitationReadListDecoder,
  PaginatedInvitationReadListGuard,
} from '../../src/codecs/invitations'
import { DELETE, breakField } from '../helpers/breaking'
import { hasShared, readShared, skipReason } from '../helpers/shared'

type Schema = {
  $ref?: string
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  allOf?: Schema[]
  nullable?: boolean
  enum?: string[]
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  items?: Schema
}

// A tagged value: what was generated, and what decoding should give back, built as a separate
// tree (unknown keys kept, as a newer server's fields are). Comparing the decoded value with the
// input itself could not fail: a decoder that returns its input would be compared with itself.
interface Gen {
  readonly value: unknown
  readonly expected: unknown
}

const same = (v: unknown): Gen => ({ value: v, expected: v })

const arbitraryOf = (schemas: Record<string, Schema>, schema: Schema, forceKeys: ReadonlyArray<string> = []): fc.Arbitrary<Gen> => {
  if (schema.$ref) return arbitraryOf(schemas, schemas[schema.$ref.split('/').pop()!]!, forceKeys)
  const base: fc.Arbitrary<Gen> = schema.allOf
    ? arbitraryOf(schemas, schema.allOf[0]!)
    : schema.enum
      ? fc.constantFrom(...schema.enum).map(same)
      : schema.type === 'integer'
        ? fc.integer().map(same)
        : schema.type === 'boolean'
          ? fc.boolean().map(same)
          : schema.type === 'array'
            ? fc.array(arbitraryOf(schemas, schema.items!), { maxLength: 4 }).map((xs) => ({ value: xs.map((x) => x.value), expected: xs.map((x) => x.expected) }))
            : schema.type === 'object'
              ? objectOf(schemas, schema, forceKeys)
              : stringOf(schema).map(same)
  return schema.nullable ? fc.oneof(fc.constant(same(null)), base) : base
}

const stringOf = (s: Schema): fc.Arbitrary<string> =>
  s.format === 'date-time'
    ? fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString())
    : s.format === 'uri'
      ? fc.webUrl()
      : s.format === 'email'
        ? fc.emailAddress()
        : s.pattern
          ? fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? Infinity))
          : fc.string({ minLength: s.minLength ?? 0, maxLength: s.maxLength ?? 40 })

const objectOf = (schemas: Record<string, Schema>, s: Schema, forceKeys: ReadonlyArray<string>): fc.Arbitrary<Gen> => {
  const props = Object.entries(s.properties ?? {})
  const required = new Set([...(s.required ?? []), ...forceKeys])
  const record: Record<string, fc.Arbitrary<Gen>> = Object.fromEntries(props.map(([k, v]) => [k, arbitraryOf(schemas, v)]))
  const requiredKeys = props.map(([k]) => k).filter((k) => required.has(k))
  return fc
    .tuple(
      fc.record(record, { requiredKeys }),
      fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).map((k) => `x_${k}`), fc.jsonValue(), { maxKeys: 3 }),
    )
    .map(([known, extra]) => {
      const entries = Object.entries(known) as Array<[string, Gen]>
      return {
        value: { ...extra, ...Object.fromEntries(entries.map(([k, g]) => [k, g.value])) },
        expected: { ...structuredClone(extra), ...Object.fromEntries(entries.map(([k, g]) => [k, g.expected])) },
      }
    })
}

describe.skipIf(!hasShared)(`codecs against values generated from the OpenAPI schemas ${skipReason}`, () => {
  const schemas = hasShared ? (parse(readShared('invitations.openapi.yml')).components.schemas as Record<string, Schema>) : {}
  const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })

  // `key` is the one deliberate deviation: the schema leaves it optional, we require it (every
  // server renders it, and an invitation without one cannot be acted on). So it is always generated.
  const withKey = (name: string): Schema =>
    name === 'InvitationRead'
      ? { ...schemas[name]!, required: [...(schemas[name]!.required ?? []), 'key'] }
      : name === 'PaginatedInvitationReadList'
        ? { ...schemas[name]!, properties: { ...schemas[name]!.properties, results: { type: 'array', items: withKey('InvitationRead') } } }
        : ref(name)

  it.each<[string, D.Decoder<unknown, unknown>]>([
    ['RoleEnum', RoleEnum],
    ['BasicUser', BasicUser],
    ['BasicOrganization', BasicOrganization],
    ['AcceptInvitationRead', AcceptInvitationRead],
    ['InvitationRead', InvitationRead],
    ['PaginatedInvitationReadList', PaginatedInvitationReadList],
  ])('every %s the schema allows decodes to itself', (name, decoder) => {
    fc.assert(
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
