/**
 * Ready-made filters. The filterable fields of every list are generated from CVAT's schemas
 * (src/generated/<tag>/filters.ts: `invitationFields`, `taskFields`, …); their value types follow
 * each list's own query parameters. Plain object literals: nothing is created at import time.
 */
import { invitationFields } from '../generated/invitations/filters'
import { type Filter, eq } from './filter'

export { invitationFields } from '../generated/invitations/filters'
export { membershipFields } from '../generated/memberships/filters'
export { organizationFields } from '../generated/organizations/filters'
export { userFields } from '../generated/users/filters'

/**
 * Selects the invitations nobody has accepted yet (`accepted == false`).
 *
 * @example
 * invitationsList(cvat, { org: 'acme', filter: filterString(pendingInvitations) })
 */
export const pendingInvitations: Filter<'invitations'> = /*#__PURE__*/ eq(invitationFields.accepted, false)
