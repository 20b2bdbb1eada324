// The bulk helpers' options from plain JavaScript, one getter at a time. Issue 20: a `dryRun`,
// `concurrency` or `onProgress` getter that throws made every readable row vanish — an empty
// array of outcomes, nothing sent and no error, so a script reported "0 invited" and moved on.
// Now an option that cannot be read refuses every row with a RequestError naming it (nothing is
// sent: an unreadable `dryRun` might have meant "send nothing"), an unreadable organisation
// context refuses every row too, and an unreadable `onProgress` only loses the progress reports.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { type BulkProgress, createClient, destroyMany, inviteMany, resendMany } from '../../src/index'
import { emptyResponse, jsonResponse, recordingFetch } from '../helpers/fetch'

const INVITATION = { key: 'k1', created_date: '2026-01-01T00:00:00Z', owner: null, role: 'worker', user: { id: 3, username: 'ann', first_name: '', last_name: '' }, organization: 1 }

const throwing = <A extends object>(base: A, name: string): A =>
  Object.defineProperty({ ...base }, name, {
    enumerable: true,
    get: () => {
      throw new Error(`${name} trap`)
    },
  })

const run = async (which: 'invite' | 'resend' | 'destroy', params: object) => {
  const { fetch, sent } = recordingFetch((s) => (s.method === 'POST' && s.url.includes('/api/invitations?') ? jsonResponse(201, INVITATION) : emptyResponse(204)))
  const client = createClient({ baseUrl: 'https://cvat.test', fetch })
  const outcomes =
    which === 'invite'
      ? await inviteMany(client, params as never)()
      : which === 'resend'
        ? await resendMany(client, params as never)()
        : await destroyMany(client, params as never)()
  return { outcomes: outcomes.map((o) => ({ row: o.row, tag: o._tag, ...(o._tag === 'Failed' ? { error: o.error._tag, message: 'message' in o.error ? o.error.message : '' } : {}) })), sent: sent.length }
}

const keys = { org: 'acme', keys: ['k1', 'k2'] }
const rows = { org: 'acme', invitations: [{ email: 'ann@example.com', role: 'worker' }, { email: 'bob@example.com', role: 'worker' }] }

describe('an option getter that throws never makes the rows vanish', () => {
  const cases = [
    ['invite', rows],
    ['resend', keys],
    ['destroy', keys],
  ] as const
  describe.each(cases)('%sMany', (which, base) => {
    it.each(['dryRun', 'concurrency'])('%s: every row is a RequestError naming it, nothing sent', async (name) => {
      const refused = { tag: 'Failed', error: 'RequestError', message: `${name} cannot be read (reading it threw)` }
      expect(await run(which, throwing(base, name))).toEqual({ outcomes: [{ row: 0, ...refused }, { row: 1, ...refused }], sent: 0 })
    })

    it('onProgress: every row is sent and has its outcome (only the progress reports are lost)', async () => {
      expect(await run(which, throwing(base, 'onProgress'))).toEqual({ outcomes: [{ row: 0, tag: 'Done' }, { row: 1, tag: 'Done' }], sent: 2 })
    })

    it('org: every row is a RequestError, nothing sent', async () => {
      const result = await run(which, throwing(base, 'org'))
      expect({ tags: result.outcomes.map((o) => [o.tag, o.error]), sent: result.sent }).toEqual({
        tags: [
          ['Failed', 'RequestError'],
          ['Failed', 'RequestError'],
        ],
        sent: 0,
      })
    })
  })

  it('a readable onProgress still hears every row when another option is fine', async () => {
    const seen: BulkProgress[] = []
    const result = await run('destroy', { ...keys, onProgress: (p: BulkProgress) => void seen.push(p) })
    expect({ result, seen }).toEqual({
      result: { outcomes: [{ row: 0, tag: 'Done' }, { row: 1, tag: 'Done' }], sent: 2 },
      seen: [
        { done: 1, failed: 0, total: 2 },
        { done: 2, failed: 0, total: 2 },
      ],
    })
    expect(E.isRight(E.right(0))).toBe(true)
  })
})
