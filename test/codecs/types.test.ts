// Types that cannot drift: every model type is derived from its decoder, so these shapes, written
// out by hand from the schema, pin both. Deleting `role` from InvitationReadDecoder (or adding a
// field, or loosening a type) changes InvitationRead and fails `npm run typecheck` here.
// expectTypeOf assertions are checked by the compiler as well as at run time.
import { readFileSync, readdirSync } from 'node:fs'
import * as D from 'io-ts/Decoder'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { AccessTokenRead } from '../../src/generated/models/AccessTokenRead'
import type { AccessTokenWriteRequest } from '../../src/generated/models/AccessTokenWriteRequest'
import type { PaginatedAccessTokenReadList } from '../../src/generated/models/PaginatedAccessTokenReadList'
import type { PatchedAccessTokenWriteRequest } from '../../src/generated/models/PatchedAccessTokenWriteRequest'
import type { LoginSerializerExRequest } from '../../src/generated/models/LoginSerializerExRequest'
import type { PasswordChangeRequest } from '../../src/generated/models/PasswordChangeRequest'
import type { PasswordResetConfirmRequest } from '../../src/generated/models/PasswordResetConfirmRequest'
import type { PasswordResetSerializerExRequest } from '../../src/generated/models/PasswordResetSerializerExRequest'
import type { RegisterSerializerEx } from '../../src/generated/models/RegisterSerializerEx'
import type { RegisterSerializerExRequest } from '../../src/generated/models/RegisterSerializerExRequest'
import type { RestAuthDetail } from '../../src/generated/models/RestAuthDetail'
import type { SigningRequest } from '../../src/generated/models/SigningRequest'
import type { Token } from '../../src/generated/models/Token'
import { BasicUser } from '../../src/generated/models/BasicUser'
import { Int, optional } from '../../src/codecs/primitives'
import { RoleEnum } from '../../src/generated/models/RoleEnum'
import type { BasicOrganization } from '../../src/generated/models/BasicOrganization'
import type { Page } from '../../src/codecs/primitives'
import type { InvitationRead } from '../../src/generated/models/InvitationRead'
import type { PaginatedInvitationReadList } from '../../src/generated/models/PaginatedInvitationReadList'
import type { PatchedInvitationWriteRequest } from '../../src/generated/models/PatchedInvitationWriteRequest'
import type { MembershipRead } from '../../src/generated/models/MembershipRead'
import type { PaginatedMembershipReadList } from '../../src/generated/models/PaginatedMembershipReadList'
import type { PatchedMembershipWriteRequest } from '../../src/generated/models/PatchedMembershipWriteRequest'
import type { OrganizationRead } from '../../src/generated/models/OrganizationRead'
import type { OrganizationWriteRequest } from '../../src/generated/models/OrganizationWriteRequest'
import type { PaginatedOrganizationReadList } from '../../src/generated/models/PaginatedOrganizationReadList'
import type { PatchedOrganizationWriteRequest } from '../../src/generated/models/PatchedOrganizationWriteRequest'
import type { MetaUser } from '../../src/generated/models/MetaUser'
import type { PaginatedMetaUserList } from '../../src/generated/models/PaginatedMetaUserList'
import type { PatchedUserRequest } from '../../src/generated/models/PatchedUserRequest'
import type { User } from '../../src/generated/models/User'

type Basic = { username: string; url?: string; id?: number; first_name?: string; last_name?: string }

