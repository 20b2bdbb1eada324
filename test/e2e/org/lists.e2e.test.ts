// The list parameters each generation's viewsets declare, through the client (issue 11: "the 2.73
// list parameters (`accepted`, `userId`)"). CVAT's own schema of each generation names them, as
// drf-spectacular reads them off the viewset: InvitationViewSet 2.26 has filter_fields owner,
// user_id, accepted, simple filter owner, ordering owner, created_date; 2.73 adds the simple
// filters accepted and user_id and orders by accepted and user_id too. MembershipViewSet searches
// user and role on 2.26, user only on 2.73. Unknown query parameters and sort terms are ignored
// (DRF OrderingFilter.remove_invalid_fields), so a 2.26 server answers those requests unfiltered.
import { describe, expect, it } from 'vitest'
import { invitationsAccept, invitationsCreate, invitationsList, membershipsList } from '../../../src/index'
import { right, useEmulator } from '../helpers'

const users = (p: { results: ReadonlyArray<{ user: { username: string } }> }) => p.results.map((i) => i.user.username)

describe.each([
  ['2.26', { accepted: ['otto', 'ivy'], pending: ['otto', 'ivy'], ivy: ['otto', 'ivy'], byAccepted: ['otto', 'ivy'], bySupervisor: ['sam'] }],
  ['2.73', { accepted: ['otto'], pending: ['ivy'], ivy: ['ivy'], byAccepted: ['ivy', 'otto'], bySupervisor: [] }],
] as const)('list parameters of the %s generation', (serverVersion, expected) => {
  const live = useEmulator({ serverVersion, confirmInvitations: true })

  it('invitations: accepted and user_id filter (2.73 only); sort by accepted (2.73 only)', async () => {
    const olga = live.as('olga')
    const otto = await right(invitationsCreate(olga, { org: 'acme', invitationWriteRequest: { role: 'worker', email: 'otto@outside.test' } }))
    await right(invitationsAccept(live.as('otto'), { key: otto.key }))
    const ivyId = live.emulator.state.users.find((u) => u.username === 'ivy')?.id ?? -1
    const got = {
      accepted: users(await right(invitationsList(olga, { org: 'acme', accepted: true }))),
      pending: users(await right(invitationsList(olga, { org: 'acme', accepted: false }))),
      ivy: users(await right(invitationsList(olga, { org: 'acme', userId: ivyId }))),
      byAccepted: users(await right(invitationsList(olga, { org: 'acme', sort: 'accepted' }))),
      bySupervisor: (await right(membershipsList(olga, { org: 'acme', search: 'supervisor' }))).results.map((m) => m.user.username),
    }
    expect(got).toEqual(expected)
  })
})
