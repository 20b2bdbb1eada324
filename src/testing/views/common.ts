/**
 * What every view needs: the caller (or DRF's 401), the body as a dictionary (or DRF's 400),
 * path ids, and the validators DRF and Django apply to fields.
 */
import { notAuthenticated } from '../authn'
import type { AuthedEnv, Env } from '../env'
import { type Or, isReply, json } from '../http'

/** DRF's IsAuthenticated: anonymous callers get the 401. */
export const authed = (env: Env): Or<AuthedEnv> => (env.caller === undefined ? notAuthenticated() : { ...env, caller: env.caller, user: env.caller.user })

/** request.data as a dictionary; DRF's 400 for a list or a scalar (serializers.py to_internal_value). */
export const bodyDict = (env: Env): Or<Record<string, unknown>> => {
  if (isReply(env.body)) return env.body
  const b = env.body
  if (b === undefined) return {}
  if (typeof b === 'object' && b !== null && !Array.isArray(b)) return b as Record<string, unknown>
  const got = Array.isArray(b) ? 'list' : b === null ? 'NoneType' : typeof b === 'string' ? 'str' : typeof b === 'number' ? (Number.isInteger(b) ? 'int' : 'float') : 'bool'
  return json(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] })
}

/** A router id: digits only, else Django's 404 (get_object_or_404 swallows the ValueError). */
export const pathId = (raw: string): number | undefined => (/^\d+$/.test(raw) ? Number(raw) : undefined)

const USER = /^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*$|^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"$/i
const DOMAIN = /^((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63})$/i
const LITERAL = /^\[([A-F0-9:.]+)\]$/i

const punycode = (domain: string): string | undefined => {
  try {
    return new URL(`http://${domain}`).hostname
  } catch {
    return undefined
  }
}

/** Django's EmailValidator (django/core/validators.py): dot-atom or quoted user, hostname with a TLD, or an address literal. */
export const isEmail = (value: string): boolean => {
  if (value === '' || !value.includes('@') || value.length > 320) return false
  const at = value.lastIndexOf('@')
  const user = value.slice(0, at)
  const domain = value.slice(at + 1)
  if (!USER.test(user)) return false
  if (domain === 'localhost') return true
  const validDomain = (d: string) => DOMAIN.test(d) && !d.endsWith('-')
  if (validDomain(domain) || LITERAL.test(domain)) return true
  const ascii = punycode(domain)
  return ascii !== undefined && ascii !== domain && validDomain(ascii)
}

/** Field-error map helper: returns the 400 when any field failed. */
export const fieldErrors = (errors: Record<string, string[]>): Or<undefined> => (Object.keys(errors).length > 0 ? json(400, errors) : undefined)

/** A DRF CharField: required/blank/type checks, whitespace trimmed unless `trim` is false, then its length validators. */
export const charField = (
  b: Record<string, unknown>,
  name: string,
  errors: Record<string, string[]>,
  opts: { readonly required?: boolean; readonly maxLength?: number; readonly minLength?: number; readonly allowBlank?: boolean; readonly trim?: boolean } = {},
): string | undefined => {
  const v = b[name]
  if (v === undefined) {
    if (opts.required) errors[name] = ['This field is required.']
    return undefined
  }
  if (v === null) return void (errors[name] = ['This field may not be null.'])
  if (typeof v !== 'string' && typeof v !== 'number') return void (errors[name] = ['Not a valid string.'])
  const s = opts.trim === false ? String(v) : String(v).trim()
  if (String(v).trim() === '' && (opts.trim !== false || s === '') && !opts.allowBlank) return void (errors[name] = ['This field may not be blank.'])
  // Python counts code points, not UTF-16 units.
  const length = Array.from(s).length
  if (opts.maxLength !== undefined && length > opts.maxLength) return void (errors[name] = [`Ensure this field has no more than ${opts.maxLength} characters.`])
  if (opts.minLength !== undefined && length < opts.minLength) return void (errors[name] = [`Ensure this field has at least ${opts.minLength} characters.`])
  return s
}
