// The CLI's CSV reader: `email,role` lines, header optional, any bad line a usage error naming it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/cli/invitations'

describe('parseCsv', () => {
  it('reads rows with or without a header, CRLF, quotes and blank lines', () => {
    expect(parseCsv('email,role\r\n"ann@example.com","worker"\r\n\r\nbo@example.com, supervisor\n')).toEqual([
      { email: 'ann@example.com', role: 'worker' },
      { email: 'bo@example.com', role: 'supervisor' },
    ])
    expect(parseCsv('cy@example.com,maintainer')).toEqual([{ email: 'cy@example.com', role: 'maintainer' }])
  })

  it('names the first bad line', () => {
    expect([parseCsv('a@x.org,worker\nb@x.org\n'), parseCsv('a@x.org,admin'), parseCsv('a@x.org,worker,extra')]).toEqual([
      { _tag: 'Usage', message: 'CSV line 2: expected "email,role" with role one of worker, supervisor, maintainer, owner, got "b@x.org"' },
      { _tag: 'Usage', message: 'CSV line 1: expected "email,role" with role one of worker, supervisor, maintainer, owner, got "a@x.org,admin"' },
      { _tag: 'Usage', message: 'CSV line 1: expected "email,role" with role one of worker, supervisor, maintainer, owner, got "a@x.org,worker,extra"' },
    ])
  })

  it('property: any text gives rows or one usage error, never an exception; written rows read back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const r = parseCsv(text)
        expect(Array.isArray(r) || (r as { _tag?: string })._tag === 'Usage').toBe(true)
      }),
    )
    const row = fc.record({ email: fc.stringMatching(/^[a-z0-9.]{1,10}@[a-z]{1,8}\.[a-z]{2,3}$/), role: fc.constantFrom('worker' as const, 'supervisor' as const, 'maintainer' as const, 'owner' as const) })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.boolean(), (rows, header) => {
        const text = [...(header ? ['email,role'] : []), ...rows.map((r) => `${r.email},${r.role}`)].join('\n')
        expect(parseCsv(text)).toEqual(rows)
      }),
    )
  })
})
