/**
 * The filterable fields of each list endpoint, with their value types, exactly as CVAT 2.26's
 * views declare them (`filter_fields`; the OpenAPI document repeats them in each `filter`
 * description). Plain object literals: nothing is created at import time.
 */
import type { RoleEnum } from '../codecs/common'
import { type Filter, type FilterField, eq } from './filter'

/**
 * Lists the filterable fields of `GET /api/invitations`: the inviter's username, the invitee's user id, and whether it was accepted.
 *
 * @example
 * invitationsList(cvat, { org: 'acme', filter: filterString(eq(invitationFields.user_id, 7)) })
 */
export const invitationFields: {
  readonly owner: FilterField<'invitations', string>
  readonly user_id: FilterField<'invitations', number>
  readonly accepted: FilterField<'invitations', boolean>
} = {
  owner: { resource: 'invitations', name: 'owner' },
  user_id: { resource: 'invitations', name: 'user_id' },
  accepted: { resource: 'invitations', name: 'accepted' },
}

/**
 * Lists the filterable fields of `GET /api/memberships`: the member's username, the role and the id.
 *
 * @example
 * const admins = filterString(oneOf(membershipFields.role, ['owner', 'maintainer']))
 */
export const membershipFields: {
  readonly user: FilterField<'memberships', string>
  readonly role: FilterField<'memberships', RoleEnum>
  readonly id: FilterField<'memberships', number>
} = {
  user: { resource: 'memberships', name: 'user' },
  role: { resource: 'memberships', name: 'role' },
  id: { resource: 'memberships', name: 'id' },
}

/**
 * Lists the filterable fields of `GET /api/organizations`: name, owner's username, slug and id.
 *
 * @example
 * const mine = filterString(eq(organizationFields.owner, 'olga'))
 */
export const organizationFields: {
  readonly name: FilterField<'organizations', string>
  readonly owner: FilterField<'organizations', string>
  readonly slug: FilterField<'organizations', string>
  readonly id: FilterField<'organizations', number>
} = {
  name: { resource: 'organizations', name: 'name' },
  owner: { resource: 'organizations', name: 'owner' },
  slug: { resource: 'organizations', name: 'slug' },
  id: { resource: 'organizations', name: 'id' },
}

/**
 * Lists the filterable fields of `GET /api/users`: username, first and last name, id and whether the account is active.
 *
 * @example
 * const inactive = filterString(eq(userFields.is_active, false))
 */
export const userFields: {
  readonly username: FilterField<'users', string>
  readonly first_name: FilterField<'users', string>
  readonly last_name: FilterField<'users', string>
  readonly id: FilterField<'users', number>
  readonly is_active: FilterField<'users', boolean>
} = {
  username: { resource: 'users', name: 'username' },
  first_name: { resource: 'users', name: 'first_name' },
  last_name: { resource: 'users', name: 'last_name' },
  id: { resource: 'users', name: 'id' },
  is_active: { resource: 'users', name: 'is_active' },
}

/**
 * Selects the invitations nobody has accepted yet (`accepted == false`).
 *
 * @example
 * invitationsList(cvat, { org: 'acme', filter: filterString(pendingInvitations) })
 */
export const pendingInvitations: Filter<'invitations'> = /*#__PURE__*/ eq(invitationFields.accepted, false)
