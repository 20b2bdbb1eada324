// inviteMany, resendMany, destroyMany against the emulator over HTTP: one outcome per row,
// skips, throttling without a hot loop, dry runs that send nothing, and untyped input.
import { pipe } from 'fp-ts/function'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BulkProgress, type InviteOutcome, type KeyOutcome, createClient, destroyMany, inviteMany, invitationsList, resendMany, tokenAuth } from '../../src/index'
import { createCvatEmulator } from '../../src/testing'
import { useEmulator } from '../e2e/helpers'
import { emptyResponse, recordingFetch } from '../helpers/fetch'

const summary = (outcomes: ReadonlyArray<InviteOutcome | KeyOutcome>) =>
  outcomes.map((o) => {
    const who = typeof o.input === 'string' ? o.input : String((o.input as { email?: unknown } | null)?.email)
    switch (o._tag) {
      case 'Done':
        return `${o.row} done ${who}`
      case 'Failed':
        return `${o.row} failed ${who} ${o.error._tag === 'StatusError' ? o.error.status : o.error._tag}${o.retryAfter === undefined ? '' : ` retry ${o.retryAfter}`}`
      case 'Skipped':
        return `${o.row} skipped ${who} ${o.reason}${o.firstRow === undefined ? '' : ` of ${o.firstRow}`}`
      case 'NotSent':
        return `${o.row} not-sent ${who} ${o.reason} retry ${o.retryAfter}`
      case 'WouldSend':
        return `${o.row} would ${o.request.method} ${o.request.url} ${JSON.stringify(o.request.body ?? null)}`
    }
  })

describe('bulk invitations over HTTP', () => {
  const live = useEmulator({ now: () => Date.parse('2026-03-01T00:00:00Z'), resendLimit: 2 })
  const writes = () => live.emulator.log.filter((r) => r.method !== 'GET').length

  it('inviteMany: one outcome per row, duplicates and existing members skipped, progress per row', async () => {
    const progress: BulkProgress[] = []
    const outcomes = await inviteMany(live.as('olga'), {
      org: 'acme',
      skipExisting: true,
      concurrency: 2,
      onProgress: (p) => progress.push(p),
      invitations: [
        { email: 'ann@example.com', role: 'worker' },
        { email: ' ANN@example.com', role: 'supervisor' },
        { email: 'wes@acme.test', role: 'worker' },
        { email: 'ivy@outside.test', role: 'worker' },
        { email: 'boss@example.com', role: 'owner' },
      ],
    })()
    expect(summary(outcomes)).toEqual([
      '0 done ann@example.com',
      '1 skipped  ANN@example.com duplicate of 0',
      '2 skipped wes@acme.test existing',
      '3 skipped ivy@outside.test existing',
      '4 failed boss@example.com 403',
    ])
    expect(progress.at(-1)).toEqual({ done: 5, failed: 1, total: 5 })
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5])
  })

  it('inviteMany without skipExisting reports an existing member as a failure', async () => {
    const outcomes = await inviteMany(live.as('olga'), { org: 'acme', invitations: [{ email: 'sam@acme.test', role: 'worker' }] })()
    expect(summary(outcomes)).toEqual(['0 failed sam@acme.test 400'])
  })

  it('dry runs describe every request and send none (the emulator log proves it)', async () => {
    const before = live.emulator.log.length
    const invites = await inviteMany(live.as('olga'), {
      org: 'acme',
      dryRun: true,
      invitations: [{ email: 'new@example.com', role: 'worker' }, { email: '', role: 'worker' }, { email: 'NEW@example.com', role: 'worker' }],
    })()
    const resends = await resendMany(live.as('olga'), { org: 'acme', dryRun: true, keys: ['k1', 'a/b', ''] })()
    const deletes = await destroyMany(live.as('olga'), { org: 'acme', dryRun: true, keys: ['k1', 'k1'] })()
    expect(live.emulator.log.length).toBe(before)
    expect([...summary(invites), ...summary(resends), ...summary(deletes)]).toEqual([
      '0 would POST /api/invitations?org=acme {"role":"worker","email":"new@example.com"}',
      '1 failed  RequestError',
      '2 skipped NEW@example.com duplicate of 0',
      '0 would POST /api/invitations/k1/resend?org=acme null',
      '1 would POST /api/invitations/a%2Fb/resend?org=acme null',
      '2 failed  RequestError',
      '0 would DELETE /api/invitations/k1?org=acme null',
      '1 skipped k1 duplicate of 0',
    ])
  })

  it('resendMany stops at CVAT\'s throttle: the rest are not sent and carry retryAfter', async () => {
    const created = await inviteMany(live.as('olga'), {
      org: 'acme',
      invitations: ['r1', 'r2', 'r3', 'r4', 'r5'].map((n) => ({ email: `${n}@example.com`, role: 'worker' as const })),
    })()
    const keys = created.flatMap((o) => (o._tag === 'Done' ? [o.value.key] : []))
    expect(keys).toHaveLength(5)
    const before = writes()
    const outcomes = await resendMany(live.as('olga'), { org: 'acme', keys, concurrency: 1 })()
    expect(summary(outcomes)).toEqual([
      `0 done ${keys[0]}`,
      `1 done ${keys[1]}`,
      `2 failed ${keys[2]} 429 retry 3600`,
      `3 not-sent ${keys[3]} throttled retry 3600`,
      `4 not-sent ${keys[4]} throttled retry 3600`,
    ])
    expect(writes() - before).toBe(3)
  })

  it('destroyMany deletes each key once and reports unknown ones', async () => {
    const page = await invitationsList(live.as('olga'), { org: 'acme', pageSize: 'all' })()
    const keys = page._tag === 'Right' ? page.right.results.map((i) => i.key).slice(0, 2) : []
    const outcomes = await destroyMany(live.as('olga'), { org: 'acme', keys: [keys[0]!, 'nope', keys[0]!, keys[1]!] })()
    expect(summary(outcomes)).toEqual([`0 done ${keys[0]}`, '1 failed nope 404', `2 skipped ${keys[0]} duplicate of 0`, `3 done ${keys[1]}`])
  })
})

