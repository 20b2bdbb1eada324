import fc from 'fast-check'
import * as D from 'io-ts/Decoder'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  type CvatError,
  backgroundRequestError,
  decodeError,
  listChangedError,
  formatError,
  matchError,
  matchErrorOr,
  parseErrorBody,
  redactUrl,
  redirectError,
  requestError,
  responseTooLargeError,
  scrub,
  statusError,
  timeoutError,
  transportError,
} from '../../src/errors'
import { boundedJson } from '../../src/errors/bounded'
import { drawDecodeError } from '../../src/errors/draw'
import { parseRetryAfter } from '../../src/http/retryAfter'
import { InvitationRead } from '../../src/generated/models/InvitationRead'
import { PaginatedInvitationReadList } from '../../src/generated/models/PaginatedInvitationReadList'

describe('parseErrorBody', () => {
  it.each([
    ['{"detail": "Invalid page."}', { _tag: 'Detail', detail: 'Invalid page.' }],
    ['{"email": ["Enter a valid email address."]}', { _tag: 'FieldErrors', fields: { email: ['Enter a valid email address.'] } }],
    ['["The user is a member of the organization already."]', { _tag: 'Messages', messages: ['The user is a member of the organization already.'] }],
    ['"Email backend is not configured."', { _tag: 'Message', message: 'Email backend is not configured.' }],
    ['<html><title>502 Bad Gateway</title></html>', { _tag: 'Text', text: '<html><title>502 Bad Gateway</title></html>' }],
    ['{"detail": "x", "code": "y"}', { _tag: 'Json', value: { detail: 'x', code: 'y' } }],
    ['{"errors": {"nested": ["x"]}}', { _tag: 'Json', value: { errors: { nested: ['x'] } } }],
    ['42', { _tag: 'Json', value: 42 }],
    ['  ', { _tag: 'Empty' }],
  ])('%s', (text, body) => {
    expect(parseErrorBody(text)).toEqual(body)
  })
})

