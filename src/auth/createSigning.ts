import type { TaskEither } from 'fp-ts/TaskEither'
import * as D from '../codecs/decoder'
import type { Client } from '../http/client'
import { SigningRequest } from '../codecs/auth'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `authCreateSigning`.
 *
 * @example
 * const p: AuthCreateSigningParams = { signingRequest: { url: 'https://cvat.example/api/tasks/1/data' } }
 */
export interface AuthCreateSigningParams {
  readonly signingRequest: SigningRequest
}

/**
 * POST /api/auth/signing — Signs a URL: answers it with a `sign` parameter valid for 30 seconds (for `signatureAuth`).
 *
 * Servers: CVAT 2.26–2.45 (removed in 2.46: newer servers answer 404).
 *
 * @example
 * authCreateSigning(cvat, { signingRequest: { url: 'https://cvat.example/api/tasks/1/data' } })
 */
export const authCreateSigning = (client: Client, params: AuthCreateSigningParams): TaskEither<CvatError, string> =>
  guard('POST', '/api/auth/signing', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/auth/signing'), 'signingRequest', SigningRequest, params?.signingRequest), 'string', D.string),
  )
