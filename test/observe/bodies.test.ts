// observe({ bodies: true }) against hostile answers: echoed credentials in every form, and bodies
// no walk can finish. The observer reports; it never fails the request it observes.
import { describe, expect, it } from 'vitest'
import { type RequestEvent, basicAuth, createClient, observe } from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'

describe('observe with bodies, a server echoing the password form-encoded', () => {
  // A password with spaces, echoed as a form or URLSearchParams writes it (space as `+`), was
  // reported as it came: every other percent-encoded form was scrubbed, this one was not.
  it('redacts the password written with `+` for each space', async () => {
    const { fetch } = recordingFetch(() => jsonResponse(400, { detail: 'bad form: username=alice&password=correct+horse+battery+staple' }))
    const events: RequestEvent[] = []
    const observed = observe((e) => void events.push(e), { bodies: true, now: () => 0 })(basicAuth({ username: 'alice', password: 'correct horse battery staple' })(createClient({ baseUrl: 'https://cvat.test', fetch })))
    await observed({ method: 'GET', url: '/api/users/self', query: [], headers: {} })()
    expect(events).toEqual([
      { type: 'start', method: 'GET', url: '/api/users/self', attempt: 1 },
      { type: 'end', method: 'GET', url: '/api/users/self', attempt: 1, status: 400, durationMs: 0, responseBody: '{"detail":"bad form: username=[redacted]&password=[redacted]"}' },
    ])
  })
})

describe('observe with bodies, JSON nested deeper than the stack', () => {
  // Walking a 20,000-deep JSON body to redact it overflowed the stack: the 200 answer became a
  // RequestError ("a client under this middleware threw") and no `end` event was sent. The
  // observer failed the request it observes; a hostile server needed 40 kB to do it.
  it('reports such a body by its length; the answer and the events are intact', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    const { fetch } = recordingFetch(() => new Response(deep, { status: 200, headers: { 'content-type': 'application/json' } }))
    const events: RequestEvent[] = []
    const observed = observe((e) => void events.push(e), { bodies: true, now: () => 0 })(createClient({ baseUrl: 'https://cvat.test', fetch }))
    const r = await observed({ method: 'POST', url: '/api/x', query: [], headers: {}, body: deep })()
    expect({ tag: r._tag, events }).toEqual({
      tag: 'Right',
      events: [
        { type: 'start', method: 'POST', url: '/api/x', attempt: 1, requestBody: '[40000 characters, nested too deeply]' },
        { type: 'end', method: 'POST', url: '/api/x', attempt: 1, status: 200, durationMs: 0, responseBody: '[40000 characters, nested too deeply]' },
      ],
    })
  })
})
