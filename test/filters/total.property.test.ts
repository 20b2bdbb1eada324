// The public helpers are total for any plain-JS input: the filter builders, parseRetryAfter,
// redactUrl, describeBody, matchError(Or) and formatError return a value, never throw. A filter
// holding what JSON cannot carry renders as text CVAT refuses (400), never as a different filter.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CvatError,
  and,
  between,
  contains,
  describeBody,
  eq,
  filterString,
  formatError,
  gt,
  gte,
  invitationFields,
  lt,
  lte,
  matchError,
  matchErrorOr,
  not,
  oneOf,
  or,
  parseRetryAfter,
  redactUrl,
} from '../../src/index'
import { hostile, throwingProxy } from '../input/hostile'

// Every helper, called with hostile input (as untyped JavaScript may), made into one call.
const calls: ReadonlyArray<readonly [string, (a: unknown, b: unknown, c: unknown) => unknown]> = [
  ['eq', (a, b) => filterString(eq(a as never, b as never))],
  ['lt', (a, b) => filterString(lt(a as never, b as never))],
  ['lte', (a, b) => filterString(lte(a as never, b as never))],
  ['gt', (a, b) => filterString(gt(a as never, b as never))],
  ['gte', (a, b) => filterString(gte(a as never, b as never))],
  ['between', (a, b, c) => filterString(between(a as never, b as never, c as never))],
  ['oneOf', (a, b) => filterString(oneOf(a as never, b as never))],
  ['contains', (a, b) => filterString(contains(a as never, b as never))],
  ['and', (a, b, c) => filterString(and(a as never, b as never, c as never))],
  ['or', (a, b) => filterString(or(a as never, b as never))],
  ['not', (a) => filterString(not(a as never))],
  ['filterString', (a) => filterString(a as never)],
  ['parseRetryAfter', (a, b) => parseRetryAfter(a as never, b as never)],
  ['redactUrl', (a) => redactUrl(a as never)],
  ['describeBody', (a) => describeBody(a as never)],
  ['formatError', (a) => formatError(a as never)],
  ['matchErrorOr', (a, b, c) => matchErrorOr(a as never, b as never)(c as never)],
  ['matchError', (a, b) => matchError(a as never)(b as never)],
]

describe('public helpers are total', () => {
  it('none throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...calls), hostile, hostile, hostile, ([, call], a, b, c) => {
        expect(() => call(a(), b(), c())).not.toThrow()
      }),
      { numRuns: 2000 },
    )
  })

  it('the reviewer\'s inputs', () => {
    expect(filterString(eq(null as never, 1))).toBe(UNRENDERABLE)
    expect(filterString(and(null as never))).toBe(UNRENDERABLE)
    expect(filterString(eq(invitationFields.owner, throwingProxy() as never))).toBe(UNRENDERABLE)
    expect([parseRetryAfter(null as never), redactUrl(null as never), describeBody(null as never)]).toEqual([undefined, '', '(an unreadable body)'])
    const e: CvatError = { _tag: 'RedirectError', method: 'GET', url: '/x', status: 302, reason: 'opaque', location: '' } as CvatError
    expect(matchErrorOr(null as never, () => 'otherwise')(e)).toBe('otherwise')
    expect(matchErrorOr({}, null as never)(e)).toBe(undefined)
  })

  it('a value JSON cannot carry as it is makes the filter unrenderable, never a different filter', () => {
    for (const value of [undefined, 10n, Symbol('s'), NaN, Infinity, () => 1, { toJSON: () => undefined }])
      expect(filterString(oneOf(invitationFields.owner, ['olga', value as never]))).toBe(UNRENDERABLE)
    const cycle: Record<string, unknown> = {}
    cycle['self'] = cycle
    expect(filterString(eq(invitationFields.owner, cycle as never))).toBe(UNRENDERABLE)
    expect(filterString(and(eq(invitationFields.accepted, false), not(eq(invitationFields.owner, 'olga'))))).toBe('{"and":[{"==":[{"var":"accepted"},false]},{"!":{"==":[{"var":"owner"},"olga"]}}]}')
  })

  it('matchError written against fewer tags answers undefined for a tag it has no handler for', () => {
    const fiveTags = { RequestError: () => 'r', TransportError: () => 't', TimeoutError: () => 'o', StatusError: () => 's', DecodeError: () => 'd' }
    const e = { _tag: 'ResponseTooLargeError', method: 'GET', url: '/x', status: 200, limit: 1 } as CvatError
    expect([matchError(fiveTags as never)(e), matchError(fiveTags as never)({ ...e, _tag: 'StatusError' } as never)]).toEqual([undefined, 's'])
  })
})

const UNRENDERABLE = 'unrenderable filter: it holds a value JSON cannot represent'
