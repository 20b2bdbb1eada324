/**
 * What a `StatusError` keeps of a response: the body parsed into CVAT's error shapes and the
 * headers, each bounded (an excerpt, never the whole) and with credential headers redacted.
 */
import type { ErrorBody } from '../errors'
import { isRecord } from '../json'
import { EXCERPT_CHARS, clip, clipAll } from './bounded'
import { CREDENTIAL_HEADERS, REDACTED } from './redact'

const isStringArray = (u: unknown): u is ReadonlyArray<string> => Array.isArray(u) && u.every((x) => typeof x === 'string')

const fieldErrors = (value: Readonly<Record<string, unknown>>): ErrorBody | undefined => {
  const fields: Record<string, ReadonlyArray<string>> = {}
  let left = EXCERPT_CHARS
  for (const [k, v] of Object.entries(value)) {
    if (!isStringArray(v)) return undefined
    if (left > 0) fields[clip(k, 100)] = clipAll(v, left)
    left -= k.length + v.reduce((n, s) => n + s.length, 0)
  }
  return { _tag: 'FieldErrors', fields }
}

const classify = (value: unknown, text: string): ErrorBody => {
  if (typeof value === 'string') return { _tag: 'Message', message: clip(value) }
  if (isStringArray(value)) return { _tag: 'Messages', messages: clipAll(value) }
  if (isRecord(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && typeof value['detail'] === 'string') return { _tag: 'Detail', detail: clip(value['detail']) }
    const fields = keys.length > 0 ? fieldErrors(value) : undefined
    if (fields !== undefined) return fields
  }
  // Any other JSON is kept as a value only while it is small; a large one becomes an excerpt.
  return text.length <= EXCERPT_CHARS ? { _tag: 'Json', value } : { _tag: 'Text', text: clip(text) }
}

/** Bodies longer than this (64 Ki characters) are not parsed: an error keeps an excerpt of them, not their structure. */
export const PARSED_CHARS = 65_536

/**
 * Parses a non-2xx body into one of CVAT's error shapes, keeping at most an excerpt (4 KiB) of its text.
 *
 * @example
 * parseErrorBody('{"detail": "Not found."}') // { _tag: 'Detail', detail: 'Not found.' }
 */
export const parseErrorBody = (text: string): ErrorBody => {
  if (text.trim() === '') return { _tag: 'Empty' }
  if (text.length > PARSED_CHARS) return { _tag: 'Text', text: clip(text) }
  try {
    return classify(JSON.parse(text), text)
  } catch {
    return { _tag: 'Text', text: clip(text) }
  }
}

const MAX_HEADERS = 32
const MAX_HEADER_VALUE = 256

/** Keeps at most 32 response headers, each value at most 256 characters, with credential headers' values redacted. */
export const boundedHeaders = (headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers).slice(0, MAX_HEADERS))
    out[clip(name, 64)] = CREDENTIAL_HEADERS.includes(name) ? REDACTED : clip(value, MAX_HEADER_VALUE)
  return out
}
