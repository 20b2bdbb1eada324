import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { OrganizationRead, OrganizationWriteRequest } from '../codecs/organizations'
import type { CvatError } from '../errors'
import { jsonBody, bareRequest, guard } from '../endpoint/params'
import { send } from '../endpoint/send'

/**
 * Parameters of `organizationsCreate`.
 *
 * @example
 * const p: OrganizationsCreateParams = { organizationWriteRequest: { slug: 'acme', name: 'Acme Labelling' } }
 */
export interface OrganizationsCreateParams {
  readonly organizationWriteRequest: OrganizationWriteRequest
}

/**
 * POST /api/organizations — Creates an organisation owned by the caller (who becomes its `owner` member); 201.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Needs the IAM group `user` or `admin`.
 *
 * @example
 * organizationsCreate(cvat, { organizationWriteRequest: { slug: 'my-org', name: 'My organisation' } })
 */
export const organizationsCreate = (client: Client, params: OrganizationsCreateParams): TaskEither<CvatError, OrganizationRead> =>
  guard('POST', '/api/organizations', params, () =>
    send(client, jsonBody(bareRequest('POST', '/api/organizations'), 'organizationWriteRequest', OrganizationWriteRequest, params?.organizationWriteRequest), 'OrganizationRead', OrganizationRead),
  )
