/**
 * The demo (`npm run demo`): an annotation lead's day, then an organisation admin's, as readable
 * fp-ts pipelines over real HTTP with the public API only.
 *
 * Without CVAT_URL it starts the built-in CVAT emulator (2.73, or `--server 2.26`) on a free
 * 127.0.0.1 port. sam, who leads annotation at acme, creates a project with labels, a task from
 * generated pictures, assigns a job, annotates, exports the dataset and checks the file, backs the
 * task up and restores it, and deletes it all (examples/demo/annotation.ts). Then olga logs in,
 * creates an organisation, invites people (accept, resend, decline, delete), sees who joined,
 * promotes one member and removes another, on 2.73 reads with a personal access token she then
 * revokes, deletes the organisation and logs out (examples/demo/organization.ts).
 *
 * With CVAT_URL and a credential (CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME + CVAT_PASSWORD)
 * it runs the read-only part against that server (invitations, and CVAT_ORG's members); `--write`
 * also runs the annotation part there (in CVAT_ORG, or the personal workspace; the job goes to the
 * caller; what it creates it deletes) and, with CVAT_ORG and CVAT_DEMO_EMAIL, invites, resends and
 * deletes one invitation. CVAT_URL without a credential is refused (exit 2): it never falls back
 * to the emulator's fake data.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import {
  type Client,
  type CvatError,
  authCreateLogout,
  basicAuth,
  bearerAuth,
  createClient,
  formatError,
  invitationsCreate,
  invitationsDestroy,
  invitationsList,
  invitationsResend,
  invitationsRetrieve,
  login,
  membershipsList,
  organization,
  organizationsCreate,
  organizationsDestroy,
  redactUrl,
  tokenAuth,
  usersList,
  usersRetrieveSelf,
} from 'cvat-fp'
import { createCvatEmulator } from 'cvat-fp/testing'
import { serveCvatEmulator } from 'cvat-fp/testing/node'
import { annotationDay } from './demo/annotation'
import { accessTokenWalk, invitationWalk, member, membershipWalk, who } from './demo/organization'
import { say, step } from './demo/output'

/** sam, supervisor at acme, leads its annotation: wes, a worker there, gets the first job. */
const leadsDay = (anonymous: Client, password: string) => {
  const sam = (c: Client) => pipe(c, organization('acme'))
  return pipe(
    login(anonymous, { username: 'sam', password }),
    TE.map(sam),
    TE.tap(() => step('sam logged in to lead annotation at acme')),
    TE.bindTo('client'),
    TE.bind('wes', ({ client }) => pipe(usersList(client, { username: 'wes' }), TE.map((page) => page.results[0]))),
    TE.flatMap(({ client, wes }) => (wes ? annotationDay({ client, name: 'sam', assignee: wes }) : TE.left<CvatError, string>({ _tag: 'RequestError', method: 'GET', url: '/api/users', message: 'wes is not at acme' }))),
  )
}

const emulatorDemo = async (serverVersion: '2.26' | '2.73'): Promise<E.Either<CvatError, string>> => {
  // The demo walks the e-mail flow (invite, then accept), i.e. ORG_INVITATION_CONFIRM on.
  const emulator = createCvatEmulator({ confirmInvitations: true, serverVersion })
  const served = await serveCvatEmulator(emulator)
  say(`CVAT ${serverVersion} emulator listening on ${served.url}`)
  const anonymous = createClient({ baseUrl: served.url })
  const as = (username: string): Client => pipe(anonymous, tokenAuth(emulator.credentials(username).token))
  const org = 'road-scenes'
  const program = pipe(
    leadsDay(anonymous, emulator.credentials('sam').password),
    TE.bindTo('annotation'),
    TE.bind('olga', () => login(anonymous, { username: 'olga', password: emulator.credentials('olga').password })),
    TE.tap(() => step('olga logged in')),
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
      ({ annotation, invited, members, tokens }) =>
        `summary: ${annotation}; 1 organisation created and deleted; invited ${Object.keys(invited).length} (2 accepted, 1 declined, 1 resent, 1 deleted); ` +
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
  // The lead's day creates a project there, so only when asked; the caller leads and gets the job.
  const lead = org ? pipe(client, organization(org)) : client
  const annotation = wantsWrite
    ? pipe(
        usersRetrieveSelf(lead),
        TE.flatMap((me) => annotationDay({ client: lead, name: me.username, assignee: me })),
        TE.map((s) => `${s}; `),
      )
    : pipe(step('annotation part skipped: it creates (and deletes) a project, so it runs only with --write'), TE.as(''))
  return pipe(
    annotation,
    TE.flatMap((done) => pipe(read, TE.map((summary) => `${done}${summary}`))),
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
