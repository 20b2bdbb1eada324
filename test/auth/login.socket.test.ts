// Logging in over a real socket: login, use the client, log out; the token then stops working.
// CVAT's login also sets session cookies: the client never sends them back (no cookie jar), so
// the token alone authenticates, and logout ends it.
import * as E from 'fp-ts/Either'
import { afterEach, describe, expect, it } from 'vitest'
import { authCreateLogout, createClient, login, usersRetrieveSelf } from '../../src/index'
import { type Scripted, json, scriptedServer } from '../helpers/server'

const KEY = '0123456789abcdef0123456789abcdef01234567'
const ME = { url: 'http://testserver/api/users/1', id: 1, username: 'admin1', first_name: 'Admin', last_name: 'First', groups: ['admin'] }

describe('login over 127.0.0.1', () => {
  let server: Scripted | undefined
  afterEach(async () => {
    await server?.close()
  })

  it('logs in, works as the user, logs out, and the token stops working', async () => {
    server = await scriptedServer([
      json(200, { key: KEY }, { 'set-cookie': 'sessionid=s3ss10n; HttpOnly; Path=/' }),
      json(200, ME),
      json(200, { detail: 'Successfully logged out.' }),
      json(401, { detail: 'Invalid token.' }, { 'www-authenticate': 'Token' }),
    ])
    const session = await login(createClient({ baseUrl: server.url }), { username: 'admin1', password: '!Q@W#E$R' })()
    const admin = E.isRight(session) ? session.right : createClient({ baseUrl: server.url })
    const results = [await usersRetrieveSelf(admin)(), await authCreateLogout(admin)(), await usersRetrieveSelf(admin)()]
    expect({
      requests: server.requests.map((r) => [r.method, r.url, r.headers['authorization'], r.headers['cookie']]),
      session: E.isRight(session),
      results,
    }).toEqual({
      requests: [
        ['POST', '/api/auth/login', undefined, undefined],
        ['GET', '/api/users/self', `Token ${KEY}`, undefined],
        ['POST', '/api/auth/logout', `Token ${KEY}`, undefined],
        ['GET', '/api/users/self', `Token ${KEY}`, undefined],
      ],
      session: true,
      results: [
        E.right(ME),
        E.right({ detail: 'Successfully logged out.' }),
        E.left({ _tag: 'StatusError', method: 'GET', url: `${server.url}/api/users/self`, status: 401, statusText: 'Unauthorized', headers: expect.objectContaining({ 'www-authenticate': 'Token' }), body: { _tag: 'Detail', detail: 'Invalid token.' } }),
      ],
    })
  })
})