describe('redactUrl', () => {
  it('removes user-info and the sign value, keeping everything else', () => {
    expect(redactUrl('https://bob:hunter2@cvat.example/api/invitations?org=a&sign=SECRET&page=2#x')).toBe(
      'https://[redacted]@cvat.example/api/invitations?org=a&sign=[redacted]&page=2#x',
    )
    expect(redactUrl('/api/invitations?sign=abc')).toBe('/api/invitations?sign=[redacted]')
  })

  it.each([
    ['user-info holding @ (everything up to the last @ of the authority)', 'http://alice:p@ss@host:8080/api?x=1', 'http://[redacted]@host:8080/api?x=1'],
    ['an @ in the path is not user-info', 'http://host/api/users/a@b.c?sign=x', 'http://host/api/users/a@b.c?sign=[redacted]'],
    ['a percent-encoded parameter name', 'http://host/api?%73ign=7%3Aabc&si%67n=2&SIGN=3', 'http://host/api?%73ign=[redacted]&si%67n=[redacted]&SIGN=[redacted]'],
    ['a sign in the fragment-free tail only', 'http://host/api?a=1&sign=s&b=2#sign', 'http://host/api?a=1&sign=[redacted]&b=2#sign'],
    ['no query', 'http://u@host', 'http://[redacted]@host'],
    // Spellings the WHATWG URL parser (so fetch) reads as user-info too.
    ['backslashes for slashes', 'http:\\\\alice:SECRET@host/api', 'http:\\\\[redacted]@host/api'],
    ['one slash', 'http:/alice:SECRET@host/api', 'http:/[redacted]@host/api'],
    ['no slash', 'http:alice:SECRET@host/api', 'http:[redacted]@host/api'],
    ['leading spaces and controls', ' \u0001http://alice:SECRET@host', ' \u0001http://[redacted]@host'],
    ['a tab or newline in the scheme or after it', 'ht\ttp:/\n/alice:SECRET@host', 'ht\ttp:/\n/[redacted]@host'],
  ])('%s', (_name, url, redacted) => {
    expect(redactUrl(url)).toBe(redacted)
  })

  it('takes linear time on a long run of slashes, tabs or newlines after the scheme', () => {
    const url = `http:${'\t'.repeat(100_000)}x` // ~10 s with the run matched by two overlapping quantifiers
    const started = performance.now()
    expect(redactUrl(url)).toBe(url)
    expect(performance.now() - started).toBeLessThan(200)
  })

  it('leaves no user-info the URL parser would find (property)', () => {
    const part = (chars: string) => fc.string({ unit: fc.constantFrom(...chars), maxLength: 3 })
    fc.assert(
      fc.property(part(' \t\n\u0000\u001f'), fc.constantFrom('http', 'HTTPS', 'h\tttp', 'ws', 'foo'), part('/\\\t\n'), part('a:@%\t'), (lead, scheme, slashes, user) => {
        const url = `${lead}${scheme}:${slashes}${user}:SECRET@host/p?q#f`
        const parsed = ((): URL | undefined => {
          try {
            return new URL(url)
          } catch {
            return undefined
          }
        })()
        const redacted = redactUrl(url)
        // Whatever the parser makes of the redacted text, no part of the secret is in it.
        expect(parsed?.password.includes('SECRET') || parsed?.username.includes('SECRET') ? redacted.includes('SECRET') : false).toBe(false)
      }),
    )
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-26T10:00:00Z')
  it.each([
    [undefined, undefined],
    ['120', 120],
    [' 7 ', 7],
    ['Thu, 26 Nov 2026 10:00:30 GMT', 30],
    ['Thu, 26 Nov 2026 09:59:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ])('%s → %s', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds)
  })
})

describe('formatError', () => {
  const url = 'https://cvat.example/api/invitations?org=acme&sign=SECRET'
  it.each<[CvatError, string]>([
    [requestError('GET', '/api/invitations/{key}', 'key must be a non-empty string, got an empty string'),
      'RequestError: GET /api/invitations/{key}: key must be a non-empty string, got an empty string'],
    [transportError('GET', url, 'fetch failed (ECONNREFUSED)'),
      'TransportError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted]: fetch failed (ECONNREFUSED)'],
    [timeoutError('GET', url, 100), 'TimeoutError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted]: no response within 100 ms'],
    [statusError('POST', url, 400, 'Bad Request', { _tag: 'FieldErrors', fields: { email: ['Enter a valid email address.'], role: ['"x" is not a valid choice.'] } }),
      'StatusError: POST https://cvat.example/api/invitations?org=acme&sign=[redacted] → 400 Bad Request: email: Enter a valid email address.; role: "x" is not a valid choice.'],
    [statusError('POST', url, 429, '', { _tag: 'Detail', detail: 'Request was throttled. Expected available in 60 seconds.' }, 60),
      'StatusError: POST https://cvat.example/api/invitations?org=acme&sign=[redacted] → 429: Request was throttled. Expected available in 60 seconds. (retry after 60 s)'],
    [statusError('GET', url, 502, 'Bad Gateway', { _tag: 'Text', text: '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>' }),
      'StatusError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted] → 502 Bad Gateway: 502 Bad Gateway'],
    [statusError('GET', url, 500, '', { _tag: 'Messages', messages: ['a', 'b'] }),
      'StatusError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted] → 500: a; b'],
    [statusError('GET', url, 500, '', { _tag: 'Message', message: 'Email backend is not configured.' }),
      'StatusError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted] → 500: Email backend is not configured.'],
    [statusError('GET', url, 503, '', { _tag: 'Empty' }), 'StatusError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted] → 503: (empty body)'],
    [decodeError('GET', url, 200, 'InvitationRead: required property "key"\n└─ cannot decode undefined, should be string', '{}'),
      'DecodeError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted] → 200: InvitationRead: required property "key" └─ cannot decode undefined, should be string'],
  ])('%#', (error, line) => {
    expect(formatError(error)).toBe(line)
    expect(formatError(error)).not.toContain('\n')
  })

  it('shortens a huge text body to one bounded line', () => {
    const line = formatError(statusError('GET', '/x', 500, '', { _tag: 'Text', text: 'x'.repeat(10_000) }))
    expect(line.length).toBeLessThan(400)
  })

  it.each<[CvatError, string]>([
    [responseTooLargeError('GET', url, 200, 1000),
      'ResponseTooLargeError: GET https://cvat.example/api/invitations?org=acme&sign=[redacted] → 200: the response body is larger than 1000 bytes (maxResponseBytes); it was not read to its end'],
    [redirectError('POST', url, 307, 'cross-origin', 'https://evil.example/x?sign=SECRET'),
      'RedirectError: POST https://cvat.example/api/invitations?org=acme&sign=[redacted] → 307: redirected to another origin, not followed (Location: https://evil.example/x?sign=[redacted])'],
    [redirectError('GET', '/a', 302, 'too-many', '/b'), 'RedirectError: GET /a → 302: more than 5 redirects, not followed further (Location: /b)'],
    [redirectError('GET', '/a', 0, 'opaque', ''), 'RedirectError: GET /a → 0: the runtime hid the redirect (an opaque redirect), so its target is unknown'],
    [backgroundRequestError('GET', 'https://cvat.example/api/requests/create%3Atask-5?sign=SECRET', 'create:task-5', 'No media data found\n\u001b[31m'),
      'BackgroundRequestError: GET https://cvat.example/api/requests/create%3Atask-5?sign=[redacted]: the background request create:task-5 failed: No media data found \\u001b[31m'],
    [backgroundRequestError('GET', '/api/requests/r', 'r', ''), 'BackgroundRequestError: GET /api/requests/r: the background request r failed: (CVAT gave no message)'],
    [statusError('GET', '/a', 500, 'Internal Server Error', { _tag: 'Empty' }, undefined, { 'x-request-id': 'req-42', 'set-cookie': 'sessionid=SECRET' }),
      'StatusError: GET /a → 500 Internal Server Error: (empty body) (request id req-42)'],
  ])('new tags and the request id: %#', (error, line) => {
    expect(formatError(error)).toBe(line)
  })

  it('neutralises control and bidi characters from server text', () => {
    const evil = 'a\u001b[2Jb\u0007c\u0000d\u202ee\u2066f\u0085g\ud800h'
    const lines = [
      formatError(statusError('GET', '/a', 400, `Bad\u001b]0;pwned\u0007`, { _tag: 'Detail', detail: evil })),
      formatError(statusError('GET', '/a', 400, '', { _tag: 'Text', text: `<title>${evil}</title>` })),
      formatError(transportError('GET', '/a', evil)),
    ]
    expect(lines).toEqual([
      'StatusError: GET /a → 400 Bad\\u001b]0;pwned\\u0007: a\\u001b[2Jb\\u0007c\\u0000d\\u202ee\\u2066f\\u0085g\\ud800h',
      'StatusError: GET /a → 400: a\\u001b[2Jb\\u0007c\\u0000d\\u202ee\\u2066f\\u0085g\\ud800h',
      'TransportError: GET /a: a\\u001b[2Jb\\u0007c\\u0000d\\u202ee\\u2066f\\u0085g\\ud800h',
    ])
  })

  it('is linear on HTML: 240 KB of "<" or "<title" renders in well under a second', () => {
    for (const text of ['<'.repeat(240_000), '<title'.repeat(40_000), `<title>${'<'.repeat(240_000)}`]) {
      const start = performance.now()
      const line = formatError(statusError('GET', '/a', 502, '', { _tag: 'Text', text }))
      expect(performance.now() - start).toBeLessThan(200)
      expect(line.length).toBeLessThan(400)
    }
  })

  it('is total on odd Json bodies: cyclic, deep, throwing getters, BigInt, revoked proxies', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic['self'] = cyclic
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown
    const getter = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no') } })
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    const lines = [cyclic, deep, getter, { n: 10n }, proxy].map((value) => formatError(statusError('GET', '/a', 500, '', { _tag: 'Json', value })))
    expect(lines).toEqual([
      'StatusError: GET /a → 500: {"a":1,"self":"…"}',
      `StatusError: GET /a → 500: ${'['.repeat(16)}"…"${']'.repeat(16)}`,
      'StatusError: GET /a → 500: …',
      'StatusError: GET /a → 500: {"n":"10"}',
      'StatusError: GET /a → 500: …',
    ])
  })

  it('is total on hand-built errors whose fields throw, or whose tag is unknown', () => {
    const throwing = Object.defineProperty({ _tag: 'StatusError' }, 'url', { get: () => { throw new Error('no') } }) as unknown as CvatError
    expect(formatError(throwing)).toBe('CvatError: (an error whose fields cannot be read)')
    expect(formatError({ _tag: 'Odd', method: 'GET', url: '/a' } as unknown as CvatError)).toBe('Odd: GET /a')
  })

  it('is bounded for any input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string({ unit: 'binary', maxLength: 3000 }), (value, text) => {
        for (const body of [{ _tag: 'Json', value } as const, { _tag: 'Text', text } as const, { _tag: 'Detail', detail: text } as const]) {
          const line = formatError(statusError('GET', '/a', 500, text, body))
          expect(line.length).toBeLessThan(800)
          expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
        }
      }),
      { numRuns: 300 },
    )
  }, 30_000)
})

