// The public types, pinned: test/types/typecheck.test.ts runs tsc over this file, so every
// `@ts-expect-error` below must be an error (an unused one fails the build), and the
// expectTypeOf assertions are checked by the compiler as well as at run time.
import { pipe } from 'fp-ts/function'
import type { TaskEither } from 'fp-ts/TaskEither'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type Client,
  type CvatError,
  type MembershipRead,
  type MetaUser,
  type Middleware,
  type OrgParams,
  type PaginatedMembershipReadList,
  type RoleEnum,
  type Token,
  authCreateLogin,
  authCreateSigning,
  authRetrieveRules,
  createClient,
  invitationsCreate,
  invitationsListAll,
  listAll,
  login,
  membershipsList,
  membershipsPartialUpdate,
  organization,
  organizationsCreate,
  retry,
  timeout,
  tokenAuth,
  usersRetrieve,
} from '../../src/index'

// A real client: the calls below build Tasks that are never run.
const cvat: Client = createClient()

describe('public types', () => {
  it('refuses a role CVAT does not have', () => {
    // @ts-expect-error 'admin' is an IAM group, not a membership role
    membershipsPartialUpdate(cvat, { id: 1, patchedMembershipWriteRequest: { role: 'admin' } })
    // @ts-expect-error roles are lower case
    invitationsCreate(cvat, { org: 'acme', invitationWriteRequest: { role: 'Worker', email: 'a@example.com' } })
    // @ts-expect-error the list's role filter takes the same four roles
    membershipsList(cvat, { role: 'boss' })
    expectTypeOf<NonNullable<Parameters<typeof membershipsList>[1]>['role']>().toEqualTypeOf<RoleEnum | undefined>()
  })

  it('refuses `page` on a list-all (it reads every page itself)', () => {
    // @ts-expect-error page is chosen by the list-all
    invitationsListAll(cvat, { org: 'acme', page: 2 })
    invitationsListAll(cvat, { org: 'acme', pageSize: 100 })
  })

  it('refuses a missing required parameter', () => {
    // @ts-expect-error the id
    usersRetrieve(cvat, {})
    // @ts-expect-error the body
    organizationsCreate(cvat, {})
    // @ts-expect-error the slug inside the body
    organizationsCreate(cvat, { organizationWriteRequest: { name: 'Acme' } })
    // @ts-expect-error the password
    authCreateLogin(cvat, { loginSerializerExRequest: { username: 'ann' } })
    // @ts-expect-error login needs a username or an e-mail
    login(cvat, { password: 's3cret' })
    login(cvat, { username: 'ann', password: 's3cret' })
    login(cvat, { email: 'ann@example.com', password: 's3cret' })
  })

  it('follows the schema: detail endpoints take no organisation parameters (use the organization middleware)', () => {
    // @ts-expect-error CVAT's users_retrieve has no org parameter
    usersRetrieve(cvat, { id: 1, org: 'acme' })
    usersRetrieve(pipe(cvat, organization('acme')), { id: 1 })
  })

  it('refuses `orgId` beside `org` or `xOrganization` (CVAT answers 400 to the pair)', () => {
    expectTypeOf<{ org: 'acme' }>().toExtend<OrgParams>()
    expectTypeOf<{ orgId: 1 }>().toExtend<OrgParams>()
    expectTypeOf<{ org: 'acme'; xOrganization: 'acme' }>().toExtend<OrgParams>()
    expectTypeOf<{ org: 'acme'; orgId: 1 }>().not.toExtend<OrgParams>()
    expectTypeOf<{ xOrganization: 'acme'; orgId: 1 }>().not.toExtend<OrgParams>()
    const cvat = createClient()
    // @ts-expect-error an id beside a slug
    membershipsList(cvat, { org: 'acme', orgId: 1 })
    // @ts-expect-error an id beside the header's slug
    invitationsCreate(cvat, { xOrganization: 'acme', orgId: 1, invitationWriteRequest: { role: 'worker', email: 'a@b.c' } })
    // @ts-expect-error through invitationsListAll
    invitationsListAll(cvat, { org: 'acme', orgId: 1 })
    // @ts-expect-error through listAll
    listAll(membershipsList, cvat, { org: 'acme', orgId: 1 })
    // A context chosen at run time is still one context.
    const pick = (id?: number): OrgParams => (id === undefined ? { org: 'acme' } : { orgId: id })
    membershipsList(cvat, { ...pick(1), pageSize: 10 })
  })

  it('gives each endpoint its result type', () => {
    expectTypeOf(usersRetrieve).returns.toEqualTypeOf<TaskEither<CvatError, MetaUser>>()
    expectTypeOf(membershipsList).returns.toEqualTypeOf<TaskEither<CvatError, PaginatedMembershipReadList>>()
    expectTypeOf(membershipsPartialUpdate).returns.toEqualTypeOf<TaskEither<CvatError, MembershipRead>>()
    expectTypeOf(authCreateLogin).returns.toEqualTypeOf<TaskEither<CvatError, Token>>()
    expectTypeOf(authCreateSigning).returns.toEqualTypeOf<TaskEither<CvatError, string>>()
    expectTypeOf(authRetrieveRules).returns.toEqualTypeOf<TaskEither<CvatError, void>>()
    expectTypeOf(login).returns.toEqualTypeOf<TaskEither<CvatError, Client>>()
  })

  it('composes middleware with pipe into a Client', () => {
    const client = pipe(createClient({ baseUrl: 'https://app.cvat.ai' }), tokenAuth('k'), organization('acme'), retry(), timeout(10_000))
    expectTypeOf(client).toEqualTypeOf<Client>()
    expectTypeOf(tokenAuth('k')).toEqualTypeOf<Middleware>()
    // Type errors only: never run (a client applied to a client would send it as a request).
    const wrong = () => [
      // @ts-expect-error tokenAuth needs its key before it is middleware
      pipe(createClient(), tokenAuth),
      // @ts-expect-error a client is not middleware
      pipe(createClient(), createClient()),
    ]
    expectTypeOf(wrong).toBeFunction()
  })
})
