import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PaginatedOrganizationReadList } from '../codecs/organizations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type PageParams } from '../endpoint/params'

/**
 * Parameters of `organizationsList` (no organisation context: it would not narrow the list).
 *
 * @example
 * const p: OrganizationsListParams = { slug: 'acme' }
 */
export interface OrganizationsListParams extends PageParams {
  /** JSON Logic over `name`, `owner`, `slug`, `id`. */
  readonly filter?: string
  /** Exact name. */
  readonly name?: string
  /** The owner's exact username. */
  readonly owner?: string
  /** Matches name, owner or slug. */
  readonly search?: string
  /** Exact slug. */
  readonly slug?: string
  /** `name`, `owner`, `slug` or `id`, `-` prefix for descending. */
  readonly sort?: string
}

const organizationsListOperation: Operation<PaginatedOrganizationReadList> = {
  method: 'GET',
  path: '/api/organizations',
  query: ['filter', 'name', 'owner', 'page', 'page_size', 'search', 'slug', 'sort'],
  answer: /*#__PURE__*/ model('PaginatedOrganizationReadList', PaginatedOrganizationReadList),
}

/**
 * GET /api/organizations — Lists one page of the organisations you own or are an active member of (admins: all).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * organizationsList(cvat, { slug: 'my-org' })
 */
export const organizationsList = ( client: Client, params: OrganizationsListParams = {}, ): TaskEither<CvatError, PaginatedOrganizationReadList> => call(organizationsListOperation, client, params)
