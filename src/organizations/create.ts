import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { OrganizationRead, OrganizationWriteRequest } from '../codecs/organizations'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { model } from '../endpoint/answer'
import { json } from '../endpoint/body'

/**
 * Parameters of `organizationsCreate`.
 *
 * @example
 * const p: OrganizationsCreateParams = { organizationWriteRequest: { slug: 'acme', name: 'Acme Labelling' } }
 */
export interface OrganizationsCreateParams {
  readonly organizationWriteRequest: OrganizationWriteRequest
}

const organizationsCreateOperation: Operation<OrganizationRead> = {
  method: 'POST',
  path: '/api/organizations',
  body: /*#__PURE__*/ json('organizationWriteRequest', OrganizationWriteRequest),
  answer: /*#__PURE__*/ model('OrganizationRead', OrganizationRead),
}

/**
 * POST /api/organizations — Creates an organisation owned by the caller (who becomes its `owner` member); 201.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Needs the IAM group `user` or `admin`.
 *
 * @example
 * organizationsCreate(cvat, { organizationWriteRequest: { slug: 'my-org', name: 'My organisation' } })
 */
export const organizationsCreate = (client: Client, params: OrganizationsCreateParams): TaskEither<CvatError, OrganizationRead> => call(organizationsCreateOperation, client, params)
