/**
 * What every handler is given: the state, the request, the caller, the organisation context and
 * the server's settings.
 */
import type { OrgContext } from './context'
import type { Or } from './http'
import type { DataConfig } from './engine/data/state'
import type { EmulatedAccessToken, EmulatedUser, EmulatorState } from './model'

/**
 * Names the server generation the emulator reproduces.
 *
 * @example
 * const old = createCvatEmulator({ serverVersion: '2.26' satisfies ServerVersion })
 */
export type ServerVersion = '2.26' | '2.73'

/** Server settings, with CVAT's defaults filled in. */
export interface EmulatorConfig {
  readonly serverVersion: ServerVersion
  readonly now: () => number
  /** ORG_INVITATION_EXPIRY_DAYS (cvat/settings/base.py, default 7). */
  readonly expiryDays: number
  /** ORG_INVITATION_CONFIRM: when false, registered users are added at once without an e-mail. */
  readonly confirmInvitations: boolean
  /** When false, creating or resending answers 500 "Email backend is not configured." */
  readonly emailBackend: boolean
  readonly resendLimit: number
  readonly resendWindowMs: number
  /** MAX_ACCESS_TOKENS_PER_USER (cvat/apps/access_tokens/default_settings.py, 50; -1 = no limit). */
  readonly maxAccessTokens: number
  /** AnonRateThrottle: anonymous requests per minute (cvat/settings/base.py, 100/minute). */
  readonly anonRateLimit: number
  readonly random: () => number
  /** The password of every fixture user (CVAT's tests use `!Q@W#E$R`). */
  readonly password: string
  /** Largest request body accepted, in bytes (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB in Django). */
  readonly maxBodyBytes: number
  /** Uploads, media, background requests (engine/data/state.ts); CVAT's defaults when absent. */
  readonly data?: DataConfig
}

/** Who is calling, and how they proved it. */
export interface Caller {
  readonly user: EmulatedUser
  readonly via: 'token' | 'bearer' | 'signature' | 'session' | 'basic'
  /** The access token used, for `Authorization: Bearer`. */
  readonly accessToken?: EmulatedAccessToken
  readonly sessionId?: string
}

/** One request in context. */
export interface Env {
  readonly s: EmulatorState
  readonly config: EmulatorConfig
  readonly req: Request
  readonly url: URL
  readonly origin: string
  /** `undefined` for an anonymous request. */
  readonly caller: Caller | undefined
  readonly ctx: OrgContext
  readonly now: number
  /** The parsed JSON body (`undefined` when there was none), or why it could not be parsed. */
  readonly body: Or<unknown>
}

/** An authenticated request. */
export type AuthedEnv = Env & { readonly caller: Caller; readonly user: EmulatedUser }
