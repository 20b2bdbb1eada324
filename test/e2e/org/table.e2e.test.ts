// Every operation of the organisation domain, through the client, against both emulator
// generations over real sockets (issue 11 × issue 12): a success decodes Right and the decoded
// value equals the JSON on the wire whole (the codecs neither drop nor invent a field); a failure
// is the StatusError CVAT answers, compared whole. Each case starts from a fresh default seed.
import { pipe } from 'fp-ts/function'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import * as C from '../../../src/index'
import { createCvatEmulator } from '../../../src/testing'
import { serveCvatEmulator } from '../../../src/testing/node'
import { statusOf } from '../helpers'

type Version = '2.26' | '2.73'

/** A fresh served emulator: clients by username (token) or anonymous, each recording the bodies it receives. */
interface Fresh {
  readonly as: (username: string) => C.Client
  readonly anonymous: () => C.Client
  readonly bearer: (value: string) => C.Client
  readonly wire: string[]
}

type Task = (f: Fresh) => Promise<TE.TaskEither<C.CvatError, unknown>> | TE.TaskEither<C.CvatError, unknown>

const withFresh = async <A>(serverVersion: Version, run: (f: Fresh) => Promise<A>): Promise<A> => {
  const emulator = createCvatEmulator({ serverVersion, now: () => Date.parse('2026-11-26T09:00:00Z'), confirmInvitations: true })
  const served = await serveCvatEmulator(emulator)
  const wire: string[] = []
  const record: C.Middleware = (next) => (req) => () =>
    next(req)().then((r) => {
      if (E.isRight(r)) wire.push(r.right.body)
      return r
    })
  const anonymous = () => record(C.createClient({ baseUrl: served.url }))
  const f: Fresh = {
    anonymous,
    as: (u) => pipe(anonymous(), C.tokenAuth(emulator.credentials(u).token)),
    bearer: (v) => pipe(anonymous(), C.bearerAuth(v)),
    wire,
  }
  try {
    return await run(f)
  } finally {
    await served.close()
  }
}

/** Runs a case: the Right with the body it was decoded from, or the StatusError's status and body. */
const outcome = (serverVersion: Version, task: Task) =>
  withFresh(serverVersion, async (f) => {
    const r = await (await task(f))()
    const raw = f.wire.at(-1) ?? ''
    return E.isRight(r) ? { right: r.right, wire: raw === '' ? undefined : JSON.parse(raw) } : { left: statusOf(r.left) }
  })

const first = async <A>(t: TE.TaskEither<C.CvatError, A>): Promise<A> => {
  const r = await t()
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}
const ottoInvitation = (f: Fresh) => first(C.invitationsCreate(f.as('olga'), { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'otto@outside.test' } }))
const ivyKey = async (f: Fresh) => (await first(C.invitationsList(f.as('ivy')))).results[0]?.key ?? ''
const membershipOf = async (f: Fresh, username: string) => (await first(C.membershipsList(f.as('olga'), { org: 'acme', user: username }))).results[0]?.id ?? -1
const token = (f: Fresh, name = 'ci') => first(C.authCreateAccessTokens(f.as('olga'), { accessTokenWriteRequest: { name, read_only: false } }))

const PW = 'Str0ng!passw0rd'
const register = { username: 'alice', email: 'alice@lab.test', password1: PW, password2: PW }

const FORBIDDEN = { status: 403, body: { _tag: 'Detail', detail: 'You do not have permission to perform this action.' } }
const detail = (status: number, text: string) => ({ status, body: { _tag: 'Detail', detail: text } })
// Adds `?accepted`, which the schema does not list: the one way a 2.26 PATCH of an invitation succeeds.
const accepting: C.Middleware = (next) => (req) => next({ ...req, query: [...req.query, ['accepted', '']] })
const NO_CREDENTIALS = detail(401, 'Authentication credentials were not provided.')
const fields = (f: Record<string, ReadonlyArray<string>>) => ({ status: 400, body: { _tag: 'FieldErrors', fields: f } })
const BOTH: ReadonlyArray<Version> = ['2.26', '2.73']

/**
 * [function, generations, success case (null: none on that generation), failure case, the failure].
 * Every rule named here is CVAT's: the rego file decides 403s, the viewset's queryset filter 404s.
 */
