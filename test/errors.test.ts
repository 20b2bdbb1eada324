import { describe, expect, it } from 'vitest'
import {
  type CvatError,
  decodeError,
  listChangedError,
  formatError,
  matchError,
  parseErrorBody,
  redactUrl,
  requestError,
  statusError,
  timeoutError,
  transportError,
} from '../src/errors'
import { parseRetryAfter } from '../src/http/retryAfter'

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
})

describe('matchError', () => {
  it('dispatches on the tag', () => {
    const tagOf = matchError({
      RequestError: (e) => `req ${e.message}`,
      TransportError: (e) => `net ${e.message}`,
      TimeoutError: (e) => `time ${e.ms}`,
      StatusError: (e) => `status ${e.status}`,
      DecodeError: (e) => `decode ${e.status}`,
      ListChangedError: (e) => `changed ${e.counts.join('/')}`,
    })
    expect(
      [requestError('GET', '/', 'm'), transportError('GET', '/', 'n'), timeoutError('GET', '/', 5), statusError('GET', '/', 404, '', { _tag: 'Empty' }), decodeError('GET', '/', 200, 'd', ''), listChangedError('/', [3, 4], 4, 3)].map(tagOf),
    ).toEqual(['req m', 'net n', 'time 5', 'status 404', 'decode 200', 'changed 3/4'])
  })
})
