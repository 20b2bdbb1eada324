/**
 * Codecs for personal access tokens (`/api/auth/access_tokens`, CVAT 2.48 and later; 2.73.0's
 * schema). The response models are `checked` (see common.ts) and keep fields the schema does not
 * know; request models are decoded, so only the schema's fields are sent.
 */
import * as D from 'io-ts/Decoder'
import type * as G from 'io-ts/Guard'
import { BasicUser, BasicUserGuard, Int, type Optionals, type Page, checked, isOptionalBoolean, isOptionalNullableString, isOptionalString, optional, pageDecoder, pageGuard, text } from './common'
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
  name: /*#__PURE__*/ optional(D.string),
  created_date: /*#__PURE__*/ optional(D.string),
  updated_date: /*#__PURE__*/ optional(D.string),
  expiry_date: /*#__PURE__*/ optional(/*#__PURE__*/ D.nullable(D.string)),
  last_used_date: /*#__PURE__*/ optional(/*#__PURE__*/ D.nullable(D.string)),
  read_only: /*#__PURE__*/ optional(D.boolean),
  owner: /*#__PURE__*/ optional(BasicUser),
  value: /*#__PURE__*/ optional(D.string),
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

const tokenFields = {
  expiry_date: /*#__PURE__*/ optional(/*#__PURE__*/ D.nullable(D.string)),
  read_only: /*#__PURE__*/ optional(D.boolean),
}
const TokenName = /*#__PURE__*/ text({ minLength: 1, maxLength: 50 })

const AccessTokenWriteRequestDecoder = /*#__PURE__*/ D.struct({ name: TokenName, ...tokenFields })

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

const PatchedAccessTokenWriteRequestDecoder = /*#__PURE__*/ D.struct({ name: /*#__PURE__*/ optional(TokenName), ...tokenFields })

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
