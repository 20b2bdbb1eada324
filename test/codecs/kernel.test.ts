// The kernel (src/codecs/decoder.ts) against io-ts itself. First each combinator: random decoder
// shapes are built twice, from the kernel and from io-ts, and must return equal values (the same
// Either, the same FreeSemigroup tree of DecodeErrors, the same decoded object) on values made to
// fit the shape, the same values broken, and anything at all. Then every codec src/codecs exports
// against its twin built from io-ts's combinators as the codecs were before (./reference.ts), on
// values its schema allows, those values broken, and arbitrary input; io-ts's `D.draw` must
// render both trees alike. Last, a bundle of every codec module holds no io-ts or fp-ts code.
import { build } from 'esbuild'
import fc from 'fast-check'
import type * as E from 'fp-ts/Either'
import * as D from 'io-ts/Decoder'
import type * as G from 'io-ts/Guard'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import * as accessTokens from './modules/accessTokens'
import * as auth from './modules/auth'
import * as common from './modules/common'
import * as K from '../../src/codecs/decoder'
import * as invitations from './modules/invitations'
import * as memberships from './modules/memberships'
import * as organizations from './modules/organizations'
import * as users from './modules/users'
import { DELETE, breakField } from '../helpers/breaking'
import { invitation, page } from '../helpers/samples'
import { type Schema, arbitraryOf } from '../helpers/schema'
import { hasShared, readShared } from '../helpers/shared'
import { reference, secret, text } from './reference'
import { accessToken, basicUser, fullUser, listOf, membership, organization } from './samples'

type Dec = D.Decoder<unknown, unknown>

// Every object's keys, in order, at every depth (toStrictEqual ignores the order, JSON.stringify does not).
const keysOf = (u: unknown): unknown =>
  typeof u === 'object' && u !== null ? Object.entries(u).map(([k, v]) => [k, keysOf(v)]) : typeof u

// Both answers must be deep-equal, `undefined` properties, array holes and key order included, and draw alike.
const same = (ours: E.Either<D.DecodeError, unknown>, theirs: E.Either<D.DecodeError, unknown>): void => {
  expect(ours).toStrictEqual(theirs)
  expect(keysOf(ours)).toEqual(keysOf(theirs))
  if (ours._tag === 'Left' && theirs._tag === 'Left') expect(D.draw(ours.left)).toBe(D.draw(theirs.left))
}

// Breaks one field, at any depth: removed, set to null or undefined, or to a value of another type.
const REPLACEMENTS = [DELETE, null, undefined, 0, 1.5, -0, '', 'x', true, [], {}, [1, , 2]]
const broken = (value: unknown): fc.Arbitrary<unknown> =>
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...REPLACEMENTS), fc.jsonValue(), fc.anything())).map(([pick, r]) => breakField(value, pick, r))

