/**
 * Codecs for the membership models of `/api/memberships` (2.26.2 and 2.73.0 agree). The response
 * models are `checked` (see common.ts) and keep fields the schema does not know; the PATCH body is
 * decoded, so only `role` is sent (CVAT answers 403 to any other key).
 */
import type * as G from 'io-ts/Guard'
import { BasicUser, BasicUserGuard, Int, OptionalBoolean, OptionalInt, OptionalNullableString, type Optionals, type Page, RoleEnum, RoleGuard, checked, isOptionalBoolean, isOptionalInt, isOptionalNullableString, optional, pageDecoder, pageGuard } from './common'
import * as D from './decoder'
import { isRecord } from '../json'

/** Checks a membership (the fast half of `MembershipRead`). */
export const MembershipReadGuard: G.Guard<unknown, MembershipRead> = {
  is: (u: unknown): u is MembershipRead =>
    isRecord(u) &&
    BasicUserGuard.is(u['user']) &&
    Number.isInteger(u['id']) &&
    isOptionalInt(u['organization']) &&
    isOptionalBoolean(u['is_active']) &&
    isOptionalNullableString(u['joined_date']) &&
    (u['role'] === undefined || RoleGuard.is(u['role'])) &&
    isOptionalNullableString(u['invitation']),
}

/** Decodes MembershipRead strictly (the explaining half of `MembershipRead`). */
export const MembershipReadDecoder = /*#__PURE__*/ D.struct({
  user: BasicUser,
  id: Int,
  organization: OptionalInt,
  is_active: OptionalBoolean,
  joined_date: OptionalNullableString,
  role: /*#__PURE__*/ optional(RoleEnum),
  invitation: OptionalNullableString,
})

/**
 * Decodes a membership: a user's role in one organisation; `invitation` is the key of the
 * invitation it came from, null for the owner's own membership. `user` and `id` are required: the
 * schema leaves `id` optional (read-only), but every server renders it and a membership without
 * one cannot be changed or removed, as with `InvitationRead.key`.
 *
 * @example
 * MembershipRead.decode({ id: 3, user: { username: 'ann' }, organization: 1, role: 'worker' })
 */
export const MembershipRead: D.Decoder<unknown, MembershipRead> = /*#__PURE__*/ checked(MembershipReadGuard, MembershipReadDecoder)
/**
 * Types a membership.
 *
 * @example
 * const pending = (m: MembershipRead): boolean => m.is_active === false
 */
export interface MembershipRead extends Optionals<D.TypeOf<typeof MembershipReadDecoder>> {}

/** Checks one page (the fast half of `PaginatedMembershipReadList`). */
export const PaginatedMembershipReadListGuard: G.Guard<unknown, PaginatedMembershipReadList> = /*#__PURE__*/ pageGuard(MembershipReadGuard)

/** Decodes PaginatedMembershipReadList strictly (the explaining half of `PaginatedMembershipReadList`). */
export const PaginatedMembershipReadListDecoder: D.Decoder<unknown, PaginatedMembershipReadList> = /*#__PURE__*/ pageDecoder(MembershipRead)

/**
 * Decodes one page of `GET /api/memberships`.
 *
 * @example
 * PaginatedMembershipReadList.decode({ count: 0, next: null, previous: null, results: [] })
 */
export const PaginatedMembershipReadList: D.Decoder<unknown, PaginatedMembershipReadList> = /*#__PURE__*/ checked(PaginatedMembershipReadListGuard, PaginatedMembershipReadListDecoder)
/**
 * Types one page of memberships with links to its neighbours.
 *
 * @example
 * const roles = (p: PaginatedMembershipReadList) => p.results.map((m) => m.role)
 */
export interface PaginatedMembershipReadList extends Page<MembershipRead> {}

const PatchedMembershipWriteRequestDecoder = /*#__PURE__*/ D.struct({ role: /*#__PURE__*/ optional(RoleEnum) })

/**
 * Decodes the body of `PATCH /api/memberships/{id}`: the new role, the only field CVAT accepts.
 *
 * @example
 * PatchedMembershipWriteRequest.decode({ role: 'supervisor' })
 */
export const PatchedMembershipWriteRequest: D.Decoder<unknown, PatchedMembershipWriteRequest> = PatchedMembershipWriteRequestDecoder
/**
 * Types the body of `PATCH /api/memberships/{id}`.
 *
 * @example
 * const patch: PatchedMembershipWriteRequest = { role: 'maintainer' }
 */
export interface PatchedMembershipWriteRequest extends Optionals<D.TypeOf<typeof PatchedMembershipWriteRequestDecoder>> {}
