/**
 * /api/auth — login, logout, register, password change and reset (dj-rest-auth 5.0.2 views with
 * CVAT's serializers, cvat/apps/iam/serializers.py and views.py) and, on 2.26, URL signing.
 */
import { cookies, unsignedUrl } from '../authn'
import type { AuthedEnv, Env } from '../env'
import { type Reply, detail, isReply, json } from '../http'
import type { EmulatedUser } from '../model'
import { addUser, logout as endSession, randomString, tokenFor } from '../store'
import { bodyDict, charField, fieldErrors, isEmail } from './common'

const sessionCookies = (sessionId: string, csrf: string): string =>
  [`sessionid=${sessionId}; HttpOnly; Path=/; SameSite=Lax`, `csrftoken=${csrf}; Path=/; SameSite=Lax`].join('\n')

/**
 * POST /api/auth/login: by username or e-mail (ACCOUNT_LOGIN_METHODS {username, email}); answers
 * the (get-or-create) token and logs the session in. CVAT's LoginSerializerEx
 * (iam/serializers.py, the same on 2.26 and 2.73): an e-mail must belong to exactly one user, or
 * it is CVAT's own text; then dj-rest-auth's _validate_username_email tries the e-mail first, so
 * with both given the e-mail decides. Django's ModelBackend and allauth's AuthenticationBackend
 * refuse inactive users and placeholders (no usable password) with the wrong-password text; a
 * username matches exactly or, failing that, in any case (allauth, PRESERVE_USERNAME_CASING).
 */
export const login = (env: Env): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const errors: Record<string, string[]> = {}
  const username = charField(b, 'username', errors, { allowBlank: true })
  const email = charField(b, 'email', errors, { allowBlank: true })
  const password = charField(b, 'password', errors, { required: true })
  // EmailField(allow_blank=True): a value that is not an address is a field error.
  if (email !== undefined && email !== '' && errors['email'] === undefined && !isEmail(email)) errors['email'] = ['Enter a valid email address.']
  const problem = fieldErrors(errors)
  if (isReply(problem)) return problem
  const refused = json(400, { non_field_errors: ['Unable to log in with provided credentials.'] })
  const canLogIn = (u: EmulatedUser) => !u.isPlaceholder && u.isActive && u.password === password
  let user: EmulatedUser | undefined
  if (email) {
    // allauth filter_users_by_email: every user with that address, case-insensitively.
    const owners = env.s.users.filter((u) => u.email.toLowerCase() === email.toLowerCase())
    if (owners.length !== 1) return json(400, { non_field_errors: ['Unable to login with provided credentials'] })
    user = owners.find(canLogIn)
  } else if (username) {
    const exact = env.s.users.find((u) => u.username === username)
    user = exact !== undefined ? (canLogIn(exact) ? exact : undefined) : env.s.users.find((u) => u.username.toLowerCase() === username.toLowerCase() && canLogIn(u))
  } else return json(400, { non_field_errors: ['Must include either "username" or "email" and "password".'] })
  if (!user) return refused
  user.lastLogin = env.now
  const sessionId = randomString(env.config.random, 32).toLowerCase()
  // rotate_token: a new 32-character secret (django/middleware/csrf.py _get_new_csrf_string).
  const csrf = randomString(env.config.random, 32)
  env.s.sessions.set(sessionId, { userId: user.id, csrfToken: csrf })
  return json(200, { key: tokenFor(env.s, user.id, env.config.random) }, { 'set-cookie': sessionCookies(sessionId, csrf) })
}

