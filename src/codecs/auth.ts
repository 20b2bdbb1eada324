/**
 * Codecs for `/api/auth` (log in and out, register, passwords, signing), accepting what CVAT 2.26.2
 * and 2.73.0 allow: where their limits differ (2.73 raised passwords to 8–256 characters), the
 * looser one holds and the server judges the rest. Response models are `checked` (see common.ts)
 * and keep fields the schema does not know. Request bodies are decoded, so only the schema's fields
 * are sent, and a secret that fails never appears in the error.
 */
import type * as G from 'io-ts/Guard'
import { OptionalBoolean, OptionalNullableString, OptionalString, type Optionals, checked, isOptionalBoolean, isOptionalNullableString, isOptionalString, optional, secret, text } from './common'
import * as D from './decoder'
import { isRecord } from '../json'

const LoginSerializerExRequestDecoder = /*#__PURE__*/ D.struct({
  username: OptionalString,
  email: OptionalString,
  password: /*#__PURE__*/ secret({ minLength: 1 }),
})

/**
 * Decodes the body of `POST /api/auth/login`: a password with a username or an e-mail address.
 *
 * @example
 * LoginSerializerExRequest.decode({ username: 'ann', password: 's3cret!' })
 */
export const LoginSerializerExRequest: D.Decoder<unknown, LoginSerializerExRequest> = LoginSerializerExRequestDecoder
/**
 * Types the body of `POST /api/auth/login`.
 *
 * @example
 * const body: LoginSerializerExRequest = { email: 'ann@example.com', password: 's3cret!' }
 */
export interface LoginSerializerExRequest extends Optionals<D.TypeOf<typeof LoginSerializerExRequestDecoder>> {}

/** Checks a token answer (the fast half of `Token`). */
export const TokenGuard: G.Guard<unknown, Token> = { is: (u: unknown): u is Token => isRecord(u) && typeof u['key'] === 'string' }

/** Decodes Token strictly (the explaining half of `Token`). */
export const TokenDecoder = /*#__PURE__*/ D.struct({ key: D.string })

/**
 * Decodes the answer of `POST /api/auth/login`: the API token, sent afterwards as `Token <key>`.
 *
 * @example
 * Token.decode({ key: 'a1b2c3' }) // Right({ key: 'a1b2c3' })
 */
export const Token: D.Decoder<unknown, Token> = /*#__PURE__*/ checked(TokenGuard, TokenDecoder)
/**
 * Types the answer of `POST /api/auth/login`.
 *
 * @example
 * const header = (t: Token): string => `Token ${t.key}`
 */
export interface Token extends Optionals<D.TypeOf<typeof TokenDecoder>> {}

/** Checks a registration answer (the fast half of `RegisterSerializerEx`). */
export const RegisterSerializerExGuard: G.Guard<unknown, RegisterSerializerEx> = {
  is: (u: unknown): u is RegisterSerializerEx =>
    isRecord(u) &&
    typeof u['username'] === 'string' &&
    isOptionalString(u['email']) &&
    isOptionalString(u['first_name']) &&
    isOptionalString(u['last_name']) &&
    isOptionalBoolean(u['email_verification_required']) &&
    isOptionalNullableString(u['key']),
}

/** Decodes RegisterSerializerEx strictly (the explaining half of `RegisterSerializerEx`). */
export const RegisterSerializerExDecoder = /*#__PURE__*/ D.struct({
  username: D.string,
  email: OptionalString,
  first_name: OptionalString,
  last_name: OptionalString,
  email_verification_required: OptionalBoolean,
  key: OptionalNullableString,
})

/**
 * Decodes the answer of `POST /api/auth/register`; `key` is null while the e-mail address awaits
 * verification.
 *
 * @example
 * RegisterSerializerEx.decode({ username: 'annie', email_verification_required: false, key: 'a1b2' })
 */
export const RegisterSerializerEx: D.Decoder<unknown, RegisterSerializerEx> = /*#__PURE__*/ checked(RegisterSerializerExGuard, RegisterSerializerExDecoder)
/**
 * Types the answer of `POST /api/auth/register`.
 *
 * @example
 * const canLogIn = (r: RegisterSerializerEx): boolean => r.key != null
 */
export interface RegisterSerializerEx extends Optionals<D.TypeOf<typeof RegisterSerializerExDecoder>> {}

const Password = /*#__PURE__*/ secret({ minLength: 1, maxLength: 256 })

const RegisterSerializerExRequestDecoder = /*#__PURE__*/ D.struct({
  username: /*#__PURE__*/ text({ minLength: 5, maxLength: 150 }),
  email: /*#__PURE__*/ optional(/*#__PURE__*/ text({ minLength: 1 })),
  // 2.26 sets no upper limit here, 2.73 sets 256: the looser one holds.
  password1: /*#__PURE__*/ secret({ minLength: 1 }),
  password2: /*#__PURE__*/ secret({ minLength: 1 }),
  first_name: /*#__PURE__*/ optional(/*#__PURE__*/ text({ minLength: 1 })),
  last_name: /*#__PURE__*/ optional(/*#__PURE__*/ text({ minLength: 1 })),
})

/**
 * Decodes the body of `POST /api/auth/register`: a username of 5–150 characters, the password twice.
 *
 * @example
 * RegisterSerializerExRequest.decode({ username: 'annie', email: 'ann@example.com', password1: 'pw-12345', password2: 'pw-12345' })
 */
