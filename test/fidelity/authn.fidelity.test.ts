// CVAT 2.73's rules for tokens and authentication, one test per rule, over real HTTP (issue 20).
// Sources (release 2.73.0, ac6e63b9): cvat/apps/access_tokens/{models,views,authentication,
// default_settings}.py, cvat/apps/iam/{urls,serializers,password_validation}.py,
// cvat/settings/base.py (REST_FRAMEWORK, AUTH_PASSWORD_VALIDATORS, ACCOUNT_LOGIN_METHODS);
// djangorestframework 3.17.1 rest_framework/{authentication,fields}.py; dj-rest-auth
// LoginSerializer (dj_rest_auth/serializers.py); Django's CsrfViewMiddleware
// (django/middleware/csrf.py); django-filter 25.2 BooleanFilter with Django's NullBooleanSelect.
import { describe, expect, it } from 'vitest'
import { sb, serve } from './helpers'

const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } })
const DAY = 86_400_000
const NOT_PROVIDED = { detail: 'Authentication credentials were not provided.' }

describe('the Authorization header as DRF reads it (TokenAuthentication.authenticate)', () => {
  const s = serve()
  // get_authorization_header(request).split(): bytes split on runs of ASCII whitespace.
  it.each([
    ['Token then a tab', 'Token\ttoken-olga', 200],
    ['Token then several spaces', 'Token    token-olga', 200],
    ['lowercase token', 'token token-olga', 200],
    ['Bearer then a tab', 'Bearer\tpat-olga', 200],
    ['BEARER in capitals', 'BEARER pat-olga', 200],
  ])('%s authenticates', async (_name, header, status) => {
    expect((await s.call({ headers: { authorization: header } }, 'GET', '/api/users/self')).status).toBe(status)
  })

  it.each([
    ['Token', 'Invalid token header. No credentials provided.'],
    ['Token ', 'Invalid token header. No credentials provided.'],
    ['Token a b', 'Invalid token header. Token string should not contain spaces.'],
    ['Token a\tb', 'Invalid token header. Token string should not contain spaces.'],
    ['Bearer', 'Invalid token header. No credentials provided.'],
    ['Bearer a b', 'Invalid token header. Token string should not contain spaces.'],
    ['Bearer nope', 'Invalid token.'],
  ])('%j is a 401 with DRF\'s text and the first authenticator\'s challenge (Token)', async (header, detail) => {
    const a = await s.call({ headers: { authorization: header } }, 'GET', '/api/users/self')
    expect([a.status, a.body, a.headers.get('www-authenticate')]).toEqual([401, { detail }, 'Token'])
  })

  it('a token that is not UTF-8 is refused as DRF refuses it', async () => {
    // Over the wire a header value is bytes; \xff never starts a UTF-8 sequence.
    const a = await s.call({ headers: { authorization: 'Token abc\xffdef' } }, 'GET', '/api/users/self')
    expect(sb(a)).toEqual({ status: 401, body: { detail: 'Invalid token header. Token string should not contain invalid characters.' } })
  })
})

describe('views with their own authentication classes', () => {
  const s = serve()

  // iam/urls.py: PasswordChangeView gets every default authentication class but
  // AccessTokenAuthentication, so a personal access token is not a credential there.
  it('password change does not accept a personal access token (401), a Token still works', async () => {
    const body = { old_password: 'olga-password', new_password1: 'N3w-passw0rd!', new_password2: 'N3w-passw0rd!' }
    const refused = await s.call(bearer('pat-olga'), 'POST', '/api/auth/password/change', body)
    expect([refused.status, refused.body, refused.headers.get('www-authenticate')]).toEqual([401, NOT_PROVIDED, 'Token'])
    expect(sb(await s.call('olga', 'POST', '/api/auth/password/change', body))).toEqual({ status: 200, body: { detail: 'New password has been saved.' } })
  })

  // access_tokens/views.py: `self` is an action with authentication_classes=[AccessTokenAuthentication].
  it.each([
    ['a Token', { authorization: 'Token token-olga' }, NOT_PROVIDED],
    ['a malformed Token header (ignored: not Bearer)', { authorization: 'Token a b' }, NOT_PROVIDED],
    ['Basic', { authorization: `Basic ${btoa('olga:olga-password')}` }, NOT_PROVIDED],
    ['an unknown Bearer token', { authorization: 'Bearer nope' }, { detail: 'Invalid token.' }],
    ['a malformed Bearer header', { authorization: 'Bearer a b' }, { detail: 'Invalid token header. Token string should not contain spaces.' }],
  ])('access_tokens/self with %s: 401 challenging Bearer', async (_name, headers, body) => {
    const a = await s.call({ headers }, 'GET', '/api/auth/access_tokens/self')
    expect([a.status, a.body, a.headers.get('www-authenticate')]).toEqual([401, body, 'Bearer'])
  })
})

