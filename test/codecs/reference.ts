// Every codec of src/codecs as it was built before the kernel (src/codecs/decoder.ts): from
// io-ts's own combinators, as `git show 447d166:src/codecs/<file>.ts` wrote them, with what the
// generator (scripts/generate) takes from CVAT's schemas since: each model's properties in the
// schema's order, a request e-mail's `minLength: 1` as `text`, and a reset link's `uid` secret
// (scripts/generate/overrides.ts `secrets`). The
// kernel test decodes with both and wants the same values. The hand-written guards are the
// codecs' own (the kernel did not touch them); only the decoders are rebuilt here.
import { pipe } from 'fp-ts/function'
import * as D from 'io-ts/Decoder'
import * as G from 'io-ts/Guard'
import * as accessTokens from './modules/accessTokens'
import * as auth from './modules/auth'
import * as common from './modules/common'
import * as invitations from './modules/invitations'
import * as memberships from './modules/memberships'
import * as organizations from './modules/organizations'
import * as users from './modules/users'

type Dec = D.Decoder<unknown, unknown>

export const checked = (guard: G.Guard<unknown, unknown>, decoder: Dec): Dec => ({ decode: (u) => (guard.is(u) ? D.success(u) : decoder.decode(u)) })
export const optional = (decoder: Dec): Dec => ({ decode: (u) => (u === undefined ? D.success(undefined) : decoder.decode(u)) })

const textGuard = (rules: common.TextRules): G.Guard<unknown, string> => ({
  is: (u: unknown): u is string => {
    if (typeof u !== 'string') return false
    const length = [...u].length
    return length >= (rules.minLength ?? 0) && length <= (rules.maxLength ?? Infinity) && (rules.pattern === undefined || rules.pattern.test(u))
  },
})
const describe = (rules: common.TextRules): string =>
  `string (${rules.minLength ?? 0}..${rules.maxLength ?? '∞'} characters${rules.pattern ? `, ${rules.pattern.source}` : ''})`
export const text = (rules: common.TextRules): Dec => D.fromGuard(textGuard(rules), describe(rules))
export const secret = (rules: common.TextRules): Dec => {
  const guard = textGuard(rules)
  return { decode: (u) => (guard.is(u) ? D.success(u) : D.failure('<secret>', describe(rules))) }
}

// common.ts
const Int = D.fromGuard(common.IntGuard, 'integer')
const RoleEnum = D.fromGuard(common.RoleGuard, '"worker" | "supervisor" | "maintainer" | "owner"')
const OptionalString = optional(D.string)
const OptionalInt = optional(Int)
const OptionalBoolean = optional(D.boolean)
const OptionalNullableString = optional(D.nullable(D.string))
const BasicUserDecoder = D.struct({ url: OptionalString, id: OptionalInt, username: D.string, first_name: OptionalString, last_name: OptionalString })
const BasicUser = checked(common.BasicUserGuard, BasicUserDecoder)
const BasicOrganizationDecoder = D.struct({ id: OptionalInt, slug: OptionalString })
const BasicOrganization = checked(common.BasicOrganizationGuard, BasicOrganizationDecoder)
const Anything: Dec = { decode: D.success }
export const pageDecoder = (item: Dec): Dec => D.struct({ count: Int, results: D.array(item), next: OptionalNullableString, previous: OptionalNullableString })

// users.ts
const UserDecoder = D.struct({
  url: OptionalString,
  id: OptionalInt,
  username: D.string,
  first_name: OptionalString,
  last_name: OptionalString,
  email: OptionalString,
  groups: D.array(D.string),
  is_staff: OptionalBoolean,
  is_superuser: OptionalBoolean,
  is_active: OptionalBoolean,
  last_login: OptionalNullableString,
  date_joined: OptionalString,
  has_analytics_access: OptionalBoolean,
})
const MetaUser = checked(users.MetaUserGuard, BasicUserDecoder)
const USERNAME = /^[\p{L}\p{M}\p{N}_.@+-]+$/u
const PatchedUserRequest = D.struct({
  username: optional(text({ minLength: 1, maxLength: 150, pattern: USERNAME })),
  first_name: optional(text({ maxLength: 150 })),
  last_name: optional(text({ maxLength: 150 })),
  email: optional(text({ maxLength: 254 })),
  groups: optional(D.array(text({ minLength: 1 }))),
  is_staff: OptionalBoolean,
  is_superuser: OptionalBoolean,
  is_active: OptionalBoolean,
})