const inputs = (good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(good, good.chain(broken), good.chain(broken).chain(broken), fc.jsonValue(), fc.anything())

describe('each kernel combinator builds what io-ts builds', () => {
  type Shape =
    | { readonly t: 'string' | 'boolean' | 'number' | 'int' | 'anything' | 'never' }
    | { readonly t: 'nullable' | 'array' | 'record'; readonly of: Shape }
    | { readonly t: 'union'; readonly a: Shape; readonly b: Shape }
    | ObjectShape
  type ObjectShape =
    | { readonly t: 'struct' | 'partial'; readonly props: Readonly<Record<string, Shape>> }
    | { readonly t: 'intersect'; readonly a: ObjectShape; readonly b: ObjectShape }

  // What the two libraries share, typed loosely enough for a random shape.
  interface Lib {
    readonly string: Dec
    readonly boolean: Dec
    readonly number: Dec
    readonly record: (codomain: Dec) => Dec
    readonly union: (a: Dec, b: Dec) => Dec
    readonly fromGuard: (guard: G.Guard<unknown, unknown>, expected: string) => Dec
    readonly success: (a: unknown) => E.Either<D.DecodeError, unknown>
    readonly failure: (actual: unknown, message: string) => E.Either<D.DecodeError, unknown>
    readonly struct: (properties: Record<string, Dec>) => Dec
    readonly partial: (properties: Record<string, Dec>) => Dec
    readonly array: (item: Dec) => Dec
    readonly nullable: (or: Dec) => Dec
    readonly intersect: (b: D.Decoder<unknown, object>) => (a: D.Decoder<unknown, object>) => D.Decoder<unknown, object>
  }
  const io: Lib = { ...D, union: (a, b) => D.union(a, b) }
  const kernel: Lib = K

  const build = (lib: Lib, s: Shape): Dec => buildObject(lib, s) ?? buildOther(lib, s)
  const buildObject = (lib: Lib, s: Shape): D.Decoder<unknown, object> | undefined =>
    s.t === 'struct' || s.t === 'partial'
      ? lib[s.t](Object.fromEntries(Object.entries(s.props).map(([k, v]) => [k, build(lib, v)]))) as D.Decoder<unknown, object>
      : s.t === 'intersect'
        ? lib.intersect(buildObject(lib, s.b)!)(buildObject(lib, s.a)!)
        : undefined
  const buildOther = (lib: Lib, s: Shape): Dec => {
    switch (s.t) {
      case 'string':
      case 'boolean':
      case 'number':
        return lib[s.t]
      case 'record':
        return lib.record(build(lib, s.of))
      case 'union':
        return lib.union(build(lib, s.a), build(lib, s.b))
      case 'int':
        return lib.fromGuard({ is: (u): u is number => Number.isInteger(u) }, 'integer')
      case 'anything':
        return { decode: lib.success }
      case 'never':
        return { decode: (u) => lib.failure(u, 'never') }
      case 'nullable':
      case 'array':
        return lib[s.t](build(lib, s.of))
      default:
        throw new Error(`not a shape: ${JSON.stringify(s)}`)
    }
  }

  // Keys include an array index (integer keys order first in an object) and names every object
  // inherits (`in` and `u[key]` see them), where a careless rewrite would differ from io-ts. Not
  // `constructor`: toStrictEqual compares two objects' `constructor` properties by identity.
  const KEYS = ['a', 'b', 'c', '7', 'toString', 'valueOf']
  const { shape } = fc.letrec<{ shape: Shape; object: ObjectShape }>((tie) => ({
    shape: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom<Shape>({ t: 'string' }, { t: 'boolean' }, { t: 'number' }, { t: 'int' }, { t: 'anything' }, { t: 'never' }),
      fc.record({ t: fc.constantFrom('nullable' as const, 'array' as const, 'record' as const), of: tie('shape') }),
      fc.record({ t: fc.constant('union' as const), a: tie('shape'), b: tie('shape') }),
      tie('object'),
    ),
    object: fc.oneof(
      { depthSize: 'small' },
      fc.record({ t: fc.constantFrom('struct' as const, 'partial' as const), props: fc.dictionary(fc.constantFrom(...KEYS), tie('shape'), { maxKeys: 4 }) }),
      fc.record({ t: fc.constant('intersect' as const), a: tie('object'), b: tie('object') }),
    ),
  }))

  const valueOf = (s: Shape): fc.Arbitrary<unknown> => {
    switch (s.t) {
      case 'string':
        return fc.string({ maxLength: 3 })
      case 'boolean':
        return fc.boolean()
      case 'number':
        return fc.oneof(fc.double(), fc.integer())
      case 'record':
        return fc.dictionary(fc.constantFrom(...KEYS), valueOf(s.of), { maxKeys: 3 })
      case 'union':
        return fc.oneof(valueOf(s.a), valueOf(s.b))
      case 'int':
        return fc.integer()
      case 'anything':
      case 'never':
        return fc.oneof(fc.constant(undefined), fc.jsonValue())
      case 'nullable':
        return fc.option(valueOf(s.of), { nil: null })
      case 'array':
        return fc.oneof(fc.array(valueOf(s.of), { maxLength: 3 }), fc.sparseArray(valueOf(s.of), { maxLength: 4 }))
      case 'struct':
      case 'partial': {
        const model = Object.fromEntries(Object.entries(s.props).map(([k, v]) => [k, valueOf(v)]))
        const known = fc.record(model, s.t === 'struct' ? {} : { requiredKeys: [] })
        return fc.tuple(known, fc.dictionary(fc.constantFrom('x', 'y', '3'), fc.jsonValue(), { maxKeys: 2 })).map(([k, extra]) => ({ ...extra, ...k }))
      }
      case 'intersect':
        return fc.tuple(valueOf(s.a), valueOf(s.b)).map(([a, b]) => Object.assign({}, a, b))
    }
  }

  it('returns the same values, errors and drawings on fitting, broken and arbitrary input', () => {
    fc.assert(
      fc.property(
        shape.chain((s) => fc.tuple(fc.constant(s), inputs(valueOf(s)))),
        ([s, u]) => same(build(kernel, s).decode(u), build(io, s).decode(u)),
      ),
      { numRuns: 3000 },
    )
  })

  it('builds io-ts values for success, failure and each primitive', () => {
    same(K.success({ a: 1 }), D.success({ a: 1 }))
    same(K.failure(undefined, 'string'), D.failure(undefined, 'string'))
    fc.assert(
      fc.property(fc.anything(), (u) => {
        same(K.string.decode(u), D.string.decode(u))
        same(K.boolean.decode(u), D.boolean.decode(u))
        same(K.number.decode(u), D.number.decode(u))
      }),
    )
  })

  it('keeps an absent optional property as undefined in a struct, and leaves it out of a partial, as io-ts does', () => {
    const optional: Dec = { decode: K.success }
    expect(K.struct({ a: optional }).decode({})).toStrictEqual({ _tag: 'Right', right: { a: undefined } })
    expect(K.partial({ a: K.string, b: K.string }).decode({ b: undefined })).toStrictEqual({ _tag: 'Right', right: { b: undefined } })
  })

  it('merges the two sides of an intersection in io-ts order, the second side winning', () => {
    const u = { k: { p: 'p', q: 'q' }, a: 'a', b: 'b' }
    const ours = K.intersect(K.struct({ b: K.string, k: K.struct({ q: K.string }) }))(K.struct({ k: K.struct({ p: K.string }), a: K.string }))
    const theirs = D.intersect(D.struct({ b: D.string, k: D.struct({ q: D.string }) }))(D.struct({ k: D.struct({ p: D.string }), a: D.string }))
    same(ours.decode(u), theirs.decode(u))
    expect(ours.decode(u)).toEqual({ _tag: 'Right', right: { k: { q: 'q' }, a: 'a', b: 'b' } })
  })
})

