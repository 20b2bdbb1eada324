// Hostile review (lesser findings): createCvatEmulator never throws on plain-JS options — null, a
// non-object, a Proxy that throws, wrong-typed values are defaults plus a line in `problems`; an
// unknown serverVersion is served as the default and reported, never silently; fetch never rejects.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../src/testing'

const throwing = new Proxy({}, { get() { throw new Error('boom') }, has() { throw new Error('boom') }, ownKeys() { throw new Error('boom') } })
const summary = (e: ReturnType<typeof createCvatEmulator>) => ({ serverVersion: e.serverVersion, users: e.state.users.length, problems: e.problems })
const defaults = summary(createCvatEmulator())

describe('createCvatEmulator with options a JS caller might pass', () => {
  it('null, undefined, a number, a string, an array: the defaults, the odd value reported', () => {
    const odd = [null, 42, 'x', [1]] as const
    expect(odd.map((o) => summary(createCvatEmulator(o as never)))).toEqual(
      ['null', 'a number', 'a string', 'an array'].map((what) => ({ ...defaults, problems: [`options must be an object, got ${what}: using the defaults`] })),
    )
    expect(summary(createCvatEmulator(undefined))).toEqual(defaults)
  })

  it('a Proxy that throws on every read: the defaults, reported', () => {
    expect(summary(createCvatEmulator(throwing as never))).toEqual({ ...defaults, problems: ['options could not be read (boom): using the defaults'] })
  })

  it('an unknown serverVersion is served as 2.73 and reported, never silently accepted', () => {
    expect(summary(createCvatEmulator({ serverVersion: '9.9' as never }))).toEqual({ ...defaults, problems: ['serverVersion "9.9" is not one of 2.26, 2.73: serving 2.73'] })
    expect(createCvatEmulator({ serverVersion: '2.26' }).serverVersion).toBe('2.26')
  })

  it('a wrong-typed option is its default, reported by name', () => {
    const e = createCvatEmulator({ now: 5, users: 'zoe', expiryDays: 'x', defaultSeed: null } as never)
    expect(summary(e)).toEqual({
      ...defaults,
      problems: ['option now must be a function: using the default', 'option users must be an array: using the default', 'option expiryDays must be a number: using the default'],
    })
  })

  it('any value at all as options never throws (fast-check)', () => {
    fc.assert(fc.property(fc.anything(), (o) => { createCvatEmulator(o as never) }), { numRuns: 200 })
  })
})

describe('emulator.fetch never rejects', () => {
  it('a Proxy init that throws on every read, or a URL object whose toString throws: 400', async () => {
    const e = createCvatEmulator()
    const badInput = { toString() { throw new Error('boom') } }
    const answers = await Promise.all([
      e.fetch('http://h/api/invitations', throwing as never).then((r) => r.status, () => 'rejected'),
      e.fetch(badInput as never).then((r) => r.status, () => 'rejected'),
      e.fetch(throwing as never, throwing as never).then((r) => r.status, () => 'rejected'),
    ])
    expect(answers).toEqual([400, 400, 400])
  })
})
