import type * as E from 'fp-ts/Either'
import type { Client } from '../http/client'
import type { PaginatedInvitationReadList } from '../codecs/invitations'
import type { CvatError } from '../errors'
import { type InvitationsListParams, invitationsList } from './list'

/**
 * GET /api/invitations (page by page) — Yields each page lazily as an `Either` for `for await`, stopping after the last page or the first `Left`.
 *
 * @example
 * for await (const page of invitationsPages(cvat, { org: 'my-org' })) if (E.isRight(page)) console.log(page.right.results.length)
 */
export async function* invitationsPages(
  client: Client,
  params: InvitationsListParams = {},
): AsyncGenerator<E.Either<CvatError, PaginatedInvitationReadList>, void, undefined> {
  for (let page = params.page ?? 1; ; page++) {
    const result = await invitationsList(client, { ...params, page })()
    yield result
    // Page numbers come from here, never from the server's `next` URL.
    if (result._tag === 'Left' || result.right.next === null || result.right.next === undefined) return
  }
}
