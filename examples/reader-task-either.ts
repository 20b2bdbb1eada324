/**
 * Dependency injection with `ReaderTaskEither`: programs ask for a client instead of importing
 * one, so the same code runs against production or, as here, the in-memory CVAT emulator.
 *
 *   tsx examples/reader-task-either.ts
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as RTE from 'fp-ts/ReaderTaskEither'
import { type Client, type CvatError, createClient, formatError, invitationsCreate, invitationsList, invitationsResend, tokenAuth } from 'cvat-fp'
import { createCvatEmulator } from 'cvat-fp/testing'

/** What the programs need from the outside world. */
export interface Deps {
  readonly cvat: Client
  readonly org: string
}

// An endpoint call is already a TaskEither; a function of the dependencies returning one *is* a
// ReaderTaskEither, so no adapter is needed.

/** Invites an address and resends the e-mail at once (say, after fixing a mail server). */
export const inviteAndNudge = (email: string): RTE.ReaderTaskEither<Deps, CvatError, string> =>
  pipe(
    ({ cvat, org }: Deps) => invitationsCreate(cvat, { org, invitationWriteRequest: { role: 'worker', email } }),
    RTE.tap((inv) => ({ cvat, org }: Deps) => invitationsResend(cvat, { key: inv.key, org })),
    RTE.map((inv) => inv.key),
  )

/** Counts pending invitations in the organisation. */
export const countPending: RTE.ReaderTaskEither<Deps, CvatError, number> = pipe(
  ({ cvat, org }: Deps) => invitationsList(cvat, { org, filter: '{"==":[{"var":"accepted"},false]}' }),
  RTE.map((page) => page.count),
)

/** The whole program: nudge one person, then report how many are pending. */
export const program = (email: string): RTE.ReaderTaskEither<Deps, CvatError, string> =>
  pipe(
    inviteAndNudge(email),
    RTE.flatMap((key) => pipe(countPending, RTE.map((n) => `invited ${email} (key ${key.slice(0, 8)}…); ${n} pending in the organisation`))),
  )

const main = async (): Promise<void> => {
  const emulator = createCvatEmulator()
  const deps: Deps = { cvat: pipe(createClient({ baseUrl: 'https://cvat.test', fetch: emulator.fetch }), tokenAuth('token-olga')), org: 'acme' }
  const result = await program('new.person@example.com')(deps)()
  console.log(pipe(result, E.match(formatError, (s) => s)))
  if (E.isLeft(result)) process.exitCode = 1
}

void main()