const modules = { common, users, auth, invitations, accessTokens, memberships, organizations }
const isDecoder = (d: unknown): d is Dec => typeof d === 'object' && d !== null && 'decode' in d
const codecs = Object.entries(modules).flatMap(([m, exports]) =>
  Object.entries(exports)
    .filter((e): e is [string, Dec] => isDecoder(e[1]))
    .map(([name, codec]) => [m, name, codec] as const),
)

// A known-good value for each codec (the component's name, without `Decoder`), always present;
// with CVAT's shared schemas, values generated from each version's schema join them.
const GOOD: Readonly<Record<string, unknown>> = {
  Int: 7,
  RoleEnum: 'owner',
  OptionalString: 'x',
  OptionalInt: 1,
  OptionalBoolean: false,
  OptionalNullableString: null,
  Anything: { any: ['thing'] },
  BasicUser: basicUser,
  BasicOrganization: invitation.organization_info,
  User: fullUser,
  MetaUser: fullUser,
  PaginatedMetaUserList: listOf([fullUser, basicUser]),
  PatchedUserRequest: { username: 'ann.lee', first_name: 'Ann', groups: ['user'], is_active: true },
  LoginSerializerExRequest: { username: 'ann', password: 's3cret!' },
  Token: { key: 'a1b2' },
  RegisterSerializerEx: { username: 'annie', email: 'a@b.c', email_verification_required: false, key: null },
  RegisterSerializerExRequest: { username: 'annie', email: 'ann@example.com', password1: 'pw-12345', password2: 'pw-12345', first_name: 'Ann' },
  PasswordChangeRequest: { old_password: 'old-pw-1', new_password1: 'new-pw-12', new_password2: 'new-pw-12' },
  PasswordResetSerializerExRequest: { email: 'ann@example.com' },
  PasswordResetConfirmRequest: { new_password1: 'new-pw-12', new_password2: 'new-pw-12', uid: 'MQ', token: 'c2-1a2b' },
  RestAuthDetail: { detail: 'ok' },
  SigningRequest: { url: 'https://cvat.example.com/api/users/self' },
  InvitationRead: invitation,
  InvitationWriteRequest: { role: 'worker', email: 'ann@example.com' },
  PatchedInvitationWriteRequest: { role: 'supervisor', email: 'ann@example.com' },
  InvitationWrite: { role: 'worker', email: 'ann@example.com', key: 'k', created_date: '2026-11-20', owner: 2, organization: 1 },
  AcceptInvitationRead: { organization_slug: 'acme' },
  PaginatedInvitationReadList: page([invitation, { ...invitation, owner: null, accepted: true }], 'http://localhost/api/invitations?page=2'),
  AccessTokenRead: { ...accessToken, value: 'secret' },
  PaginatedAccessTokenReadList: listOf([accessToken]),
  AccessTokenWriteRequest: { name: 'ci', expiry_date: '2027-01-01T00:00:00Z', read_only: true },
  PatchedAccessTokenWriteRequest: { name: 'ci-2', expiry_date: null },
  MembershipRead: membership,
  PaginatedMembershipReadList: listOf([membership, { ...membership, invitation: null }]),
  PatchedMembershipWriteRequest: { role: 'maintainer' },
  OrganizationRead: organization,
  PaginatedOrganizationReadList: listOf([organization, { ...organization, owner: null }]),
  OrganizationWriteRequest: { slug: 'acme', name: 'Acme', description: '', contact: { email: 'a@b.c' } },
  PatchedOrganizationWriteRequest: { name: 'Acme Labs', contact: null },
}

