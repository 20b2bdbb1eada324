/**
 * Codecs for the invitation models, exact to CVAT 2.26.2's OpenAPI: required, optional and
 * nullable as the schema says; unknown fields are tolerated (and dropped).
 */
import { pipe } from 'fp-ts/function'
import * as D from 'io-ts/Decoder'
import { BasicOrganization, BasicUser, Int, RoleEnum } from './common'

/**
 * Decodes an invitation as every server answers it. `expired` and `organization_info` are
 * optional because seed-era (2.2) servers omit them; `key` is required although the schema marks
 * it read-only-optional, because every server renders it and an invitation without one cannot be
 * retrieved, accepted or deleted.
 *
 * @example
 * pipe(InvitationRead.decode(json), E.mapLeft(D.draw))
 */
export const InvitationRead = /*#__PURE__*/ pipe(
  /*#__PURE__*/ D.struct({
    key: D.string,
    owner: /*#__PURE__*/ D.nullable(BasicUser),
    role: RoleEnum,
    user: BasicUser,
    organization: Int,
  }),
  /*#__PURE__*/ D.intersect(
    /*#__PURE__*/ D.partial({
      created_date: D.string,
      expired: /*#__PURE__*/ D.nullable(D.boolean),
      organization_info: BasicOrganization,
    }),
  ),
)
/**
 * Types an invitation: a pending membership plus its key.
 *
 * @example
 * const pending = (i: InvitationRead): boolean => i.expired !== true
 */
export type InvitationRead = D.TypeOf<typeof InvitationRead>

const Email = /*#__PURE__*/ pipe(
  D.string,
  /*#__PURE__*/ D.refine((s): s is string => s.length >= 1, 'non-empty email'),
)

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

/**
 * Decodes the body of `PATCH /api/invitations/{key}`: role and e-mail, both optional.
 *
 * @example
 * PatchedInvitationWriteRequest.decode({ role: 'supervisor' })
 */
export const PatchedInvitationWriteRequest = /*#__PURE__*/ D.partial({ role: RoleEnum, email: Email })
/**
 * Types the body of `PATCH /api/invitations/{key}`.
 *
 * @example
 * const patch: PatchedInvitationWriteRequest = {}
 */
export type PatchedInvitationWriteRequest = D.TypeOf<typeof PatchedInvitationWriteRequest>

/**
 * Decodes the seed schema's `InvitationWrite` (role and e-mail plus read-only fields).
 *
 * @example
 * InvitationWrite.decode({ role: 'worker', email: 'ann@example.com', key: 'k', organization: 1 })
 */
export const InvitationWrite = /*#__PURE__*/ pipe(
  /*#__PURE__*/ D.struct({ role: RoleEnum, email: D.string }),
  /*#__PURE__*/ D.intersect(
    /*#__PURE__*/ D.partial({ key: D.string, created_date: D.string, owner: Int, organization: Int }),
  ),
)
/**
 * Types the seed schema's `InvitationWrite` model.
 *
 * @example
 * const seed: InvitationWrite = { role: 'worker', email: 'ann@example.com' }
 */
export type InvitationWrite = D.TypeOf<typeof InvitationWrite>

/**
 * Decodes the answer of `POST /api/invitations/{key}/accept`.
 *
 * @example
 * AcceptInvitationRead.decode({ organization_slug: 'acme' })
 */
export const AcceptInvitationRead = /*#__PURE__*/ D.struct({ organization_slug: D.string })
/**
 * Types the answer of `POST /api/invitations/{key}/accept`.
 *
 * @example
 * const joined: AcceptInvitationRead = { organization_slug: 'acme' }
 */
export type AcceptInvitationRead = D.TypeOf<typeof AcceptInvitationRead>

/**
 * Decodes one page of `GET /api/invitations`.
 *
 * @example
 * PaginatedInvitationReadList.decode({ count: 0, next: null, previous: null, results: [] })
 */
export const PaginatedInvitationReadList = /*#__PURE__*/ pipe(
  /*#__PURE__*/ D.struct({ count: Int, results: /*#__PURE__*/ D.array(InvitationRead) }),
  /*#__PURE__*/ D.intersect(
    /*#__PURE__*/ D.partial({ next: /*#__PURE__*/ D.nullable(D.string), previous: /*#__PURE__*/ D.nullable(D.string) }),
  ),
)
/**
 * Types one page of invitations with links to its neighbours.
 *
 * @example
 * const hasMore = (p: PaginatedInvitationReadList): boolean => p.next != null
 */
export type PaginatedInvitationReadList = D.TypeOf<typeof PaginatedInvitationReadList>
