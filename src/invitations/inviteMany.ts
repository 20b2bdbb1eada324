import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as T from 'fp-ts/Task'
import type { Client } from '../http/client'
import type { InvitationRead, InvitationWriteRequest } from '../codecs/invitations'
import { type CvatError, requestError } from '../errors'
import { boundedTraverse, concurrencyProblem } from '../endpoint/bounded'
import type { OrgParams } from '../endpoint/params'
import { invitationsCreate } from './create'

/**
 * Parameters of `inviteMany`: the people, the organisation context and the concurrency.
 *
 * @example
 * const p: InviteManyParams = { org: 'acme', concurrency: 2, invitations: [{ email: 'a@example.com', role: 'worker' }] }
 */
export interface InviteManyParams extends OrgParams {
  readonly invitations: ReadonlyArray<InvitationWriteRequest>
  /** Invitations sent at once (default 4). */
  readonly concurrency?: number
}

/**
 * Pairs one address with its outcome.
 *
 * @example
 * const failed = (outcomes: ReadonlyArray<InviteOutcome>) => outcomes.filter((o) => E.isLeft(o.result)).map((o) => o.email)
 */
export interface InviteOutcome {
  readonly email: string
  readonly role: InvitationWriteRequest['role']
  readonly result: E.Either<CvatError, InvitationRead>
}

const normalise = (email: string): string => email.trim().toLowerCase()

/**
 * POST /api/invitations (for many addresses) — Invites each distinct e-mail once (case-insensitively), with bounded concurrency; one result per address, and one failure never sinks the batch.
 *
 * @example
 * inviteMany(cvat, { org: 'my-org', invitations: [{ email: 'a@x.org', role: 'worker' }, { email: 'b@x.org', role: 'supervisor' }] })
 */
export const inviteMany = (client: Client, params: InviteManyParams): T.Task<ReadonlyArray<InviteOutcome>> => {
  const { invitations, concurrency = 4, ...org } = params
  const seen = new Set<string>()
  const distinct = invitations.filter((i) => {
    const key = typeof i?.email === 'string' ? normalise(i.email) : String(i?.email)
    return seen.has(key) ? false : (seen.add(key), true)
  })
  // A bad concurrency is every address's RequestError; nothing is sent.
  const problem = concurrencyProblem(concurrency)
  const refused = problem === undefined ? undefined : requestError('POST', '/api/invitations', problem)
  const invite = (i: InvitationWriteRequest): T.Task<InviteOutcome> =>
    pipe(
      refused ? T.of(E.left(refused)) : invitationsCreate(client, { ...org, invitationWriteRequest: i }),
      T.map((result) => ({ email: String(i?.email), role: i?.role, result })),
    )
  return pipe(
    boundedTraverse(refused ? 1 : concurrency, invite)(distinct),
    T.map((outcomes) => outcomes.filter((o): o is InviteOutcome => o !== undefined)),
  )
}
