import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { OrganizationRead, PatchedOrganizationWriteRequest } from '../codecs/organizations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `organizationsPartialUpdate`.
 *
 * @example
 * const p: OrganizationsPartialUpdateParams = { id: 1, patchedOrganizationWriteRequest: { name: 'Acme' } }
 */
export interface OrganizationsPartialUpdateParams extends IdParams {
  readonly patchedOrganizationWriteRequest?: PatchedOrganizationWriteRequest
}

const organizationsPartialUpdateOperation: Operation<OrganizationRead> = {
  method: 'PATCH',
  path: '/api/organizations/{id}',
  body: /*#__PURE__*/ json('patchedOrganizationWriteRequest', PatchedOrganizationWriteRequest, true),
  answer: /*#__PURE__*/ model('OrganizationRead', OrganizationRead),
}

/**
 * PATCH /api/organizations/{id} — Updates an organisation's slug, name, description or contact (its owner, a maintainer or an admin).
 *
 * Servers: CVAT ≥ 2.26 (every supported version).
 *
 * @example
 * organizationsPartialUpdate(cvat, { id: 1, patchedOrganizationWriteRequest: { description: 'Road scenes' } })
 */
export const organizationsPartialUpdate = ( client: Client, params: OrganizationsPartialUpdateParams, ): TaskEither<CvatError, OrganizationRead> => call(organizationsPartialUpdateOperation, client, params)
