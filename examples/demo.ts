/**
 * The demo (`npm run demo`): an organisation owner's morning, as one fp-ts pipeline over real HTTP.
 *
 * Without CVAT_URL it starts the built-in CVAT emulator on a free 127.0.0.1 port. With CVAT_URL and
 * a credential (CVAT_ACCESS_TOKEN, CVAT_TOKEN, or CVAT_USERNAME + CVAT_PASSWORD) it runs the
 * read-only part against that server; `--write` (with CVAT_ORG and CVAT_DEMO_EMAIL) also invites,
 * resends and deletes one invitation there. CVAT_URL without a credential is refused (exit 2):
 * it never falls back to the emulator's fake data.
 */
import * as A from 'fp-ts/Array'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import {
  type Client,
  type CvatError,
  type InvitationRead,
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
  redactUrl,
  tokenAuth,
} from 'cvat-fp'
import { createCvatEmulator } from 'cvat-fp/testing'
import { serveCvatEmulator } from 'cvat-fp/testing/node'

const say = (line: string): void => console.log(line)
const who = (inv: InvitationRead): string => `${inv.user.username} as ${inv.role}`

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

const emulatorDemo = async (): Promise<E.Either<CvatError, string>> => {
  // The demo walks the e-mail flow (invite, then accept), i.e. ORG_INVITATION_CONFIRM on.
  const emulator = createCvatEmulator({ confirmInvitations: true })
  const served = await serveCvatEmulator(emulator)
  say(`CVAT emulator listening on ${served.url} (organisations acme and globex)`)
  const as = (username: string): Client => pipe(createClient({ baseUrl: served.url }), tokenAuth(emulator.credentials(username).token))
  const olga = as('olga')
  const org = 'acme'
  const people = [
    { email: 'otto@outside.test', role: 'worker' as const },
    { email: 'wendy@globex.test', role: 'supervisor' as const },
    { email: 'new.annotator@example.com', role: 'worker' as const },
    { email: 'temp.contractor@example.com', role: 'worker' as const },
  ]
  const program = pipe(
    people,
    A.traverse(TE.ApplicativeSeq)((p) =>
      pipe(
        invitationsCreate(olga, { org, invitationWriteRequest: p }),
        TE.tap((inv) => TE.fromIO(() => say(`olga invited ${who(inv)} (key ${inv.key.slice(0, 8)}…)`))),
      ),
    ),
    TE.bindTo('invited'),
    TE.tap(() => TE.fromIO(() => say('olga lists acme invitations, 2 per page:'))),
    TE.bind('listed', () => allPages(olga, org, 2)),
    TE.bind('accepted', ({ invited }) => invitationsAccept(as('otto'), { key: invited[0]!.key })),
    TE.tap(({ accepted }) => TE.fromIO(() => say(`otto accepted and joined ${accepted.organization_slug}`))),
    TE.tap(({ invited }) => invitationsResend(olga, { key: invited[2]!.key, org })),
    TE.tap(({ invited }) => TE.fromIO(() => say(`olga resent the invitation to ${invited[2]!.user.username}`))),
    TE.tap(({ invited }) => invitationsDecline(as('wendy'), { key: invited[1]!.key })),
    TE.tap(() => TE.fromIO(() => say('wendy declined'))),
    TE.tap(({ invited }) => invitationsDestroy(olga, { key: invited[3]!.key, org })),
    TE.tap(({ invited }) => TE.fromIO(() => say(`olga deleted the invitation to ${invited[3]!.user.username}`))),
    TE.bind('after', () => invitationsList(olga, { org, pageSize: 'all' })),
    TE.bind('pending', () => invitationsList(olga, { org, filter: '{"==":[{"var":"accepted"},false]}' })),
    TE.map(
      ({ invited, listed, after, pending }) =>
        `summary: invited ${invited.length}, listed ${listed.length} across pages, 1 accepted, 1 resent, 1 declined, 1 deleted; ` +
        `acme now holds ${after.count} invitations, ${pending.count} pending`,
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
  const read = pipe(
    invitationsList(client, { ...(org ? { org } : {}), pageSize: 5 }),
    TE.tap((p) => TE.fromIO(() => say(`${p.count} invitations visible; newest: ${p.results.map(who).join(', ') || '(none)'}`))),
    TE.flatMap((p) =>
      p.results[0] ? pipe(invitationsRetrieve(client, { key: p.results[0].key }), TE.map((inv) => `retrieved ${who(inv)}, expired: ${inv.expired}`)) : TE.right('nothing to retrieve'),
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
  const result = url && auth ? await realServerDemo(url, auth) : await emulatorDemo()
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
