// A runtime with no global fetch and no fallback (the ESM build's case on an old runtime): every
// request is a TransportError that says what to do, never a throw.
import * as E from 'fp-ts/Either'
import { afterEach, expect, it, vi } from 'vitest'
import { createClient } from '../../src/http/client'
import { request } from '../../src/http/request'

vi.mock('../../src/http/fallbackFetch', () => ({ fallbackFetch: () => Promise.resolve(undefined) }))

afterEach(() => {
  vi.unstubAllGlobals()
})

it('no global fetch and no fallback: a TransportError asking for createClient({ fetch })', async () => {
  vi.stubGlobal('fetch', undefined)
  expect(await createClient({ baseUrl: 'https://h' })(request('GET', '/x'))()).toEqual(
    E.left({ _tag: 'TransportError', method: 'GET', url: 'https://h/x', message: 'no fetch is available: pass createClient({ fetch })' }),
  )
})