const CASES: ReadonlyArray<readonly [string, ReadonlyArray<Version>, Task | null, Task, unknown]> = [
  // dj-rest-auth LoginSerializer.validate: 'Unable to log in with provided credentials.' as non_field_errors.
  ['authCreateLogin', BOTH, (f) => C.authCreateLogin(f.anonymous(), { loginSerializerExRequest: { username: 'olga', password: 'olga-password' } }), (f) => C.authCreateLogin(f.anonymous(), { loginSerializerExRequest: { username: 'olga', password: 'x' } }), fields({ non_field_errors: ['Unable to log in with provided credentials.'] })],
  // LogoutView is AllowAny, but DRF authenticates first: a bad token is a 401.
  ['authCreateLogout', BOTH, (f) => C.authCreateLogout(f.as('olga')), (f) => C.authCreateLogout(pipe(f.anonymous(), C.tokenAuth('nope'))), detail(401, 'Invalid token.')],
  ['authCreateRegister', BOTH, (f) => C.authCreateRegister(f.anonymous(), { registerSerializerExRequest: register }), (f) => C.authCreateRegister(f.anonymous(), { registerSerializerExRequest: { ...register, username: 'oscar' } }), fields({ username: ['A user with that username already exists.'] })],
  ['authCreatePasswordChange', BOTH, (f) => C.authCreatePasswordChange(f.as('olga'), { passwordChangeRequest: { old_password: 'olga-password', new_password1: PW, new_password2: PW } }), (f) => C.authCreatePasswordChange(f.as('olga'), { passwordChangeRequest: { old_password: 'x', new_password1: PW, new_password2: PW } }), fields({ old_password: ['Your old password was entered incorrectly. Please enter it again.'] })],
  ['authCreatePasswordReset', BOTH, (f) => C.authCreatePasswordReset(f.anonymous(), { passwordResetSerializerExRequest: { email: 'olga@acme.test' } }), (f) => C.authCreatePasswordReset(f.anonymous(), { passwordResetSerializerExRequest: { email: 'not-an-email' } }), fields({ email: ['Enter a valid email address.'] })],
  // No e-mail is delivered, so no uid/token pair is ever valid: only the failure is reachable.
  ['authCreatePasswordResetConfirm', BOTH, null, (f) => C.authCreatePasswordResetConfirm(f.anonymous(), { passwordResetConfirmRequest: { new_password1: PW, new_password2: PW, uid: 'x', token: 'y' } }), fields({ uid: ['Invalid value'] })],
  ['authCreateSigning', ['2.26'], (f) => C.authCreateSigning(f.as('olga'), { signingRequest: { url: '/api/users/self' } }), (f) => C.authCreateSigning(f.anonymous(), { signingRequest: { url: '/api/users/self' } }), NO_CREDENTIALS],
  // 2.46 removed the route: Django's 404.
  ['authCreateSigning', ['2.73'], null, (f) => C.authCreateSigning(f.as('olga'), { signingRequest: { url: '/api/users/self' } }), detail(404, 'Not found.')],
  ['authListAccessTokens', ['2.73'], async (f) => (await token(f), C.authListAccessTokens(f.as('olga'))), (f) => C.authListAccessTokens(f.anonymous()), NO_CREDENTIALS],
  ['authCreateAccessTokens', ['2.73'], (f) => C.authCreateAccessTokens(f.as('olga'), { accessTokenWriteRequest: { name: 'ci' } }), (f) => C.authCreateAccessTokens(f.anonymous(), { accessTokenWriteRequest: { name: 'ci' } }), NO_CREDENTIALS],
  // AccessTokensViewSet filters only the list; access_tokens.rego lets only the owner view/update/delete.
  ['authRetrieveAccessTokens', ['2.73'], async (f) => C.authRetrieveAccessTokens(f.as('olga'), { id: (await token(f)).id }), async (f) => C.authRetrieveAccessTokens(f.as('mia'), { id: (await token(f)).id }), FORBIDDEN],
  // `self` authenticates with AccessTokenAuthentication only: a Token header is no credential there.
  ['authRetrieveAccessTokensSelf', ['2.73'], async (f) => C.authRetrieveAccessTokensSelf(f.bearer((await token(f)).value ?? '')), (f) => C.authRetrieveAccessTokensSelf(f.as('olga')), NO_CREDENTIALS],
  ['authPartialUpdateAccessTokens', ['2.73'], async (f) => C.authPartialUpdateAccessTokens(f.as('olga'), { id: (await token(f)).id, patchedAccessTokenWriteRequest: { name: 'renamed' } }), async (f) => C.authPartialUpdateAccessTokens(f.as('mia'), { id: (await token(f)).id, patchedAccessTokenWriteRequest: { name: 'x' } }), FORBIDDEN],
  ['authDestroyAccessTokens', ['2.73'], async (f) => C.authDestroyAccessTokens(f.as('olga'), { id: (await token(f)).id }), async (f) => C.authDestroyAccessTokens(f.as('mia'), { id: (await token(f)).id }), FORBIDDEN],
  // Before 2.48 there are no access tokens: every route is Django's 404.
  ['authListAccessTokens', ['2.26'], null, (f) => C.authListAccessTokens(f.as('olga')), detail(404, 'Not found.')],
  ['authCreateAccessTokens', ['2.26'], null, (f) => C.authCreateAccessTokens(f.as('olga'), { accessTokenWriteRequest: { name: 'ci' } }), detail(404, 'Not found.')],
  ['authRetrieveAccessTokensSelf', ['2.26'], null, (f) => C.authRetrieveAccessTokensSelf(f.as('olga')), detail(404, 'Not found.')],
  // users.rego: list inside an organisation needs an active membership (ivy's is pending).
  ['usersList', BOTH, (f) => C.usersList(f.as('olga'), { org: 'acme' }), (f) => C.usersList(f.as('ivy'), { org: 'acme' }), FORBIDDEN],
  // UserViewSet filters only the list: an existing user the rules hide is a 403.
  ['usersRetrieve', BOTH, (f) => C.usersRetrieve(f.as('olga'), { id: 2 }), (f) => C.usersRetrieve(f.as('otto'), { id: 2 }), FORBIDDEN],
  ['usersRetrieveSelf', BOTH, (f) => C.usersRetrieveSelf(f.as('admin')), (f) => C.usersRetrieveSelf(f.anonymous()), NO_CREDENTIALS],
  ['usersPartialUpdate', BOTH, (f) => C.usersPartialUpdate(f.as('olga'), { id: 2, patchedUserRequest: { first_name: 'Olgа' } }), (f) => C.usersPartialUpdate(f.as('mia'), { id: 2, patchedUserRequest: { first_name: 'x' } }), FORBIDDEN],
  ['usersDestroy', BOTH, (f) => C.usersDestroy(f.as('admin'), { id: 8 }), (f) => C.usersDestroy(f.as('olga'), { id: 8 }), FORBIDDEN],
  // engine/filters.py JsonLogicFilter: a field outside filter_fields is refused with CVAT's text.
  // engine/filters.py: each generation's text for a field the filter may not name.
  ['organizationsList', ['2.26'], (f) => C.organizationsList(f.as('olga')), (f) => C.organizationsList(f.as('olga'), { filter: '{"==":[{"var":"email"},"x"]}' }), { status: 400, body: { _tag: 'Messages', messages: ["filter: 'email' term is not supported"] } }],
  ['organizationsList', ['2.73'], (f) => C.organizationsList(f.as('olga')), (f) => C.organizationsList(f.as('olga'), { filter: '{"==":[{"var":"email"},"x"]}' }), { status: 400, body: { _tag: 'Messages', messages: ["filter: term 'email' is not supported"] } }],
  ['organizationsCreate', BOTH, (f) => C.organizationsCreate(f.as('otto'), { organizationWriteRequest: { slug: 'lab', name: 'Lab', contact: { email: 'lab@lab.test' } } }), (f) => C.organizationsCreate(f.as('otto'), { organizationWriteRequest: { slug: 'acme' } }), fields({ slug: ['organization with this slug already exists.'] })],
  // OrganizationViewSet filters every action: an organisation otto does not belong to is a 404.
  ['organizationsRetrieve', BOTH, (f) => C.organizationsRetrieve(f.as('wes'), { id: 1 }), (f) => C.organizationsRetrieve(f.as('otto'), { id: 1 }), detail(404, 'No Organization matches the given query.')],
  // organizations.rego update: the owner or a maintainer.
  ['organizationsPartialUpdate', BOTH, (f) => C.organizationsPartialUpdate(f.as('mia'), { id: 1, patchedOrganizationWriteRequest: { description: 'd' } }), (f) => C.organizationsPartialUpdate(f.as('sam'), { id: 1, patchedOrganizationWriteRequest: { description: 'd' } }), FORBIDDEN],
  ['organizationsDestroy', BOTH, (f) => C.organizationsDestroy(f.as('olga'), { id: 1 }), (f) => C.organizationsDestroy(f.as('mia'), { id: 1 }), FORBIDDEN],
  ['membershipsList', BOTH, (f) => C.membershipsList(f.as('wes'), { org: 'acme' }), (f) => C.membershipsList(f.as('otto'), { org: 'acme' }), FORBIDDEN],
  // MembershipViewSet filters only the list: memberships.rego answers 403 for an existing one.
  ['membershipsRetrieve', BOTH, async (f) => C.membershipsRetrieve(f.as('wes'), { id: await membershipOf(f, 'sam') }), async (f) => C.membershipsRetrieve(f.as('otto'), { id: await membershipOf(f, 'sam') }), FORBIDDEN],
  // memberships.rego: a maintainer may not change the owner's (or a maintainer's) role.
  ['membershipsPartialUpdate', BOTH, async (f) => C.membershipsPartialUpdate(f.as('olga'), { id: await membershipOf(f, 'wes'), patchedMembershipWriteRequest: { role: 'supervisor' } }), async (f) => C.membershipsPartialUpdate(f.as('mia'), { id: await membershipOf(f, 'olga'), patchedMembershipWriteRequest: { role: 'worker' } }), FORBIDDEN],
  // memberships.rego: the owner may remove anyone but themself.
  ['membershipsDestroy', BOTH, async (f) => C.membershipsDestroy(f.as('olga'), { id: await membershipOf(f, 'wes') }), async (f) => C.membershipsDestroy(f.as('olga'), { id: await membershipOf(f, 'olga') }), FORBIDDEN],
  ['invitationsList', BOTH, (f) => C.invitationsList(f.as('olga'), { org: 'acme' }), (f) => C.invitationsList(f.as('olga'), { org: 'acme', page: 2 }), detail(404, 'Invalid page.')],
  ['invitationsCreate', BOTH, (f) => C.invitationsCreate(f.as('olga'), { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'new@lab.test' } }), (f) => C.invitationsCreate(f.as('wes'), { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'new@lab.test' } }), FORBIDDEN],
  // InvitationViewSet filters every action: outside the inviter/invitee an invitation is a 404.
  ['invitationsRetrieve', BOTH, async (f) => C.invitationsRetrieve(f.as('ivy'), { key: await ivyKey(f) }), async (f) => C.invitationsRetrieve(f.as('wes'), { key: await ivyKey(f) }), detail(404, 'No Invitation matches the given query.')],
  // 2.26–2.69 answer a PATCH only with ?accepted, from the invitee (views.py perform_update; without it CVAT crashes).
  ['invitationsPartialUpdate', ['2.26'], async (f) => C.invitationsPartialUpdate(accepting(f.as('ivy')), { key: await ivyKey(f) }), async (f) => C.invitationsPartialUpdate(f.as('wes'), { key: await ivyKey(f), org: 'acme', patchedInvitationWriteRequest: { role: 'supervisor' } }), detail(404, 'No Invitation matches the given query.')],
  // 2.70 removed the PATCH: DRF's 405.
  ['invitationsPartialUpdate', ['2.73'], null, async (f) => C.invitationsPartialUpdate(f.as('olga'), { key: await ivyKey(f), org: 'acme' }), detail(405, 'Method "PATCH" not allowed.')],
  // invitations.rego delete: the inviter or the organisation's staff, never the invitee.
  ['invitationsDestroy', BOTH, async (f) => C.invitationsDestroy(f.as('olga'), { key: await ivyKey(f), org: 'acme' }), async (f) => C.invitationsDestroy(f.as('ivy'), { key: await ivyKey(f) }), FORBIDDEN],
  ['invitationsAccept', BOTH, async (f) => C.invitationsAccept(f.as('ivy'), { key: await ivyKey(f) }), async (f) => C.invitationsAccept(f.as('otto'), { key: await ivyKey(f) }), detail(404, 'No Invitation matches the given query.')],
  // invitations.rego decline: the invitee only (the inviter sees it, so 403, not 404).
  ['invitationsDecline', BOTH, async (f) => C.invitationsDecline(f.as('ivy'), { key: await ivyKey(f) }), async (f) => C.invitationsDecline(f.as('olga'), { key: await ivyKey(f) }), FORBIDDEN],
  ['invitationsResend', BOTH, async (f) => C.invitationsResend(f.as('olga'), { key: (await ottoInvitation(f)).key, org: 'acme' }), async (f) => C.invitationsResend(f.as('otto'), { key: (await ottoInvitation(f)).key }), FORBIDDEN],
]

describe.each(BOTH)('every organisation-domain operation through the client (%s)', (version) => {
  const rows = CASES.filter(([, versions]) => versions.includes(version))

  it.each(rows.filter((r) => r[2] !== null).map(([name, , ok]) => [name, ok as Task] as const))('%s: the success decodes Right to exactly the JSON on the wire', async (_name, ok) => {
    // A Left has no `right` key and fails here; a void success is `undefined` from an empty body.
    const got = await outcome(version, ok)
    expect(got).toStrictEqual({ right: got.wire, wire: got.wire })
  })

  it.each(rows.map(([name, , , err, expected]) => [name, err, expected] as const))('%s: the failure is the StatusError CVAT answers', async (_name, err, expected) => {
    expect(await outcome(version, err)).toEqual({ left: expected })
  })
})
