import { pipe } from 'fp-ts/function'
import { describe, expect, it } from 'vitest'
import { createClient, invitationsList, organization } from '../../src/index'
import { jsonResponse, recordingFetch } from '../helpers/fetch'
import { page } from '../helpers/samples'

describe('organization(slug)', () => {
  const sent = async (params: Parameters<typeof invitationsList>[1]) => {
    const rec = recordingFetch(() => jsonResponse(200, page([])))
    await invitationsList(pipe(createClient({ baseUrl: 'https://h', fetch: rec.fetch }), organization('acme')), params)()
    return rec.sent.map((s) => [s.url, s.headers['x-organization']])
  }

  it('adds X-Organization when the call names no context', async () => {
    expect(await sent({})).toEqual([['https://h/api/invitations', 'acme']])
  })

  it('leaves a call that names its own context alone', async () => {
    expect(await sent({ org: 'globex' })).toEqual([['https://h/api/invitations?org=globex', undefined]])
    expect(await sent({ orgId: 2 })).toEqual([['https://h/api/invitations?org_id=2', undefined]])
    expect(await sent({ xOrganization: 'globex' })).toEqual([['https://h/api/invitations', 'globex']])
    expect(await sent({ org: '' })).toEqual([['https://h/api/invitations?org=', undefined]])
  })
})