/** POST /api/auth/logout: anyone; deletes the caller's token and session. */
export const logout = (env: Env): Reply => {
  const sessionId = cookies(env.req.headers.get('cookie')).get('sessionid')
  if (env.caller) endSession(env.s, env.caller.user.id, env.caller.sessionId ?? sessionId)
  return json(200, { detail: 'Successfully logged out.' }, { 'set-cookie': 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax' })
}

const parseUrl = (raw: string, base: string): URL | undefined => {
  try {
    return new URL(raw, base)
  } catch {
    return undefined
  }
}

const USERNAME = /^[\w.@+-]+$/u

// cvat/settings/base.py AUTH_PASSWORD_VALIDATORS, in Django's order: MinimumLengthValidator (8),
// NumericPasswordValidator and, on 2.73, MaximumLengthPasswordValidator (256).
// CommonPasswordValidator's list and UserAttributeSimilarityValidator are not modelled.
const passwordErrors = (p: string | undefined): string[] =>
  p === undefined
    ? []
    : [
        ...(p.length < 8 ? ['This password is too short. It must contain at least 8 characters.'] : []),
        // str.isdigit(): any Unicode digit, not only ASCII.
        ...(/^\p{Nd}+$/u.test(p) ? ['This password is entirely numeric.'] : []),
        ...(Array.from(p).length > 256 ? ['Password must be 256 characters or fewer.'] : []),
      ]

// A password field: dj-rest-auth's plain CharField on 2.26; on 2.73 CVAT's own, untrimmed and
// 8 to 256 characters long (iam/serializers.py, iam/password_validation.py).
const passwordField = (env: Env, b: Record<string, unknown>, name: string, errors: Record<string, string[]>): string | undefined =>
  charField(b, name, errors, env.config.serverVersion === '2.26' ? { required: true } : { required: true, trim: false, minLength: 8, maxLength: 256 })

/** POST /api/auth/register: a new user in group `user`; a placeholder with that e-mail is taken over. */
export const register = (env: Env): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const errors: Record<string, string[]> = {}
  const username = charField(b, 'username', errors, { required: true, maxLength: 150 })
  const email = charField(b, 'email', errors, { required: true })
  const password1 = passwordField(env, b, 'password1', errors)
  passwordField(env, b, 'password2', errors)
  const firstName = charField(b, 'first_name', errors, { allowBlank: true }) ?? ''
  const lastName = charField(b, 'last_name', errors, { allowBlank: true }) ?? ''
  const placeholder = email === undefined ? undefined : env.s.users.find((u) => u.isPlaceholder && u.email.toLowerCase() === email.toLowerCase())
  if (username !== undefined && errors['username'] === undefined) {
    if (username.length < 5) errors['username'] = ['Ensure this field has at least 5 characters.']
    else if (!USERNAME.test(username)) errors['username'] = ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.']
    else if (env.s.users.some((u) => u.username.toLowerCase() === username.toLowerCase() && u !== placeholder)) errors['username'] = ['A user with that username already exists.']
  }
  if (email !== undefined && errors['email'] === undefined) {
    if (!isEmail(email)) errors['email'] = ['Enter a valid email address.']
    else if (!placeholder && env.s.users.some((u) => u.email.toLowerCase() === email.toLowerCase())) errors['email'] = ['A user is already registered with this e-mail address.']
  }
  const weak = passwordErrors(password1)
  if (weak.length > 0 && errors['password1'] === undefined) errors['password1'] = weak
  const problem = fieldErrors(errors)
  if (isReply(problem)) return problem
  if (b['password1'] !== b['password2']) return json(400, { non_field_errors: ["The two password fields didn't match."] })
  const fields = { username: username ?? '', email: email ?? '', password: password1 ?? '', firstName, lastName }
  const user = placeholder ? Object.assign(placeholder, { ...fields, groups: ['user'], isPlaceholder: false }) : addUser(env.s, fields, env.now)
  return json(201, { username: user.username, email: user.email, first_name: user.firstName, last_name: user.lastName, email_verification_required: false, key: tokenFor(env.s, user.id, env.config.random) })
}

/**
 * POST /api/auth/password/change (dj-rest-auth PasswordChangeSerializer): first the fields (the
 * old password must be the caller's; on 2.73 the new ones 8 to 256 characters), and only when
 * they pass Django's SetPasswordForm: the two must match, then the validators judge the second.
 */
export const passwordChange = (env: AuthedEnv): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const errors: Record<string, string[]> = {}
  const old = charField(b, 'old_password', errors, { required: true, trim: env.config.serverVersion === '2.26' })
  const p1 = passwordField(env, b, 'new_password1', errors)
  const p2 = passwordField(env, b, 'new_password2', errors)
  if (old !== undefined && old !== env.user.password) errors['old_password'] = ['Your old password was entered incorrectly. Please enter it again.']
  const problem = fieldErrors(errors)
  if (isReply(problem)) return problem
  if (p1 !== p2) return json(400, { new_password2: ['The two password fields didn’t match.'] })
  const weak = passwordErrors(p2)
  if (weak.length > 0) return json(400, { new_password2: weak })
  env.user.password = p1 ?? env.user.password
  return detail(200, 'New password has been saved.')
}

/** POST /api/auth/password/reset: always the same answer, so addresses cannot be probed. */
export const passwordReset = (env: Env): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const errors: Record<string, string[]> = {}
  const email = charField(b, 'email', errors, { required: true })
  if (email !== undefined && errors['email'] === undefined && !isEmail(email)) errors['email'] = ['Enter a valid email address.']
  const problem = fieldErrors(errors)
  return isReply(problem) ? problem : detail(200, 'Password reset e-mail has been sent.')
}

/** POST /api/auth/password/reset/confirm: no e-mail is ever delivered, so no uid/token pair is valid. */
export const passwordResetConfirm = (env: Env): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const errors: Record<string, string[]> = {}
  passwordField(env, b, 'new_password1', errors)
  passwordField(env, b, 'new_password2', errors)
  for (const f of ['uid', 'token']) charField(b, f, errors, { required: true })
  const problem = fieldErrors(errors)
  return isReply(problem) ? problem : json(400, { uid: ['Invalid value'] })
}

/** POST /api/auth/signing (2.26): the absolute URL with a `sign` valid for 30 s (cvat/apps/iam/views.py SigningView). */
export const signing = (env: AuthedEnv): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const raw = b['url']
  if (raw === undefined) return json(400, { url: ['This field is required.'] })
  const target = typeof raw === 'string' ? parseUrl(raw, env.origin) : undefined
  if (target === undefined) return json(400, { url: ['Enter a valid URL.'] })
  const sign = `${env.user.id}:${randomString(env.config.random, 32)}`
  env.s.signatures.set(sign, { userId: env.user.id, url: unsignedUrl(target), expires: env.now + 30_000 })
  target.searchParams.set('sign', sign)
  return json(200, target.href)
}

