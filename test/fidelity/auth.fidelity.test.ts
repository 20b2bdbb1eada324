// cvat/apps/iam (views, serializers, authentication), dj-rest-auth 5.0.2, DRF authentication and
// cvat/apps/access_tokens (2.73) — one test per rule, over real HTTP.
import { describe, expect, it } from 'vitest'
import { FORBIDDEN, sb, serve } from './helpers'

const token = (t: string) => ({ headers: { authorization: `Token ${t}` } })
const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } })

describe('dj-rest-auth LoginView / LogoutView with CVAT LoginSerializerEx', () => {
  const s = serve()

  it('login by username or by e-mail answers the same get-or-create token', async () => {
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'olga', password: 'olga-password' }))).toEqual({ status: 200, body: { key: 'token-olga' } })
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { email: 'OLGA@acme.test', password: 'olga-password' }))).toEqual({ status: 200, body: { key: 'token-olga' } })
  })

  it('login sets both sessionid and csrftoken, and both Set-Cookie headers survive the node adapter', async () => {
    const a = await s.call(null, 'POST', '/api/auth/login', { username: 'mia', password: 'mia-password' })
    expect(a.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['sessionid', 'csrftoken'])
  })

  it('the session logs in; unsafe methods need X-CSRFToken equal to the csrftoken cookie', async () => {
    const a = await s.call(null, 'POST', '/api/auth/login', { username: 'sam', password: 'sam-password' })
    const jar = Object.fromEntries(a.headers.getSetCookie().map((c) => (c.split(';')[0] ?? '').split('=') as [string, string]))
    const cookie = `sessionid=${jar['sessionid']}; csrftoken=${jar['csrftoken']}`
    expect(((await s.call({ headers: { cookie } }, 'GET', '/api/users/self')).body as { username: string }).username).toBe('sam')
    expect(sb(await s.call({ headers: { cookie } }, 'POST', '/api/organizations', { slug: 'x' }))).toEqual({ status: 403, body: { detail: 'CSRF Failed: CSRF token missing.' } })
    // django/middleware/csrf.py: a well-formed token (32 or 64 letters and digits) that is not the cookie's.
    expect(sb(await s.call({ headers: { cookie, 'x-csrftoken': 'w'.repeat(32) } }, 'POST', '/api/organizations', { slug: 'x' }))).toEqual({ status: 403, body: { detail: "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect." } })
    expect((await s.call({ headers: { cookie, 'x-csrftoken': jar['csrftoken'] ?? '' } }, 'POST', '/api/organizations', { slug: 'samlab' })).status).toBe(201)
  })

  it('bad credentials are one 400 for a wrong password, an unknown user and an inactive user', async () => {
    const bad = { status: 400, body: { non_field_errors: ['Unable to log in with provided credentials.'] } }
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'olga', password: 'x' }))).toEqual(bad)
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'ghost', password: 'x' }))).toEqual(bad)
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'olga' }))).toEqual({ status: 400, body: { password: ['This field is required.'] } })
  })

  it('logout deletes the token (401 after), and the next login makes a new one', async () => {
    expect(sb(await s.call(token('token-wes'), 'POST', '/api/auth/logout'))).toEqual({ status: 200, body: { detail: 'Successfully logged out.' } })
    expect(sb(await s.call(token('token-wes'), 'GET', '/api/users/self'))).toEqual({ status: 401, body: { detail: 'Invalid token.' } })
    const again = (await s.call(null, 'POST', '/api/auth/login', { username: 'wes', password: 'wes-password' })).body as { key: string }
    expect(again.key).toMatch(/^[0-9a-f]{40}$/)
  })

  it('logout is allowed anonymously', async () => {
    expect((await s.call(null, 'POST', '/api/auth/logout')).status).toBe(200)
  })
})

describe('DRF authentication classes (settings REST_FRAMEWORK)', () => {
  const s = serve()

  it('Basic authenticates; a malformed header is a 401 with DRF\'s text', async () => {
    expect((await s.call({ headers: { authorization: `Basic ${btoa('olga:olga-password')}` } }, 'GET', '/api/users/self')).status).toBe(200)
    expect(sb(await s.call({ headers: { authorization: 'Token a b' } }, 'GET', '/api/users/self'))).toEqual({ status: 401, body: { detail: 'Invalid token header. Token string should not contain spaces.' } })
  })

  it('a view that needs a user answers anonymous requests 401 before 405 (IsAuthenticated runs in initial())', async () => {
    expect(sb(await s.call(null, 'PUT', '/api/users'))).toEqual({ status: 401, body: { detail: 'Authentication credentials were not provided.' } })
    expect(sb(await s.call('olga', 'PUT', '/api/users'))).toEqual({ status: 405, body: { detail: 'Method "PUT" not allowed.' } })
  })

  it('an AllowAny view answers a wrong method 405 to anyone', async () => {
    expect(sb(await s.call(null, 'GET', '/api/auth/login'))).toEqual({ status: 405, body: { detail: 'Method "GET" not allowed.' } })
  })
})