describe('each model type is exactly its schema component', () => {
  it('the shared models and invitations', () => {
    expectTypeOf<BasicUser>().branded.toEqualTypeOf<Basic>()
    expectTypeOf<BasicOrganization>().branded.toEqualTypeOf<{ id?: number; slug?: string }>()
    expectTypeOf<InvitationRead>().branded.toEqualTypeOf<{
      key: string
      owner: BasicUser | null
      role: RoleEnum
      user: BasicUser
      organization: number
      created_date?: string
      expired?: boolean | null
      accepted?: boolean
      organization_info?: BasicOrganization
    }>()
    expectTypeOf<PaginatedInvitationReadList>().branded.toEqualTypeOf<Page<InvitationRead>>()
    expectTypeOf<PatchedInvitationWriteRequest>().branded.toEqualTypeOf<{ role?: RoleEnum; email?: string }>()
  })

  it('users', () => {
    expectTypeOf<User>().branded.toEqualTypeOf<
      Basic & {
        groups: string[]
        email?: string
        is_staff?: boolean
        is_superuser?: boolean
        is_active?: boolean
        last_login?: string | null
        date_joined?: string
        has_analytics_access?: boolean
      }
    >()
    expectTypeOf<MetaUser>().branded.toEqualTypeOf<User | BasicUser>()
    expectTypeOf<PaginatedMetaUserList>().branded.toEqualTypeOf<Page<MetaUser>>()
    expectTypeOf<PatchedUserRequest>().branded.toEqualTypeOf<{
      username?: string
      first_name?: string
      last_name?: string
      email?: string
      groups?: string[]
      is_staff?: boolean
      is_superuser?: boolean
      is_active?: boolean
    }>()
  })

  it('organizations and memberships', () => {
    expectTypeOf<OrganizationRead>().branded.toEqualTypeOf<{
      owner: BasicUser | null
      id: number
      slug: string
      name?: string
      description?: string
      created_date?: string
      updated_date?: string
      contact?: unknown
    }>()
    expectTypeOf<PaginatedOrganizationReadList>().branded.toEqualTypeOf<Page<OrganizationRead>>()
    expectTypeOf<OrganizationWriteRequest>().branded.toEqualTypeOf<{ slug: string; name?: string; description?: string; contact?: unknown }>()
    expectTypeOf<PatchedOrganizationWriteRequest>().branded.toEqualTypeOf<{ slug?: string; name?: string; description?: string; contact?: unknown }>()
    expectTypeOf<MembershipRead>().branded.toEqualTypeOf<{
      user: BasicUser
      id: number
      organization?: number
      is_active?: boolean
      joined_date?: string | null
      role?: RoleEnum
      invitation?: string | null
    }>()
    expectTypeOf<PaginatedMembershipReadList>().branded.toEqualTypeOf<Page<MembershipRead>>()
    expectTypeOf<PatchedMembershipWriteRequest>().branded.toEqualTypeOf<{ role?: RoleEnum }>()
  })

  it('auth and access tokens', () => {
    expectTypeOf<LoginSerializerExRequest>().branded.toEqualTypeOf<{ username?: string; email?: string; password: string }>()
    expectTypeOf<Token>().branded.toEqualTypeOf<{ key: string }>()
    expectTypeOf<RegisterSerializerEx>().branded.toEqualTypeOf<{
      username: string
      email?: string
      first_name?: string
      last_name?: string
      email_verification_required?: boolean
      key?: string | null
    }>()
    expectTypeOf<RegisterSerializerExRequest>().branded.toEqualTypeOf<{
      username: string
      email?: string
      password1: string
      password2: string
      first_name?: string
      last_name?: string
    }>()
    expectTypeOf<PasswordChangeRequest>().branded.toEqualTypeOf<{ old_password: string; new_password1: string; new_password2: string }>()
    expectTypeOf<PasswordResetSerializerExRequest>().branded.toEqualTypeOf<{ email: string }>()
    expectTypeOf<PasswordResetConfirmRequest>().branded.toEqualTypeOf<{ new_password1: string; new_password2: string; uid: string; token: string }>()
    expectTypeOf<RestAuthDetail>().branded.toEqualTypeOf<{ detail?: string }>()
    expectTypeOf<SigningRequest>().branded.toEqualTypeOf<{ url: string }>()
    expectTypeOf<AccessTokenRead>().branded.toEqualTypeOf<{
      id: number
      name?: string
      created_date?: string
      updated_date?: string
      expiry_date?: string | null
      last_used_date?: string | null
      read_only?: boolean
      owner?: BasicUser
      value?: string
    }>()
    expectTypeOf<PaginatedAccessTokenReadList>().branded.toEqualTypeOf<Page<AccessTokenRead>>()
    expectTypeOf<AccessTokenWriteRequest>().branded.toEqualTypeOf<{ name: string; expiry_date?: string | null; read_only?: boolean }>()
    expectTypeOf<PatchedAccessTokenWriteRequest>().branded.toEqualTypeOf<{ name?: string; expiry_date?: string | null; read_only?: boolean }>()
  })
})

describe('a decoder that drifts from its type does not compile', () => {
  it('an InvitationRead decoder without `role`, or with a string `organization`, is refused', () => {
    const fields = { key: D.string, owner: D.nullable(BasicUser), user: BasicUser, created_date: optional(D.string) }
    // @ts-expect-error `role` is missing, so this is not an InvitationRead decoder
    const noRole: D.Decoder<unknown, InvitationRead> = D.struct({ ...fields, organization: Int })
    // @ts-expect-error `organization` decodes to a string, InvitationRead says number
    const stringOrg: D.Decoder<unknown, InvitationRead> = D.struct({ ...fields, role: RoleEnum, organization: D.string })
    const whole: D.Decoder<unknown, InvitationRead> = D.struct({ ...fields, role: RoleEnum, organization: Int })
    expectTypeOf(whole).toEqualTypeOf(noRole)
    expectTypeOf(stringOrg).toEqualTypeOf(noRole)
  })

  it('a value missing a required field is not the type; a basic user is a MetaUser', () => {
    // @ts-expect-error `groups` is required in User
    const noGroups: User = { username: 'ann' }
    expectTypeOf(noGroups).toExtend<BasicUser>()
    expectTypeOf<BasicUser>().toExtend<MetaUser>()
    expectTypeOf<BasicUser>().not.toExtend<User>()
  })
})

describe('no cast cuts a codec from its type', () => {
  it('src/codecs has no `as X` cast (imports and mapped-type key remapping aside)', () => {
    const casts = readdirSync('src/codecs').flatMap((file) =>
      readFileSync(`src/codecs/${file}`, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(import|\*|\/\/|\/\*)/.test(line) && /\bas\s+(unknown\b|D\.|G\.|[A-Z]|\{|Readonly)/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    )
    expect(casts).toEqual([])
  })
})
