/**
 * DRF's field validation as the engine serializers use it (rest_framework/fields.py,
 * serializers.py): each reader takes a raw JSON value and returns the value or an error in
 * DRF's shape — a list of messages for a field, a dictionary for a nested serializer, a list of
 * dictionaries for a nested list — so views can assemble CVAT's 400 bodies.
 */

/** A field's error as DRF renders it. */
export type FieldError = string[] | Record<string, unknown> | unknown[]

/** A field's value, or its error (tagged so `undefined` values stay values). */
export type Read<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: FieldError }

/** Wraps a good value. */
export const ok = <A>(value: A): Read<A> => ({ ok: true, value })
/** Wraps DRF messages. */
export const fail = (...messages: string[]): Read<never> => ({ ok: false, error: messages })
/** Wraps a nested error. */
export const failWith = (error: FieldError): Read<never> => ({ ok: false, error })

/** JSON text of a value for an error message, bounded: a value nested too deeply to print is `...`. */
export const shown = (v: unknown): string => {
  try {
    const text = JSON.stringify(v) ?? String(v)
    return text.length > 200 ? `${text.slice(0, 200)}...` : text
  } catch {
    return '...'
  }
}

/** The Python type name DRF prints for a JSON value. */
export const pyType = (v: unknown): string =>
  v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v === 'string' ? 'str' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : 'dict'

/** IntegerField (re `^-?\d+(\.0*)?$` on strings, at most 1000 characters) with optional bounds. */
export const int = (v: unknown, opts: { readonly min?: number; readonly max?: number } = {}): Read<number> => {
  if (typeof v === 'string' && v.length > 1000) return fail('String value too large.')
  const n = typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\s*-?\d+(\.0*)?\s*$/.test(v) ? Number.parseInt(v, 10) : Number.NaN
  if (typeof v === 'boolean' || !Number.isSafeInteger(n)) return fail('A valid integer is required.')
  if (opts.min !== undefined && n < opts.min) return fail(`Ensure this value is greater than or equal to ${opts.min}.`)
  if (opts.max !== undefined && n > opts.max) return fail(`Ensure this value is less than or equal to ${opts.max}.`)
  return ok(n)
}

/** FloatField. */
export const float = (v: unknown, opts: { readonly min?: number; readonly max?: number } = {}): Read<number> => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && v.length <= 1000 ? Number(v) : Number.NaN
  if (typeof v === 'boolean' || !Number.isFinite(n)) return fail('A valid number is required.')
  if (opts.min !== undefined && n < opts.min) return fail(`Ensure this value is greater than or equal to ${opts.min}.`)
  if (opts.max !== undefined && n > opts.max) return fail(`Ensure this value is less than or equal to ${opts.max}.`)
  return ok(n)
}

const TRUE: ReadonlyArray<unknown> = [true, 1, 'true', 'True', 'TRUE', 't', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', '1']
const FALSE: ReadonlyArray<unknown> = [false, 0, 'false', 'False', 'FALSE', 'f', 'F', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', '0']

/** BooleanField. */
export const bool = (v: unknown): Read<boolean> => (TRUE.includes(v) ? ok(true) : FALSE.includes(v) ? ok(false) : fail('Must be a valid boolean.'))

/** CharField: strings and numbers (not booleans), trimmed; blank and length checks. */
export const str = (v: unknown, opts: { readonly maxLength?: number; readonly allowBlank?: boolean; readonly trim?: boolean } = {}): Read<string> => {
  if (typeof v !== 'string' && typeof v !== 'number') return fail('Not a valid string.')
  const s = opts.trim === false ? String(v) : String(v).trim()
  if (s === '' && !opts.allowBlank) return fail('This field may not be blank.')
  if (opts.maxLength !== undefined && s.length > opts.maxLength) return fail(`Ensure this field has no more than ${opts.maxLength} characters.`)
  return ok(s)
}

/** ChoiceField: `"x" is not a valid choice.` (strings and numbers compared as text). */
export const choice = <C extends string>(v: unknown, choices: ReadonlyArray<C>): Read<C> => {
  const key = typeof v === 'string' || typeof v === 'number' ? String(v) : undefined
  const found = choices.find((c) => c === key)
  return found !== undefined ? ok(found) : fail(`"${typeof v === 'string' || typeof v === 'number' ? String(v) : shown(v)}" is not a valid choice.`)
}

/** ListField / ListSerializer: a list (not a string or dictionary), each item read; errors per index (`{}` for good ones). */
export const list = <A>(v: unknown, item: (x: unknown) => Read<A>, opts: { readonly allowEmpty?: boolean; readonly nested?: boolean } = {}): Read<A[]> => {
  if (!Array.isArray(v)) {
    const message = `Expected a list of items but got type "${pyType(v)}".`
    return opts.nested ? failWith({ non_field_errors: [message] }) : fail(message)
  }
  if (v.length === 0 && opts.allowEmpty === false) return opts.nested ? failWith({ non_field_errors: ['This list may not be empty.'] }) : fail('This list may not be empty.')
  const values: A[] = []
  const errors: unknown[] = []
  let bad = false
  for (const x of v) {
    const r = item(x)
    if (r.ok) {
      values.push(r.value)
      errors.push({})
    } else {
      bad = true
      errors.push(r.error)
    }
  }
  // ListField reports {index: errors} only for bad items; a nested ListSerializer lists every item.
  if (bad) return failWith(opts.nested ? errors : Object.fromEntries(errors.flatMap((e, i) => (Array.isArray(e) || Object.keys(e as object).length > 0 ? [[String(i), e]] : []))))
  return ok(values)
}

/** A nested serializer's input: a dictionary, else DRF's non-field error. */
export const dict = (v: unknown): Read<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? ok(v as Record<string, unknown>) : failWith({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${pyType(v)}.`] })

/** Collects one serializer's field errors: `field(name, read)` records an error and returns the value. */
export const collector = (b: Record<string, unknown>) => {
  const errors: Record<string, unknown> = {}
  /** Reads a field; absent → `undefined` (or "This field is required."), null → "may not be null" unless allowed. */
  const field = <A>(name: string, read: (v: unknown) => Read<A>, opts: { readonly required?: boolean; readonly allowNull?: boolean } = {}): A | null | undefined => {
    const v = b[name]
    if (v === undefined) {
      if (opts.required) errors[name] = ['This field is required.']
      return undefined
    }
    if (v === null) {
      if (opts.allowNull) return null
      errors[name] = ['This field may not be null.']
      return undefined
    }
    const r = read(v)
    if (r.ok) return r.value
    errors[name] = r.error
    return undefined
  }
  return { errors, field, failed: () => Object.keys(errors).length > 0 }
}

/**
 * A nested serializer: a dictionary read field by field with `read`, every field's error at once
 * (DRF's shape), the value only when no field failed.
 */
export const nested =
  <A>(read: (c: ReturnType<typeof collector>) => A) =>
  (raw: unknown): Read<A> => {
    const d = dict(raw)
    if (!d.ok) return d
    const c = collector(d.value)
    const value = read(c)
    return c.failed() ? failWith(c.errors) : ok(value)
  }
