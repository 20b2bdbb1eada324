import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead, PatchedAccessTokenWriteRequest } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, optionalJsonBody, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authPartialUpdateAccessTokens`.
 *
 * @example
 * const p: AuthPartialUpdateAccessTokensParams = { id: 3, patchedAccessTokenWriteRequest: { name: 'ci (old)' } }
 */
export interface AuthPartialUpdateAccessTokensParams extends IdParams {
  readonly patchedAccessTokenWriteRequest?: PatchedAccessTokenWriteRequest
}

/**
 * PATCH /api/auth/access_tokens/{id} — Renames a personal access token or changes its expiry or read-only flag.
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authPartialUpdateAccessTokens(cvat, { id: 3, patchedAccessTokenWriteRequest: { expiry_date: '2027-01-01T00:00:00Z' } })
 */
export const authPartialUpdateAccessTokens = (
  client: Client,
  params: AuthPartialUpdateAccessTokensParams,
): TaskEither<CvatError, AccessTokenRead> =>
  guard('PATCH', '/api/auth/access_tokens/{id}', params, () =>
    send(client, optionalJsonBody(idRequest('PATCH', '/api/auth/access_tokens/{id}', params), 'patchedAccessTokenWriteRequest', PatchedAccessTokenWriteRequest, params?.patchedAccessTokenWriteRequest), 'AccessTokenRead', AccessTokenRead),
  )
