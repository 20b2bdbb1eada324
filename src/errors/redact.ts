/**
 * Redaction: what keeps a credential out of every error. URLs are redacted by structure; text a
 * server sent (bodies, headers) is scrubbed of every form of every credential the request
 * carried, and of the shapes a credential takes when a server echoes one we did not know about.
 */
import { type HttpRequest, type HttpResponse, encode } from '../http/request'
import { clip } from './bounded'

/** Marks where a credential was removed. */
export const REDACTED = '[redacted]'

/**
 * Removes credentials from a URL: the user-info (everything up to the last `@` of the authority)
 * and the value of every `sign` query parameter, its name percent-encoded or not. Anything but a
 * string (an untyped caller's) gives `''`: only a string can hold a URL to redact.
 *
 * @example
 * redactUrl('https://u:p@ss@cvat.example/api/invitations?sign=s3cret') // 'https://[redacted]@cvat.example/api/invitations?sign=[redacted]'
 */
export const redactUrl = (url: string): string =>
  typeof url !== 'string'
    ? ''
    : // The user-info as the WHATWG URL parser (so fetch) finds it: past leading C0 controls and
      // spaces, tabs and newlines anywhere (it removes them), and for http(s) any run of `/` or
      // `\` after the scheme, even none (`http:\\u:p@h`, `http:u:p@h`). The run of slashes is
      // matched once (a lookahead, as an atomic group): a long run costs linear time, not quadratic.
      url
        .replace(/^([\0- ]*[a-z][a-z0-9+.\t\n\r-]*:(?=([\t\n\r/\\]*))\2)[^/?#\\]*@/i, `$1${REDACTED}@`)
        .replace(/([?&](?:s|%73)(?:i|%69)(?:g|%67)(?:n|%6e)=)[^&#]*/gi, `$1${REDACTED}`)

// Shapes a credential takes in a server's echo even when we do not know its value: the `sign`
// parameter in a link, the session cookies (each run ends where the next would begin, so one
// pass is linear), and an Authorization value (below).
const ECHOES: ReadonlyArray<readonly [RegExp, string]> = [
  [/([?&;](?:amp;)?(?:sign|%73ign)=)[^&#"'\s<>\\]*/gi, `$1${REDACTED}`],
  [/\b(sessionid|csrftoken)(=|%3D)[^;,\s"'<>&\\]+/gi, `$1$2${REDACTED}`],
]

// An Authorization value: a scheme, a separator, then a run of credential characters. A
// credential holds a digit and at least 6 characters, so prose ("Token expired") and
// `Basic realm="…"` stay readable. This was one regular expression with a lookahead for the
// digit, which rescanned the rest of the run at every `Token+` of `Token+Token+…`: quadratic, and
// a 190 KB text blocked the event loop for seconds. Now the run is taken whole (it stops only
// before a scheme that a space follows, which starts a run of its own) and judged by a function:
// a run without a digit has no part with one, so nothing inside it needs a second look.
const AUTHORIZATION = /\b(Token|Bearer|Basic)(\s+|%20|\+)((?:(?!\b(?:Token|Bearer|Basic)\s)[A-Za-z0-9._~+/=:%-])*)/g

const echoedAuthorization = (text: string, cut: boolean): string =>
  text.replace(AUTHORIZATION, (match, scheme: string, separator: string, run: string, at: number) =>
    // A run reaching the end of a text that was cut may go on past the cut: redacted as it is.
    (run.length >= 6 && /[0-9]/.test(run)) || (cut && run !== '' && at + match.length === text.length) ? scheme + separator + REDACTED : match,
  )

const scrubText = (text: string, secrets: ReadonlyArray<string>, cut: boolean): string =>
  echoedAuthorization(
    ECHOES.reduce(
      (t, [re, by]) => t.replace(re, by),
      [...secrets].sort((a, b) => b.length - a.length).reduce((t, s) => (s.length >= 3 ? t.split(s).join(REDACTED) : t), text),
    ),
    cut,
  )

/**
 * Replaces every occurrence of each secret in a text, longest first, then the shapes of echoed
 * credentials (secrets shorter than 3 characters are too common to be told apart), in time
 * linear in the text.
 *
 * @example
 * scrub('echo: Token abc123def', ['abc123def']) // 'echo: Token [redacted]'
 */
export const scrub = (text: string, secrets: ReadonlyArray<string>): string => scrubText(text, secrets, false)

/**
 * Cuts a server's text to at most `max` characters scrubbed of `secrets`, scrubbing only what the
 * cut keeps, so the cost follows `max`, not the text: a prefix long enough to hold whole any
 * secret that starts before the cut (an echoed credential running into its end is redacted, its
 * rest unseen).
 *
 * @example
 * scrubbedExcerpt(`Token abc123 ${'x'.repeat(10_000)}`, 20, []) // 'Token [redacted] xxx… [9993 more characters]'
 */
export const scrubbedExcerpt = (text: string, max: number, secrets: ReadonlyArray<string>): string => {
  const end = secrets.reduce((m, s) => Math.max(m, s.length), 1024) + max
  const cut = text.length > end
  const scrubbed = scrubText(cut ? text.slice(0, end) : text, secrets, cut)
  return clip(scrubbed, max, cut ? text.length : scrubbed.length)
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' }
const html = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)

const decodeBase64Utf8 = (b64: string): string | undefined => {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))
  } catch {
    return undefined
  }
}

// As JSON.stringify writes a string's content, and as Python's json.dumps does (ensure_ascii,
// Django's JsonResponse: all but printable ASCII as \uXXXX; JSON.stringify left only characters
// past `~` unescaped, and the 0x10000 bit pads to 4 hex digits).
const jsonContent = (s: string): string => JSON.stringify(s).slice(1, -1)
const pythonContent = (s: string): string => jsonContent(s).replace(/[^ -~]/g, (c) => `\\u${(c.charCodeAt(0) | 65536).toString(16).slice(1)}`)

// Each form a value may take in text: raw, percent-encoded (either hex case, or form-encoded),
// quoted in JSON up to three times over (ours and Python's escapes: a gateway quoting the raw
// JSON request inside its own JSON error, which a proxy may quote again), HTML-escaped (the value
// and each quoting: a debug page showing a JSON body), and as a header carries it.
const formsOf = (value: string): ReadonlyArray<string> => {
  // Encoded as the request builder encodes (a lone surrogate as U+FFFD). URL parsers also encode
  // `'` in a query, which encodeURIComponent leaves as is.
  const encoded = encode(value)
  const quoted: string[] = []
  for (let level: string[] = [value], depth = 0; depth < 3; depth++) quoted.push(...(level = level.flatMap((f) => [jsonContent(f), pythonContent(f)])))
  return [
    ...new Set([
      value,
      encoded,
      encoded.replace(/'/g, '%27'),
      // As a form or URLSearchParams writes it: a space as `+`.
      encoded.replace(/%20/g, '+'),
      encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      ...quoted,
      ...[value, ...quoted].map(html),
      // Its UTF-8 bytes read as Latin-1, as fetch reads a header value a server echoed.
      unescape(encoded),
    ]),
  ]
}

const credentialParts = (name: string, value: string): ReadonlyArray<string> => {
  if (name === 'cookie') return value.split(';').flatMap((part) => [part.trim(), part.slice(part.indexOf('=') + 1).trim()])
  if (name !== 'authorization') return [value]
  // What follows the scheme; Basic's decoded `user:password`, the user, and the password (which
  // may hold more colons: the user-id cannot, RFC 7617).
  const credential = value.slice(value.indexOf(' ') + 1)
  const decoded = /^basic /i.test(value) ? decodeBase64Utf8(credential) : undefined
  return [value, credential, ...(decoded === undefined ? [] : [decoded, ...decoded.split(/:(.*)/s)])]
}

/** Headers whose values are credentials. */
export const CREDENTIAL_HEADERS: ReadonlyArray<string> = ['authorization', 'cookie', 'x-csrftoken', 'proxy-authorization', 'set-cookie']

/**
 * Names the JSON fields that may hold a secret on a hand-made request, which says nothing of its
 * fields (`HttpRequest.redact` absent): password, password1/2, old_password, new_password1/2, a
 * reset `token`, keys, signatures, CSRF and session values, at any depth. Every operation of the
 * API names its secret fields from CVAT's schema instead, so an annotation attribute's `value`
 * stays readable there.
 */
export const SECRET_FIELD = /pass(word)?|secret|token|^key$|^value$|^sign$|csrf|session/i

/** Whether a JSON field holds a secret: one `fields` names, or (no list given) one named like a credential. */
export const isSecretField = (key: string, fields: ReadonlyArray<string> | undefined): boolean =>
  fields === undefined ? SECRET_FIELD.test(key) : fields.includes(key)

// The text of every secret field of a JSON body; a body that is not JSON text holds none we can name.
const bodySecrets = (body: unknown, fields: ReadonlyArray<string> | undefined): ReadonlyArray<string> => {
  const found: string[] = []
  if (typeof body !== 'string') return found
  try {
    JSON.parse(body, (k, v: unknown) => {
      // Every string under a secret field is secret, however the server nests it (`"key": ["…"]`).
      if (isSecretField(k, fields)) for (const stack = [v]; stack.length > 0; ) {
        const u = stack.pop()
        if (typeof u === 'string') found.push(u)
        else if (typeof u === 'object' && u !== null) for (const x of Object.values(u)) stack.push(x)
      }
      return v
    })
  } catch {
    // Not JSON: nothing to name.
  }
  return found
}

/** Lists every form of every credential a request carries (headers, cookie parts, Basic's decoded parts, `sign`, a JSON body's secret fields). */
export const secretsOf = (
  headers: Readonly<Record<string, string>>,
  query: ReadonlyArray<readonly [string, string]>,
  body?: unknown,
  fields?: ReadonlyArray<string>,
): ReadonlyArray<string> =>
  [
    // Names as fetch reads them, in any case (a hand-made middleware may set `Authorization`); a
    // hand-made request's number is text as fetch sends it, an absent value gives no secret.
    ...Object.entries(headers).flatMap(([name, value]) => {
      const h = name.toLowerCase()
      return CREDENTIAL_HEADERS.includes(h) ? credentialParts(h, String(value ?? '')) : []
    }),
    ...query.flatMap(([k, v]) => (k === 'sign' ? [v] : [])),
    ...bodySecrets(body, fields),
  ].flatMap((s) => (s.length >= 3 ? formsOf(s) : []))

/** Lists every form of every credential a request carries, its body's secret fields named by `redact`. */
export const requestSecrets = (req: Pick<HttpRequest, 'headers' | 'query' | 'body' | 'redact'>): ReadonlyArray<string> =>
  secretsOf(req.headers, req.query, req.body, req.redact)

/**
 * Lists the secrets an error built from this response must scrub: those of the request the
 * transport sent (which the response carries as data), else those of the request the endpoint
 * built (a hand-made response). None when neither can be read.
 */
export const recallSecrets = (response: Pick<HttpResponse, 'request'>, built?: HttpRequest): ReadonlyArray<string> => {
  try {
    const sent = response.request ?? built
    return sent === undefined ? [] : requestSecrets(sent)
  } catch {
    return []
  }
}

/** Lists every form of the secrets an answer's JSON body carries in the fields `fields` names (a new access token's `value`, a login's `key`): minted by the server, they are secrets too. */
export const answerSecrets = (body: string, fields: ReadonlyArray<string> | undefined): ReadonlyArray<string> =>
  bodySecrets(body, fields).flatMap((s) => (s.length >= 3 ? formsOf(s) : []))
