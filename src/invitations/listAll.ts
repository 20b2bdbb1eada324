import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import type { InvitationRead, PaginatedInvitationReadList } from '../codecs/invitations'
import { type CvatError, listChangedError, requestError } from '../errors'
import { boundedTraverse, concurrencyProblem } from '../endpoint/bounded'
import { type InvitationsListParams, invitationsList } from './list'

/**
 * Options of `invitationsListAll`.
 *
 * @example
 * const everything = invitationsListAll(cvat, { org: 'acme', pageSize: 100 }, { concurrency: 8 } satisfies ListAllOptions)
 */
export interface ListAllOptions {
  /** Pages fetched at once after the first (default 4). */
  readonly concurrency?: number
}

const URL_TEMPLATE = '/api/invitations'

// Pages are requested by number from the client's own base URL: the server's `next` links are
// never followed, so a hostile `next` cannot receive credentials.
const collect = (first: PaginatedInvitationReadList, rest: ReadonlyArray<E.Either<CvatError, PaginatedInvitationReadList> | undefined>): E.Either<CvatError, ReadonlyArray<InvitationRead>> => {
  const failed = rest.find((r): r is E.Left<CvatError> => r !== undefined && E.isLeft(r))
  if (failed) return failed
  const pages = [first, ...rest.flatMap((r) => (r !== undefined && E.isRight(r) ? [r.right] : []))]
  const all = pages.flatMap((p) => p.results)
  const counts = new Set(pages.map((p) => p.count))
  const keys = new Set(all.map((i) => i.key))
  return counts.size === 1 && all.length === first.count && keys.size === all.length
    ? E.right(all)
    : E.left(listChangedError(URL_TEMPLATE, [...counts], all.length, keys.size))
}

/**
 * GET /api/invitations (every page) — Fetches all invitations matching the filters, in order; after page 1 the rest run with bounded concurrency.
 *
 * @example
 * invitationsListAll(cvat, { org: 'my-org', pageSize: 100 }, { concurrency: 4 })
 */
export const invitationsListAll = (
  client: Client,
  params: Omit<InvitationsListParams, 'page'> = {},
  options: ListAllOptions = {},
): TE.TaskEither<CvatError, ReadonlyArray<InvitationRead>> => {
  const concurrency = options.concurrency ?? 4
  const problem = concurrencyProblem(concurrency)
  if (problem !== undefined) return TE.left(requestError('GET', URL_TEMPLATE, problem))
  const { page: _ignored, ...base } = params as InvitationsListParams
  return pipe(
    invitationsList(client, base),
    TE.flatMap((first) => {
      const size = first.results.length
      if (first.next === null || first.next === undefined || size === 0) return TE.fromEither(collect(first, []))
      const pages = Array.from({ length: Math.ceil(first.count / size) - 1 }, (_, i) => i + 2)
      return pipe(
        boundedTraverse(concurrency, (page: number) => invitationsList(client, { ...base, page }), E.isLeft)(pages),
        TE.fromTask,
        TE.flatMap((rest) => TE.fromEither(collect(first, rest))),
      )
    }),
  )
}
