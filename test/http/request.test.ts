import { describe, expect, it } from 'vitest'
import { path, queryString, request, resolveUrl, withHeader, withJsonBody, withQuery } from '../../src/http/request'

describe('request builder', () => {
  it('starts with the CVAT Accept header and nothing else', () => {
    expect(request('GET', '/api/invitations')).toEqual({
      method: 'GET',
      url: '/api/invitations',
      query: [],
      headers: { accept: 'application/vnd.cvat+json' },
    })
  })

  it('keeps a key with reserved characters as one path segment', () => {
    expect(path`/api/invitations/${'a/b?c#d%e'}/accept`).toBe('/api/invitations/a%2Fb%3Fc%23d%25e/accept')
    expect(path`/api/invitations/${'ключ ✓'}`).toBe('/api/invitations/%D0%BA%D0%BB%D1%8E%D1%87%20%E2%9C%93')
  })

  it('omits undefined query values and keeps the order given', () => {
    const req = withQuery([
      ['z', 'last?'],
      ['skip', undefined],
      ['a', 1],
      ['empty', ''],
      ['flag', false],
    ])(request('GET', '/x'))
    expect(req.query).toEqual([
      ['z', 'last?'],
      ['a', '1'],
      ['empty', ''],
      ['flag', 'false'],
    ])
    expect(queryString(req.query)).toBe('z=last%3F&a=1&empty=&flag=false')
  })

  it('lowercases header names and ignores undefined values', () => {
    const req = withHeader('X-Organization', 'acme')(withHeader('X-Other', undefined)(request('GET', '/x')))
    expect(req.headers).toEqual({ accept: 'application/vnd.cvat+json', 'x-organization': 'acme' })
  })

  it('sets a JSON body with its content type', () => {
    expect(withJsonBody({ role: 'worker', email: 'a@b.c' })(request('POST', '/x'))).toEqual({
      method: 'POST',
      url: '/x',
      query: [],
      headers: { accept: 'application/vnd.cvat+json', 'content-type': 'application/json' },
      body: '{"role":"worker","email":"a@b.c"}',
    })
  })

  it('never mutates the request it is given', () => {
    const base = request('GET', '/x')
    const frozen = Object.freeze({ ...base, headers: Object.freeze({ ...base.headers }), query: Object.freeze([...base.query]) })
    withQuery([['a', 'b']])(frozen)
    withHeader('h', 'v')(frozen)
    expect(frozen).toEqual(base)
  })

  it('joins base URL, path and query', () => {
    const req = withQuery([['org', 'acme']])(request('GET', '/api/invitations'))
    expect(resolveUrl('https://cvat.example/', req)).toBe('https://cvat.example/api/invitations?org=acme')
    expect(resolveUrl('https://cvat.example/prefix', req)).toBe('https://cvat.example/prefix/api/invitations?org=acme')
    expect(resolveUrl('http://b', { url: 'https://other.example/api/x?page=2', query: [['sign', 's']] })).toBe(
      'https://other.example/api/x?page=2&sign=s',
    )
  })
})

// Issue 10 §1: every builder is total. A lone UTF-16 surrogate (text cut mid-emoji) makes
// encodeURIComponent throw; the builders encode it as U+FFFD, as the WHATWG URL parser does.
describe('request builders never throw', () => {
  const lone = 'ab\uD83D'
  it('path, queryString and resolveUrl encode a lone surrogate as U+FFFD', () => {
    expect(path`/api/invitations/${lone}`).toBe('/api/invitations/ab%EF%BF%BD')
    expect(path`/x/${'\uDC00z'}`).toBe('/x/%EF%BF%BDz')
    expect(path`/x/${'😀'}`).toBe('/x/%F0%9F%98%80')
    expect(queryString([[lone, lone]])).toBe('ab%EF%BF%BD=ab%EF%BF%BD')
    expect(resolveUrl('http://h', { url: '/x', query: [['search', lone]] })).toBe('http://h/x?search=ab%EF%BF%BD')
  })

  it('withQuery leaves out values that are not strings, numbers or booleans instead of calling their toString', () => {
    const hostile = { toString: () => { throw new Error('boom') } }
    const values: ReadonlyArray<unknown> = [hostile, Symbol('s'), 10n, null, () => 1, ['a']]
    // An untyped caller can pass anything; the type says QueryValue.
    const pairs = values.map((v, i): readonly [string, never] => [`k${i}`, v as never])
    expect(withQuery([['a', 1], ...pairs])(request('GET', '/x')).query).toEqual([['a', '1']])
  })

  it('withJsonBody never throws: cycles, BigInt and throwing getters become no body at all', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom') } })
    for (const body of [cyclic, { n: 10n }, getter]) {
      expect(withJsonBody(body)(request('POST', '/x'))).toEqual({
        method: 'POST',
        url: '/x',
        query: [],
        headers: { accept: 'application/vnd.cvat+json', 'content-type': 'application/json' },
      })
    }
  })
})
