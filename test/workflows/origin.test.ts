// The links a server hands back (a result_url, a TUS Location), kept only on the client's own
// origin. A link with user-info names the same origin to the URL parser (its `origin` leaves the
// user-info out), yet it is another identity, and fetch refuses to send it: it is refused here,
// as a cross-origin link, its user-info redacted.
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { ownLink } from '../../src/workflows/origin'

const answer = { method: 'GET', url: 'http://127.0.0.1:8080/api/requests/rq-1', status: 200 }

describe('ownLink', () => {
  it('keeps a link on the own origin, absolute or relative', () => {
    expect([ownLink('http://127.0.0.1:8080/dl?x=1', answer, 'http://127.0.0.1:8080'), ownLink('/dl', answer, 'http://127.0.0.1:8080')]).toEqual([
      E.right('http://127.0.0.1:8080/dl?x=1'),
      E.right('http://127.0.0.1:8080/dl'),
    ])
  })

  it.each(['http://alice:s3cret@127.0.0.1:8080/dl', 'http://alice@127.0.0.1:8080/dl', 'http://:s3cret@127.0.0.1:8080/dl'])('refuses %s: user-info is not the client’s own', (link) => {
    expect(ownLink(link, answer, 'http://127.0.0.1:8080')).toEqual(
      E.left({ _tag: 'RedirectError', method: 'GET', url: answer.url, status: 200, reason: 'cross-origin', location: 'http://[redacted]@127.0.0.1:8080/dl' }),
    )
  })
})