describe('models.py AccessTokenManager: a token unused for ACCESS_TOKEN_STALE_PERIOD (180 days) is stale', () => {
  let clock = Date.parse('2026-01-01T00:00:00Z')
  const s = serve({ now: () => clock, maxAccessTokens: 2 })

  it('stale: unusable, hidden from the list and detail, and not counted toward the limit', async () => {
    const t = (await s.call('sam', 'POST', '/api/auth/access_tokens', { name: 'old' })).body as { id: number; value: string }
    clock += 179 * DAY
    expect((await s.call(bearer(t.value), 'GET', '/api/users/self')).status).toBe(200) // used: last_used_date is now
    clock += 179 * DAY
    expect((await s.call(bearer(t.value), 'GET', '/api/users/self')).status).toBe(200)
    clock += 181 * DAY
    expect(sb(await s.call(bearer(t.value), 'GET', '/api/users/self'))).toEqual({ status: 401, body: { detail: 'Invalid token.' } })
    const names = ((await s.call('sam', 'GET', '/api/auth/access_tokens')).body as { results: Array<{ name: string }> }).results.map((x) => x.name)
    expect(names).toEqual([]) // the seeded token, never used, went stale long ago too
    expect((await s.call('sam', 'GET', `/api/auth/access_tokens/${t.id}`)).status).toBe(404)
    // Two slots free again.
    expect((await s.call('sam', 'POST', '/api/auth/access_tokens', { name: 'a' })).status).toBe(201)
    expect((await s.call('sam', 'POST', '/api/auth/access_tokens', { name: 'b' })).status).toBe(201)
  })
})

describe('serializers.py AccessTokenWriteSerializer: read_only is a DRF BooleanField, expiry_date a DateTimeField', () => {
  const s = serve()
  const readOnlyOf = async (value: unknown) => {
    const a = await s.call('olga', 'POST', '/api/auth/access_tokens', { name: 'x', read_only: value })
    return a.status === 201 ? (a.body as { read_only: boolean }).read_only : a.body
  }

  it.each([
    [true, true], ['true', true], ['True', true], ['TRUE', true], ['t', true], ['y', true], ['yes', true], ['on', true], ['1', true], [1, true], [1.0, true],
    [false, false], ['false', false], ['F', false], ['n', false], ['No', false], ['off', false], ['0', false], [0, false],
  ])('read_only %j reads as %s', async (value, expected) => {
    expect(await readOnlyOf(value)).toBe(expected)
  })

  it.each([[null, 'This field may not be null.'], ['', 'Must be a valid boolean.'], ['null', 'Must be a valid boolean.'], [2, 'Must be a valid boolean.'], ['maybe', 'Must be a valid boolean.'], [[], 'Must be a valid boolean.']])(
    'read_only %j is refused: %s',
    async (value, message) => {
      expect(await readOnlyOf(value)).toEqual({ read_only: [message] })
    },
  )

  const FORMAT = 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'
  const expiryOf = async (value: unknown) => {
    const a = await s.call('olga', 'POST', '/api/auth/access_tokens', { name: 'x', expiry_date: value })
    return a.status === 201 ? (a.body as { expiry_date: string | null }).expiry_date : a.body
  }

  it.each([
    ['2030-01-02T03:04:05Z', '2030-01-02T03:04:05Z'],
    ['2030-01-02T03:04:05.5+02:00', '2030-01-02T01:04:05.500000Z'],
    ['2030-01-02 03:04', '2030-01-02T03:04:00Z'],
    ['2030-01-02', '2030-01-02T00:00:00Z'],
    ['20300102T030405Z', '2030-01-02T03:04:05Z'],
    ['2030-1-2 3:04', '2030-01-02T03:04:00Z'],
  ])('expiry_date %j (ISO 8601, as Python and Django parse it) is %s', async (value, expected) => {
    expect(await expiryOf(value)).toBe(expected)
  })

  it.each(['Jan 2 2030', '2030/01/02', 'Wed, 02 Jan 2030 03:04:05 GMT', '2030-13-01T00:00:00Z', '2030-02-30', '2030-01-02T24:00:00Z', 'tomorrow', 1893553445000])(
    'expiry_date %j is not ISO 8601: refused',
    async (value) => {
      expect(await expiryOf(value)).toEqual({ expiry_date: [FORMAT] })
    },
  )
})

