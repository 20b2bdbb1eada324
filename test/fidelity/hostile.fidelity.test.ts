// Issue 10 §6 — the emulator never fails on bad input: unknown methods are 405, bad input 400,
// oversized bodies 413, and `emulator.fetch` always resolves. Real sockets where the input can
// only arrive over the wire (a raw Host header), the fetch function for the rest.
import { request as httpRequest } from 'node:http'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../src/testing'
import { serve } from './helpers'

// node:http lets a test send headers fetch would refuse to send.
const raw = (port: number, method: string, path: string, headers: Record<string, string>, body?: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, setHost: false }, (res) => {
      let text = ''
      res.on('data', (d) => (text += String(d)))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })

describe('over a real socket (the node adapter)', () => {
  const s = serve({ serverVersion: '2.26', maxBodyBytes: 1024 })
  const auth = { authorization: 'Token token-olga' }

  it('TRACE is a 405, not a 500', async () => {
    expect(await raw(s.served.port, 'TRACE', '/api/users', { host: '127.0.0.1', ...auth })).toEqual({ status: 405, body: JSON.stringify({ detail: 'Method "TRACE" not allowed.' }) })
  })

  it.each([
    ['user-info', 'evil:secret@127.0.0.1'],
    ['a port that is not a number', '127.0.0.1:http'],
    ['a port out of range', '127.0.0.1:99999'],
  ])('a Host header with %s is a 400 that does not echo it', async (_name, host) => {
    expect(await raw(s.served.port, 'GET', '/api/users', { host, ...auth })).toEqual({ status: 400, body: JSON.stringify({ detail: 'Bad Request (400)' }) })
  })

  it('a body over the limit is a 413', async () => {
    const big = JSON.stringify({ slug: 'x'.repeat(2000) })
    expect(await raw(s.served.port, 'POST', '/api/organizations', { host: '127.0.0.1', 'content-type': 'application/json', ...auth }, big)).toEqual({ status: 413, body: JSON.stringify({ detail: 'Request body is too large.' }) })
  })

  it('an unparsable `url` on /api/auth/signing is a 400', async () => {
    expect((await s.call('olga', 'POST', '/api/auth/signing', { url: 'http://[::1' })).status).toBe(400)
    expect((await s.call('olga', 'POST', '/api/auth/signing', { url: 42 })).status).toBe(400)
  })
})

describe('emulator.fetch', () => {
  const emulator = createCvatEmulator({ maxBodyBytes: 1024 })
  const olga = { authorization: 'Token token-olga' }

  it('resolves for a 20,000-deep filter (a 400, as deep rules cannot be compiled)', async () => {
    const deep = `${'{"!":'.repeat(20_000)}{"==":[{"var":"id"},1]}${'}'.repeat(20_000)}`
    const res = await emulator.fetch(`http://x/api/users?filter=${encodeURIComponent(deep)}`, { headers: olga })
    expect([res.status, await res.json()]).toEqual([400, ['filter: the rule is nested too deeply']])
  })

  it('resolves for methods fetch itself refuses (TRACE, CONNECT) with a 405', async () => {
    for (const method of ['TRACE', 'CONNECT', 'BREW']) {
      const res = await emulator.fetch('http://x/api/users', { method, headers: olga })
      expect([res.status, await res.json()]).toEqual([405, { detail: `Method "${method}" not allowed.` }])
    }
  })

  it('resolves for an unparsable URL with a 400', async () => {
    const res = await emulator.fetch('not a url', { headers: olga })
    expect([res.status, await res.json()]).toEqual([400, { detail: 'Bad Request (400)' }])
  })

  it('a body over the limit is a 413', async () => {
    const res = await emulator.fetch('http://x/api/organizations', { method: 'POST', headers: { ...olga, 'content-type': 'application/json' }, body: 'x'.repeat(2000) })
    expect(res.status).toBe(413)
  })

  it('property: any method, path, query, header and body resolves to a JSON answer below 500', async () => {
    const paths = ['/api/users', '/api/users/self', '/api/users/2', '/api/organizations', '/api/organizations/1', '/api/memberships', '/api/memberships/1', '/api/invitations', '/api/invitations/k/accept', '/api/auth/login', '/api/auth/register', '/api/auth/access_tokens', '/api/auth/access_tokens/1', '/api/auth/password/change']
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'X'),
        fc.constantFrom(...paths),
        fc.dictionary(fc.constantFrom('org', 'org_id', 'filter', 'search', 'sort', 'page', 'page_size', 'username', 'is_active'), fc.string(), { maxKeys: 4 }),
        fc.option(fc.anything().map((v) => JSON.stringify(v) ?? 'null'), { nil: undefined }),
        fc.constantFrom('Token token-olga', 'Token token-admin', 'Bearer pat-mia', 'Basic !!', 'Token', ''),
        async (method, path, query, body, authorization) => {
          const qs = new URLSearchParams(query).toString()
          const res = await emulator.fetch(`http://x${path}${qs ? `?${qs}` : ''}`, {
            method,
            headers: { authorization, 'content-type': 'application/json' },
            ...(body === undefined || method === 'GET' || method === 'HEAD' ? {} : { body }),
          })
          expect(res.status).toBeLessThan(500)
          const text = await res.text()
          if (method !== 'HEAD' && res.status !== 204) expect(() => JSON.parse(text)).not.toThrow()
        },
      ),
      { numRuns: 300 },
    )
  })
})