describe('iam/serializers.py RegisterSerializerEx and signals.py', () => {
  const s = serve()
  const form = { username: 'newbie', email: 'newbie@lab.test', password1: 'Str0ng-pass', password2: 'Str0ng-pass' }

  it('register: 201 with the key; the new user is in group `user`', async () => {
    const r = await s.call(null, 'POST', '/api/auth/register', form)
    expect({ ...(r.body as object), key: 'k' }).toEqual({ username: 'newbie', email: 'newbie@lab.test', first_name: '', last_name: '', email_verification_required: false, key: 'k' })
    expect(((await s.call(token((r.body as { key: string }).key), 'GET', '/api/users/self')).body as { groups: unknown }).groups).toEqual(['user'])
  })

  it('register: username of at least 5 characters, unique e-mail, equal passwords', async () => {
    expect(sb(await s.call(null, 'POST', '/api/auth/register', { ...form, username: 'abc', email: 'abc@lab.test' }))).toEqual({ status: 400, body: { username: ['Ensure this field has at least 5 characters.'] } })
    expect(sb(await s.call(null, 'POST', '/api/auth/register', { ...form, username: 'other' }))).toEqual({ status: 400, body: { email: ['A user is already registered with this e-mail address.'] } })
    expect(sb(await s.call(null, 'POST', '/api/auth/register', { ...form, username: 'other', email: 'other@lab.test', password2: 'Str0ng-pass-2' }))).toEqual({ status: 400, body: { non_field_errors: ["The two password fields didn't match."] } })
  })

  it('register takes over the placeholder user an invitation made (same id, its invitation kept)', async () => {
    const inv = (await s.call('olga', 'POST', '/api/invitations?org=acme', { role: 'worker', email: 'later@lab.test' })).body as { key: string; user: { id: number } }
    const r = (await s.call(null, 'POST', '/api/auth/register', { ...form, username: 'later', email: 'later@lab.test' })).body as { key: string }
    const me = (await s.call(token(r.key), 'GET', '/api/users/self')).body as { id: number }
    expect(me.id).toBe(inv.user.id)
    expect(sb(await s.call(token(r.key), 'POST', `/api/invitations/${inv.key}/accept`))).toEqual({ status: 200, body: { organization_slug: 'acme' } })
  })

  it('password change: the old password must match; then only the new one logs in', async () => {
    expect(sb(await s.call('mia', 'POST', '/api/auth/password/change', { old_password: 'x', new_password1: 'N3w-passw0rd', new_password2: 'N3w-passw0rd' }))).toEqual({ status: 400, body: { old_password: ['Your old password was entered incorrectly. Please enter it again.'] } })
    expect(sb(await s.call('mia', 'POST', '/api/auth/password/change', { old_password: 'mia-password', new_password1: 'N3w-passw0rd', new_password2: 'N3w-passw0rd' }))).toEqual({ status: 200, body: { detail: 'New password has been saved.' } })
    expect((await s.call(null, 'POST', '/api/auth/login', { username: 'mia', password: 'N3w-passw0rd' })).status).toBe(200)
  })
})

describe('generations: signing (≤ 2.45) and access tokens (≥ 2.48)', () => {
  const old = serve({ serverVersion: '2.26' })
  const current = serve({ serverVersion: '2.73' })

  it('2.26 has /api/auth/signing and no access tokens; Bearer authenticates nobody there', async () => {
    expect((await old.call('olga', 'POST', '/api/auth/signing', { url: '/api/users/self' })).status).toBe(200)
    expect(sb(await old.call('olga', 'GET', '/api/auth/access_tokens'))).toEqual({ status: 404, body: { detail: 'Not found.' } })
    expect(sb(await old.call(bearer('pat-olga'), 'GET', '/api/users/self'))).toEqual({ status: 401, body: { detail: 'Authentication credentials were not provided.' } })
  })

  it('2.73 has access tokens and no signing', async () => {
    expect(sb(await current.call('olga', 'POST', '/api/auth/signing', { url: '/api/users/self' }))).toEqual({ status: 404, body: { detail: 'Not found.' } })
    expect(((await current.call(bearer('pat-olga'), 'GET', '/api/users/self')).body as { username: string }).username).toBe('olga')
  })

  it('access_tokens.rego: only the owner sees a token (403 for others), the list shows only your own', async () => {
    const mine = (await current.call('olga', 'POST', '/api/auth/access_tokens', { name: 'mine' })).body as { id: number; value: string }
    expect(mine.value).toMatch(/^[A-Za-z0-9]{8}\.[A-Za-z0-9]{32}$/) // rest_framework_api_key: prefix.secret
    expect(sb(await current.call('mia', 'GET', `/api/auth/access_tokens/${mine.id}`))).toEqual(FORBIDDEN)
    expect(((await current.call('mia', 'GET', '/api/auth/access_tokens')).body as { results: Array<{ name: string }> }).results.map((t) => t.name)).toEqual(['seed'])
  })

  it('access_token_plugin: a request made with an access token cannot manage tokens or change users', async () => {
    expect(sb(await current.call(bearer('pat-olga'), 'POST', '/api/auth/access_tokens', { name: 'x' }))).toEqual(FORBIDDEN)
    expect(sb(await current.call(bearer('pat-olga'), 'PATCH', '/api/users/2', { first_name: 'O' }))).toEqual(FORBIDDEN)
  })

  it('AccessTokenReadOnlyDefaultPermission: a read-only token may read but not write elsewhere', async () => {
    const ro = (await current.call('olga', 'POST', '/api/auth/access_tokens', { name: 'ro', read_only: true })).body as { value: string }
    expect((await current.call(bearer(ro.value), 'GET', '/api/organizations/1')).status).toBe(200)
    expect(sb(await current.call(bearer(ro.value), 'PATCH', '/api/organizations/1', { name: 'x' }))).toEqual(FORBIDDEN)
  })

  it('access_tokens/self answers only a Bearer request; a revoked token stops working', async () => {
    expect(sb(await current.call('olga', 'GET', '/api/auth/access_tokens/self'))).toEqual({ status: 401, body: { detail: 'Authentication credentials were not provided.' } })
    const t = (await current.call('olga', 'POST', '/api/auth/access_tokens', { name: 'short' })).body as { id: number; value: string }
    expect(((await current.call(bearer(t.value), 'GET', '/api/auth/access_tokens/self')).body as { name: string }).name).toBe('short')
    expect((await current.call('olga', 'DELETE', `/api/auth/access_tokens/${t.id}`)).status).toBe(204)
    expect(sb(await current.call(bearer(t.value), 'GET', '/api/users/self'))).toEqual({ status: 401, body: { detail: 'Invalid token.' } })
  })
})

