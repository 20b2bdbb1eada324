import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, guard } from '../endpoint/params'
import { sendVoid } from '../endpoint/send'

/**
 * Parameters of `authDestroyAccessTokens`.
 *
 * @example
 * const p: AuthDestroyAccessTokensParams = { id: 3 }
 */
export type AuthDestroyAccessTokensParams = IdParams

/**
 * DELETE /api/auth/access_tokens/{id} — Revokes a personal access token; 204.
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authDestroyAccessTokens(cvat, { id: 3 })
 */
export const authDestroyAccessTokens = (client: Client, params: AuthDestroyAccessTokensParams): TaskEither<CvatError, void> =>
  guard('DELETE', '/api/auth/access_tokens/{id}', params, () =>
    sendVoid(client, idRequest('DELETE', '/api/auth/access_tokens/{id}', params)),
  )