const FILES = ['org-admin.openapi.yml', 'org-admin.v2.73.0.openapi.yml'] as const
const schemas: ReadonlyArray<Record<string, Schema>> = hasShared ? FILES.map((f) => parse(readShared(f)).components.schemas as Record<string, Schema>) : []
const fromSchemas = (name: string): ReadonlyArray<fc.Arbitrary<unknown>> =>
  schemas.filter((s) => name in s).map((s) => arbitraryOf(s, { $ref: `#/components/schemas/${name}` }).map((g) => g.value))

describe('every codec decodes as its twin built from io-ts', () => {
  it('has a twin and a known-good value for every decoder src/codecs exports', () => {
    const names = (m: Readonly<Record<string, unknown>>): ReadonlyArray<string> => Object.keys(m).sort()
    expect(codecs.map(([m, n]) => `${m}.${n}`).sort()).toEqual(Object.entries(reference).flatMap(([m, r]) => names(r).map((n) => `${m}.${n}`)).sort())
    expect(codecs.map(([, n]) => n.replace(/Decoder$/, '')).filter((n) => !(n in GOOD))).toEqual([])
  })

  it.each(codecs)('%s.%s', (m, name, codec) => {
    const component = name.replace(/Decoder$/, '')
    const twin = reference[m]![name]!
    const good = fc.oneof(fc.constant(GOOD[component]), ...fromSchemas(component))
    fc.assert(
      fc.property(inputs(good), (u) => same(codec.decode(u), twin.decode(u))),
      { numRuns: 400 },
    )
  })

  it('builds text and secret decoders as io-ts built them, for any limits', () => {
    const rules = fc.record(
      { minLength: fc.nat(4), maxLength: fc.integer({ min: 0, max: 6 }), pattern: fc.constantFrom(/^[a-z]+$/, /^[\p{L}_]+$/u) },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(rules, fc.oneof(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8, unit: "binary" }), fc.anything()), (r, u) => {
        same(common.text(r).decode(u), text(r).decode(u))
        same(common.secret(r).decode(u), secret(r).decode(u))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('the codecs in a bundle', () => {
  it('bring no io-ts or fp-ts module along: every byte of every codec module comes from src', async () => {
    const files = Object.keys(modules).map((m) => fileURLToPath(new URL(`./modules/${m}.ts`, import.meta.url)))
    const out = await build({
      stdin: { contents: files.map((f) => `export * from ${JSON.stringify(f)}`).join('\n'), loader: 'ts', resolveDir: process.cwd() },
      bundle: true,
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.entries(Object.values(out.metafile.outputs)[0]!.inputs).filter(([, i]) => i.bytesInOutput > 0)
    // The modules these tests walk re-export src's codecs: every byte of the bundle is src's.
    expect(inputs.map(([path]) => path).filter((path) => !path.startsWith('src/'))).toEqual([])
    expect(inputs.map(([path]) => path)).toContain('src/codecs/decoder.ts')
  })
})
