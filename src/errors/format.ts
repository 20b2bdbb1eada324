/**
 * Rendering errors for people: one line, bounded, linear in its input, and safe to print. Text a
 * server sent (a `detail`, a status text, an HTML page) may hold terminal escapes or bidi
 * overrides; they are shown as escapes, never passed to a terminal or a log.
 */
import type { CvatError, ErrorBody } from './types'
import { boundedJson } from './bounded'
import { MAX_REDIRECTS } from './limits'

// C0 and C1 controls (whitespace is folded to a space first), bidi controls, line and paragraph
// separators, BOM, and lone surrogates; a surrogate pair is matched first and kept (no
// lookbehind: older Safari cannot parse it).
const UNSAFE = /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/g

const escape = (c: string): string => (c.length === 2 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

// Only a bounded prefix of any text is looked at, so rendering is linear whatever its size.
const SCANNED = 65_536

/** Folds a text to one line of at most `max` characters, with control and bidi characters escaped. */
export const oneLine = (s: string, max = 300): string => {
  const flat = s.slice(0, Math.max(max * 4, 1024)).replace(/\s+/g, ' ').trim()
  const cut = flat.length > max || s.length > Math.max(max * 4, 1024)
  return `${flat.slice(0, max).replace(UNSAFE, escape)}${cut ? '…' : ''}`
}

// `[^<>]` rather than `[^>]`: a run of `<` then costs one step each, not a scan to the end.
const textSummary = (text: string): string => {
  const head = text.slice(0, SCANNED)
  const title = /<title[^<>]*>([^<]*)<\/title>/i.exec(head)
  return oneLine(title?.[1] ?? head.replace(/<[^<>]*>/g, ' '))
}

const UNREADABLE_BODY = '(an unreadable body)'

/**
 * Renders an error body as a short human-readable message; a value that is not one of the body shapes gives `(an unreadable body)`.
 *
 * @example
 * describeBody({ _tag: 'Messages', messages: ['The user is a member of the organization already.'] })
 */
export const describeBody = (body: ErrorBody): string => {
  try {
    return describe(body)
  } catch {
    // Only a hand-built body (not one of CVAT's shapes, or with fields that throw) gets here.
    return UNREADABLE_BODY
  }
}

const describe = (body: ErrorBody): string => {
  switch (body._tag) {
    case 'Detail':
      return oneLine(body.detail)
    case 'FieldErrors':
      return oneLine(
        Object.entries(body.fields)
          .slice(0, 50)
          .map(([k, v]) => `${k}: ${v.slice(0, 50).join(' ')}`)
          .join('; '),
      )
    case 'Messages':
      return oneLine(body.messages.slice(0, 50).join('; '))
    case 'Message':
      return oneLine(body.message)
    case 'Json':
      return oneLine(boundedJson(body.value, 300))
    case 'Text':
      return textSummary(body.text)
    case 'Empty':
      return '(empty body)'
    default:
      return UNREADABLE_BODY
  }
}

const statusLine = (status: number, statusText: string): string => `${status}${statusText ? ` ${oneLine(statusText, 100)}` : ''}`

const render = (e: CvatError): string => {
  // Every field goes through oneLine: a hand-built error may hold anything.
  const head = `${oneLine(String(e._tag), 40)}: ${oneLine(String(e.method), 20)} ${oneLine(String(e.url), 2000)}`
  switch (e._tag) {
    case 'RequestError':
    case 'TransportError':
      return `${head}: ${oneLine(String(e.message))}`
    case 'TimeoutError':
      return `${head}: no response within ${Number(e.ms)} ms`
    case 'StatusError':
      return (
        `${head} → ${statusLine(Number(e.status), String(e.statusText))}: ${describeBody(e.body)}` +
        (e.requestId === undefined ? '' : ` (request id ${oneLine(String(e.requestId), 128)})`) +
        (e.retryAfter === undefined ? '' : ` (retry after ${Number(e.retryAfter)} s)`)
      )
    case 'DecodeError':
      return `${head} → ${Number(e.status)}: ${oneLine(String(e.message), 500)}`
    case 'ListChangedError':
      return `${head}: the list changed while it was read (count ${e.counts.slice(0, 10).map(Number).join(' → ')}, read ${Number(e.read)}, distinct ${Number(e.distinct)}); read it again`
    case 'ResponseTooLargeError':
      return `${head} → ${Number(e.status)}: the response body is larger than ${Number(e.limit)} bytes (maxResponseBytes); it was not read to its end`
    case 'RedirectError':
      return `${head} → ${Number(e.status)}: ${
        e.reason === 'cross-origin'
          ? `redirected to another origin, not followed (Location: ${oneLine(String(e.location), 2000)})`
          : e.reason === 'too-many'
            ? `more than ${MAX_REDIRECTS} redirects, not followed further (Location: ${oneLine(String(e.location), 2000)})`
            : 'the runtime hid the redirect (an opaque redirect), so its target is unknown'
      }`
    case 'BackgroundRequestError':
      return `${head}: the background request ${oneLine(String(e.rqId), 200)} failed: ${e.message === '' ? '(CVAT gave no message)' : oneLine(String(e.message))}`
    default:
      return head
  }
}

/**
 * Formats an error as one readable line: tag, method, URL, status and CVAT's message.
 *
 * @example
 * console.error(formatError(e)) // StatusError: GET https://app.cvat.ai/api/invitations → 403 Forbidden: You do not have permission…
 */
export const formatError = (e: CvatError): string => {
  try {
    return render(e)
  } catch {
    // Only a hand-built error whose fields throw when read gets here.
    return 'CvatError: (an error whose fields cannot be read)'
  }
}
