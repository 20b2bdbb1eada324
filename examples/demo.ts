/**
 * The demo (`npm run demo`): an organisation admin's day, as readable fp-ts pipelines over real HTTP.
 *
 * Without CVAT_URL it starts the built-in CVAT emulator (2.73, or `--server 2.26`) on a free
 * 127.0.0.1 port: olga logs in, creates an organisation, invites people (accept, resend, decline,
 * delete), sees who joined, promotes one member and removes another, on 2.73 reads with a
 * personal access token she then revokes, deletes the organisation and logs out. With CVAT_URL and
 * a credential (CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME + CVAT_PASSWORD) it runs the
 * read-only part against that server (invitations, and CVAT_ORG's members); `--write` (with
 * CVAT_ORG and CVAT_DEMO_EMAIL) also invites, resends and deletes one invitation there. CVAT_URL without a credential is refused (exit 2):
 * it never falls back to the emulator's fake data.
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
  authCreateLogout,
  authDestroyAccessTokens,
  basicAuth,
  bearerAuth,
  createClient,
  formatError,
  invitationsAccept,
  invitationsCreate,
  invitationsDecline,
  invitationsDestroy,
  invitationsList,
  invitationsPages,
  invitationsResend,
  invitationsRetrieve,
  login,
  membershipsDestroy,
  membershipsList,
  membershipsPartialUpdate,
  organizationsCreate,
  organizationsDestroy,
  redactUrl,
  tokenAuth,
  usersRetrieveSelf,
} from 'cvat-fp'
import { createCvatEmulator } from 'cvat-fp/testing'
import { serveCvatEmulator } from 'cvat-fp/testing/node'

const say = (line: string): void => console.log(line)
const step = (line: string) => TE.fromIO<void, CvatError>(() => say(line))
const who = (inv: InvitationRead): string => `${inv.user.username} as ${inv.role}`
const member = (m: MembershipRead): string => `${m.user.username} (${m.role}${m.is_active === false ? ', pending' : ''})`

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
const invitationWalk = (olga: Client, as: (username: string) => Client, org: string) => {
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

/** Who joined, one promotion, one removal. */
const membershipWalk = (olga: Client, org: string) =>
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

/** Picks a member by username from a page (a missing one stops the day with a readable error). */
const byName = (ms: ReadonlyArray<MembershipRead>, username: string): TE.TaskEither<CvatError, MembershipRead> => {
  const m = ms.find((x) => x.user.username === username)
  return m ? TE.right(m) : TE.left({ _tag: 'RequestError', method: 'GET', url: '/api/memberships', message: `${username} is not a member` })
}

/** 2.73: a personal access token, used once with bearerAuth, then revoked. */
const accessTokenWalk = (olga: Client, anonymous: Client) =>
  pipe(
    authCreateAccessTokens(olga, { accessTokenWriteRequest: { name: 'demo', read_only: true } }),
    TE.tap((token) => pipe(usersRetrieveSelf(pipe(anonymous, bearerAuth(token.value ?? ''))), TE.flatMap((me) => step(`a read-only access token reads as ${me.username}`)))),
    TE.tap((token) => authDestroyAccessTokens(olga, { id: token.id })),
    TE.tap(() => step('olga revoked the token')),
  )

const emulatorDemo = async (serverVersion: '2.26' | '2.73'): Promise<E.Either<CvatError, string>> => {
  // The demo walks the e-mail flow (invite, then accept), i.e. ORG_INVITATION_CONFIRM on.
  const emulator = createCvatEmulator({ confirmInvitations: true, serverVersion })
  const served = await serveCvatEmulator(emulator)
  say(`CVAT ${serverVersion} emulator listening on ${served.url}`)
  const anonymous = createClient({ baseUrl: served.url })
  const as = (username: string): Client => pipe(anonymous, tokenAuth(emulator.credentials(username).token))
  const org = 'road-scenes'
  const program = pipe(
    login(anonymous, { username: 'olga', password: emulator.credentials('olga').password }),
    TE.tap(() => step('olga logged in')),
    TE.bindTo('olga'),
    TE.bind('created', ({ olga }) => organizationsCreate(olga, { organizationWriteRequest: { slug: org, name: 'Road Scenes' } })),
    TE.tap(({ created }) => step(`olga created ${created.slug} (${created.name})`)),
    TE.bind('invited', ({ olga }) => invitationWalk(olga, as, org)),
    TE.bind('members', ({ olga }) => membershipWalk(olga, org)),
    TE.bind('tokens', ({ olga }) => (serverVersion === '2.73' ? pipe(accessTokenWalk(olga, anonymous), TE.as(1)) : pipe(step('no access tokens before CVAT 2.48'), TE.as(0)))),
    TE.tap(({ olga, created }) => organizationsDestroy(olga, { id: created.id })),
    TE.tap(() => step(`olga deleted ${org}`)),
    TE.tap(({ olga }) => authCreateLogout(olga)),
    TE.tap(() => step('olga logged out')),
    TE.map(
      ({ invited, members, tokens }) =>
        `summary: 1 organisation created and deleted; invited ${Object.keys(invited).length} (2 accepted, 1 declined, 1 resent, 1 deleted); ` +
        `${members.count} members at the end; ${tokens} access token${tokens === 1 ? '' : 's'} used and revoked`,
    ),
  )
  const result = await program()
  await served.close()
  return result
}