describe('bulk input from plain JavaScript', () => {
  const emulator = createCvatEmulator()
  const cvat = pipe(createClient({ baseUrl: 'https://cvat.test', fetch: emulator.fetch }), tokenAuth('token-olga'))
  const untyped = inviteMany as (c: unknown, p: unknown) => () => Promise<ReadonlyArray<InviteOutcome>>

  it('is total: no params, no rows, odd rows and odd concurrency never throw', async () => {
    expect(await untyped(cvat, {})()).toEqual([])
    expect(await untyped(cvat, null)()).toEqual([])
    expect(await untyped(cvat, undefined)()).toEqual([])
    expect(await untyped(cvat, { org: 'acme', invitations: 'a@b.c' })()).toEqual([])
    expect(await resendMany(cvat, null as never)()).toEqual([])
    expect(summary(await untyped(cvat, { org: 'acme', invitations: [null, 7, { email: 3 }], concurrency: null })())).toEqual([
      '0 failed undefined RequestError',
      '1 failed undefined RequestError',
      '2 failed 3 RequestError',
    ])
    const before = emulator.log.length
    expect(summary(await untyped(cvat, { org: 'acme', invitations: [{ email: 'x@y.z', role: 'worker' }], concurrency: 0 })())).toEqual(['0 failed x@y.z RequestError'])
    expect(emulator.log.length).toBe(before)
  })

  it('runs at most 64 at once; beyond that every row fails with a RequestError and nothing is sent', async () => {
    let inFlight = 0
    let peak = 0
    const { fetch, sent } = recordingFetch(async () => {
      peak = Math.max(peak, ++inFlight)
      await new Promise((r) => setTimeout(r, 5))
      inFlight--
      return emptyResponse(204)
    })
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`)
    const outcomes = await destroyMany(createClient({ fetch }), { keys, concurrency: 64 })()
    expect([outcomes.length, outcomes.every((o) => o._tag === 'Done'), peak]).toEqual([100, true, 64])
    const refused = await destroyMany(createClient({ fetch }), { keys: ['a', 'b'], concurrency: 65 })()
    expect(refused.map((o) => (o._tag === 'Failed' ? o.error : o._tag))).toEqual(
      ['a', 'b'].map(() => ({ _tag: 'RequestError', method: 'DELETE', url: '/api/invitations/{key}', message: 'concurrency must be an integer from 1 to 64, got 65' })),
    )
    expect(sent.length).toBe(100)
  })

  it('params or rows that throw when read never make the batch throw', async () => {
    const trap = new Proxy({}, { get: () => { throw new Error('trap') }, ownKeys: () => { throw new Error('trap') } })
    expect(await untyped(cvat, trap)()).toEqual([])
    expect(await resendMany(cvat, trap as never)()).toEqual([])
    const row = { role: 'worker', get email(): string { throw new Error('getter') } }
    const outcomes = await untyped(cvat, { org: 'acme', invitations: [row, { email: 'ok@example.com', role: 'worker' }], dryRun: true })()
    expect(outcomes.map((o) => (o._tag === 'Failed' ? `${o.row} ${o.error._tag}` : `${o.row} ${o._tag}`))).toEqual(['0 RequestError', '1 WouldSend'])
  })

  it('property: one outcome per row, in order; every repeat names the first row with its address', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ email: fc.constantFrom('a@x.org', 'A@x.org ', 'b@x.org', 'c@x.org'), role: fc.constant('worker' as const) }), { maxLength: 30 }), async (rows) => {
        const outcomes = await inviteMany(cvat, { org: 'acme', invitations: rows, dryRun: true })()
        const first = new Map<string, number>()
        const expected = rows.map((r, i) => {
          const k = r.email.trim().toLowerCase()
          const f = first.get(k)
          if (f === undefined) first.set(k, i)
          return f === undefined ? 'WouldSend' : `dup of ${f}`
        })
        expect(outcomes.map((o) => (o._tag === 'Skipped' ? `dup of ${o.firstRow}` : o._tag))).toEqual(expected)
      }),
      { numRuns: 50 },
    )
  })
})
