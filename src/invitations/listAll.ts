import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { InvitationRead } from '../generated/models/InvitationRead'
import type { CvatError } from '../errors'
import { type ListAllOptions, listAll } from '../endpoint/pagination'
import { type InvitationsListParams, invitationsList } from '../generated/invitations/invitationsList'

export type { ListAllOptions } from '../endpoint/pagination'

/**
 * GET /api/invitations (every page) — Fetches all invitations matching the filters, in order; after page 1 the rest run with bounded concurrency (`listAll` for invitations).
 *
 * @example
 * invitationsListAll(cvat, { org: 'my-org', pageSize: 100 }, { concurrency: 4 })
 */
export const invitationsListAll = (
  client: Client,
  params: InvitationsListParams & { readonly page?: undefined } = {},
  options?: ListAllOptions,
): TaskEither<CvatError, ReadonlyArray<InvitationRead>> => listAll(invitationsList, client, params, options)
