import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { AccessTokenRead, PatchedAccessTokenWriteRequest } from '../codecs/accessTokens'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `authPartialUpdateAccessTokens`.
 *
 * @example
 * const p: AuthPartialUpdateAccessTokensParams = { id: 3, patchedAccessTokenWriteRequest: { name: 'ci (old)' } }
 */
export interface AuthPartialUpdateAccessTokensParams extends IdParams {
  readonly patchedAccessTokenWriteRequest?: PatchedAccessTokenWriteRequest
}

const authPartialUpdateAccessTokensOperation: Operation<AccessTokenRead> = {
  method: 'PATCH',
  path: '/api/auth/access_tokens/{id}',
  body: /*#__PURE__*/ json('patchedAccessTokenWriteRequest', PatchedAccessTokenWriteRequest, true),
  answer: /*#__PURE__*/ model('AccessTokenRead', AccessTokenRead),
  secrets: ['value'],
}

/**
 * PATCH /api/auth/access_tokens/{id} — Renames a personal access token or changes its expiry or read-only flag.
 *
 * Servers: CVAT ≥ 2.48 (older servers answer 404).
 *
 * @example
 * authPartialUpdateAccessTokens(cvat, { id: 3, patchedAccessTokenWriteRequest: { expiry_date: '2027-01-01T00:00:00Z' } })
 */
export const authPartialUpdateAccessTokens = ( client: Client, params: AuthPartialUpdateAccessTokensParams, ): TaskEither<CvatError, AccessTokenRead> => call(authPartialUpdateAccessTokensOperation, client, params)
