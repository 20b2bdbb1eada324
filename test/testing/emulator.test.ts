// The emulator as a fetch function (no port): what any user gets from `cvat-fp/testing`.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { createClient, invitationsList, tokenAuth } from '../../src/index'
import { createCvatEmulator } from '../../src/testing'
import { bundle } from '../helpers/bundle'

describe('createCvatEmulator', () => {
  it('serves a client with no port at all', async () => {
    const emulator = createCvatEmulator()
    const client = pipe(createClient({ baseUrl: 'https://cvat.test', fetch: emulator.fetch }), tokenAuth('token-olga'))
    const page = await invitationsList(client, { org: 'acme' })()
    expect(E.isRight(page) && page.right.results.map((i) => [i.user.username, i.owner?.username, i.user.url])).toEqual([
      ['ivy', 'olga', 'https://cvat.test/api/users/9'],
    ])
    expect(emulator.log).toEqual([{ method: 'GET', url: 'https://cvat.test/api/invitations?org=acme', status: 200 }])
  })

  it('starts empty without the default seed, and reports seed entries it cannot apply', () => {
    const emulator = createCvatEmulator({
      defaultSeed: false,
      users: [{ username: 'a' }],
      organizations: [{ slug: 'o', owner: 'a' }, { slug: 'p', owner: 'ghost' }],
      invitations: [{ org: 'o', owner: 'a', invitee: 'b@example.com', role: 'worker' }, { org: 'zzz', owner: 'a', invitee: 'a', role: 'worker' }],
    })
    expect(emulator.state.users.map((u) => [u.username, u.isPlaceholder])).toEqual([['a', false], ['b@example.com', true]])
    expect(emulator.state.organizations.map((o) => o.slug)).toEqual(['o'])
    expect(emulator.problems).toEqual(['organization p: unknown owner ghost', 'invitation of a to zzz: unknown organization or user'])
  })

  it('reports fixture entries it cannot apply, and keeps the fixture password for credentials()', () => {
    const emulator = createCvatEmulator({
      defaultSeed: false,
      password: 'pw',
      assets: {
        users: [{ id: 5, username: 'u5', email: 'u5@x.test', first_name: '', last_name: '', groups: ['business'], is_staff: false, is_superuser: false, is_active: true }],
        organizations: [{ id: 3, slug: 'o3', name: 'O3', owner: { id: 5 } }],
        memberships: [
          { id: 7, user: { id: 5 }, organization: 3, role: 'owner', is_active: true },
          { id: 8, user: { id: 6 }, organization: 3, role: 'worker', is_active: false },
        ],
        invitations: [{ key: 'k'.repeat(64), created_date: '2024-01-01T00:00:00Z', owner: null, user: { id: 6 }, organization: 3, expired: null }],
      },
    })
    expect(emulator.problems).toEqual(['membership 8: unknown user or organization', `invitation ${'k'.repeat(64)}: no membership of user 6 in organization 3`])
    // iam migration 0001 moved the `business` group's users to `user`.
    expect(emulator.state.users.map((u) => [u.id, u.groups])).toEqual([[5, ['user']]])
    expect(emulator.credentials('u5')).toEqual({ password: 'pw', token: 'token-u5', accessToken: 'pat-u5', sessionId: 'session-u5', csrfToken: 'csrfu5'.padEnd(32, '0') })
  })

  it('rejects an aborted request like fetch does', async () => {
    const emulator = createCvatEmulator()
    const ctl = new AbortController()
    ctl.abort()
    await expect(emulator.fetch('http://x/api/invitations', { signal: ctl.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it.each<[string, RequestInit & { path?: string }, number, unknown]>([
    ['an unknown route', { path: '/api/nothing' }, 404, { detail: 'Not found.' }],
    ['a wrong method', { method: 'PUT', path: '/api/invitations' }, 405, { detail: 'Method "PUT" not allowed.' }],
    ['a body that is not JSON', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }, 400, { detail: `JSON parse error - ${jsonError('{')}` }],
    ['a body of another media type', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }, 415, { detail: 'Unsupported media type "text/plain" in request.' }],
    ['an array body', { method: 'POST', body: '[]', headers: { 'content-type': 'application/json' } }, 400, { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }],
    ['missing fields', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }, 400, { role: ['This field is required.'], email: ['This field is required.'] }],
    ['an unacceptable Accept', { headers: { accept: 'text/html' } }, 406, { detail: 'Could not satisfy the request Accept header.' }],
  ])('answers %s in CVAT shape', async (_name, init, status, body) => {
    const emulator = createCvatEmulator()
    const { path = '/api/invitations?org=acme', headers = {}, ...rest } = init
    const res = await emulator.fetch(`http://x${path}`, { ...rest, headers: { authorization: 'Token token-olga', ...(headers as Record<string, string>) } })
    expect([res.status, await res.json()]).toEqual([status, body])
  })

  it('never crashes: arbitrary requests get a JSON answer below 500', async () => {
    const emulator = createCvatEmulator()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS'),
        fc.constantFrom('/api/invitations', '/api/invitations/', '/api/invitations/%ZZ', '/api/invitations/k/accept', '/api/invitations/k/x', '/api/x'),
        fc.webQueryParameters(),
        fc.option(fc.constantFrom('Token token-olga', 'Token nope', 'Basic !!!', 'Bearer pat-admin', 'Basic ' + btoa('olga:olga-password')), { nil: undefined }),
        fc.option(fc.oneof(fc.string(), fc.json()), { nil: undefined }),
        async (method, path, query, auth, body) => {
          const res = await emulator.fetch(`http://x${path}?${query}`, {
            method,
            headers: { ...(auth ? { authorization: auth } : {}), 'content-type': 'application/json' },
            ...(body === undefined || method === 'GET' ? {} : { body }),
          })
          expect(res.status).toBeLessThan(500)
          const text = await res.text()
          if (res.status !== 204) expect(() => JSON.parse(text)).not.toThrow()
        },
      ),
      { numRuns: 300 },
    )
  })

  it('the fetch-only entry bundles for a browser with no Node built-ins', async () => {
    const code = await bundle('src/testing.ts', { platform: 'browser', conditions: ['browser', 'import'] })
    expect(code).not.toMatch(/node:http|require\("http"\)|from "http"/)
    expect(code).toContain('createCvatEmulator')
  })
})

function jsonError(text: string): string {
  try {
    JSON.parse(text)
    return ''
  } catch (e) {
    return (e as Error).message
  }
}
