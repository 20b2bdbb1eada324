/**
 * What every handler is given: the state, the request, the caller, the organisation context and
 * the server's settings.
 */
import type { OrgContext } from './context'
import type { EmulatedUser, EmulatorState } from './model'

/** Server settings, with CVAT's defaults filled in. */
export interface EmulatorConfig {
  readonly now: () => number
  readonly expiryDays: number
  /** When false, registered users are added at once without an e-mail. */
  readonly confirmInvitations: boolean
  /** When false, creating or resending answers 500 "Email backend is not configured." */
  readonly emailBackend: boolean
  readonly resendLimit: number
  readonly resendWindowMs: number
  readonly random: () => number
}

/** One request in context. */
export interface Env {
  readonly s: EmulatorState
  readonly config: EmulatorConfig
  readonly req: Request
  readonly url: URL
  readonly origin: string
  readonly user: EmulatedUser
  readonly ctx: OrgContext
  readonly now: number
  /** The parsed JSON body (`undefined` when there was none). */
  readonly body: unknown
}
