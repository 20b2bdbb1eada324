/**
 * Response helpers speaking CVAT's wire format: `application/vnd.cvat+json` bodies and its four
 * error shapes. Handlers return a `Reply` (plain data, tagged); a step that may fail returns
 * `Or<A>`, i.e. either its value or the `Reply` that ends the request — the one way the
 * emulator says "a value or a reply".
 */

/** A response as data. */
export interface Reply {
  readonly _tag: 'Reply'
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** A body sent as is (a file, a plain-text Django response); its content type is in `headers`. */
  readonly raw?: Uint8Array | string
}

/** A value, or the reply that ends the request. */
export type Or<A> = A | Reply

/** Whether a step ended the request. */
export const isReply = (x: unknown): x is Reply =>
  typeof x === 'object' && x !== null && (x as { readonly _tag?: unknown })._tag === 'Reply'

/** A JSON reply. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ _tag: 'Reply', status, body, headers })

/** A `{"detail": "..."}` reply. */
export const detail = (status: number, message: string, headers: Record<string, string> = {}): Reply =>
  json(status, { detail: message }, headers)

/** A 204 with no body. */
export const noContent: Reply = { _tag: 'Reply', status: 204 }

/** DRF's default 403 body (rest_framework/permissions.py BasePermission.message). */
export const forbidden = (): Reply => detail(403, 'You do not have permission to perform this action.')

/** Django's get_object_or_404 text: "No <Model> matches the given query." */
export const notFound = (model = 'Invitation'): Reply => detail(404, `No ${model} matches the given query.`)

/** Django's 404 for a path no route matches (the same `detail` CVAT's exception handler gives). */
export const noRoute = (): Reply => detail(404, 'Not found.')

/** DRF's 405 (rest_framework/exceptions.py MethodNotAllowed). */
export const methodNotAllowed = (method: string): Reply => detail(405, `Method "${method}" not allowed.`)

/** DRF's ValidationError raised with a plain string: an array with that string. */
export const invalid = (message: string): Reply => json(400, [message])

/** Renders a reply as a fetch `Response`. */
export const toResponse = (r: Reply, allow: string): Response => {
  const headers = new Headers({
    ...(r.body === undefined || r.raw !== undefined ? {} : { 'content-type': 'application/vnd.cvat+json' }),
    vary: 'Accept, Origin, Cookie',
    allow,
  })
  for (const [k, v] of Object.entries(r.headers ?? {})) {
    // Several cookies travel as several Set-Cookie headers, joined here with a newline.
    if (k.toLowerCase() === 'set-cookie') v.split('\n').forEach((c) => headers.append('set-cookie', c))
    else headers.set(k, v)
  }
  const body = r.raw !== undefined ? (typeof r.raw === 'string' ? r.raw : (r.raw as Uint8Array<ArrayBuffer>)) : r.body === undefined ? null : JSON.stringify(r.body)
  return new Response(r.status === 204 || r.status === 304 ? null : body, { status: r.status, headers })
}

/** Encodes query pairs as Python's `urlencode` does (`+` for spaces), which DRF uses for links. */
export const pythonQuery = (pairs: ReadonlyArray<readonly [string, string]>): string =>
  pairs
    .map(([k, v]) => [k, v].map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+')).join('='))
    .join('&')

/** Python's `repr` of a JSON value, for error texts CVAT formats with `{}`. */
export const pyRepr = (v: unknown): string =>
  v === null || v === undefined
    ? 'None'
    : v === true
      ? 'True'
      : v === false
        ? 'False'
        : typeof v === 'string'
          ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
          : typeof v === 'number'
            ? String(v)
            : Array.isArray(v)
              ? `[${v.map(pyRepr).join(', ')}]`
              : `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`

/**
 * DRF prints Python's `isoformat()` with `Z`: microseconds (2023-09-15T07:53:52.116000Z), and no
 * fraction at all when they are zero (2022-02-24T20:45:19Z), as in CVAT's fixtures.
 */
export const isoMicro = (ms: number): string => new Date(ms).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d{3})Z$/, '$1000Z')
