/**
 * The default data set: two organisations and a user of every kind. Credentials follow
 * `credentialsOf(username)` (e.g. the token of `olga` is `token-olga`).
 */
import type { InvitationSeed, OrganizationSeed, UserSeed } from './seeding'

/**
 * Users of the default seed: an admin, owners, maintainers, supervisors, workers and outsiders.
 *
 * @example
 * const admin = DEFAULT_USERS.find((u) => u.isAdmin)?.username // 'admin'
 */
export const DEFAULT_USERS: ReadonlyArray<UserSeed> = [
  { username: 'admin', email: 'admin@cvat.test', firstName: 'Ada', lastName: 'Admin', isAdmin: true },
  { username: 'olga', email: 'olga@acme.test', firstName: 'Olga', lastName: 'Owner' },
  { username: 'oscar', email: 'oscar@globex.test', firstName: 'Oscar', lastName: 'Owner' },
  { username: 'mia', email: 'mia@acme.test', firstName: 'Mia', lastName: 'Maintainer' },
  { username: 'sam', email: 'sam@acme.test', firstName: 'Sam', lastName: 'Supervisor' },
  { username: 'wes', email: 'wes@acme.test', firstName: 'Wes', lastName: 'Worker' },
  { username: 'wendy', email: 'wendy@globex.test', firstName: 'Wendy', lastName: 'Worker' },
  { username: 'otto', email: 'otto@outside.test', firstName: 'Otto', lastName: 'Outsider' },
  { username: 'ivy', email: 'ivy@outside.test', firstName: 'Ivy', lastName: 'Invitee' },
]

/**
 * Organisations of the default seed.
 *
 * @example
 * const acme = DEFAULT_ORGANIZATIONS.find((o) => o.slug === 'acme')
 */
export const DEFAULT_ORGANIZATIONS: ReadonlyArray<OrganizationSeed> = [
  {
    slug: 'acme',
    name: 'Acme Annotation',
    owner: 'olga',
    members: [
      { username: 'mia', role: 'maintainer' },
      { username: 'sam', role: 'supervisor' },
      { username: 'wes', role: 'worker' },
    ],
  },
  { slug: 'globex', name: 'Globex Labelling', owner: 'oscar', members: [{ username: 'wendy', role: 'worker' }] },
]

/**
 * Invitations of the default seed: one pending into each organisation.
 *
 * @example
 * const withoutSeedInvitations = createCvatEmulator({ defaultSeed: false, users: DEFAULT_USERS, organizations: DEFAULT_ORGANIZATIONS })
 */
export const DEFAULT_INVITATIONS: ReadonlyArray<InvitationSeed> = [
  { org: 'acme', owner: 'olga', invitee: 'ivy', role: 'worker' },
  { org: 'globex', owner: 'oscar', invitee: 'sam', role: 'supervisor' },
]
