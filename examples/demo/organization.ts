/**
 * The organisation admin's day: olga invites people (accept, resend, decline, delete), sees who
 * joined, promotes one member and removes another, and on 2.73 reads with a personal access token
 * she then revokes. Each walk is a pipeline over the public API.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import {
  type Client,
  type CvatError,
  type InvitationRead,
  type MembershipRead,
  authCreateAccessTokens,
  authDestroyAccessTokens,
  bearerAuth,
  invitationsAccept,
  invitationsCreate,
  invitationsDecline,
  invitationsDestroy,
  invitationsPages,
  invitationsResend,
  membershipsDestroy,
  membershipsList,
  membershipsPartialUpdate,
  usersRetrieveSelf,
} from 'cvat-fp'
import { say, step } from './output'

/** An invitation as the demo prints it. */
export const who = (inv: InvitationRead): string => `${inv.user.username} as ${inv.role}`

/** A membership as the demo prints it. */
export const member = (m: MembershipRead): string => `${m.user.username} (${m.role}${m.is_active === false ? ', pending' : ''})`

/** Walks the list page by page with the library's own pager, printing each page. */
const allPages =
  (client: Client, org: string, pageSize: number): TE.TaskEither<CvatError, InvitationRead[]> =>
  async () => {
    const all: InvitationRead[] = []
    let page = 0
    for await (const p of invitationsPages(client, { org, pageSize })) {
      if (E.isLeft(p)) return p
      say(`  page ${++page}: ${p.right.results.map(who).join(', ') || '(empty)'}`)
      all.push(...p.right.results)
    }
    return E.right(all)
  }

/** The invitation walk: invite five, page through, two accept, one declines, one resent, one deleted. */
export const invitationWalk = (olga: Client, as: (username: string) => Client, org: string) => {
  const invite = (email: string, role: 'worker' | 'supervisor') => invitationsCreate(olga, { org, invitationWriteRequest: { email, role } })
  return pipe(
    TE.Do,
    TE.bind('otto', () => invite('otto@outside.test', 'worker')),
    TE.bind('wes', () => invite('wes@acme.test', 'worker')),
    TE.bind('wendy', () => invite('wendy@globex.test', 'supervisor')),
    TE.bind('annotator', () => invite('new.annotator@example.com', 'worker')),
    TE.bind('contractor', () => invite('temp.contractor@example.com', 'worker')),
    TE.tap((invited) => step(`olga invited ${Object.values(invited).map(who).join(', ')}`)),
    TE.tap(() => step(`olga lists ${org} invitations, 2 per page:`)),
    TE.tap(() => allPages(olga, org, 2)),
    TE.tap(({ otto }) => invitationsAccept(as('otto'), { key: otto.key })),
    TE.tap(({ wes }) => invitationsAccept(as('wes'), { key: wes.key })),
    TE.tap(() => step('otto and wes accepted')),
    TE.tap(({ wendy }) => invitationsDecline(as('wendy'), { key: wendy.key })),
    TE.tap(() => step('wendy declined')),
    TE.tap(({ annotator }) => invitationsResend(olga, { key: annotator.key, org })),
    TE.tap(({ annotator }) => step(`olga resent the invitation to ${annotator.user.username}`)),
    TE.tap(({ contractor }) => invitationsDestroy(olga, { key: contractor.key, org })),
    // As in CVAT, deleting an invitation leaves its pending membership in place (SERVER.md, cascades).
    TE.tap(({ contractor }) => step(`olga deleted the invitation to ${contractor.user.username} (its pending membership stays)`)),
  )
}

/** Picks a member by username from a page (a missing one stops the day with a readable error). */
const byName = (ms: ReadonlyArray<MembershipRead>, username: string): TE.TaskEither<CvatError, MembershipRead> => {
  const m = ms.find((x) => x.user.username === username)
  return m ? TE.right(m) : TE.left({ _tag: 'RequestError', method: 'GET', url: '/api/memberships', message: `${username} is not a member` })
}

/** Who joined, one promotion, one removal. */
export const membershipWalk = (olga: Client, org: string) =>
  pipe(
    membershipsList(olga, { org, pageSize: 'all', sort: 'id' }),
    TE.tap((page) => step(`members of ${org}: ${page.results.map(member).join(', ')}`)),
    TE.bindTo('joined'),
    TE.bind('otto', ({ joined }) => byName(joined.results, 'otto')),
    TE.bind('wes', ({ joined }) => byName(joined.results, 'wes')),
    TE.tap(({ otto }) => membershipsPartialUpdate(olga, { id: otto.id, patchedMembershipWriteRequest: { role: 'supervisor' } })),
    TE.tap(() => step('olga promoted otto to supervisor')),
    TE.tap(({ wes }) => membershipsDestroy(olga, { id: wes.id })),
    TE.tap(() => step('olga removed wes')),
    TE.flatMap(() => membershipsList(olga, { org, pageSize: 'all', sort: 'id' })),
    TE.tap((page) => step(`members of ${org} now: ${page.results.map(member).join(', ')}`)),
  )

/** 2.73: a personal access token, used once with bearerAuth, then revoked. */
export const accessTokenWalk = (olga: Client, anonymous: Client) =>
  pipe(
    authCreateAccessTokens(olga, { accessTokenWriteRequest: { name: 'demo', read_only: true } }),
    TE.tap((token) => pipe(usersRetrieveSelf(pipe(anonymous, bearerAuth(token.value ?? ''))), TE.flatMap((me) => step(`a read-only access token reads as ${me.username}`)))),
    TE.tap((token) => authDestroyAccessTokens(olga, { id: token.id })),
    TE.tap(() => step('olga revoked the token')),
  )