// auth.ts
const TokenDecoder = D.struct({ key: D.string })
const RegisterSerializerExDecoder = D.struct({
  username: D.string,
  email: OptionalString,
  first_name: OptionalString,
  last_name: OptionalString,
  email_verification_required: OptionalBoolean,
  key: OptionalNullableString,
})
const Password = secret({ minLength: 1, maxLength: 256 })
const RestAuthDetailDecoder = D.struct({ detail: OptionalString })

// invitations.ts
const InvitationReadDecoder = D.struct({
  key: D.string,
  created_date: OptionalString,
  owner: D.nullable(BasicUser),
  role: RoleEnum,
  user: BasicUser,
  organization: Int,
  expired: optional(D.nullable(D.boolean)),
  accepted: OptionalBoolean,
  organization_info: optional(BasicOrganization),
})
const InvitationRead = checked(invitations.InvitationReadGuard, InvitationReadDecoder)
const Email = text({ minLength: 1 })
const AcceptInvitationReadDecoder = D.struct({ organization_slug: D.string })

// accessTokens.ts
const AccessTokenReadDecoder = D.struct({
  id: Int,
  name: OptionalString,
  created_date: OptionalString,
  updated_date: OptionalString,
  expiry_date: OptionalNullableString,
  last_used_date: OptionalNullableString,
  read_only: OptionalBoolean,
  owner: optional(BasicUser),
  value: OptionalString,
})
const AccessTokenRead = checked(accessTokens.AccessTokenReadGuard, AccessTokenReadDecoder)
const TokenName = text({ minLength: 1, maxLength: 50 })

// memberships.ts
const MembershipReadDecoder = D.struct({
  id: Int,
  user: BasicUser,
  organization: OptionalInt,
  is_active: OptionalBoolean,
  joined_date: OptionalNullableString,
  role: optional(RoleEnum),
  invitation: OptionalNullableString,
})
const MembershipRead = checked(memberships.MembershipReadGuard, MembershipReadDecoder)

// organizations.ts
const OrganizationReadDecoder = D.struct({
  id: Int,
  slug: D.string,
  name: OptionalString,
  description: OptionalString,
  created_date: OptionalString,
  updated_date: OptionalString,
  contact: Anything,
  owner: D.nullable(BasicUser),
})
const OrganizationRead = checked(organizations.OrganizationReadGuard, OrganizationReadDecoder)
const Slug = text({ minLength: 1, maxLength: 16, pattern: /^[-a-zA-Z0-9_]+$/ })
const Name = optional(text({ maxLength: 64 }))

