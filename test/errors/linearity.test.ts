// Every scrubbing, redaction and drawing step is linear in its input, and what is cut anyway is cut
// before it is scrubbed. Issue 20: removing echoed `Token …` text was quadratic — a ~190 KB
// organisation description of repeated `Token+` blocked the event loop for seconds under
// observe({ bodies: true }), and a long response header did the same while a StatusError was
// built (every header was scrubbed whole, then cut to 256 characters).
//
// Pinned by time at n and 8n: linear work takes ~8× as long, quadratic ~64×. Each figure is the
// fastest single call among those that fill 15 ms, so a busy machine's noise and the collector
// stay far below the gap between 8 and 64.
import * as E from 'fp-ts/Either'
import type * as D from 'io-ts/Decoder'
import { describe, expect, it } from 'vitest'
import { boundedJson } from '../../src/errors/bounded'
import { boundedHeaders } from '../../src/errors/body'
import { drawDecodeError } from '../../src/errors/draw'
import { formatError, redactUrl, scrub, statusError } from '../../src/errors'
import { secretsOf } from '../../src/errors/redact'
import * as K from '../../src/codecs/decoder'
import { type RequestEvent, createClient, observe, organizationsRetrieve, tokenAuth } from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'

const leftOf = <A>(r: E.Either<D.DecodeError, A>): D.DecodeError => (E.isLeft(r) ? r.left : expect.fail('expected a Left'))

// The fastest single call among those that fill 15 ms (three at least): a collection of the
// large case's garbage, or another process, only ever slows a call down, so the minimum is the
// work itself (a mean over a batch counted a major GC into the large case and not the small).
const perCall = (f: () => unknown): number => {
  let best = Infinity
  let calls = 0
  const start = performance.now()
  do {
    const t = performance.now()
    f()
    best = Math.min(best, performance.now() - t)
    calls++
  } while (calls < 3 || performance.now() - start < 15)
  return best
}

// The time at 8n over the time at n: ~8 when linear (less when the work is cut), ~64 when quadratic.
// A loaded machine only ever makes the ratio look worse, never better: the smallest of up to eight
// measurements counts (a quadratic step never measures below the bound).
const growth = (make: (n: number) => () => unknown, n: number, bound = 24, factor = 8): number => {
  const small = make(n)
  const large = make(factor * n)
  // Warm up both (the JIT, the string shapes), then measure.
  perCall(small)
  perCall(large)
  let best = Infinity
  for (let i = 0; i < 8 && best >= bound; i++) best = Math.min(best, perCall(large) / perCall(small))
  return best
}

// Large enough that a linear pass is well above the timer's grain, small enough that the quadratic
// scrub took seconds, not hours, when this test was red.
const N = 32_000
const hostile: ReadonlyArray<readonly [string, (n: number) => string]> = [
  ['repeated Token+', (n) => 'Token+'.repeat(n / 6)],
  ['repeated Bearer and spaces', (n) => 'Bearer  '.repeat(n / 8)],
  ['repeated Basic%20', (n) => 'Basic%20'.repeat(n / 8)],
  ['one long credential-looking run', (n) => `Token ${'a'.repeat(n)}`],
  ['repeated sessionid=', (n) => 'sessionid='.repeat(n / 10)],
  ['repeated ?sign=', (n) => '?sign='.repeat(n / 6)],
]
// The cut steps cost the same whatever the text: two shapes show it.
const cutShapes = hostile.filter(([name]) => name === 'repeated Token+' || name === 'one long credential-looking run')
const SECRETS = secretsOf({ authorization: 'Token s3cr3t-token-value' }, [['sign', 'abc123']], '{"password":"p\\"ss\\\\w0rd"}')

