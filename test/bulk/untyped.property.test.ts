// The bulk functions from plain JavaScript: whatever the params, rows or options, the Task
// resolves to an array of outcomes, one per readable row; it never throws or rejects.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createClient, destroyMany, inviteMany, resendMany } from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'
import { hostile, hostileParams } from '../input/hostile'

type Untyped = (...args: ReadonlyArray<unknown>) => () => Promise<ReadonlyArray<{ readonly row: number }>>
const bulk: ReadonlyArray<[string, Untyped, string]> = [
  ['inviteMany', inviteMany as unknown as Untyped, 'invitations'],
  ['resendMany', resendMany as unknown as Untyped, 'keys'],
  ['destroyMany', destroyMany as unknown as Untyped, 'keys'],
]

describe('property: bulk functions over hostile params and rows', () => {
  it.each(bulk)('%s never throws or rejects; outcomes are numbered rows', async (_name, fn, rowsKey) => {
    await fc.assert(
      fc.asyncProperty(hostileParams, fc.array(hostile, { maxLength: 4 }), fc.boolean(), async (makeParams, makeRows, asRows) => {
        const { fetch } = recordingFetch(() => jsonResponse(400, ['nope']))
        const client = createClient({ baseUrl: 'http://cvat.test', fetch })
        const params = makeParams()
        const rows = makeRows.map((m) => m())
        // Spreading a hostile object may itself throw (in the test, not the library): keep it whole then.
        let input: unknown = params
        try {
          if (asRows && typeof params === 'object' && params !== null) input = { ...params, [rowsKey]: rows }
        } catch {
          input = params
        }
        let outcomes: ReadonlyArray<{ readonly row: number }> = []
        try {
          outcomes = await fn(client, input)()
        } catch (e) {
          expect.fail(`threw or rejected: ${String(e)}`)
        }
        expect(Array.isArray(outcomes)).toBe(true)
        expect(outcomes.map((o) => o.row)).toEqual(outcomes.map((_, i) => i))
      }),
      { numRuns: 150 },
    )
  })
})
