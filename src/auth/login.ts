import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { guard } from '../endpoint/params'
import { type CvatError, requestError } from '../errors'
import { tokenAuth } from '../middleware/auth'
import { authCreateLogin } from '../generated/auth/authCreateLogin'

/**
 * Names who logs in: a username or an e-mail address, and the password.
 *
 * @example
 * const credentials: LoginCredentials = { email: 'ann@example.com', password: 's3cret' }
 */
export type LoginCredentials = (
  | { readonly username: string; readonly email?: string }
  | { readonly email: string; readonly username?: string }
) & { readonly password: string }

/**
 * POST /api/auth/login (then every request) — Logs in and answers the same client authenticated with the returned token (`tokenAuth`).
 *
 * Servers: CVAT ≥ 2.26 (every supported version). A wrong password is a `StatusError` carrying CVAT's message, never the
 * password. Pass a client without credentials of its own; `authCreateLogout` ends the session.
 *
 * @example
 * const program = pipe(
 *   login(createClient({ baseUrl: 'https://app.cvat.ai' }), { username: 'ann', password: 's3cret' }),
 *   TE.flatMap((ann) => organizationsList(ann)),
 * )
 */
export const login = (client: Client, credentials: LoginCredentials): TaskEither<CvatError, Client> =>
  // `guard` turns credentials whose getters or Proxy traps throw into a RequestError; missing
  // ones get login's own message below.
  guard('POST', '/api/auth/login', credentials ?? {}, () => {
    const c: Partial<Record<'username' | 'email', unknown>> | undefined = credentials ?? undefined
    // CVAT would answer 400 too; refusing here keeps a typo from costing a throttled round trip.
    if (typeof c?.username !== 'string' && typeof c?.email !== 'string')
      return () => Promise.resolve(E.left(requestError('POST', '/api/auth/login', 'login needs a username or an email, and a password')))
    // One promise step, not TE.map: see the note in endpoint/send.ts on fp-ts/TaskEither's cost.
    return () =>
      authCreateLogin(client, { loginSerializerExRequest: credentials })().then((token) =>
        E.isLeft(token) ? token : E.right(tokenAuth(token.right.key)(client)),
      )
  })
