// Starts the emulator on a free 127.0.0.1 port and builds clients acting as its users.
import { pipe } from 'fp-ts/function'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { afterAll, beforeAll } from 'vitest'
import { type Client, type CvatError, basicAuth, bearerAuth, createClient, sessionAuth, tokenAuth } from '../../src/index'
import { type CvatEmulator, type CvatEmulatorOptions, createCvatEmulator } from '../../src/testing'
import { type ServedEmulator, serveCvatEmulator } from '../../src/testing/node'

export type Scheme = 'token' | 'bearer' | 'basic' | 'session'

export interface Live {
  emulator: CvatEmulator
  served: ServedEmulator
  as: (username: string, scheme?: Scheme) => Client
  anonymous: () => Client
}

/** Serves a fresh emulator for the enclosing describe block. */
export const useEmulator = (options: CvatEmulatorOptions = {}): Live => {
  const live = {} as Live
  beforeAll(async () => {
    live.emulator = createCvatEmulator(options)
    live.served = await serveCvatEmulator(live.emulator)
    live.anonymous = () => createClient({ baseUrl: live.served.url })
    live.as = (username, scheme = 'token') => {
      const c = live.emulator.credentials(username)
      const auth =
        scheme === 'token'
          ? tokenAuth(c.token)
          : scheme === 'bearer'
            ? bearerAuth(c.accessToken)
            : scheme === 'basic'
              ? basicAuth({ username, password: c.password })
              : sessionAuth({ sessionId: c.sessionId, csrfToken: c.csrfToken })
      return pipe(live.anonymous(), auth)
    }
  })
  afterAll(async () => {
    await live.served?.close()
  })
  return live
}


/** Runs a task and returns the Right, failing the test with the formatted error otherwise. */
export const right = async <A>(task: TE.TaskEither<CvatError, A>): Promise<A> => {
  const r = await task()
  if (E.isLeft(r)) throw new Error(`expected Right, got ${JSON.stringify(r.left)}`)
  return r.right
}

/** Runs a task and returns the Left. */
export const left = async <A>(task: TE.TaskEither<CvatError, A>): Promise<CvatError> => {
  const r = await task()
  if (E.isRight(r)) throw new Error(`expected Left, got ${JSON.stringify(r.right)}`)
  return r.left
}

/** The status and body of a StatusError, for whole-value comparison. */
export const statusOf = (e: CvatError) =>
  e._tag === 'StatusError' ? { status: e.status, body: e.body, ...(e.retryAfter === undefined ? {} : { retryAfter: e.retryAfter }) } : e