describe('views.py AccessTokensViewSet: simple_filters include read_only (django-filter BooleanFilter)', () => {
  const s = serve()

  it('?read_only= selects as NullBooleanSelect reads it; any other value does not filter', async () => {
    await s.call('oscar', 'POST', '/api/auth/access_tokens', { name: 'ro', read_only: true })
    await s.call('oscar', 'POST', '/api/auth/access_tokens', { name: 'rw', read_only: false })
    const tokens = async (q: string) => ((await s.call('oscar', 'GET', `/api/auth/access_tokens${q}`)).body as { results: Array<{ name: string; read_only: boolean }> }).results
    const names = async (q: string) => (await tokens(q)).map((t) => t.name).sort()
    const all = await tokens('')
    const named = (readOnly?: boolean) => all.filter((t) => readOnly === undefined || t.read_only === readOnly).map((t) => t.name).sort()
    expect(named(false)).toContain('rw')
    expect(named(true)).toContain('ro')
    expect({
      true: await names('?read_only=true'),
      True: await names('?read_only=True'),
      false: await names('?read_only=false'),
      one: await names('?read_only=1'),
      yes: await names('?read_only=yes'),
      // A name every JavaScript object has is no spelling of a boolean either.
      constructor: await names('?read_only=constructor'),
    }).toEqual({ true: named(true), True: named(true), false: named(false), one: named(), yes: named(), constructor: named() })
  })
})

describe('LoginSerializerEx with ACCOUNT_LOGIN_METHODS {username, email}', () => {
  const s = serve()

  it('with both username and e-mail, the e-mail decides (dj-rest-auth _validate_username_email)', async () => {
    // The username names someone else, the e-mail and password are olga's: olga logs in.
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'mia', email: 'olga@acme.test', password: 'olga-password' }))).toEqual({ status: 200, body: { key: 'token-olga' } })
    // The username and password are olga's, the e-mail is mia's: refused.
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'olga', email: 'mia@acme.test', password: 'olga-password' }))).toEqual({
      status: 400,
      body: { non_field_errors: ['Unable to log in with provided credentials.'] },
    })
  })

  it('an e-mail no user has is CVAT\'s own text (no full stop), whatever the username', async () => {
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'olga', email: 'nobody@acme.test', password: 'olga-password' }))).toEqual({
      status: 400,
      body: { non_field_errors: ['Unable to login with provided credentials'] },
    })
  })

  it('an e-mail that is not an address is a field error (EmailField)', async () => {
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { email: 'olga', password: 'olga-password' }))).toEqual({ status: 400, body: { email: ['Enter a valid email address.'] } })
  })

  it('neither username nor e-mail is dj-rest-auth\'s text', async () => {
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: '', email: '', password: 'x' }))).toEqual({
      status: 400,
      body: { non_field_errors: ['Must include either "username" or "email" and "password".'] },
    })
  })

  it('the username is matched without regard to case (allauth AuthenticationBackend, PRESERVE_USERNAME_CASING)', async () => {
    expect(sb(await s.call(null, 'POST', '/api/auth/login', { username: 'OLGA', password: 'olga-password' }))).toEqual({ status: 200, body: { key: 'token-olga' } })
  })
})