const credential = (): ((c: Client) => Client) | undefined => {
  const env = process.env
  if (env['CVAT_ACCESS_TOKEN']) return bearerAuth(env['CVAT_ACCESS_TOKEN'])
  if (env['CVAT_TOKEN']) return tokenAuth(env['CVAT_TOKEN'])
  if (env['CVAT_USERNAME'] && env['CVAT_PASSWORD']) return basicAuth({ username: env['CVAT_USERNAME'], password: env['CVAT_PASSWORD'] })
  return undefined
}

const realServerDemo = async (baseUrl: string, auth: (c: Client) => Client): Promise<E.Either<CvatError, string>> => {
  const env = process.env
  const client = pipe(createClient({ baseUrl }), auth)
  const org = env['CVAT_ORG']
  say(`CVAT server ${redactUrl(baseUrl)}${org ? `, organisation ${org}` : ''} (read-only${process.argv.includes('--write') ? ' + writes' : ''})`)
  const members = (slug: string) =>
    pipe(
      membershipsList(client, { org: slug, pageSize: 5 }),
      TE.flatMap((p) => step(`${p.count} members; newest: ${p.results.map(member).join(', ') || '(none)'}`)),
    )
  const read = pipe(
    invitationsList(client, { ...(org ? { org } : {}), pageSize: 5 }),
    TE.tap((p) => step(`${p.count} invitations visible; newest: ${p.results.map(who).join(', ') || '(none)'}`)),
    TE.tap(() => (org ? members(org) : TE.right(undefined))),
    TE.flatMap((p) =>
      // In the list's context: without it CVAT shows an invitation only to its inviter and invitee.
      p.results[0] ? pipe(invitationsRetrieve(client, { key: p.results[0].key, ...(org ? { org } : {}) }), TE.map((inv) => `retrieved ${who(inv)}, expired: ${inv.expired}`)) : TE.right('nothing to retrieve'),
    ),
  )
  const write = (email: string, slug: string) =>
    pipe(
      invitationsCreate(client, { org: slug, invitationWriteRequest: { role: 'worker', email } }),
      TE.tap((inv) => invitationsResend(client, { key: inv.key, org: slug })),
      TE.tap((inv) => invitationsDestroy(client, { key: inv.key, org: slug })),
      TE.map((inv) => `invited, resent and deleted ${inv.user.username}`),
    )
  const wantsWrite = process.argv.includes('--write')
  const email = env['CVAT_DEMO_EMAIL']
  return pipe(
    read,
    TE.flatMap((summary) =>
      !wantsWrite ? TE.right(summary) : org && email ? pipe(write(email, org), TE.map((w) => `${summary}; ${w}`)) : TE.right(`${summary}; --write needs CVAT_ORG and CVAT_DEMO_EMAIL`),
    ),
  )()
}

const main = async (): Promise<void> => {
  const url = process.env['CVAT_URL']
  const auth = credential()
  // Naming a server means "show me that server": printing the emulator's fake data instead would
  // pass for the real thing, so a missing credential is a usage error, before any request.
  if (url && !auth) {
    console.error(
      'CVAT_URL is set but no credential is: set CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME and CVAT_PASSWORD (or unset CVAT_URL to run against the built-in emulator)',
    )
    process.exitCode = 2
    return
  }
  // `--server` picks the emulator's generation; a typo must not quietly run the other one.
  const at = process.argv.indexOf('--server')
  const server = at === -1 ? '2.73' : process.argv[at + 1]
  if (server !== '2.26' && server !== '2.73') {
    console.error('--server takes 2.26 or 2.73 (the emulator\'s CVAT generation)')
    process.exitCode = 2
    return
  }
  const result = url && auth ? await realServerDemo(url, auth) : await emulatorDemo(server)
  pipe(
    result,
    E.match(
      (e) => {
        console.error(formatError(e))
        process.exitCode = 1
      },
      (summary) => say(summary),
    ),
  )
}

void main()