describe('bounds on what an error keeps', () => {
  it('parseErrorBody keeps a body over 4 KiB as an excerpt of its text, whatever its shape', () => {
    const long = 'y'.repeat(10_000)
    expect(parseErrorBody(JSON.stringify({ detail: long }))).toEqual({ _tag: 'Text', text: `{"detail":"${'y'.repeat(4096 - 11)}… [${10_000 + 13 - 4096} more characters]` })
    expect(parseErrorBody(JSON.stringify([long]))).toEqual({ _tag: 'Text', text: `["${'y'.repeat(4096 - 2)}… [${10_000 + 4 - 4096} more characters]` })
    expect(parseErrorBody('<p>'.repeat(100_000))).toEqual({ _tag: 'Text', text: `${'<p>'.repeat(1365)}<… [${300_000 - 4096} more characters]` })
    expect(parseErrorBody(JSON.stringify({ detail: 'y'.repeat(4000) }))).toEqual({ _tag: 'Detail', detail: 'y'.repeat(4000) })
  })

  it('decodeError keeps an excerpt of the body; statusError keeps bounded, redacted headers', () => {
    expect(decodeError('GET', '/a', 200, 'm', 'b'.repeat(5000)).body).toBe(`${'b'.repeat(4096)}… [904 more characters]`)
    const headers = Object.fromEntries([
      ['set-cookie', 'sessionid=SECRET'], ['authorization', 'Token SECRET'], ['x-long', 'v'.repeat(1000)],
      ...Array.from({ length: 100 }, (_, i) => [`x-${i}`, `${i}`]),
    ])
    const e = statusError('GET', '/a', 500, 's'.repeat(1000), { _tag: 'Empty' }, undefined, { ...headers, 'x-request-id': 'r'.repeat(200) })
    expect(Object.keys(e.headers)).toHaveLength(32)
    expect(e.headers['set-cookie']).toBe('[redacted]')
    expect(e.headers['authorization']).toBe('[redacted]')
    expect(e.headers['x-long']).toBe(`${'v'.repeat(256)}… [744 more characters]`)
    expect(e.statusText).toBe(`${'s'.repeat(256)}… [744 more characters]`)
    expect(JSON.stringify(e)).not.toContain('SECRET')
  })

  it('boundedJson agrees with JSON.stringify on small plain data (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const json = JSON.stringify(value)
        if (json.length <= 5000) expect(boundedJson(value, 5000)).toBe(json)
      }),
      { numRuns: 300 },
    )
  })
})

