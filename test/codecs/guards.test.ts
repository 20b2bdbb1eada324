// The guards are hand-written predicates (for speed); each must say exactly what its decoder
// says, for the invitation models and the org-admin ones alike. No shared files needed: known-good answers are broken at every depth with arbitrary JSON,
// deletions and non-JSON values (the schema-driven twin is test/contract/components.property.test.ts).
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import type * as D from 'io-ts/Decoder'
import type * as G from 'io-ts/Guard'
import { describe, expect, it } from 'vitest'
import * as accessTokens from './modules/accessTokens'
import * as auth from './modules/auth'
import * as common from './modules/common'
import * as invitations from './modules/invitations'
import * as memberships from './modules/memberships'
import * as organizations from './modules/organizations'
import * as users from './modules/users'
import { breakAt } from '../helpers/breaking'
import { invitation, page } from '../helpers/samples'
import { accessToken, basicUser, fullUser, listOf, membership, organization } from './samples'

describe('each fast guard agrees with its decoder', () => {
  const { owner: _o, ...withoutOwner } = invitation
  it.each<[string, G.Guard<unknown, unknown>, D.Decoder<unknown, unknown>, unknown]>([
    ['BasicUser', common.BasicUserGuard, common.BasicUserDecoder, invitation.user],
    ['BasicOrganization', common.BasicOrganizationGuard, common.BasicOrganizationDecoder, invitation.organization_info],
    ['InvitationRead', invitations.InvitationReadGuard, invitations.InvitationReadDecoder, invitation],
    ['InvitationRead (owner null, accepted)', invitations.InvitationReadGuard, invitations.InvitationReadDecoder, { ...withoutOwner, owner: null, accepted: true }],
    [
      'PaginatedInvitationReadList',
      invitations.PaginatedInvitationReadListGuard,
      invitations.PaginatedInvitationReadListDecoder,
      page([invitation, { ...invitation, owner: null }], 'http://localhost/api/invitations?page=2'),
    ],
    ['AcceptInvitationRead', invitations.AcceptInvitationReadGuard, invitations.AcceptInvitationReadDecoder, { organization_slug: 'acme' }],
    ['User', users.UserGuard, users.UserDecoder, fullUser],
    ['MetaUser (full)', users.MetaUserGuard, users.MetaUserDecoder, fullUser],
    ['MetaUser (basic)', users.MetaUserGuard, users.MetaUserDecoder, basicUser],
    ['PaginatedMetaUserList', users.PaginatedMetaUserListGuard, users.PaginatedMetaUserListDecoder, listOf([fullUser, basicUser])],
    ['OrganizationRead', organizations.OrganizationReadGuard, organizations.OrganizationReadDecoder, organization],
    ['OrganizationRead (owner null)', organizations.OrganizationReadGuard, organizations.OrganizationReadDecoder, { ...organization, owner: null }],
    ['PaginatedOrganizationReadList', organizations.PaginatedOrganizationReadListGuard, organizations.PaginatedOrganizationReadListDecoder, listOf([organization])],
    ['MembershipRead', memberships.MembershipReadGuard, memberships.MembershipReadDecoder, membership],
    ['MembershipRead (owner, pending)', memberships.MembershipReadGuard, memberships.MembershipReadDecoder, { ...membership, invitation: null, joined_date: null }],
    ['PaginatedMembershipReadList', memberships.PaginatedMembershipReadListGuard, memberships.PaginatedMembershipReadListDecoder, listOf([membership])],
    ['AccessTokenRead', accessTokens.AccessTokenReadGuard, accessTokens.AccessTokenReadDecoder, { ...accessToken, value: 'secret' }],
    ['PaginatedAccessTokenReadList', accessTokens.PaginatedAccessTokenReadListGuard, accessTokens.PaginatedAccessTokenReadListDecoder, listOf([accessToken])],
    ['Token', auth.TokenGuard, auth.TokenDecoder, { key: 'a1b2' }],
    ['RegisterSerializerEx', auth.RegisterSerializerExGuard, auth.RegisterSerializerExDecoder, { username: 'annie', email: 'a@b.c', email_verification_required: false, key: 'k' }],
    ['RestAuthDetail', auth.RestAuthDetailGuard, auth.RestAuthDetailDecoder, { detail: 'ok' }],
  ])('%s', (_name, guard, decoder, good) => {
    expect(guard.is(good)).toBe(true)
    fc.assert(
      fc.property(fc.oneof(breakAt(good), breakAt(good).chain(breakAt), fc.anything()), (value) => {
        expect(guard.is(value)).toBe(E.isRight(decoder.decode(value)))
      }),
      { numRuns: 1500 },
    )
  })
})
