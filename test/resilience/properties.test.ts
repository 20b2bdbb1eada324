// Property tests over arbitrary input: statuses, headers and bodies; keys; secrets.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { pipe } from 'fp-ts/function'
import type * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import {
  type Client,
  type CvatError,
  basicAuth,
  bearerAuth,
  createClient,
  formatError,
  invitationsAccept,
  invitationsCreate,
  invitationsDecline,
  invitationsDestroy,
  invitationsList,
  invitationsPartialUpdate,
  invitationsResend,
  invitationsRetrieve,
  sessionAuth,
  signatureAuth,
  tokenAuth,
} from '../../src/index'

type Endpoint = readonly [name: string, call: (c: Client, key: string) => TE.TaskEither<CvatError, unknown>, action: string, isVoid: boolean]

const endpoints: ReadonlyArray<Endpoint> = [
  ['create', (c) => invitationsCreate(c, { org: 'o', invitationWriteRequest: { role: 'worker', email: 'a@b.co' } }), '', false],
  ['list', (c) => invitationsList(c, { org: 'o' }), '', false],
  ['retrieve', (c, key) => invitationsRetrieve(c, { key }), '', false],
  ['partialUpdate', (c, key) => invitationsPartialUpdate(c, { key }), '', false],
  ['destroy', (c, key) => invitationsDestroy(c, { key }), '', true],
  ['accept', (c, key) => invitationsAccept(c, { key }), '/accept', false],
  ['decline', (c, key) => invitationsDecline(c, { key }), '/decline', true],
  ['resend', (c, key) => invitationsResend(c, { key }), '/resend', true],
]

// A Response-like object: the real Response constructor refuses 1xx statuses and some bodies,
// while a custom fetch (or a proxy) can hand the client anything.
const fakeResponse = (status: number, headers: Record<string, string>, body: Uint8Array) =>
  ({
    status,
    statusText: '',
    headers: new Headers(headers),
    text: async () => new TextDecoder().decode(body),
  }) as unknown as Response

const headerName = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/)
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/).map((s) => s.trim())

describe('arbitrary responses', () => {
  it.each(endpoints)('%s resolves to an Either consistent with the status, never rejecting', async (_name, call, _action, isVoid) => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 599 }),
        fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
        fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.json().map((j) => new TextEncoder().encode(j))),
        async (status, headers, body) => {
          const client = createClient({ fetch: async () => fakeResponse(status, headers, body) })
          const r = await call(client, 'k')().catch((e) => ({ rejected: e }))
          expect('rejected' in r).toBe(false)
          const result = r as E.Either<CvatError, unknown>
          if (status >= 200 && status < 300) {
            if (isVoid) expect(result).toEqual(E.right(undefined))
            else expect(E.isRight(result) || result.left._tag === 'DecodeError').toBe(true)
          } else {
            expect(E.isLeft(result) && result.left._tag === 'StatusError' && result.left.status).toBe(status)
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('arbitrary keys', () => {
  const key = fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
    fc.constantFrom('a/b', '../x', '?', '#', '%', '%2F', '..%2F', 'a b', 'ключ', '🔑/🔑', '.a', 'a.'),
  )

  it.each(endpoints.filter(([name]) => name !== 'create' && name !== 'list'))('%s keeps the key one path segment that decodes back', async (_name, call, action) => {
    await fc.assert(
      fc.asyncProperty(key, async (k) => {
        const seen: string[] = []
        const client = createClient({ baseUrl: 'https://cvat.example', fetch: async (input) => (seen.push(String(input)), new Response(null, { status: 204 })) })
        const r = await call(client, k)()
        if (k === '.' || k === '..') {
          expect(seen).toEqual([])
          expect(E.isLeft(r) && r.left._tag).toBe('RequestError')
          return
        }
        expect(seen.length).toBe(1)
        const url = new URL(seen[0]!)
        expect(url.origin).toBe('https://cvat.example')
        const m = /^\/api\/invitations\/([^/]+)(\/[a-z]+)?$/.exec(url.pathname)
        expect(m).not.toBeNull()
        expect(decodeURIComponent(m![1]!)).toBe(k)
        expect(m![2] ?? '').toBe(action)
        expect(url.search).toBe('')
        expect(url.hash).toBe('')
      }),
      { numRuns: 200 },
    )
  })
})

describe('arbitrary secrets', () => {
  const secret = fc.string({ minLength: 8, maxLength: 40 }).filter((s) => s.trim().length >= 8)
  const replies: ReadonlyArray<[string, (url: string, init?: RequestInit) => Promise<Response>]> = [
    ['status', async () => new Response('{"detail":"Invalid token."}', { status: 401 })],
    ['decode', async () => new Response('nope', { status: 200 })],
    ['transport quoting the request', async (url, init) => Promise.reject(new TypeError(`failed ${url} ${JSON.stringify(init?.headers)}`))],
  ]

  it('never appear in JSON.stringify(error) or formatError(error), for any scheme and failure', async () => {
    await fc.assert(
      fc.asyncProperty(secret, fc.constantFrom(0, 1, 2, 3, 4), fc.constantFrom(...replies), async (s, scheme, [, reply]) => {
        const auth = [tokenAuth(s), bearerAuth(s), basicAuth({ username: 'user', password: s }), sessionAuth({ sessionId: s, csrfToken: s }), signatureAuth(s)][scheme]!
        const client = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: (i, init) => reply(String(i), init) }), auth)
        const r = await invitationsList(client, { org: 'o' })()
        expect(E.isLeft(r)).toBe(true)
        if (E.isRight(r)) return
        const secrets = scheme === 2 ? [s, btoa(String.fromCharCode(...new TextEncoder().encode(`user:${s}`)))] : [s]
        for (const x of secrets) {
          expect(JSON.stringify(r.left)).not.toContain(x)
          expect(formatError(r.left)).not.toContain(x)
        }
      }),
      { numRuns: 300 },
    )
  })
})
