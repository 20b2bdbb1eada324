import type { TaskEither } from 'fp-ts/TaskEither'
import * as D from '../codecs/decoder'
import type { Client } from '../http/client'
import { SigningRequest } from '../codecs/auth'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `authCreateSigning`.
 *
 * @example
 * const p: AuthCreateSigningParams = { signingRequest: { url: 'https://cvat.example/api/tasks/1/data' } }
 */
export interface AuthCreateSigningParams {
  readonly signingRequest: SigningRequest
}

const authCreateSigningOperation: Operation<string> = {
  method: 'POST',
  path: '/api/auth/signing',
  body: /*#__PURE__*/ json('signingRequest', SigningRequest),
  answer: /*#__PURE__*/ model('string', D.string),
}

/**
 * POST /api/auth/signing — Signs a URL: answers it with a `sign` parameter valid for 30 seconds (for `signatureAuth`).
 *
 * Servers: CVAT 2.26–2.45 (removed in 2.46: newer servers answer 404).
 *
 * @example
 * authCreateSigning(cvat, { signingRequest: { url: 'https://cvat.example/api/tasks/1/data' } })
 */
export const authCreateSigning = (client: Client, params: AuthCreateSigningParams): TaskEither<CvatError, string> => call(authCreateSigningOperation, client, params)
