import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { OrganizationRead } from '../codecs/organizations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `organizationsRetrieve`.
 *
 * @example
 * const p: OrganizationsRetrieveParams = { id: 1 }
 */
export type OrganizationsRetrieveParams = IdParams

const organizationsRetrieveOperation: Operation<OrganizationRead> = {
  method: 'GET',
  path: '/api/organizations/{id}',
  answer: /*#__PURE__*/ model('OrganizationRead', OrganizationRead),
}

/**
 * GET /api/organizations/{id} — Fetches one organisation you can see (one you cannot see is a 404).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * organizationsRetrieve(cvat, { id: 1 })
 */
export const organizationsRetrieve = (client: Client, params: OrganizationsRetrieveParams): TaskEither<CvatError, OrganizationRead> => call(organizationsRetrieveOperation, client, params)
