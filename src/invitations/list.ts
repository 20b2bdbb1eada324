import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PaginatedInvitationReadList } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { type OrgParams, type PageParams, guard, listRequest } from '../endpoint/params'
import { send } from '../endpoint/send'

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

/**
 * GET /api/invitations — Lists one page of invitations visible in the context (newest first).
 *
 * Servers: CVAT ≥ 2.26 (every supported version); `accepted` and `userId` are 2.73 filters.
 *
 * @example
 * invitationsList(cvat, { org: 'my-org', pageSize: 50, filter: '{"==":[{"var":"accepted"},false]}' })
 */
export const invitationsList = (
  client: Client,
  params: InvitationsListParams = {},
): TaskEither<CvatError, PaginatedInvitationReadList> =>
  guard('GET', '/api/invitations', params, () =>
    send(
      client,
      listRequest('/api/invitations', params, [
        ['accepted', params.accepted],
        ['filter', params.filter],
        ['owner', params.owner],
        ['search', params.search],
        ['sort', params.sort],
        ['user_id', params.userId],
      ]),
      'PaginatedInvitationReadList',
      PaginatedInvitationReadList,
    ),
  )