describe('drawDecodeError', () => {
  it('draws exactly what D.draw draws on ordinary failures (property)', () => {
    // Ordinary: every quoted value within 120 characters, at most 40 lines.
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        for (const decoder of [InvitationRead, PaginatedInvitationReadList]) {
          const r = decoder.decode(value)
          if (r._tag === 'Left' && JSON.stringify(value).length <= 120 && D.draw(r.left).split('\n').length <= 40) expect(drawDecodeError(r.left)).toBe(D.draw(r.left))
        }
      }),
      { numRuns: 300 },
    )
  })

  it('is bounded where D.draw overflows the stack or grows with the body', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown
    const r = PaginatedInvitationReadList.decode(deep)
    expect(() => (r._tag === 'Left' ? D.draw(r.left) : '')).toThrow(RangeError)
    expect(r._tag === 'Left' && drawDecodeError(r.left)).toBe(`cannot decode ${'['.repeat(16)}"…"${']'.repeat(16)}, should be Record<string, unknown>`)
    const wide = InvitationRead.decode({ key: 'x'.repeat(1_000_000) })
    expect(wide._tag === 'Left' && drawDecodeError(wide.left).length).toBeLessThan(4000)
    const many = PaginatedInvitationReadList.decode({ count: 1, next: null, previous: null, results: Array.from({ length: 1000 }, () => ({})) })
    const lines = many._tag === 'Left' ? drawDecodeError(many.left).split('\n') : []
    expect([lines.length, lines.at(-1)]).toEqual([41, '…'])
  })
})

