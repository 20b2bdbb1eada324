import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { PaginatedAccessTokenReadList } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type PageParams } from '../endpoint/params'

/**
 * Parameters of `authListAccessTokens`.
 *
 * @example
 * const p: AuthListAccessTokensParams = { readOnly: false, sort: '-created_date' }
 */
export interface AuthListAccessTokensParams extends PageParams {
  /** JSON Logic over the token fields. */
  readonly filter?: string
  /** Exact token name. */
  readonly name?: string
  /** Only read-only (or only read-write) tokens. */
  readonly readOnly?: boolean
  /** Matches the token name. */
  readonly search?: string
  /** A token field, `-` prefix for descending. */
  readonly sort?: string
}

const authListAccessTokensOperation: Operation<PaginatedAccessTokenReadList> = {
  method: 'GET',
  path: '/api/auth/access_tokens',
  query: ['filter', 'name', 'page', 'page_size', 'read_only', 'search', 'sort'],
  answer: /*#__PURE__*/ model('PaginatedAccessTokenReadList', PaginatedAccessTokenReadList),
  secrets: ['value'],
}

/**
 * GET /api/auth/access_tokens — Lists one page of your personal access tokens (never their secret values).
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authListAccessTokens(cvat, { search: 'ci' })
 */
export const authListAccessTokens = ( client: Client, params: AuthListAccessTokensParams = {}, ): TaskEither<CvatError, PaginatedAccessTokenReadList> => call(authListAccessTokensOperation, client, params)
