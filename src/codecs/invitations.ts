/**
 * Codecs for the invitation models, exact to CVAT's OpenAPI (2.26.2, plus 2.73.0's optional
 * `accepted`): required, optional and nullable as the schema says; unknown fields are kept. Response models are `checked` (see
 * common.ts): valid answers pass through whole. Request bodies are decoded, so only the schema's
 * fields are sent.
 */
import type * as G from 'io-ts/Guard'
import {
  BasicOrganization,
  BasicOrganizationGuard,
  BasicUser,
  BasicUserGuard,
  Int,
  OptionalBoolean,
  OptionalString,
  type Optionals,
  type Page,
  RoleEnum,
  RoleGuard,
  checked,
  isOptionalBoolean,
  isOptionalNullableString,
  isOptionalString,
  optional,
  pageDecoder,
} from './common'
import * as D from './decoder'
import { isRecord } from '../json'

/** Checks an invitation (the fast half of `InvitationRead`). */
export const InvitationReadGuard: G.Guard<unknown, InvitationRead> = {
  is: (u: unknown): u is InvitationRead =>
    isRecord(u) &&
    typeof u['key'] === 'string' &&
    (u['owner'] === null || BasicUserGuard.is(u['owner'])) &&
    RoleGuard.is(u['role']) &&
    BasicUserGuard.is(u['user']) &&
    Number.isInteger(u['organization']) &&
    isOptionalString(u['created_date']) &&
    (u['expired'] === undefined || u['expired'] === null || typeof u['expired'] === 'boolean') &&
    isOptionalBoolean(u['accepted']) &&
    (u['organization_info'] === undefined || BasicOrganizationGuard.is(u['organization_info'])),
}

/** Decodes InvitationRead strictly (the explaining half of `InvitationRead`). */
export const InvitationReadDecoder = /*#__PURE__*/ D.struct({
  key: D.string,
  owner: /*#__PURE__*/ D.nullable(BasicUser),
  role: RoleEnum,
  user: BasicUser,
  organization: Int,
  created_date: OptionalString,
  expired: /*#__PURE__*/ optional(/*#__PURE__*/ D.nullable(D.boolean)),
  accepted: OptionalBoolean,
  organization_info: /*#__PURE__*/ optional(BasicOrganization),
})

/**
 * Decodes an invitation as every server answers it. `expired` and `organization_info` are
 * optional because seed-era (2.2) servers omit them, `accepted` because servers before 2.65 do; `key` is required although the schema marks
 * it read-only-optional, because every server renders it and an invitation without one cannot be
 * retrieved, accepted or deleted.
 *
 * @example
 * pipe(InvitationRead.decode(json), E.mapLeft(D.draw))
 */
export const InvitationRead: D.Decoder<unknown, InvitationRead> = /*#__PURE__*/ checked(InvitationReadGuard, InvitationReadDecoder)

/**
 * Types an invitation: a pending membership plus its key.
 *
 * @example
 * const pending = (i: InvitationRead): boolean => i.expired !== true
 */
export interface InvitationRead extends Optionals<D.TypeOf<typeof InvitationReadDecoder>> {}

const Email = /*#__PURE__*/ D.fromGuard({ is: (u: unknown): u is string => typeof u === 'string' && u.length >= 1 }, 'non-empty email')

/**
 * Decodes the body of `POST /api/invitations`: a role and an e-mail address.
 *
 * @example
 * InvitationWriteRequest.decode({ role: 'worker', email: 'ann@example.com' })
 */
export const InvitationWriteRequest = /*#__PURE__*/ D.struct({ role: RoleEnum, email: Email })
/**
 * Types the body of `POST /api/invitations`.
 *
 * @example
 * const body: InvitationWriteRequest = { role: 'worker', email: 'ann@example.com' }
 */
export type InvitationWriteRequest = D.TypeOf<typeof InvitationWriteRequest>

const PatchedInvitationWriteRequestDecoder = /*#__PURE__*/ D.struct({ role: /*#__PURE__*/ optional(RoleEnum), email: /*#__PURE__*/ optional(Email) })

/**
 * Decodes the body of `PATCH /api/invitations/{key}`: role and e-mail, both optional.
 *
 * @example
 * PatchedInvitationWriteRequest.decode({ role: 'supervisor' })
 */