const everyTag: ReadonlyArray<CvatError> = [
  requestError('GET', '/', 'm'),
  transportError('GET', '/', 'n'),
  timeoutError('GET', '/', 5),
  statusError('GET', '/', 404, '', { _tag: 'Empty' }),
  decodeError('GET', '/', 200, 'd', ''),
  listChangedError('/', [3, 4], 4, 3),
  responseTooLargeError('GET', '/', 200, 10),
  redirectError('GET', '/', 301, 'cross-origin', 'https://x/'),
  backgroundRequestError('GET', '/', 'rq', 'failed'),
]

describe('matchError', () => {
  it('dispatches on the tag; its result is the union of the handlers results', () => {
    const tagOf = matchError({
      RequestError: (e) => `req ${e.message}`,
      TransportError: (e) => `net ${e.message}`,
      TimeoutError: (e) => e.ms,
      StatusError: (e) => `status ${e.status}`,
      DecodeError: (e) => `decode ${e.status}`,
      ListChangedError: (e) => `changed ${e.counts.join('/')}`,
      ResponseTooLargeError: (e) => e.limit > 5,
      RedirectError: (e) => `redirect ${e.reason} ${e.location}`,
      BackgroundRequestError: (e) => `background ${e.rqId} ${e.message}`,
    })
    expectTypeOf(tagOf).returns.toEqualTypeOf<string | number | boolean>()
    expect(everyTag.map(tagOf)).toEqual(['req m', 'net n', 5, 'status 404', 'decode 200', 'changed 3/4', true, 'redirect cross-origin https://x/', 'background rq failed'])
  })

  it('matchErrorOr handles the named tags and every other with the fallback', () => {
    const statusOf = matchErrorOr({ StatusError: (e) => e.status, TimeoutError: () => 'slow' as const }, (e) => e._tag)
    expectTypeOf(statusOf).returns.toEqualTypeOf<number | 'slow' | CvatError['_tag']>()
    expect(everyTag.map(statusOf)).toEqual(['RequestError', 'TransportError', 'slow', 404, 'DecodeError', 'ListChangedError', 'ResponseTooLargeError', 'RedirectError', 'BackgroundRequestError'])
  })
})

describe('scrub', () => {
  it('removes every known secret and the shapes of echoed unknown ones, and leaves prose alone', () => {
    const text = [
      'HTTP_AUTHORIZATION: Token 3f9a1c0de2b7 / Bearer pat_9Xyz12 / Basic Ym9iOnB3MTIz',
      'Cookie: sessionid=abc; csrftoken=def',
      'next: http://h/api/invitations?page=2&sign=7%3Aabc&amp;sign=8:def',
      'Token expired. WWW-Authenticate: Basic realm="api". known: hunter2 / aHVudGVyMg',
    ].join('\n')
    expect(scrub(text, ['hunter2', 'aHVudGVyMg'])).toBe(
      [
        'HTTP_AUTHORIZATION: Token [redacted] / Bearer [redacted] / Basic [redacted]',
        'Cookie: sessionid=[redacted]; csrftoken=[redacted]',
        'next: http://h/api/invitations?page=2&sign=[redacted]&amp;sign=[redacted]',
        'Token expired. WWW-Authenticate: Basic realm="api". known: [redacted] / [redacted]',
      ].join('\n'),
    )
  })

  it('finds an echoed credential after schemes that lead nowhere, and one right after another', () => {
    expect(scrub('Token+Token+Token abc123 and Token+abc123-Token def456, Token+Token+xyzzy', [])).toBe(
      'Token+Token+Token [redacted] and Token+[redacted]Token [redacted], Token+Token+xyzzy',
    )
  })
})