describe('scrubbing is linear in its input', () => {
  // At n and 32n: linear work grows ~32x, quadratic ~1024x. V8 runs a regular expression in one of
  // two speeds, each linear, and moves to the slower one (~7-14x per character) past a size that
  // depends on the pattern (measured in this suite: scrub of Token+ 4.5 ms at 1 M characters,
  // 68 ms at 2 M, 228 ms at 4 M; redactUrl 0.17 ms at 32 K, 4.7 ms at 128 K, 38 ms at 1 M). A step
  // across that line measured 60-100x for 8n and ~420x for 32n while each speed is linear: the
  // bound, 700, leaves room for that constant factor and none for a quadratic (≥ 1024).
  it.each(hostile)('scrub of %s', (_name, text) => {
    expect(growth((n) => ((t) => () => scrub(t, SECRETS))(text(n)), N, 700, 32)).toBeLessThan(700)
  })

  it('redactUrl of a long authority and query', () => {
    expect(growth((n) => ((url) => () => redactUrl(url))(`http://${'u:p'.repeat(n / 3)}@h/?${'sign=x&'.repeat(n / 7)}`), N, 700, 32)).toBeLessThan(700)
  })
})

describe('what is cut anyway is cut before it is scrubbed', () => {
  it.each(cutShapes)('a response header of %s costs what a StatusError keeps of it', (_name, text) => {
    // Kept: 256 characters. The time must not grow with the header.
    expect(growth((n) => ((headers) => () => boundedHeaders(headers, SECRETS))({ 'x-echo': text(n) }), N, 4)).toBeLessThan(4)
  })

  it.each(cutShapes)('a status text of %s costs what a StatusError keeps of it', (_name, text) => {
    expect(growth((n) => ((t) => () => statusError('GET', 'http://h/api/x', 400, t, { _tag: 'Empty' }, undefined, {}, SECRETS))(text(n)), N, 4)).toBeLessThan(4)
  })

  it.each(cutShapes)('a drawn value of %s costs what is shown', (_name, text) => {
    const decoder = K.struct({ a: K.boolean })
    const shown = (t: string) => scrub(t, SECRETS)
    expect(growth((n) => ((failed) => () => drawDecodeError(failed, shown))(leftOf(decoder.decode({ a: text(n) }))), N, 4)).toBeLessThan(4)
    expect(growth((n) => ((value) => () => boundedJson(value, 120, shown))([text(n), text(n)]), N, 4)).toBeLessThan(4)
  })

  it.each(cutShapes)('formatError of a StatusError whose body is %s', (_name, text) => {
    const e = (n: number) => statusError('GET', 'http://h/api/x', 400, 'Bad', { _tag: 'Text', text: text(n) })
    expect(growth((n) => ((error) => () => formatError(error))(e(n)), N, 4)).toBeLessThan(4)
  })
})

describe('observe({ bodies: true }) reports a hostile body in time linear in it', () => {
  // An organisation any maintainer can describe with 190 KB of `Token+`: every member's observed
  // client paid seconds of blocked event loop for each read of it.
  const perCallAsync = async (f: () => Promise<unknown>): Promise<number> => {
    let best = Infinity
    for (let round = 0; round < 3; round++) {
      let calls = 0
      const start = performance.now()
      do {
        await f()
        calls++
      } while (performance.now() - start < 40)
      best = Math.min(best, (performance.now() - start) / calls)
    }
    return best
  }
  const reading = (description: string) => {
    const body = { id: 1, slug: 'acme', name: 'Acme', description, owner: null, contact: {}, created_date: '', updated_date: '' }
    const { fetch } = recordingFetch(() => jsonResponse(200, body))
    const events: RequestEvent[] = []
    // maxBody 4 MB: the whole body is reported, so the ratio holds all of the work to linear.
    const client = observe((e) => void events.push(e), { bodies: true, maxBody: 4_000_000 })(tokenAuth('s3cr3t-token-value')(createClient({ baseUrl: 'https://cvat.test', fetch })))
    return () => organizationsRetrieve(client, { id: 1 })()
  }
  it.each(cutShapes)('a description of %s', async (_name, text) => {
    // 2N and 64N: 32x, as above.
    const [small, large] = [reading(text(2 * N)), reading(text(64 * N))]
    await perCallAsync(small)
    await perCallAsync(large)
    let best = Infinity
    for (let i = 0; i < 3 && best >= 700; i++) best = Math.min(best, (await perCallAsync(large)) / (await perCallAsync(small)))
    expect(best).toBeLessThan(700)
  })
})
