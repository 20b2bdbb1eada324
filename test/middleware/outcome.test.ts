// Middleware that watches or decides must not change the outcome once a request was sent. Issue 20: when observe's clock threw after the answer
// arrived, the caller got a RequestError saying the request could not be read — a POST that did
// create the organisation, reported as not sent, invites a duplicate create. Whatever the options,
// the clock or the listener do, the caller gets exactly what the client under observe answered,
// and the request is sent exactly once.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { type ObserveOptions, type RequestEvent, createClient, observe, organizationsCreate, retry, timeout, withSignal } from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'

const ORG = { id: 7, slug: 'acme', name: 'Acme', description: '', owner: null, contact: {}, created_date: '2026-01-01T00:00:00Z', updated_date: '2026-01-01T00:00:00Z' }

const create = async (options: unknown, onEvent: (e: RequestEvent) => void = () => undefined) => {
  const { fetch, sent } = recordingFetch(() => jsonResponse(201, ORG))
  const client = observe(onEvent, options as ObserveOptions)(createClient({ baseUrl: 'https://cvat.test', fetch }))
  const result = await organizationsCreate(client, { organizationWriteRequest: { slug: 'acme', name: 'Acme' } })()
  return { result, sent: sent.length }
}

const created = { result: E.right(ORG), sent: 1 }

describe('observe never changes the outcome', () => {
  it('a clock that throws after the answer: the caller still gets the created organisation', async () => {
    let calls = 0
    const now = () => {
      if (++calls > 1) throw new Error('clock broke')
      return 0
    }
    expect(await create({ now })).toEqual(created)
  })

  it('a clock that throws at once: the request is still sent once, the answer kept', async () => {
    expect(await create({ now: () => { throw new Error('no clock') } })).toEqual(created)
  })

  it('a clock that answers no number: durations are 0, the answer kept', async () => {
    const events: RequestEvent[] = []
    expect(await create({ now: () => 'soon' as unknown as number }, (e) => void events.push(e))).toEqual(created)
    expect(events.map((e) => ('durationMs' in e ? e.durationMs : undefined))).toEqual([undefined, 0])
  })

  it('options whose getters throw: the answer kept, and observe still builds', async () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap') } })
    expect(await create(hostile)).toEqual(created)
    const flaky = { get bodies(): boolean { throw new Error('getter') }, get now(): () => number { throw new Error('getter') } }
    expect(await create(flaky)).toEqual(created)
  })

  it('a listener that throws on every event: the answer kept', async () => {
    expect(await create({ bodies: true }, () => { throw new Error('listener') })).toEqual(created)
  })
})

describe('retry and the signal middleware never turn an answer into "not sent"', () => {
  // The policy's arrays were the caller's own: a Proxy whose `includes` throws, read after the
  // answer came, made the created organisation a RequestError ("the request cannot be read").
  it('a statuses array that throws when read after the answer: the answer kept', async () => {
    let reads = 0
    const statuses = new Proxy([500], { get: (t, k) => (k === 'includes' && ++reads > 0 ? () => { throw new Error('trap') } : Reflect.get(t, k)) })
    const { fetch, sent } = recordingFetch(() => jsonResponse(201, ORG))
    const client = retry({ unsafeStatuses: statuses })(createClient({ baseUrl: 'https://cvat.test', fetch }))
    const result = await organizationsCreate(client, { organizationWriteRequest: { slug: 'acme', name: 'Acme' } })()
    expect({ result, sent: sent.length }).toEqual(created)
  })

  // A caller's signal-like object passes the check, and its removeEventListener ran after the
  // answer: a throw there made the answer a RequestError.
  it('a signal whose removeEventListener throws: the answer kept (withSignal and timeout)', async () => {
    const signal = { aborted: false, reason: undefined, addEventListener: () => undefined, removeEventListener: () => { throw new Error('gone') } } as unknown as AbortSignal
    for (const wrap of [withSignal(signal), (c: ReturnType<typeof createClient>) => timeout(1_000)(withSignal(signal)(c))]) {
      const { fetch, sent } = recordingFetch(() => jsonResponse(201, ORG))
      const result = await organizationsCreate(wrap(createClient({ baseUrl: 'https://cvat.test', fetch })), { organizationWriteRequest: { slug: 'acme', name: 'Acme' } })()
      expect({ result, sent: sent.length }).toEqual(created)
    }
  })
})
