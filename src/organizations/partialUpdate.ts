import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { OrganizationRead, PatchedOrganizationWriteRequest } from '../codecs/organizations'
import type { CvatError } from '../errors'
import { type IdParams, idRequest, optionalJsonBody, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `organizationsPartialUpdate`.
 *
 * @example
 * const p: OrganizationsPartialUpdateParams = { id: 1, patchedOrganizationWriteRequest: { name: 'Acme' } }
 */
export interface OrganizationsPartialUpdateParams extends IdParams {
  readonly patchedOrganizationWriteRequest?: PatchedOrganizationWriteRequest
}

/**
 * PATCH /api/organizations/{id} — Updates an organisation's slug, name, description or contact (its owner, a maintainer or an admin).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * organizationsPartialUpdate(cvat, { id: 1, patchedOrganizationWriteRequest: { description: 'Road scenes' } })
 */
export const organizationsPartialUpdate = (
  client: Client,
  params: OrganizationsPartialUpdateParams,
): TaskEither<CvatError, OrganizationRead> =>
  guard('PATCH', '/api/organizations/{id}', params, () =>
    send(client, optionalJsonBody(idRequest('PATCH', '/api/organizations/{id}', params), 'patchedOrganizationWriteRequest', PatchedOrganizationWriteRequest, params?.patchedOrganizationWriteRequest), 'OrganizationRead', OrganizationRead),
  )
