import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { RoleEnum } from '../codecs/common'
import { PaginatedMembershipReadList } from '../codecs/memberships'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type OrgParams, type PageParams } from '../endpoint/params'

/**
 * Parameters of `membershipsList`.
 *
 * @example
 * const p: MembershipsListParams = { org: 'acme', role: 'worker', sort: 'user' }
 */
export type MembershipsListParams = OrgParams & PageParams & {
  /** JSON Logic over `user`, `role`, `id`. */
  readonly filter?: string
  /** Only members with this role. */
  readonly role?: RoleEnum
  /** Matches the member's username or role. */
  readonly search?: string
  /** `user`, `role` or `id`, `-` prefix for descending. */
  readonly sort?: string
  /** The member's exact username. */
  readonly user?: string
}

const membershipsListOperation: Operation<PaginatedMembershipReadList> = {
  method: 'GET',
  path: '/api/memberships',
  org: true,
  query: ['filter', 'page', 'page_size', 'role', 'search', 'sort', 'user'],
  answer: /*#__PURE__*/ model('PaginatedMembershipReadList', PaginatedMembershipReadList),
}

/**
 * GET /api/memberships — Lists one page of memberships: without a context your own, in an organisation its members (owners and maintainers also see pending ones).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * membershipsList(cvat, { org: 'my-org', role: 'worker' })
 */
export const membershipsList = (client: Client, params: MembershipsListParams = {}): TaskEither<CvatError, PaginatedMembershipReadList> => call(membershipsListOperation, client, params)
