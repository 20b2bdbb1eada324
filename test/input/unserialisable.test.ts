// A body JSON cannot carry (a BigInt, a cycle, a throwing getter or toJSON, a Proxy whose traps
// throw) is a RequestError and nothing is sent: a write never goes out without its body.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { createClient, organizationsCreate, organizationsPartialUpdate, request, withJsonBody } from '../../src/index'
import { UNSERIALISABLE as MESSAGE } from '../../src/endpoint/params'
import { recordingFetch } from '../helpers/fetch'

const cycle = (): unknown => {
  const o: Record<string, unknown> = { a: 1 }
  o['self'] = o
  return o
}

const contacts: ReadonlyArray<readonly [string, () => unknown]> = [
  ['a BigInt', () => ({ n: 1n })],
  ['a cycle', cycle],
  ['a throwing toJSON', () => ({ toJSON: () => JSON.parse('{') })],
  ['a nested throwing getter', () => ({ deep: Object.defineProperty({}, 'x', { enumerable: true, get: () => JSON.parse('{') }) })],
  ['a Proxy whose traps throw', () => new Proxy({}, { ownKeys: () => JSON.parse('{'), get: () => JSON.parse('{') })],
  ['a nested Proxy whose traps throw', () => ({ p: new Proxy({}, { ownKeys: () => JSON.parse('{'), get: () => JSON.parse('{') }) })],
]


describe.each(contacts)('a contact holding %s', (_name, contact) => {
  it('organizationsPartialUpdate: RequestError, nothing sent', async () => {
    const { fetch, sent } = recordingFetch(() => new Response('{}', { status: 200 }))
    const r = await organizationsPartialUpdate(createClient({ baseUrl: 'http://h', fetch }), { id: 1, patchedOrganizationWriteRequest: { name: 'New', contact: contact() } })()
    expect(r).toEqual(E.left({ _tag: 'RequestError', method: 'PATCH', url: '/api/organizations/1', message: expect.stringMatching(/^patchedOrganizationWriteRequest: |^params must be a readable object$/) }))
    expect(sent).toEqual([])
  })

  it('organizationsCreate: RequestError, nothing sent', async () => {
    const { fetch, sent } = recordingFetch(() => new Response('{}', { status: 201 }))
    const r = await organizationsCreate(createClient({ baseUrl: 'http://h', fetch }), { organizationWriteRequest: { slug: 'acme', name: 'Acme', contact: contact() } })()
    expect(r).toEqual(E.left({ _tag: 'RequestError', method: 'POST', url: '/api/organizations', message: expect.stringMatching(/^organizationWriteRequest: |^params must be a readable object$/) }))
    expect(sent).toEqual([])
  })
})

describe('the review reproduction', () => {
  it('a BigInt in contact names the body', async () => {
    const { fetch, sent } = recordingFetch(() => new Response('{}', { status: 200 }))
    const r = await organizationsPartialUpdate(createClient({ baseUrl: 'http://h', fetch }), { id: 1, patchedOrganizationWriteRequest: { name: 'New', contact: { n: 1n } } })()
    expect(r).toEqual(E.left({ _tag: 'RequestError', method: 'PATCH', url: '/api/organizations/1', message: `patchedOrganizationWriteRequest: ${MESSAGE}` }))
    expect(sent).toEqual([])
  })
})

describe('a request built by hand with withJsonBody', () => {
  it.each(contacts)('holding %s: the client refuses it, nothing sent', async (_name, contact) => {
    const { fetch, sent } = recordingFetch(() => new Response('{}', { status: 200 }))
    const r = await createClient({ baseUrl: 'http://h', fetch })(withJsonBody({ contact: contact() })(request('PATCH', '/api/organizations/1')))()
    expect(r).toEqual(E.left({ _tag: 'RequestError', method: 'PATCH', url: 'http://h/api/organizations/1', message: 'a JSON request has no body: withJsonBody could not serialise its value' }))
    expect(sent).toEqual([])
  })
})