export const RegisterSerializerExRequest: D.Decoder<unknown, RegisterSerializerExRequest> = RegisterSerializerExRequestDecoder
/**
 * Types the body of `POST /api/auth/register`.
 *
 * @example
 * const body: RegisterSerializerExRequest = { username: 'annie', password1: 'pw-12345', password2: 'pw-12345' }
 */
export interface RegisterSerializerExRequest extends Optionals<D.TypeOf<typeof RegisterSerializerExRequestDecoder>> {}

const PasswordChangeRequestDecoder = /*#__PURE__*/ D.struct({
  old_password: /*#__PURE__*/ secret({ minLength: 1 }),
  new_password1: Password,
  new_password2: Password,
})

/**
 * Decodes the body of `POST /api/auth/password/change`: the old password and the new one twice.
 *
 * @example
 * PasswordChangeRequest.decode({ old_password: 'old-pw-1', new_password1: 'new-pw-12', new_password2: 'new-pw-12' })
 */
export const PasswordChangeRequest: D.Decoder<unknown, PasswordChangeRequest> = PasswordChangeRequestDecoder
/**
 * Types the body of `POST /api/auth/password/change`.
 *
 * @example
 * const body: PasswordChangeRequest = { old_password: 'old-pw-1', new_password1: 'new-pw-12', new_password2: 'new-pw-12' }
 */
export interface PasswordChangeRequest extends Optionals<D.TypeOf<typeof PasswordChangeRequestDecoder>> {}

const PasswordResetSerializerExRequestDecoder = /*#__PURE__*/ D.struct({ email: /*#__PURE__*/ text({ minLength: 1 }) })

/**
 * Decodes the body of `POST /api/auth/password/reset`: the address the reset link goes to.
 *
 * @example
 * PasswordResetSerializerExRequest.decode({ email: 'ann@example.com' })
 */
export const PasswordResetSerializerExRequest: D.Decoder<unknown, PasswordResetSerializerExRequest> = PasswordResetSerializerExRequestDecoder
/**
 * Types the body of `POST /api/auth/password/reset`.
 *
 * @example
 * const body: PasswordResetSerializerExRequest = { email: 'ann@example.com' }
 */
export interface PasswordResetSerializerExRequest extends Optionals<D.TypeOf<typeof PasswordResetSerializerExRequestDecoder>> {}

const PasswordResetConfirmRequestDecoder = /*#__PURE__*/ D.struct({
  new_password1: Password,
  new_password2: Password,
  uid: /*#__PURE__*/ text({ minLength: 1 }),
  token: /*#__PURE__*/ secret({ minLength: 1 }),
})

/**
 * Decodes the body of `POST /api/auth/password/reset/confirm`: the new password twice with the
 * `uid` and `token` of the reset link.
 *
 * @example
 * PasswordResetConfirmRequest.decode({ new_password1: 'new-pw-12', new_password2: 'new-pw-12', uid: 'MQ', token: 'c2-1a2b' })
 */
export const PasswordResetConfirmRequest: D.Decoder<unknown, PasswordResetConfirmRequest> = PasswordResetConfirmRequestDecoder
/**
 * Types the body of `POST /api/auth/password/reset/confirm`.
 *
 * @example
 * const body: PasswordResetConfirmRequest = { new_password1: 'new-pw-12', new_password2: 'new-pw-12', uid: 'MQ', token: 'c2-1a2b' }
 */
export interface PasswordResetConfirmRequest extends Optionals<D.TypeOf<typeof PasswordResetConfirmRequestDecoder>> {}

/** Checks a detail message (the fast half of `RestAuthDetail`). */
export const RestAuthDetailGuard: G.Guard<unknown, RestAuthDetail> = { is: (u: unknown): u is RestAuthDetail => isRecord(u) && isOptionalString(u['detail']) }

/** Decodes RestAuthDetail strictly (the explaining half of `RestAuthDetail`). */
export const RestAuthDetailDecoder = /*#__PURE__*/ D.struct({ detail: OptionalString })

/**
 * Decodes the answer of logout and the password operations: a human-readable `detail`.
 *
 * @example
 * RestAuthDetail.decode({ detail: 'Successfully logged out.' })
 */
export const RestAuthDetail: D.Decoder<unknown, RestAuthDetail> = /*#__PURE__*/ checked(RestAuthDetailGuard, RestAuthDetailDecoder)
/**
 * Types the answer of logout and the password operations.
 *
 * @example
 * const say = (r: RestAuthDetail): string => r.detail ?? ''
 */
export interface RestAuthDetail extends Optionals<D.TypeOf<typeof RestAuthDetailDecoder>> {}

const SigningRequestDecoder = /*#__PURE__*/ D.struct({ url: /*#__PURE__*/ text({ minLength: 1 }) })

/**
 * Decodes the body of `POST /api/auth/signing` (CVAT 2.45 and earlier): the URL to sign.
 *
 * @example
 * SigningRequest.decode({ url: 'https://cvat.example.com/api/users/self' })
 */
export const SigningRequest: D.Decoder<unknown, SigningRequest> = SigningRequestDecoder
/**
 * Types the body of `POST /api/auth/signing`.
 *
 * @example
 * const body: SigningRequest = { url: 'https://cvat.example.com/api/users/self' }
 */
export interface SigningRequest extends Optionals<D.TypeOf<typeof SigningRequestDecoder>> {}
