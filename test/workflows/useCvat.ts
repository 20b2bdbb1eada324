// Scripted CVATs for a suite (test/workflows/cvatServer.ts), each closed after its test.
import { afterEach } from 'vitest'
import { createClient, tokenAuth } from '../../src/index'
import { type Options, cvatServer } from './cvatServer'

/**
 * Starts scripted CVATs for a suite, each closed after its test, with a client authenticated by
 * token; `track` closes any other server after the test too.
 */
export const useCvat = () => {
  let open: Array<{ close: () => Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(open.map((s) => s.close()))
    open = []
  })
  const track = <S extends { close: () => Promise<void> }>(s: S): S => (open.push(s), s)
  const start = async (o: Options = {}) => {
    const s = track(await cvatServer(o))
    return { s, cvat: tokenAuth('tok3n')(createClient({ baseUrl: s.url })) }
  }
  return { start, track }
}
