import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { OrganizationRead } from '../codecs/organizations'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `organizationsRetrieve`.
 *
 * @example
 * const p: OrganizationsRetrieveParams = { id: 1 }
 */
export type OrganizationsRetrieveParams = IdParams

/**
 * GET /api/organizations/{id} — Fetches one organisation you can see (one you cannot see is a 404).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * organizationsRetrieve(cvat, { id: 1 })
 */
export const organizationsRetrieve = (client: Client, params: OrganizationsRetrieveParams): TaskEither<CvatError, OrganizationRead> =>
  guard('GET', '/api/organizations/{id}', params, () =>
    send(client, idRequest('GET', '/api/organizations/{id}', params), 'OrganizationRead', OrganizationRead),
  )
