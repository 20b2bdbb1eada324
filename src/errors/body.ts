/**
 * What a `StatusError` keeps of a response: the body parsed into CVAT's error shapes and the
 * headers, each bounded (an excerpt, never the whole) and with credential headers redacted.
 */
import type { ErrorBody } from './types'
import { isRecord, isStringArray } from '../json'
import { EXCERPT_CHARS, clip } from './bounded'
import { CREDENTIAL_HEADERS, REDACTED, scrubbedExcerpt } from './redact'

const classify = (value: unknown): ErrorBody => {
  if (typeof value === 'string') return { _tag: 'Message', message: value }
  if (isStringArray(value)) return { _tag: 'Messages', messages: value }
  if (isRecord(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && typeof value['detail'] === 'string') return { _tag: 'Detail', detail: value['detail'] }
    if (keys.length > 0 && keys.every((k) => isStringArray(value[k])))
      return { _tag: 'FieldErrors', fields: value as Record<string, ReadonlyArray<string>> }
  }
  return { _tag: 'Json', value }
}

/**
 * Parses a non-2xx body into one of CVAT's error shapes. CVAT's error bodies are short: one
 * longer than an excerpt (4 KiB) is kept as the excerpt of its text, never parsed or kept whole.
 *
 * @example
 * parseErrorBody('{"detail": "Not found."}') // { _tag: 'Detail', detail: 'Not found.' }
 */
export const parseErrorBody = (text: string): ErrorBody => {
  if (text.length > EXCERPT_CHARS) return { _tag: 'Text', text: clip(text) }
  if (text.trim() === '') return { _tag: 'Empty' }
  try {
    return classify(JSON.parse(text))
  } catch {
    return { _tag: 'Text', text }
  }
}

/**
 * Keeps at most 32 response headers, names lowercased, each value scrubbed of `secrets` (before
 * it is cut, so a secret across the cut is found; only what the cut keeps is scrubbed, so a
 * megabyte header costs what 256 characters cost) and at most 256 characters, with credential
 * headers' values redacted.
 */
export const boundedHeaders = (headers: Readonly<Record<string, string>>, secrets: ReadonlyArray<string> = []): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  // Names are lowercased and values read as text (as a fetch Headers gives them): a hand-made
  // client may answer `Set-Cookie`, or a number.
  for (const [name, value] of Object.entries(headers).slice(0, 32)) {
    const lower = name.toLowerCase()
    out[clip(lower, 64)] = CREDENTIAL_HEADERS.includes(lower) ? REDACTED : scrubbedExcerpt(String(value), 256, secrets)
  }
  return out
}