describe('access_tokens/serializers.py AccessTokenWriteSerializer.create', () => {
  const s = serve({ maxAccessTokens: 2 })

  it('MAX_ACCESS_TOKENS_PER_USER counts usable tokens (the seeded one included); revoking frees a slot', async () => {
    const first = (await s.call('wes', 'POST', '/api/auth/access_tokens', { name: 'a' })).body as { id: number }
    expect(sb(await s.call('wes', 'POST', '/api/auth/access_tokens', { name: 'b' }))).toEqual({ status: 400, body: ['You have reached the maximum allowed number of Personal Access Tokens for a user'] })
    expect((await s.call('wes', 'DELETE', `/api/auth/access_tokens/${first.id}`)).status).toBe(204)
    expect((await s.call('wes', 'POST', '/api/auth/access_tokens', { name: 'b' })).status).toBe(201)
  })

  it('name is required, at most 50 characters; read_only defaults to true (models.py)', async () => {
    expect(sb(await s.call('sam', 'POST', '/api/auth/access_tokens', { name: '' }))).toEqual({ status: 400, body: { name: ['This field may not be blank.'] } })
    expect(sb(await s.call('sam', 'POST', '/api/auth/access_tokens', { name: 'x'.repeat(51) }))).toEqual({ status: 400, body: { name: ['Ensure this field has no more than 50 characters.'] } })
    expect(((await s.call('sam', 'POST', '/api/auth/access_tokens', { name: 'ro' })).body as { read_only: boolean }).read_only).toBe(true)
  })

  it('get_usable_keys: a token whose expiry_date has passed no longer authenticates, nor is listed', async () => {
    const t = (await s.call('admin', 'POST', '/api/auth/access_tokens', { name: 'old', expiry_date: '2000-01-01T00:00:00Z' })).body as { value: string }
    expect(sb(await s.call({ headers: { authorization: `Bearer ${t.value}` } }, 'GET', '/api/users/self'))).toEqual({ status: 401, body: { detail: 'Invalid token.' } })
    expect(((await s.call('admin', 'GET', '/api/auth/access_tokens')).body as { results: Array<{ name: string }> }).results.map((x) => x.name)).toEqual(['seed'])
  })
})

describe('DRF throttles (settings DEFAULT_THROTTLE_RATES; organizations/throttle.py)', () => {
  let clock = Date.parse('2026-11-26T10:00:00Z')
  const s = serve({ now: () => clock, anonRateLimit: 3 })

  it('AnonRateThrottle counts anonymous requests to AllowAny views; the next one is a 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await s.call(null, 'POST', '/api/auth/login', { username: 'x', password: 'y' })).status).toBe(400)
    clock += 20_000
    const refused = await s.call(null, 'POST', '/api/auth/login', { username: 'olga', password: 'olga-password' })
    expect([refused.status, refused.body, refused.headers.get('retry-after')]).toEqual([429, { detail: 'Request was throttled. Expected available in 40 seconds.' }, '40'])
    clock += 40_000
    expect((await s.call(null, 'POST', '/api/auth/login', { username: 'olga', password: 'olga-password' })).status).toBe(200)
  })

  it('the resend throttle counts before the invitation is looked up: unknown keys use up the allowance', async () => {
    for (let i = 0; i < 5; i++) expect((await s.call('mia', 'POST', '/api/invitations/nope/resend')).status).toBe(404)
    expect((await s.call('mia', 'POST', '/api/invitations/nope/resend')).status).toBe(429)
  })
})
