/**
 * The emulator's data, as CVAT's tables hold it: users (with IAM groups), auth tokens, sessions,
 * personal access tokens, organisations, memberships and invitations. An invitation is a
 * pending membership plus a key; "accepted" means the membership is active.
 */
import type { RoleEnum } from '../generated/models/RoleEnum'
import { type EngineState, emptyEngine } from './engine/model'

/**
 * Names CVAT's IAM groups, highest first (cvat/apps/iam/rules/utils.rego get_priority).
 *
 * @example
 * const reviewer: UserSeed = { username: 'rita', groups: ['worker'] satisfies ReadonlyArray<Group> }
 */
export type Group = 'admin' | 'user' | 'worker'

/**
 * Stores a user as `django.contrib.auth` does, with CVAT's IAM groups.
 *
 * @example
 * const admins = (s: EmulatorState): ReadonlyArray<EmulatedUser> => s.users.filter((u) => u.groups.includes('admin'))
 */
export interface EmulatedUser {
  readonly id: number
  username: string
  email: string
  firstName: string
  lastName: string
  groups: Group[]
  isStaff: boolean
  isSuperuser: boolean
  isActive: boolean
  password: string
  readonly dateJoined: number
  lastLogin: number | null
  /** Profile.has_analytics_access (cvat/apps/engine/models.py; admins get it, engine/signals.py). */
  hasAnalyticsAccess: boolean
  /** CVAT's dummy user, made by an invitation to an unknown e-mail: cannot log in. */
  isPlaceholder: boolean
}

/**
 * Stores an organisation (cvat/apps/organizations/models.py Organization).
 *
 * @example
 * const slugs = (s: EmulatorState): ReadonlyArray<EmulatedOrganization['slug']> => s.organizations.map((o) => o.slug)
 */
export interface EmulatedOrganization {
  readonly id: number
  slug: string
  name: string
  description: string
  contact: unknown
  /** `null` once the owner is deleted (on_delete=SET_NULL). */
  ownerId: number | null
  readonly createdDate: number
  updatedDate: number
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
  role: RoleEnum
  isActive: boolean
  joinedDate: number | null
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
 * Stores a personal access token (CVAT 2.48+, cvat/apps/access_tokens/models.py).
 *
 * @example
 * const usable = (s: EmulatorState) => s.accessTokens.filter((t) => !t.revoked)
 */
export interface EmulatedAccessToken {
  readonly id: number
  readonly ownerId: number
  /** The raw value sent as `Authorization: Bearer <value>`. */
  readonly value: string
  name: string
  readOnly: boolean
  expiryDate: number | null
  readonly createdDate: number
  updatedDate: number
  lastUsedDate: number | null
  revoked: boolean
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
  readonly accessTokens: EmulatedAccessToken[]
  /** DRF auth tokens (rest_framework.authtoken): key → user id, at most one per user. */
  readonly tokens: Map<string, number>
  /** Django sessions: session id → user and CSRF secret. */
  readonly sessions: Map<string, { readonly userId: number; readonly csrfToken: string }>
  /** Request times per throttle key (`anon`, `resend:<user id>`). */
  readonly throttles: Map<string, number[]>
  /** Signatures minted by `POST /api/auth/signing` (2.26). */
  readonly signatures: Map<string, { readonly userId: number; readonly url: string; readonly expires: number }>
  /** The last id given out, per table. */
  readonly ids: { user: number; org: number; membership: number; accessToken: number }
  /** Projects, tasks, data, jobs, labels, annotations, issues and comments (cvat/apps/engine). */
  readonly engine: EngineState
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
  // Django's CSRF secret is 32 letters and digits (django/middleware/csrf.py): `csrf<name>`, padded.
  csrfToken: `csrf${username.replace(/[^A-Za-z0-9]/g, 'x')}`.padEnd(32, '0').slice(0, 32),
})

/** An empty server. */
export const emptyState = (): EmulatorState => ({
  users: [],
  organizations: [],
  memberships: [],
  invitations: [],
  accessTokens: [],
  tokens: new Map(),
  sessions: new Map(),
  throttles: new Map(),
  signatures: new Map(),
  ids: { user: 0, org: 0, membership: 0, accessToken: 0 },
  engine: emptyEngine(),
})

/** Finds a user by username or, case-insensitively, by e-mail. */
export const findUser = (s: EmulatorState, nameOrEmail: string): EmulatedUser | undefined =>
  s.users.find((u) => u.username === nameOrEmail) ?? s.users.find((u) => u.email.toLowerCase() === nameOrEmail.toLowerCase())

/** Finds a user by id. */
export const userById = (s: EmulatorState, id: number | null): EmulatedUser | undefined =>
  id === null ? undefined : s.users.find((u) => u.id === id)

/** Finds an organisation by slug. */
export const findOrg = (s: EmulatorState, slug: string): EmulatedOrganization | undefined =>
  s.organizations.find((o) => o.slug === slug)

/** The caller's membership in an organisation, active or not. */
export const membershipOf = (s: EmulatorState, userId: number, orgId: number): EmulatedMembership | undefined =>
  s.memberships.find((m) => m.userId === userId && m.orgId === orgId)

/** The caller's *active* role in an organisation (cvat/apps/iam/permissions.py get_membership filters is_active). */
export const activeRole = (s: EmulatorState, userId: number, orgId: number): RoleEnum | undefined => {
  const m = membershipOf(s, userId, orgId)
  return m?.isActive ? m.role : undefined
}

/** The invitation whose membership this is. */
export const invitationOf = (s: EmulatorState, membershipId: number): EmulatedInvitation | undefined =>
  s.invitations.find((i) => i.membershipId === membershipId)
