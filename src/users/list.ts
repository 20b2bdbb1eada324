import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PaginatedMetaUserList } from '../codecs/users'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type OrgParams, type PageParams } from '../endpoint/params'

/**
 * Parameters of `usersList`.
 *
 * @example
 * const p: UsersListParams = { org: 'acme', search: 'ann', isActive: true, pageSize: 50 }
 */
export type UsersListParams = OrgParams & PageParams & {
  /** JSON Logic over `username`, `first_name`, `last_name`, `id`, `is_active`. */
  readonly filter?: string
  /** Exact first name. */
  readonly firstName?: string
  /** Only active (or only inactive) accounts. */
  readonly isActive?: boolean
  /** Exact last name. */
  readonly lastName?: string
  /** Matches username, first or last name. */
  readonly search?: string
  /** `username`, `first_name`, `last_name`, `id` or `is_active`, `-` prefix for descending. */
  readonly sort?: string
  /** Exact username. */
  readonly username?: string
}

const usersListOperation: Operation<PaginatedMetaUserList> = {
  method: 'GET',
  path: '/api/users',
  org: true,
  query: ['filter', 'first_name', 'is_active', 'last_name', 'page', 'page_size', 'search', 'sort', 'username'],
  answer: /*#__PURE__*/ model('PaginatedMetaUserList', PaginatedMetaUserList),
}

/**
 * GET /api/users — Lists one page of users: without a context only yourself (admins: everyone), in an organisation its members.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Other people come back as `BasicUser`.
 *
 * @example
 * usersList(cvat, { org: 'my-org', search: 'ann' })
 */
export const usersList = (client: Client, params: UsersListParams = {}): TaskEither<CvatError, PaginatedMetaUserList> => call(usersListOperation, client, params)
