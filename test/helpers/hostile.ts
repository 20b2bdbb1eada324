// What the hostile suites share: scripted servers closed after each test, the Left of a result,
// and every way a user may print an error (where a leaked credential would show).
import { inspect } from 'node:util'
import * as E from 'fp-ts/Either'
import { afterEach, expect } from 'vitest'
import { type CvatError, formatError } from '../../src/index'
import { type Handler, type Scripted, scriptedServer } from './server'

/** Starts scripted servers on 127.0.0.1 for a suite, each closed after its test. */
export const useScriptedServers = (): ((...script: Handler[]) => Promise<Scripted>) => {
  let servers: Scripted[] = []
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()))
    servers = []
  })
  return async (...script) => {
    const s = await scriptedServer(script)
    servers.push(s)
    return s
  }
}

/** The error of a result that must be a Left. */
export const leftOf = <A>(r: E.Either<CvatError, A>): CvatError => {
  if (E.isRight(r)) expect.fail('expected a Left')
  return r.left
}

/** Every way a user may print an error: JSON, util.inspect, formatError. */
export const printed = (e: CvatError): string => [JSON.stringify(e), inspect(e, { depth: null }), formatError(e)].join('\n')
