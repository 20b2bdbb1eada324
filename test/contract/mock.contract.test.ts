// `prism mock -d`: Prism invents responses from CVAT's schema (random values, nulls where
// nullable, extra properties). Every one of them must decode to a Right.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as TE from 'fp-ts/TaskEither'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Client,
  type CvatError,
  basicAuth,
  createClient,
  formatError,
  invitationsAccept,
  invitationsCreate,
  invitationsDecline,
  invitationsDestroy,
  invitationsList,
  invitationsPartialUpdate,
  invitationsResend,
  invitationsRetrieve,
} from '../../src/index'
import { hasShared, sharedDir, skipReason } from '../helpers/shared'
import { type Prism, startPrism } from './prism'

const CALLS = 50

const operations: ReadonlyArray<[string, (c: Client, i: number) => TE.TaskEither<CvatError, unknown>]> = [
  ['invitations_create', (c, i) => invitationsCreate(c, { org: 'acme', invitationWriteRequest: { role: 'worker', email: `p${i}@example.com` } })],
  ['invitations_list', (c, i) => invitationsList(c, { org: 'acme', page: i + 1, pageSize: 10 })],
  ['invitations_retrieve', (c, i) => invitationsRetrieve(c, { key: `key${i}` })],
  ['invitations_partial_update', (c, i) => invitationsPartialUpdate(c, { key: `key${i}`, patchedInvitationWriteRequest: { role: 'supervisor' } })],
  ['invitations_destroy', (c, i) => invitationsDestroy(c, { key: `key${i}` })],
  ['invitations_accept', (c, i) => invitationsAccept(c, { key: `key${i}` })],
  ['invitations_decline', (c, i) => invitationsDecline(c, { key: `key${i}` })],
  ['invitations_resend', (c, i) => invitationsResend(c, { key: `key${i}` })],
]

describe.skipIf(!hasShared)(`prism mock -d ${skipReason}`, () => {
  let prism: Prism
  let client: Client

  beforeAll(async () => {
    prism = await startPrism(['mock', '-d', `${sharedDir}/invitations.openapi.yml`])
    // Basic satisfies one of the schema's security alternatives on its own.
    client = pipe(createClient({ baseUrl: prism.url }), basicAuth({ username: 'u', password: 'p' }))
  }, 90_000)

  afterAll(async () => {
    await prism?.stop()
  })

  it.each(operations)(`${CALLS} dynamic responses of %s all decode`, async (_op, call) => {
    const failures: string[] = []
    const values: unknown[] = []
    for (let i = 0; i < CALLS; i++) {
      const r = await call(client, i)()
      if (E.isLeft(r)) failures.push(formatError(r.left))
      else values.push(r.right)
    }
    expect(failures).toEqual([])
    expect(values).toHaveLength(CALLS)
  }, 120_000)

  it('the dynamic invitations vary: expired is true, false and null', async () => {
    // Prism always fills optional properties and never nulls `owner` (an allOf wrapper); those
    // combinations are covered by the schema-driven property test beside this file.
    const expired = new Set<string>()
    for (let i = 0; i < CALLS; i++) {
      const r = await invitationsRetrieve(client, { key: `k${i}` })()
      if (E.isRight(r)) expired.add(String(r.right.expired))
    }
    expect([...expired].sort()).toEqual(['false', 'null', 'true'])
  }, 120_000)
})
