/**
 * Codecs for the user models of `/api/users`, exact to CVAT's OpenAPI (2.26.2 and 2.73.0 agree):
 * response models are `checked` (see common.ts) and keep fields the schema does not know; the
 * request model is decoded, so only the schema's fields are sent.
 */
import type * as G from 'io-ts/Guard'
import { type BasicUser, BasicUserDecoder, BasicUserGuard, OptionalBoolean, OptionalInt, OptionalNullableString, OptionalString, type Optionals, type Page, checked, isOptionalBoolean, isOptionalNullableString, isOptionalString, isStringArray, optional, pageDecoder, pageGuard, text } from './common'
import * as D from './decoder'
import { isRecord } from '../json'

// What a full user adds to a BasicUser, checked on a JSON object.
const hasUserFields = (u: Readonly<Record<string, unknown>>): boolean =>
  isStringArray(u['groups']) &&
  isOptionalString(u['email']) &&
  isOptionalBoolean(u['is_staff']) &&
  isOptionalBoolean(u['is_superuser']) &&
  isOptionalBoolean(u['is_active']) &&
  isOptionalNullableString(u['last_login']) &&
  isOptionalString(u['date_joined']) &&
  isOptionalBoolean(u['has_analytics_access'])

/** Checks a full user (the fast half of `User`). */
export const UserGuard: G.Guard<unknown, User> = { is: (u: unknown): u is User => isRecord(u) && hasUserFields(u) && BasicUserGuard.is(u) }

/** Decodes User strictly (the explaining half of `User`). */
export const UserDecoder = /*#__PURE__*/ D.struct({
  username: D.string,
  url: OptionalString,
  id: OptionalInt,
  first_name: OptionalString,
  last_name: OptionalString,
  groups: /*#__PURE__*/ D.array(D.string),
  email: OptionalString,
  is_staff: OptionalBoolean,
  is_superuser: OptionalBoolean,
  is_active: OptionalBoolean,
  last_login: OptionalNullableString,
  date_joined: OptionalString,
  has_analytics_access: OptionalBoolean,
})

/**
 * Decodes a full user, as CVAT shows one to itself or to staff: `username` and `groups` required.
 *
 * @example
 * User.decode({ username: 'ann', groups: ['user'] }) // Right({ username: 'ann', groups: ['user'] })
 */
export const User: D.Decoder<unknown, User> = /*#__PURE__*/ checked(UserGuard, UserDecoder)
/**
 * Types a full user: a BasicUser plus e-mail, groups, flags and dates.
 *
 * @example
 * const admin = (u: User): boolean => u.groups.includes('admin')
 */
export interface User extends Optionals<D.TypeOf<typeof UserDecoder>> {}

// Every valid User is a valid BasicUser (the schema's objects allow more properties), so the
// union accepts exactly what BasicUser accepts: BasicUser's guard decides, and its decoder
// explains a failure (whatever BasicUser refuses, User refuses too). No `D.union`, whose code
// would only say so twice.

/** Checks a user in either shape (the fast half of `MetaUser`). */
export const MetaUserGuard: G.Guard<unknown, MetaUser> = BasicUserGuard

/** Decodes MetaUser strictly (the explaining half of `MetaUser`). */
export const MetaUserDecoder: D.Decoder<unknown, MetaUser> = BasicUserDecoder

/**
 * Decodes a user as `/api/users` answers: the full User for yourself (or for staff callers), a
 * BasicUser for others. A valid user passes through whole, so a full user keeps every field (a
 * decoder that stripped to BasicUser's fields would lose its e-mail and groups).
 *
 * @example
 * MetaUser.decode({ username: 'ann', id: 2 }) // Right({ username: 'ann', id: 2 })
 */
export const MetaUser: D.Decoder<unknown, MetaUser> = /*#__PURE__*/ checked(MetaUserGuard, MetaUserDecoder)
/**
 * Types a user as `/api/users` answers: full (`'groups' in u`) or basic.
 *
 * @example
 * const email = (u: MetaUser): string | undefined => ('groups' in u ? u.email : undefined)
 */
export type MetaUser = User | BasicUser

/** Checks one page (the fast half of `PaginatedMetaUserList`). */
export const PaginatedMetaUserListGuard: G.Guard<unknown, PaginatedMetaUserList> = /*#__PURE__*/ pageGuard(MetaUserGuard)

/** Decodes PaginatedMetaUserList strictly (the explaining half of `PaginatedMetaUserList`). */
export const PaginatedMetaUserListDecoder: D.Decoder<unknown, PaginatedMetaUserList> = /*#__PURE__*/ pageDecoder(MetaUser)

/**
 * Decodes one page of `GET /api/users`.
 *
 * @example
 * PaginatedMetaUserList.decode({ count: 0, next: null, previous: null, results: [] })
 */
export const PaginatedMetaUserList: D.Decoder<unknown, PaginatedMetaUserList> = /*#__PURE__*/ checked(PaginatedMetaUserListGuard, PaginatedMetaUserListDecoder)
/**
 * Types one page of users with links to its neighbours.
 *
 * @example
 * const names = (p: PaginatedMetaUserList): string[] => p.results.map((u) => u.username)
 */
export interface PaginatedMetaUserList extends Page<MetaUser> {}

// Django's username validator: Python's `\w` is Unicode-aware, so letters beyond ASCII pass.
const USERNAME = /^[\p{L}\p{M}\p{N}_.@+-]+$/u

const PatchedUserRequestDecoder = /*#__PURE__*/ D.struct({
  username: /*#__PURE__*/ optional(/*#__PURE__*/ text({ minLength: 1, maxLength: 150, pattern: USERNAME })),
  first_name: /*#__PURE__*/ optional(/*#__PURE__*/ text({ maxLength: 150 })),
  last_name: /*#__PURE__*/ optional(/*#__PURE__*/ text({ maxLength: 150 })),
  email: /*#__PURE__*/ optional(/*#__PURE__*/ text({ maxLength: 254 })),
  groups: /*#__PURE__*/ optional(/*#__PURE__*/ D.array(/*#__PURE__*/ text({ minLength: 1 }))),
  is_staff: OptionalBoolean,
  is_superuser: OptionalBoolean,
  is_active: OptionalBoolean,
})

/**
 * Decodes the body of `PATCH /api/users/{id}`: every field optional, within the schema's limits.
 *
 * @example
 * PatchedUserRequest.decode({ first_name: 'Ann' })
 */
export const PatchedUserRequest: D.Decoder<unknown, PatchedUserRequest> = PatchedUserRequestDecoder
/**
 * Types the body of `PATCH /api/users/{id}`.
 *
 * @example
 * const patch: PatchedUserRequest = { is_active: false }
 */
export interface PatchedUserRequest extends Optionals<D.TypeOf<typeof PatchedUserRequestDecoder>> {}
