/**
 * Codecs for personal access tokens (`/api/auth/access_tokens`, CVAT 2.48 and later; 2.73.0's
 * schema). The response models are `checked` (see common.ts) and keep fields the schema does not
 * know; request models are decoded, so only the schema's fields are sent.
 */
import type * as G from 'io-ts/Guard'
import { BasicUser, BasicUserGuard, Int, OptionalBoolean, OptionalNullableString, OptionalString, type Optionals, type Page, checked, isOptionalBoolean, isOptionalNullableString, isOptionalString, optional, pageDecoder, pageGuard, text } from './common'
import * as D from './decoder'
import { isRecord } from '../json'

/** Checks an access token (the fast half of `AccessTokenRead`). */
export const AccessTokenReadGuard: G.Guard<unknown, AccessTokenRead> = {
  is: (u: unknown): u is AccessTokenRead =>
    isRecord(u) &&
    Number.isInteger(u['id']) &&
    isOptionalString(u['name']) &&
    isOptionalString(u['created_date']) &&
    isOptionalString(u['updated_date']) &&
    isOptionalNullableString(u['expiry_date']) &&
    isOptionalNullableString(u['last_used_date']) &&
    isOptionalBoolean(u['read_only']) &&
    (u['owner'] === undefined || BasicUserGuard.is(u['owner'])) &&
    isOptionalString(u['value']),
}

/** Decodes AccessTokenRead strictly (the explaining half of `AccessTokenRead`). */
export const AccessTokenReadDecoder = /*#__PURE__*/ D.struct({
  id: Int,
  name: OptionalString,
  created_date: OptionalString,
  updated_date: OptionalString,
  expiry_date: OptionalNullableString,
  last_used_date: OptionalNullableString,
  read_only: OptionalBoolean,
  owner: /*#__PURE__*/ optional(BasicUser),
  value: OptionalString,
})

/**
 * Decodes a personal access token; `value`, the secret, is present only in the answer that
 * created it. `id` is required: the schema leaves it optional (read-only), but every server renders
 * it and a token without one cannot be retrieved, changed or revoked, as with `InvitationRead.key`.
 *
 * @example
 * AccessTokenRead.decode({ id: 1, name: 'ci', read_only: true, expiry_date: null })
 */
export const AccessTokenRead: D.Decoder<unknown, AccessTokenRead> = /*#__PURE__*/ checked(AccessTokenReadGuard, AccessTokenReadDecoder)
/**
 * Types a personal access token.
 *
 * @example
 * const secret = (t: AccessTokenRead): string | undefined => t.value
 */
export interface AccessTokenRead extends Optionals<D.TypeOf<typeof AccessTokenReadDecoder>> {}

/** Checks one page (the fast half of `PaginatedAccessTokenReadList`). */
export const PaginatedAccessTokenReadListGuard: G.Guard<unknown, PaginatedAccessTokenReadList> = /*#__PURE__*/ pageGuard(AccessTokenReadGuard)

/** Decodes PaginatedAccessTokenReadList strictly (the explaining half of `PaginatedAccessTokenReadList`). */
export const PaginatedAccessTokenReadListDecoder: D.Decoder<unknown, PaginatedAccessTokenReadList> = /*#__PURE__*/ pageDecoder(AccessTokenRead)

/**
 * Decodes one page of `GET /api/auth/access_tokens`.
 *
 * @example
 * PaginatedAccessTokenReadList.decode({ count: 0, next: null, previous: null, results: [] })
 */
export const PaginatedAccessTokenReadList: D.Decoder<unknown, PaginatedAccessTokenReadList> = /*#__PURE__*/ checked(PaginatedAccessTokenReadListGuard, PaginatedAccessTokenReadListDecoder)
/**
 * Types one page of access tokens with links to its neighbours.
 *
 * @example
 * const names = (p: PaginatedAccessTokenReadList) => p.results.map((t) => t.name)
 */
export interface PaginatedAccessTokenReadList extends Page<AccessTokenRead> {}

const TokenName = /*#__PURE__*/ text({ minLength: 1, maxLength: 50 })

// Each body is one literal (no shared object spread into both): a spread keeps a body's decoder
// in every bundle of this module, even one that sends no body.
const AccessTokenWriteRequestDecoder = /*#__PURE__*/ D.struct({ name: TokenName, expiry_date: OptionalNullableString, read_only: OptionalBoolean })

/**
 * Decodes the body of `POST /api/auth/access_tokens`: a name (1–50 characters), optionally an
 * expiry date (null: never) and read-only.
 *
 * @example
 * AccessTokenWriteRequest.decode({ name: 'ci', read_only: true })
 */
export const AccessTokenWriteRequest: D.Decoder<unknown, AccessTokenWriteRequest> = AccessTokenWriteRequestDecoder
/**
 * Types the body of `POST /api/auth/access_tokens`.
 *
 * @example
 * const body: AccessTokenWriteRequest = { name: 'ci', expiry_date: '2027-01-01T00:00:00Z' }
 */
export interface AccessTokenWriteRequest extends Optionals<D.TypeOf<typeof AccessTokenWriteRequestDecoder>> {}

const PatchedAccessTokenWriteRequestDecoder = /*#__PURE__*/ D.struct({ name: /*#__PURE__*/ optional(TokenName), expiry_date: OptionalNullableString, read_only: OptionalBoolean })

/**
 * Decodes the body of `PATCH /api/auth/access_tokens/{id}`: every field optional.
 *
 * @example
 * PatchedAccessTokenWriteRequest.decode({ name: 'ci-2' })
 */
export const PatchedAccessTokenWriteRequest: D.Decoder<unknown, PatchedAccessTokenWriteRequest> = PatchedAccessTokenWriteRequestDecoder
/**
 * Types the body of `PATCH /api/auth/access_tokens/{id}`.
 *
 * @example
 * const patch: PatchedAccessTokenWriteRequest = { read_only: true }
 */
export interface PatchedAccessTokenWriteRequest extends Optionals<D.TypeOf<typeof PatchedAccessTokenWriteRequestDecoder>> {}
