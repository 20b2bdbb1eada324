import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `authDestroyAccessTokens`.
 *
 * @example
 * const p: AuthDestroyAccessTokensParams = { id: 3 }
 */
export type AuthDestroyAccessTokensParams = IdParams

const authDestroyAccessTokensOperation: Operation<void> = {
  method: 'DELETE',
  path: '/api/auth/access_tokens/{id}',
  answer: nothing,
}

/**
 * DELETE /api/auth/access_tokens/{id} — Revokes a personal access token; 204.
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authDestroyAccessTokens(cvat, { id: 3 })
 */
export const authDestroyAccessTokens = (client: Client, params: AuthDestroyAccessTokensParams): TaskEither<CvatError, void> => call(authDestroyAccessTokensOperation, client, params)
