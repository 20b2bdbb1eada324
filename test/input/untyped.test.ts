// Issue 10 §1: callers that pass anything JavaScript allows. Every exported endpoint and helper
// answers with an Either (never a rejection, never a throw) and sends nothing for a RequestError.
// The property runs over every export whose name says it is an endpoint, so an endpoint added
// later is covered the day it is exported.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as api from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'
import { LONE, hostile, hostileParams, throwingGetter, throwingProxy, throwingToString } from './hostile'

const emptyPage = { count: 0, next: null, previous: null, results: [] }
const setup = () => {
  const rec = recordingFetch(() => jsonResponse(200, emptyPage))
  return { ...rec, client: api.createClient({ baseUrl: 'http://cvat.test', fetch: rec.fetch }) }
}

const refused = (method: string, url: string, message: string) => E.left({ _tag: 'RequestError', method, url, message })

// An untyped call: the parameters' types are what TypeScript cannot guarantee.
type Untyped = (...args: ReadonlyArray<unknown>) => unknown
const untyped = (f: unknown): Untyped => f as Untyped

describe('untyped callers get a RequestError with nothing sent', () => {
  it.each([
    ['invitationsList(c, null)', (c: api.Client) => untyped(api.invitationsList)(c, null), 'GET', '/api/invitations', 'params must be a readable object'],
    ['invitationsCreate(c, null)', (c: api.Client) => untyped(api.invitationsCreate)(c, null), 'POST', '/api/invitations', 'params must be a readable object'],
    ['invitationsRetrieve(c, 7)', (c: api.Client) => untyped(api.invitationsRetrieve)(c, 7), 'GET', '/api/invitations/{key}', 'params must be a readable object'],
    ['invitationsListAll(c, {}, null)', (c: api.Client) => untyped(api.invitationsListAll)(c, {}, null), 'GET', '/api/invitations', 'options must be an object, got null'],
    ['invitationsList(c, { search: lone surrogate })', (c: api.Client) => api.invitationsList(c, { search: LONE }), 'GET', '/api/invitations', 'search must be well-formed text, a finite number or a boolean'],
    ['invitationsList(c, { org: lone surrogate })', (c: api.Client) => api.invitationsList(c, { org: LONE }), 'GET', '/api/invitations', 'org must be well-formed text, a finite number or a boolean'],
    ['invitationsRetrieve(c, { key: lone surrogate })', (c: api.Client) => api.invitationsRetrieve(c, { key: LONE }), 'GET', '/api/invitations/{key}', 'key must be well-formed text'],
    ['invitationsList(c, { filter: object })', (c: api.Client) => untyped(api.invitationsList)(c, { filter: throwingToString() }), 'GET', '/api/invitations', 'filter must be well-formed text, a finite number or a boolean'],
    ['invitationsList(c, { orgId: toString throws })', (c: api.Client) => untyped(api.invitationsList)(c, { orgId: throwingToString() }), 'GET', '/api/invitations', 'params must be a readable object'],
    ['invitationsList(c, Proxy)', (c: api.Client) => untyped(api.invitationsList)(c, throwingProxy()), 'GET', '/api/invitations', 'params must be a readable object'],
    ['invitationsRetrieve(c, { get key() throws })', (c: api.Client) => untyped(api.invitationsRetrieve)(c, throwingGetter('key')), 'GET', '/api/invitations/{key}', 'params must be a readable object'],
    [
      'invitationsCreate(c, body with a throwing getter)',
      (c: api.Client) => untyped(api.invitationsCreate)(c, { invitationWriteRequest: { role: 'worker', get email() { throw new Error('x') } } }),
      'POST',
      '/api/invitations',
      'params must be a readable object',
    ],
  ])('%s', async (_name, call, method, url, message) => {
    const { client, sent } = setup()
    const result = await (call(client) as () => Promise<unknown>)()
    expect(result).toEqual(refused(method, url, message))
    expect(sent).toEqual([])
  })
})

// Every export that is an endpoint or a pagination helper, called as (client, ...anything).
const endpointNames = Object.keys(api).filter((n) => /^(invitations|users|organizations|memberships|auth)[A-Z]/.test(n) || n === 'listAll' || n === 'pages' || n === 'login')
const isEither = (u: unknown): boolean => typeof u === 'object' && u !== null && ((u as { _tag?: unknown })._tag === 'Left' || (u as { _tag?: unknown })._tag === 'Right')

// Runs whatever an export returns: a Task, or an async iterable of Eithers (read at most 5).
const settle = async (out: unknown): Promise<ReadonlyArray<unknown>> => {
  if (typeof out === 'function') return [await (out as () => Promise<unknown>)()]
  const items: unknown[] = []
  for await (const item of out as AsyncIterable<unknown>) if (items.push(item) >= 5) break
  return items
}

describe('property: every endpoint over fc.anything() params, options and bodies', () => {
  it('covers every endpoint export', () => {
    expect(endpointNames.length).toBeGreaterThanOrEqual(10)
  })

  it.each(endpointNames)('%s never throws or rejects; a RequestError sends nothing', async (name) => {
    const fn = untyped((api as Record<string, unknown>)[name])
    // listAll and pages take the list function first; the rest take (client, params, options?).
    const generic = name === 'listAll' || name === 'pages'
    await fc.assert(
      fc.asyncProperty(hostileParams, hostile, async (makeParams, makeOptions) => {
        const { client, sent } = setup()
        const [params, options] = [makeParams(), makeOptions()]
        const out = generic ? fn(api.invitationsList, client, params, options) : fn(client, params, options)
        const results = await settle(out)
        expect(results.length).toBeGreaterThan(0)
        for (const r of results) {
          expect(isEither(r)).toBe(true)
          if (E.isLeft(r as E.Either<api.CvatError, unknown>) && (r as E.Left<api.CvatError>).left._tag === 'RequestError') expect(sent).toEqual([])
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('property: middleware over fc.anything() options', () => {
  const middlewares: ReadonlyArray<readonly [string, (o: unknown) => api.Middleware]> = [
    ['retry', (o) => untyped(api.retry)(o) as api.Middleware],
    ['timeout', (o) => untyped(api.timeout)(o) as api.Middleware],
    ['withSignal', (o) => untyped(api.withSignal)(o) as api.Middleware],
    ['organization', (o) => untyped(api.organization)(o) as api.Middleware],
  ]
  it.each(middlewares)('%s(anything) never throws or rejects; a RequestError sends nothing', async (_name, make) => {
    await fc.assert(
      fc.asyncProperty(hostile, async (makeOption) => {
        const { client, sent } = setup()
        const r = await api.invitationsList(make(makeOption())(client), { org: 'acme' })()
        expect(isEither(r)).toBe(true)
        if (E.isLeft(r) && r.left._tag === 'RequestError') expect(sent).toEqual([])
      }),
      { numRuns: 300 },
    )
  })
})