describe('2.73 password length rules (iam/serializers.py, password_validation.py: 8 to 256)', () => {
  const s = serve()
  const form = { username: 'newbie', email: 'newbie@lab.test' }

  it('register: each password field is a CharField(min_length=8, max_length=256)', async () => {
    expect(sb(await s.call(null, 'POST', '/api/auth/register', { ...form, password1: 'short', password2: 'short' }))).toEqual({
      status: 400,
      body: { password1: ['Ensure this field has at least 8 characters.'], password2: ['Ensure this field has at least 8 characters.'] },
    })
    const long = 'L0ng-'.repeat(52)
    expect(sb(await s.call(null, 'POST', '/api/auth/register', { ...form, password1: long, password2: long }))).toEqual({
      status: 400,
      body: { password1: ['Ensure this field has no more than 256 characters.'], password2: ['Ensure this field has no more than 256 characters.'] },
    })
  })

  it('password change: the new passwords are length-checked first, then matched, then validated', async () => {
    expect(sb(await s.call('wes', 'POST', '/api/auth/password/change', { old_password: 'wes-password', new_password1: 'short', new_password2: 'short' }))).toEqual({
      status: 400,
      body: { new_password1: ['Ensure this field has at least 8 characters.'], new_password2: ['Ensure this field has at least 8 characters.'] },
    })
    expect(sb(await s.call('wes', 'POST', '/api/auth/password/change', { old_password: 'x', new_password1: 'N3w-passw0rd', new_password2: 'Other-passw0rd' }))).toEqual({
      status: 400,
      body: { old_password: ['Your old password was entered incorrectly. Please enter it again.'] },
    })
    expect(sb(await s.call('wes', 'POST', '/api/auth/password/change', { old_password: 'wes-password', new_password1: 'N3w-passw0rd', new_password2: 'Other-passw0rd' }))).toEqual({
      status: 400,
      body: { new_password2: ['The two password fields didn’t match.'] },
    })
    expect(sb(await s.call('wes', 'POST', '/api/auth/password/change', { old_password: 'wes-password', new_password1: '123456789', new_password2: '123456789' }))).toEqual({
      status: 400,
      body: { new_password2: ['This password is entirely numeric.'] },
    })
  })
})

describe("Django's CsrfViewMiddleware on a session's unsafe request", () => {
  const s = serve()
  const session = async (username: string) => {
    const a = await s.call(null, 'POST', '/api/auth/login', { username, password: `${username}-password` })
    const jar = Object.fromEntries(a.headers.getSetCookie().map((c) => (c.split(';')[0] ?? '').split('=') as [string, string]))
    return { cookie: `sessionid=${jar['sessionid']}; csrftoken=${jar['csrftoken']}`, csrf: jar['csrftoken'] ?? '' }
  }
  const post = (headers: Record<string, string>) => s.call({ headers }, 'POST', '/api/organizations', { slug: `o${Math.random().toString(36).slice(2, 8)}` })

  it('the cookie Django sets is a 32-character secret of letters and digits', async () => {
    expect((await session('sam')).csrf).toMatch(/^[A-Za-z0-9]{32}$/)
  })

  it.each([
    ['a header of the wrong length', 'abc', "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header has incorrect length."],
    ['a header with other characters', '-'.repeat(32), "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header has invalid characters."],
    ['a well-formed header that does not match', 'A'.repeat(32), "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect."],
  ])('%s: 403 with Django\'s reason', async (_name, header, detail) => {
    const { cookie } = await session('sam')
    expect(sb(await post({ cookie, 'x-csrftoken': header }))).toEqual({ status: 403, body: { detail } })
  })

  it('a malformed csrftoken cookie: 403 naming the cookie', async () => {
    const { cookie } = await session('sam')
    expect(sb(await post({ cookie: cookie.replace(/csrftoken=[^;]*/, 'csrftoken=short'), 'x-csrftoken': 'short' }))).toEqual({ status: 403, body: { detail: 'CSRF Failed: CSRF cookie has incorrect length.' } })
  })

  it('the token masked (64 characters, as a page would send it) matches its secret', async () => {
    const { cookie, csrf } = await session('sam')
    // Django's _mask_cipher_secret with a mask of all "a" (index 0): the cipher is the secret itself.
    expect((await post({ cookie, 'x-csrftoken': `${'a'.repeat(32)}${csrf}` })).status).toBe(201)
  })

  it('an Origin from another site is refused; the server\'s own origin passes', async () => {
    const { cookie, csrf } = await session('sam')
    expect(sb(await post({ cookie, 'x-csrftoken': csrf, origin: 'https://evil.example' }))).toEqual({
      status: 403,
      body: { detail: 'CSRF Failed: Origin checking failed - https://evil.example does not match any trusted origins.' },
    })
    expect((await post({ cookie, 'x-csrftoken': csrf, origin: s.served.url })).status).toBe(201)
  })
})
