import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PaginatedInvitationReadList } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type OrgParams, type PageParams } from '../endpoint/params'

/**
 * Parameters of `invitationsList`.
 *
 * @example
 * const p: InvitationsListParams = { org: 'acme', sort: '-created_date', pageSize: 50 }
 */
export type InvitationsListParams = OrgParams & PageParams & {
  /** Only accepted (or only pending) invitations (a 2.73 schema filter; servers without it ignore it). */
  readonly accepted?: boolean
  /** JSON Logic over `owner`, `user_id`, `accepted`, e.g. `{"and":[{"==":[{"var":"accepted"},false]}]}`. */
  readonly filter?: string
  /** The inviter's exact username. */
  readonly owner?: string
  /** Matches the inviter's username. */
  readonly search?: string
  /** `owner` or `created_date`, `-` prefix for descending. */
  readonly sort?: string
  /** Only invitations addressed to this user id (a 2.73 schema filter; servers without it ignore it). */
  readonly userId?: number
}

const invitationsListOperation: Operation<PaginatedInvitationReadList> = {
  method: 'GET',
  path: '/api/invitations',
  org: true,
  query: ['accepted', 'filter', 'owner', 'page', 'page_size', 'search', 'sort', 'user_id'],
  answer: /*#__PURE__*/ model('PaginatedInvitationReadList', PaginatedInvitationReadList),
}

/**
 * GET /api/invitations — Lists one page of invitations visible in the context (newest first).
 *
 * Servers: CVAT ≥ 2.26 (every supported version); `accepted` and `userId` are 2.73 filters.
 *
 * @example
 * invitationsList(cvat, { org: 'my-org', pageSize: 50, filter: '{"==":[{"var":"accepted"},false]}' })
 */
export const invitationsList = ( client: Client, params: InvitationsListParams = {}, ): TaskEither<CvatError, PaginatedInvitationReadList> => call(invitationsListOperation, client, params)
