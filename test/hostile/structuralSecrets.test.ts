// Secrets travel with the request, not beside it: a middleware that copies the response keeps
// scrubbing on; fields the schema marks as secret are redacted wherever a body is kept, including
// what the server mints (a new token's `value`, a login's `key`), while other fields named
// `value` (annotation attributes) stay readable.
import { inspect } from 'node:util'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { type Middleware, authCreateAccessTokens, authCreateLogin, createClient, formatError, invitationsRetrieve, observe, tokenAuth } from '../../src/index'
import { call, type Operation } from '../../src/endpoint/operation'
import { model } from '../../src/endpoint/answer'
import * as D from '../../src/codecs/decoder'
import { recordingFetch, jsonResponse } from '../helpers/fetch'

const shown = (e: unknown): string => `${JSON.stringify(e)}\n${inspect(e, { depth: 20 })}\n${formatError(e as never)}`

// A middleware that hands back a copy of every response, as logging or caching code does.
const copying: Middleware = (next) => (req) => async () => {
  const r = await next(req)()
  return E.isRight(r) ? E.right({ ...r.right }) : r
}

describe('secrets travel with the request', () => {
  it('a copied response still has its echoed token scrubbed from a StatusError', async () => {
    const secret = 'tok3n-s3cret-value'
    const { fetch } = recordingFetch(() => jsonResponse(400, { detail: `bad credential ${secret} here` }))
    for (const cvat of [pipe(createClient({ fetch }), copying, tokenAuth(secret)), pipe(createClient({ fetch }), tokenAuth(secret), copying)]) {
      const r = await invitationsRetrieve(cvat, { key: 'k' })()
      expect(E.isLeft(r) && r.left._tag === 'StatusError' ? r.left.body : r).toEqual({ _tag: 'Detail', detail: 'bad credential [redacted] here' })
      expect(shown(r)).not.toContain(secret)
    }
  })
})

describe('secret fields come from the schema', () => {
  it("a new access token's value in an answer that fails to decode is not kept", async () => {
    const value = 'pat_MINTED0123456789'
    const { fetch } = recordingFetch(() => jsonResponse(201, { id: 'not-an-int', name: 'ci', value }))
    const r = await authCreateAccessTokens(createClient({ fetch }), { accessTokenWriteRequest: { name: 'ci' } })()
    expect(E.isLeft(r) && r.left._tag).toBe('DecodeError')
    expect(shown(r)).not.toContain(value)
    expect(shown(r)).toContain('[redacted]')
  })

  it("a login's minted key in an answer that fails to decode is not kept", async () => {
    const key = 'c0ffee1234567890deadbeef'
    const { fetch } = recordingFetch(() => jsonResponse(200, { key, extra: { nested: [1] }, broken: true, _: key.length > 0 && 5 }))
    // Token requires `key` to be a string of ≤ 40 characters: make it fail on another field instead.
    const failing = recordingFetch(() => jsonResponse(200, { key: [key] }))
    for (const f of [fetch, failing.fetch]) {
      const r = await authCreateLogin(createClient({ fetch: f }), { loginSerializerExRequest: { username: 'u', password: 'p4ssword!' } })()
      if (E.isLeft(r)) expect(shown(r)).not.toContain(key)
    }
  })

  it("an annotation attribute's value is not a secret: it stays readable in a DecodeError", async () => {
    const Shape = D.struct({ id: D.fromGuard({ is: (u): u is number => typeof u === 'number' }, 'number') })
    const op: Operation<unknown> = { method: 'GET', path: '/api/jobs/{id}/annotations', answer: model('LabeledData', Shape), secrets: [] }
    const { fetch } = recordingFetch(() => jsonResponse(200, { id: 'x', attributes: [{ spec_id: 1, value: 'occluded-left' }] }))
    const r = await call(op, createClient({ fetch }), { id: 1 })()
    expect(E.isLeft(r) && r.left._tag === 'DecodeError' ? r.left.body : r).toContain('occluded-left')
  })

  it('observe redacts the fields the operation names, and only those', async () => {
    const events: unknown[] = []
    const value = 'pat_OBSERVED987654321'
    const { fetch } = recordingFetch(() => jsonResponse(201, { id: 3, name: 'ci', value, read_only: false, owner: { username: 'u' } }))
    const cvat = pipe(createClient({ fetch }), observe((e) => events.push(e), { bodies: true }))
    await authCreateAccessTokens(cvat, { accessTokenWriteRequest: { name: 'ci' } })()
    const ends = events.filter((e): e is { type: 'end'; responseBody: string } => (e as { type: string }).type === 'end')
    expect(ends.map((e) => JSON.parse(e.responseBody))).toEqual([{ id: 3, name: 'ci', value: '[redacted]', read_only: false, owner: { username: 'u' } }])
  })
})