export const PatchedInvitationWriteRequest: D.Decoder<unknown, PatchedInvitationWriteRequest> = PatchedInvitationWriteRequestDecoder
/**
 * Types the body of `PATCH /api/invitations/{key}`.
 *
 * @example
 * const patch: PatchedInvitationWriteRequest = {}
 */
export interface PatchedInvitationWriteRequest extends Optionals<D.TypeOf<typeof PatchedInvitationWriteRequestDecoder>> {}

/**
 * Decodes the seed schema's `InvitationWrite` (role and e-mail plus read-only fields).
 *
 * @example
 * InvitationWrite.decode({ role: 'worker', email: 'ann@example.com', key: 'k', organization: 1 })
 */
export const InvitationWrite = /*#__PURE__*/ D.intersect(/*#__PURE__*/ D.partial({ key: D.string, created_date: D.string, owner: Int, organization: Int }))(
  /*#__PURE__*/ D.struct({ role: RoleEnum, email: D.string }),
)
/**
 * Types the seed schema's `InvitationWrite` model.
 *
 * @example
 * const seed: InvitationWrite = { role: 'worker', email: 'ann@example.com' }
 */
export type InvitationWrite = D.TypeOf<typeof InvitationWrite>

/** Checks the answer of accept (the fast half of `AcceptInvitationRead`). */
export const AcceptInvitationReadGuard: G.Guard<unknown, AcceptInvitationRead> = {
  is: (u: unknown): u is AcceptInvitationRead => isRecord(u) && typeof u['organization_slug'] === 'string',
}

/** Decodes AcceptInvitationRead strictly (the explaining half of `AcceptInvitationRead`). */
export const AcceptInvitationReadDecoder: D.Decoder<unknown, AcceptInvitationRead> = /*#__PURE__*/ D.struct({ organization_slug: D.string })

/**
 * Decodes the answer of `POST /api/invitations/{key}/accept`.
 *
 * @example
 * AcceptInvitationRead.decode({ organization_slug: 'acme' })
 */
export const AcceptInvitationRead: D.Decoder<unknown, AcceptInvitationRead> = /*#__PURE__*/ checked(AcceptInvitationReadGuard, AcceptInvitationReadDecoder)
/**
 * Types the answer of `POST /api/invitations/{key}/accept`.
 *
 * @example
 * const joined: AcceptInvitationRead = { organization_slug: 'acme' }
 */
export interface AcceptInvitationRead {
  organization_slug: string
}

// Written out rather than `pageGuard(InvitationReadGuard)`: the invitation bundles are the
// size-budgeted ones, and the generic's closure costs them 16 bytes gzipped.
const areInvitations = (u: unknown): boolean => Array.isArray(u) && u.every((item) => InvitationReadGuard.is(item))

/** Checks one page of invitations (the fast half of `PaginatedInvitationReadList`). */
export const PaginatedInvitationReadListGuard: G.Guard<unknown, PaginatedInvitationReadList> = {
  is: (u: unknown): u is PaginatedInvitationReadList =>
    isRecord(u) && Number.isInteger(u['count']) && areInvitations(u['results']) && isOptionalNullableString(u['next']) && isOptionalNullableString(u['previous']),
}

/** Decodes PaginatedInvitationReadList strictly (the explaining half of `PaginatedInvitationReadList`). */
export const PaginatedInvitationReadListDecoder: D.Decoder<unknown, PaginatedInvitationReadList> = /*#__PURE__*/ pageDecoder(InvitationRead)

/**
 * Decodes one page of `GET /api/invitations`.
 *
 * @example
 * PaginatedInvitationReadList.decode({ count: 0, next: null, previous: null, results: [] })
 */
export const PaginatedInvitationReadList: D.Decoder<unknown, PaginatedInvitationReadList> = /*#__PURE__*/ checked(PaginatedInvitationReadListGuard, PaginatedInvitationReadListDecoder)
/**
 * Types one page of invitations with links to its neighbours.
 *
 * @example
 * const hasMore = (p: PaginatedInvitationReadList): boolean => p.next != null
 */
export interface PaginatedInvitationReadList extends Page<InvitationRead> {}