/** The io-ts-built twin of every decoder src/codecs exports, by module and export name. */
export const reference: Readonly<Record<string, Readonly<Record<string, Dec>>>> = {
  common: {
    Int,
    RoleEnum,
    OptionalString,
    OptionalInt,
    OptionalBoolean,
    OptionalNullableString,
    BasicUserDecoder,
    BasicUser,
    BasicOrganizationDecoder,
    BasicOrganization,
    Anything,
  },
  users: {
    UserDecoder,
    User: checked(users.UserGuard, UserDecoder),
    MetaUserDecoder: BasicUserDecoder,
    MetaUser,
    PaginatedMetaUserListDecoder: pageDecoder(MetaUser),
    PaginatedMetaUserList: checked(users.PaginatedMetaUserListGuard, pageDecoder(MetaUser)),
    PatchedUserRequest,
  },
  auth: {
    LoginSerializerExRequest: D.struct({ username: OptionalString, email: OptionalString, password: secret({ minLength: 1 }) }),
    TokenDecoder,
    Token: checked(auth.TokenGuard, TokenDecoder),
    RegisterSerializerExDecoder,
    RegisterSerializerEx: checked(auth.RegisterSerializerExGuard, RegisterSerializerExDecoder),
    RegisterSerializerExRequest: D.struct({
      username: text({ minLength: 5, maxLength: 150 }),
      email: optional(text({ minLength: 1 })),
      password1: secret({ minLength: 1 }),
      password2: secret({ minLength: 1 }),
      first_name: optional(text({ minLength: 1 })),
      last_name: optional(text({ minLength: 1 })),
    }),
    PasswordChangeRequest: D.struct({ old_password: secret({ minLength: 1 }), new_password1: Password, new_password2: Password }),
    PasswordResetSerializerExRequest: D.struct({ email: text({ minLength: 1 }) }),
    PasswordResetConfirmRequest: D.struct({ new_password1: Password, new_password2: Password, uid: secret({ minLength: 1 }), token: secret({ minLength: 1 }) }),
    RestAuthDetailDecoder,
    RestAuthDetail: checked(auth.RestAuthDetailGuard, RestAuthDetailDecoder),
    SigningRequest: D.struct({ url: text({ minLength: 1 }) }),
  },
  invitations: {
    InvitationReadDecoder,
    InvitationRead,
    InvitationWriteRequest: D.struct({ role: RoleEnum, email: Email }),
    PatchedInvitationWriteRequest: D.struct({ role: optional(RoleEnum), email: optional(Email) }),
    InvitationWrite: pipe(D.struct({ role: RoleEnum, email: D.string }), D.intersect(D.partial({ key: D.string, created_date: D.string, owner: Int, organization: Int }))),
    AcceptInvitationReadDecoder,
    AcceptInvitationRead: checked(invitations.AcceptInvitationReadGuard, AcceptInvitationReadDecoder),
    PaginatedInvitationReadListDecoder: pageDecoder(InvitationRead),
    PaginatedInvitationReadList: checked(invitations.PaginatedInvitationReadListGuard, pageDecoder(InvitationRead)),
  },
  accessTokens: {
    AccessTokenReadDecoder,
    AccessTokenRead,
    PaginatedAccessTokenReadListDecoder: pageDecoder(AccessTokenRead),
    PaginatedAccessTokenReadList: checked(accessTokens.PaginatedAccessTokenReadListGuard, pageDecoder(AccessTokenRead)),
    AccessTokenWriteRequest: D.struct({ name: TokenName, expiry_date: OptionalNullableString, read_only: OptionalBoolean }),
    PatchedAccessTokenWriteRequest: D.struct({ name: optional(TokenName), expiry_date: OptionalNullableString, read_only: OptionalBoolean }),
  },
  memberships: {
    MembershipReadDecoder,
    MembershipRead,
    PaginatedMembershipReadListDecoder: pageDecoder(MembershipRead),
    PaginatedMembershipReadList: checked(memberships.PaginatedMembershipReadListGuard, pageDecoder(MembershipRead)),
    PatchedMembershipWriteRequest: D.struct({ role: optional(RoleEnum) }),
  },
  organizations: {
    OrganizationReadDecoder,
    OrganizationRead,
    PaginatedOrganizationReadListDecoder: pageDecoder(OrganizationRead),
    PaginatedOrganizationReadList: checked(organizations.PaginatedOrganizationReadListGuard, pageDecoder(OrganizationRead)),
    OrganizationWriteRequest: D.struct({ slug: Slug, name: Name, description: OptionalString, contact: Anything }),
    PatchedOrganizationWriteRequest: D.struct({ slug: optional(Slug), name: Name, description: OptionalString, contact: Anything }),
  },
}
