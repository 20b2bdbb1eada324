// Values an untyped caller (JavaScript, JSON from elsewhere, a bug) can pass where a parameter,
// an option or a body is expected: throwing getters, Proxies, a `toString` that throws, lone
// surrogates, BigInt, Symbol — mixed into fast-check's `anything`.
import fc from 'fast-check'

const boom = (): never => {
  throw new Error('hostile')
}

export const throwingGetter = (name: string): object => Object.defineProperty({}, name, { enumerable: true, get: boom })
export const throwingProxy = (): object =>
  new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom })
export const throwingToString = (): object => ({ toString: boom, valueOf: boom })
export const LONE = 'cut\uD83D'

// fast-check inspects generated values (to clone or print them), which would set off the traps:
// arbitraries here yield a recipe, and the test makes the value inside the property.
export type Make = () => unknown
const named = (name: string, make: Make): Make => Object.assign(make, { toString: () => name })

const special: fc.Arbitrary<Make> = fc.constantFrom<Make>(
  throwingProxy,
  throwingToString,
  () => throwingGetter('key'),
  () => throwingGetter('org'),
  () => LONE,
  () => '\uDC00',
  () => 10n,
  () => Symbol('s'),
  () => null,
  () => undefined,
  () => NaN,
  () => Infinity,
  () => -1,
  () => 1e9,
  () => 2 ** 31,
  () => () => 1,
)

const anything = fc
  .anything({ withBigInt: true, withBoxedValues: true, withNullPrototype: true, withMap: true, withSet: true, withObjectString: true, withTypedArray: true, withSparseArray: true, maxDepth: 3 })
  .map((v) => named(fc.stringify(v), () => v))

/** Anything JavaScript allows, weighted towards what breaks code (as a recipe). */
export const hostile: fc.Arbitrary<Make> = fc.oneof({ arbitrary: anything, weight: 3 }, { arbitrary: special, weight: 2 })

const text = fc.string({ unit: 'binary' }).map((v) => named(JSON.stringify(v), () => v))
const of = (...arbs: ReadonlyArray<fc.Arbitrary<Make>>): fc.Arbitrary<Make> => fc.oneof(...arbs)

const fields = (record: Record<string, fc.Arbitrary<Make>>): fc.Arbitrary<Make> =>
  fc.record(record, { requiredKeys: [] }).map((makers) =>
    named(`{ ${Object.entries(makers).map(([k, m]) => `${k}: ${String(m)}`).join(', ')} }`, () =>
      Object.fromEntries(Object.entries(makers).map(([k, m]) => [k, m?.()])),
    ),
  )

/** An object whose usual parameter names hold hostile values (as a recipe). */
export const hostileParams: fc.Arbitrary<Make> = of(
  hostile,
  fields({
    key: of(text, hostile),
    id: of(fc.integer().map((n) => named(String(n), () => n)), hostile),
    org: of(text, hostile),
    orgId: hostile,
    xOrganization: of(text, hostile),
    search: of(text, hostile),
    filter: of(text, hostile),
    sort: hostile,
    page: hostile,
    pageSize: hostile,
    concurrency: hostile,
    invitationWriteRequest: of(fields({ role: of(fc.constant(named("'worker'", () => 'worker')), hostile), email: of(text, hostile) }), hostile),
    patchedInvitationWriteRequest: hostile,
  }),
)
