// One table-driven shape for endpoint tests: a call through an injected fetch, compared whole on
// what was sent and what came back.
import type * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { expect, it } from 'vitest'
import { type Client, createClient } from '../../src/http/client'
import type { CvatError } from '../../src/errors'
import { type Sent, recordingFetch } from './fetch'

export const BASE = 'https://cvat.example'
export const ACCEPT = { accept: 'application/vnd.cvat+json' }
export const JSON_HEADERS = { ...ACCEPT, 'content-type': 'application/json' }

export interface Case {
  readonly name: string
  readonly call: (c: Client) => TE.TaskEither<CvatError, unknown>
  /** Every request sent, whole (empty: refused before sending). */
  readonly sent: ReadonlyArray<Sent>
  readonly reply?: (s: Sent) => Response
  /** The whole result. */
  readonly result: E.Either<unknown, unknown>
}

/** Runs each case and compares `{ sent, result }` whole. */
export const runCases = (cases: ReadonlyArray<Case>): void => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { fetch, sent } = recordingFetch(c.reply ?? (() => new Response(null, { status: 599 })))
    const result = await c.call(createClient({ baseUrl: BASE, fetch }))()
    expect({ sent, result }).toEqual({ sent: c.sent, result: c.result })
  })
}
