/**
 * The emulator's data: users, organisations, memberships and invitations, as CVAT stores them.
 * An invitation is a pending membership plus a key; "accepted" means the membership is active.
 */
import type { RoleEnum } from '../codecs/common'

/**
 * Stores a user with every credential the emulator accepts for them.
 *
 * @example
 * const admins = (s: EmulatorState): ReadonlyArray<EmulatedUser> => s.users.filter((u) => u.isAdmin)
 */
export interface EmulatedUser {
  readonly id: number
  readonly username: string
  readonly email: string
  readonly firstName: string
  readonly lastName: string
  readonly isAdmin: boolean
  /** Created by an invitation to an unknown e-mail; cannot log in. */
  readonly isPlaceholder: boolean
  readonly password: string
  /** For `Authorization: Token`. */
  readonly token: string
  /** A personal access token, for `Authorization: Bearer`. */
  readonly accessToken: string
  readonly sessionId: string
  readonly csrfToken: string
}

/**
 * Stores an organisation.
 *
 * @example
 * const slugs = (s: EmulatorState): ReadonlyArray<EmulatedOrganization['slug']> => s.organizations.map((o) => o.slug)
 */
export interface EmulatedOrganization {
  readonly id: number
  readonly slug: string
  readonly name: string
  readonly ownerId: number
}

/**
 * Stores a membership, inactive while its invitation is pending.
 *
 * @example
 * const pending = (s: EmulatorState): ReadonlyArray<EmulatedMembership> => s.memberships.filter((m) => !m.isActive)
 */
export interface EmulatedMembership {
  readonly id: number
  readonly userId: number
  readonly orgId: number
  readonly role: RoleEnum
  isActive: boolean
}

/**
 * Stores an invitation: a key pointing at a membership (times in epoch milliseconds).
 *
 * @example
 * const neverSent = (s: EmulatorState): ReadonlyArray<EmulatedInvitation> => s.invitations.filter((i) => i.sentDate === null)
 */
export interface EmulatedInvitation {
  readonly key: string
  readonly membershipId: number
  /** The inviter; `null` once that user is deleted. */
  ownerId: number | null
  readonly createdDate: number
  /** When the e-mail was last sent; `null` if never. */
  sentDate: number | null
}

/**
 * Holds the whole server state (mutable: it is a server).
 *
 * @example
 * const state: EmulatorState = createCvatEmulator().state
 */
export interface EmulatorState {
  readonly users: EmulatedUser[]
  readonly organizations: EmulatedOrganization[]
  readonly memberships: EmulatedMembership[]
  readonly invitations: EmulatedInvitation[]
  /** Resend times per user, for throttling. */
  readonly resends: Map<number, number[]>
  /** Signatures minted by `POST /api/auth/signing`. */
  readonly signatures: Map<string, { readonly userId: number; readonly url: string; readonly expires: number }>
  /** The last id given out, per table. */
  readonly ids: { user: number; org: number; membership: number }
}

/**
 * Describes a user to seed; the emulator derives the rest.
 *
 * @example
 * const zoe: UserSeed = { username: 'zoe', email: 'zoe@lab.test', isAdmin: true }
 */
export interface UserSeed {
  readonly username: string
  readonly email?: string
  readonly firstName?: string
  readonly lastName?: string
  readonly isAdmin?: boolean
  readonly password?: string
}

/**
 * Describes an organisation, its owner, and its members by username.
 *
 * @example
 * const lab: OrganizationSeed = { slug: 'lab', owner: 'zoe', members: [{ username: 'otto', role: 'worker' }] }
 */
export interface OrganizationSeed {
  readonly slug: string
  readonly name?: string
  readonly owner: string
  readonly members?: ReadonlyArray<{ readonly username: string; readonly role: Exclude<RoleEnum, 'owner'> }>
}

/**
 * Describes an invitation to create at start-up.
 *
 * @example
 * const old: InvitationSeed = { org: 'acme', owner: 'olga', invitee: 'new@example.com', role: 'worker', sentDate: Date.parse('2020-01-01') }
 */
export interface InvitationSeed {
  readonly org: string
  readonly owner: string | null
  /** A username, or an e-mail (an unknown one makes a placeholder user). */
  readonly invitee: string
  readonly role: RoleEnum
  readonly key?: string
  readonly accepted?: boolean
  /** Epoch ms; default: the emulator's clock. */
  readonly createdDate?: number
  /** Epoch ms or null (never e-mailed); default: `createdDate`. */
  readonly sentDate?: number | null
}

/**
 * Derives deterministic credentials from a username, so tests and docs can name them.
 *
 * @example
 * credentialsOf('olga').token // 'token-olga'
 */
export const credentialsOf = (username: string) => ({
  password: `${username}-password`,
  token: `token-${username}`,
  accessToken: `pat-${username}`,
  sessionId: `session-${username}`,
  csrfToken: `csrf-${username}`,
})

/** Finds a user by username or, case-insensitively, by e-mail. */
export const findUser = (s: EmulatorState, nameOrEmail: string): EmulatedUser | undefined =>
  s.users.find((u) => u.username === nameOrEmail) ??
  s.users.find((u) => u.email.toLowerCase() === nameOrEmail.toLowerCase())

/** Finds an organisation by slug. */
export const findOrg = (s: EmulatorState, slug: string): EmulatedOrganization | undefined =>
  s.organizations.find((o) => o.slug === slug)

/** The caller's active role in an organisation, if any. */
export const activeRole = (s: EmulatorState, userId: number, orgId: number): RoleEnum | undefined =>
  s.memberships.find((m) => m.userId === userId && m.orgId === orgId && m.isActive)?.role
