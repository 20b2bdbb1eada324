import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'

const authRetrieveRulesOperation: Operation<void> = {
  method: 'GET',
  path: '/api/auth/rules',
  answer: nothing,
}

/**
 * GET /api/auth/rules — Checks that the server serves its access-rule (OPA) bundle; the bundle itself is not read (no authentication needed).
 *
 * Servers: CVAT ≥ 2.26 (every supported version). The schema gives no response body, like CVAT's Python SDK.
 *
 * @example
 * authRetrieveRules(cvat)
 */
export const authRetrieveRules = (client: Client): TaskEither<CvatError, void> => call(authRetrieveRulesOperation, client)
