// `prism mock -d` serving each org-admin schema (2.26.2 and 2.73.0): Prism invents every response
// from CVAT's schema (random values, nulls where nullable, extra properties, optional fields
// present or not). Every operation of both files, called with every parameter it declares and
// with only the required ones, must decode each of its generated responses to a Right. Prism also
// validates each request against the schema (422 otherwise), so each Right is a valid request too.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as api from '../../src/index'
import { hasShared, sharedDir, skipReason } from '../helpers/shared'
import { FILES, type SchemaOperation, camel, expectedOf, operations } from './operations'
import { type Prism, startPrism } from './prism'

const CALLS = 50

type Endpoint = (client: api.Client, params?: unknown) => () => Promise<E.Either<api.CvatError, unknown>>
const exported = api as unknown as Record<string, Endpoint>

// Prism enforces each operation's security: Basic satisfies one alternative of almost every
// operation; `access_tokens/self` takes only a personal access token, `auth/rules` only anonymity.
const clientFor = (url: string, o: SchemaOperation): api.Client => {
  const client = api.createClient({ baseUrl: url })
  const schemes = o.op.security ?? []
  return schemes.some((s) => 'basicAuth' in s)
    ? pipe(client, api.basicAuth({ username: 'u', password: 'p' }))
    : schemes.some((s) => 'accessTokenAuth' in s)
      ? pipe(client, api.bearerAuth('personal-access-token'))
      : client
}

describe.skipIf(!hasShared)(`prism mock -d, org-admin schemas ${skipReason}`, () => {
  const prisms = new Map<string, Prism>()

  beforeAll(async () => {
    const started = await Promise.all(FILES.map((f) => startPrism(['mock', '-d', `${sharedDir}/${f}`])))
    FILES.forEach((f, i) => prisms.set(f, started[i]!))
  }, 120_000)

  afterAll(async () => {
    await Promise.all([...prisms.values()].map((p) => p.stop()))
  })

  it('Prism refuses a request the schema forbids (so the runs below validate ours)', async () => {
    const client = pipe(api.createClient({ baseUrl: prisms.get(FILES[1])!.url }), api.basicAuth({ username: 'u', password: 'p' }))
    const statuses = await Promise.all(
      [
        api.withQuery([['is_active', 'maybe']])(api.request('GET', '/api/users')),
        api.withJsonBody({ role: 'boss' })(api.request('PATCH', '/api/memberships/3')),
        api.withJsonBody({ name: 'ci', read_only: 'yes' })(api.request('POST', '/api/auth/access_tokens')),
      ].map(async (req) => {
        const r = await client(req)()
        return E.isRight(r) ? r.right.status : r.left._tag
      }),
    )
    expect(statuses).toEqual([422, 422, 422])
  })

  it.each(operations.map((o) => [`${o.file} ${o.op.operationId}`, o] as const))(`${CALLS} dynamic responses of %s all decode`, async (_name, o) => {
    const client = clientFor(prisms.get(o.file)!.url, o)
    // In turn: every parameter (the organisation by slug), every parameter (by id), only the required ones.
    const params = [expectedOf(o.doc, o.path, o.method, o.op, 'every').params, expectedOf(o.doc, o.path, o.method, o.op, 'every-by-id').params, expectedOf(o.doc, o.path, o.method, o.op, 'required').params]
    const call = exported[camel(o.op.operationId)]!
    const failures: string[] = []
    let rights = 0
    for (let i = 0; i < CALLS; i++) {
      const r = await call(client, params[i % params.length])()
      if (E.isLeft(r)) failures.push(api.formatError(r.left))
      else rights++
    }
    expect({ failures, rights }).toEqual({ failures: [], rights: CALLS })
  }, 120_000)
})
