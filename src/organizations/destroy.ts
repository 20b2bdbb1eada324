import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { CvatError } from '../errors'
import { call, type Operation } from '../endpoint/operation'
import { nothing } from '../endpoint/answer'
import { type IdParams } from '../endpoint/params'

/**
 * Parameters of `organizationsDestroy`.
 *
 * @example
 * const p: OrganizationsDestroyParams = { id: 1 }
 */
export type OrganizationsDestroyParams = IdParams

const organizationsDestroyOperation: Operation<void> = {
  method: 'DELETE',
  path: '/api/organizations/{id}',
  answer: nothing,
}

/**
 * DELETE /api/organizations/{id} — Deletes an organisation with its memberships and invitations (its owner or an admin); 204.
 *
 * Servers: CVAT ≥ 2.26 (every supported version). Projects and tasks stay, with no organisation.
 *
 * @example
 * organizationsDestroy(cvat, { id: 1 })
 */
export const organizationsDestroy = (client: Client, params: OrganizationsDestroyParams): TaskEither<CvatError, void> => call(organizationsDestroyOperation, client, params)
