import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PaginatedInvitationReadList } from '../codecs/invitations'
import { type CvatError, requestError } from '../errors'
import { type OrgParams, isPositiveInt, orgRequest } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `invitationsList`.
 *
 * @example
 * const p: InvitationsListParams = { org: 'acme', sort: '-created_date', pageSize: 50 }
 */
export interface InvitationsListParams extends OrgParams {
  /** JSON Logic over `owner`, `user_id`, `accepted`, e.g. `{"and":[{"==":[{"var":"accepted"},false]}]}`. */
  readonly filter?: string
  /** The inviter's exact username. */
  readonly owner?: string
  /** 1-based page number. */
  readonly page?: number
  /** Results per page (server default 10); `'all'` returns every result in one page. */
  readonly pageSize?: number | 'all'
  /** Matches the inviter's username. */
  readonly search?: string
  /** `owner` or `created_date`, `-` prefix for descending. */
  readonly sort?: string
}

const listProblem = (p: InvitationsListParams): string | undefined =>
  p.page !== undefined && !isPositiveInt(p.page)
    ? `page must be a positive integer, got ${String(p.page)}`
    : p.pageSize !== undefined && p.pageSize !== 'all' && !isPositiveInt(p.pageSize)
      ? `pageSize must be a positive integer or 'all', got ${String(p.pageSize)}`
      : undefined

/**
 * GET /api/invitations — Lists one page of invitations visible in the context (newest first).
 *
 * @example
 * invitationsList(cvat, { org: 'my-org', pageSize: 50, filter: '{"==":[{"var":"accepted"},false]}' })
 */
export const invitationsList = (
  client: Client,
  params: InvitationsListParams = {},
): TaskEither<CvatError, PaginatedInvitationReadList> => {
  const built = orgRequest('GET', '/api/invitations', params, [
    ['filter', params.filter],
    ['owner', params.owner],
    ['page', params.page],
    ['page_size', params.pageSize],
    ['search', params.search],
    ['sort', params.sort],
  ])
  const problem = E.isRight(built) ? listProblem(params) : undefined
  const req = problem === undefined ? built : E.left(requestError('GET', '/api/invitations', problem))
  return send(client, req, 'PaginatedInvitationReadList', PaginatedInvitationReadList)
}
