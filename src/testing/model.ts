/**
 * The emulator's data: users, organisations, memberships and invitations, as CVAT stores them.
 * An invitation is a pending membership plus a key; "accepted" means the membership is active.
 */
import type { RoleEnum } from '../codecs/common'

/** A user with every credential the emulator accepts for them. */
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

/** An organisation. */
export interface EmulatedOrganization {
  readonly id: number
  readonly slug: string
  readonly name: string
  readonly ownerId: number
}

/** A membership; inactive while its invitation is pending. */
export interface EmulatedMembership {
  readonly id: number
  readonly userId: number
  readonly orgId: number
  readonly role: RoleEnum
  isActive: boolean
}

/** An invitation: a key pointing at a membership. Times are epoch milliseconds. */
export interface EmulatedInvitation {
  readonly key: string
  readonly membershipId: number
  /** The inviter; `null` once that user is deleted. */
  ownerId: number | null
  readonly createdDate: number
  /** When the e-mail was last sent; `null` if never. */
  sentDate: number | null
}

/** The whole server state (mutable: it is a server). */
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

/** What a test may say about a user; the emulator derives the rest. */
export interface UserSeed {
  readonly username: string
  readonly email?: string
  readonly firstName?: string
  readonly lastName?: string
  readonly isAdmin?: boolean
  readonly password?: string
}

/** An organisation, its owner, and its members by username. */
export interface OrganizationSeed {
  readonly slug: string
  readonly name?: string
  readonly owner: string
  readonly members?: ReadonlyArray<{ readonly username: string; readonly role: Exclude<RoleEnum, 'owner'> }>
}

/** An invitation to create at start-up. */
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

/** Derives deterministic credentials from a username, so tests and docs can name them. */
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
