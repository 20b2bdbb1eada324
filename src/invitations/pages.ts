import type * as E from 'fp-ts/Either'
import type { Client } from '../http/client'
import type { PaginatedInvitationReadList } from '../generated/models/PaginatedInvitationReadList'
import type { CvatError } from '../errors'
import { type PagesOptions, pages } from '../endpoint/pagination'
import { type InvitationsListParams, invitationsList } from '../generated/invitations/invitationsList'

/**
 * GET /api/invitations (page by page) — Yields each page lazily as an `Either` for `for await`, stopping after the last page, the first `Left` or `maxPages` (`pages` for invitations).
 *
 * @example
 * for await (const page of invitationsPages(cvat, { org: 'my-org' })) if (E.isRight(page)) console.log(page.right.results.length)
 */
export const invitationsPages = (
  client: Client,
  params: InvitationsListParams = {},
  options?: PagesOptions,
): AsyncGenerator<E.Either<CvatError, PaginatedInvitationReadList>, void, undefined> => pages(invitationsList, client, params, options)
