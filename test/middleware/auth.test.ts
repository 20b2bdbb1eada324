import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { basicAuth, bearerAuth, sessionAuth, signatureAuth, tokenAuth } from '../../src/middleware/auth'
import { type Middleware, createClient } from '../../src/http/client'
import { request, type Method } from '../../src/http/request'
import { emptyResponse, recordingFetch } from '../helpers/fetch'

const sendWith = async (auth: Middleware, method: Method = 'GET') => {
  const rec = recordingFetch(() => emptyResponse(204))
  const client = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: rec.fetch }), auth)
  const result = await client(request(method, '/api/invitations'))()
  return { result, sent: rec.sent }
}

const ACCEPT = { accept: 'application/vnd.cvat+json' }

describe('auth middleware', () => {
  it('tokenAuth sends Authorization: Token <key>', async () => {
    const { sent } = await sendWith(tokenAuth('abc123'))
    expect(sent).toEqual([
      { method: 'GET', url: 'https://cvat.example/api/invitations', headers: { ...ACCEPT, authorization: 'Token abc123' } },
    ])
  })

  it('bearerAuth sends Authorization: Bearer <token>', async () => {
    const { sent } = await sendWith(bearerAuth('pat_xyz'))
    expect(sent[0]?.headers).toEqual({ ...ACCEPT, authorization: 'Bearer pat_xyz' })
  })

  it('basicAuth encodes ASCII credentials', async () => {
    const { sent } = await sendWith(basicAuth({ username: 'admin', password: 'secret' }))
    expect(sent[0]?.headers).toEqual({ ...ACCEPT, authorization: `Basic ${btoa('admin:secret')}` })
  })

  it('basicAuth encodes a non-ASCII password as UTF-8', async () => {
    const { sent } = await sendWith(basicAuth({ username: 'jürgen', password: 'pässwörd✓' }))
    // "jürgen:pässwörd✓" in UTF-8, base64 — computed independently of the implementation.
    expect(sent[0]?.headers['authorization']).toBe('Basic ' + Buffer.from('jürgen:pässwörd✓', 'utf8').toString('base64'))
    expect(sent[0]?.headers['authorization']).toBe('Basic asO8cmdlbjpww6Rzc3fDtnJk4pyT')
  })

  it.each<Method>(['GET', 'HEAD', 'OPTIONS'])('sessionAuth on %s sends cookies and no CSRF header', async (method) => {
    const { sent } = await sendWith(sessionAuth({ sessionId: 'sess1', csrfToken: 'csrf1' }), method)
    expect(sent[0]?.headers).toEqual({ ...ACCEPT, cookie: 'sessionid=sess1; csrftoken=csrf1' })
  })

  it.each<Method>(['POST', 'PUT', 'PATCH', 'DELETE'])('sessionAuth on %s adds X-CSRFToken', async (method) => {
    const { sent } = await sendWith(sessionAuth({ sessionId: 'sess1', csrfToken: 'csrf1' }), method)
    // Django's CsrfViewMiddleware refuses an unsafe request over https with neither Origin nor
    // Referer ("Referer checking failed - no Referer."): browsers send Origin, Node's fetch does
    // not, so the client sends the origin the request goes to (a browser drops it: forbidden header).
    expect(sent[0]?.headers).toEqual({ ...ACCEPT, cookie: 'sessionid=sess1; csrftoken=csrf1', 'x-csrftoken': 'csrf1', origin: 'https://cvat.example' })
  })

  it('sessionAuth keeps an Origin the caller set, and a request without a CSRF token gets none', async () => {
    const rec = recordingFetch(() => emptyResponse(204))
    const session = pipe(createClient({ baseUrl: 'https://cvat.example/', fetch: rec.fetch }), sessionAuth({ sessionId: 's', csrfToken: 'c' }))
    const plain = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: rec.fetch }), tokenAuth('t'))
    await session({ ...request('POST', '/api/tasks'), headers: { ...request('POST', '/api/tasks').headers, origin: 'https://app.example' } })()
    await plain(request('POST', '/api/tasks'))()
    expect(rec.sent.map((r) => r.headers['origin'])).toEqual(['https://app.example', undefined])
  })

  it('signatureAuth adds the sign query parameter after the others', async () => {
    const rec = recordingFetch(() => emptyResponse(204))
    const client = pipe(createClient({ baseUrl: 'https://cvat.example', fetch: rec.fetch }), signatureAuth('s1gn'))
    await client({ ...request('GET', '/api/invitations'), query: [['org', 'acme']] })()
    expect(rec.sent).toEqual([
      { method: 'GET', url: 'https://cvat.example/api/invitations?org=acme&sign=s1gn', headers: ACCEPT },
    ])
  })

  it.each([
    ['tokenAuth empty', tokenAuth(''), 'tokenAuth: the credential is empty'],
    ['tokenAuth newline', tokenAuth('abc\r\nX-Evil: 1'), 'tokenAuth: the credential holds characters an HTTP header cannot carry'],
    ['bearerAuth non-Latin-1', bearerAuth('tøken✓'), 'bearerAuth: the credential holds characters an HTTP header cannot carry'],
    ['basicAuth colon', basicAuth({ username: 'a:b', password: 'p' }), 'basicAuth: the username cannot contain ":"'],
    ['sessionAuth empty', sessionAuth({ sessionId: 's', csrfToken: '' }), 'sessionAuth: the csrfToken is empty'],
    ['signatureAuth empty', signatureAuth(''), 'signatureAuth: the credential is empty'],
    // Untyped callers: what JavaScript allows and TypeScript would have refused.
    ['tokenAuth(undefined) (an unset env variable)', tokenAuth(undefined as never), 'tokenAuth: the credential is missing or not a string (got undefined)'],
    ['tokenAuth(null)', tokenAuth(null as never), 'tokenAuth: the credential is missing or not a string (got null)'],
    ['bearerAuth(42)', bearerAuth(42 as never), 'bearerAuth: the credential is missing or not a string (got number)'],
    ['bearerAuth lone surrogate', bearerAuth('abc\ud83d' as never), 'bearerAuth: the credential holds a lone UTF-16 surrogate (text cut mid-character)'],
    ['signatureAuth(undefined)', signatureAuth(undefined as never), 'signatureAuth: the credential is missing or not a string (got undefined)'],
    ['signatureAuth lone surrogate', signatureAuth('7:\udc00abc'), 'signatureAuth: the credential holds a lone UTF-16 surrogate (text cut mid-character)'],
    ['basicAuth username undefined', basicAuth({ username: undefined as never, password: 'p' }), 'basicAuth: the username is missing or not a string (got undefined)'],
    ['basicAuth password undefined', basicAuth({ username: 'u', password: undefined as never }), 'basicAuth: the password is missing or not a string (got undefined)'],
    ['basicAuth(undefined)', basicAuth(undefined as never), 'basicAuth: the username is missing or not a string (got undefined)'],
    ['basicAuth password lone surrogate', basicAuth({ username: 'u', password: 'p\ud800' }), 'basicAuth: the password holds a lone UTF-16 surrogate (text cut mid-character)'],
    ['basicAuth throwing getter', basicAuth(Object.defineProperty({ password: 'p' }, 'username', { get: () => { throw new Error('x') } }) as never), 'basicAuth: the username is missing or not a string (got undefined)'],
    ['sessionAuth(undefined)', sessionAuth(undefined as never), 'sessionAuth: the sessionId is missing or not a string (got undefined)'],
    ['sessionAuth cookie injection', sessionAuth({ sessionId: 'abc; sessionid=attacker', csrfToken: 'c' }), 'sessionAuth: the sessionId holds characters a cookie cannot carry (; , space, quote, backslash or a control)'],
    ['sessionAuth comma', sessionAuth({ sessionId: 'abc', csrfToken: 'c,d' }), 'sessionAuth: the csrfToken holds characters a cookie cannot carry (; , space, quote, backslash or a control)'],
    ['sessionAuth CR/LF', sessionAuth({ sessionId: 'abc\r\nX-Evil: 1', csrfToken: 'c' }), 'sessionAuth: the sessionId holds characters a cookie cannot carry (; , space, quote, backslash or a control)'],
    ['sessionAuth number', sessionAuth({ sessionId: 'abc', csrfToken: 7 as never }), 'sessionAuth: the csrfToken is missing or not a string (got number)'],
  ])('%s is refused before sending', async (_name, auth, message) => {
    const { result, sent } = await sendWith(auth)
    expect(sent).toEqual([])
    expect(result).toEqual(E.left({ _tag: 'RequestError', method: 'GET', url: '/api/invitations', message }))
  })
})

describe('auth middleware over anything JavaScript allows (property)', () => {
  const schemes: ReadonlyArray<[string, (u: unknown, v: unknown) => Middleware]> = [
    ['tokenAuth', (u) => tokenAuth(u as string)],
    ['bearerAuth', (u) => bearerAuth(u as string)],
    ['basicAuth', (u, v) => basicAuth({ username: u, password: v } as never)],
    ['sessionAuth', (u, v) => sessionAuth({ sessionId: u, csrfToken: v } as never)],
    ['signatureAuth', (u) => signatureAuth(u as string)],
  ]
  it.each(schemes)('%s never throws: it sends, or answers a RequestError naming the scheme with nothing sent', async (name, make) => {
    const credential = fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii' }))
    await fc.assert(
      fc.asyncProperty(credential, credential, async (u, v) => {
        const { result, sent } = await sendWith(make(u, v), 'POST')
        if (E.isRight(result)) expect(sent).toHaveLength(1)
        else {
          expect(sent).toEqual([])
          expect(result.left).toMatchObject({ _tag: 'RequestError', method: 'POST', url: '/api/invitations' })
          expect(result.left._tag === 'RequestError' && result.left.message.startsWith(`${name}: `)).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  })
})
