/**
 * Response helpers speaking CVAT's wire format: `application/vnd.cvat+json` bodies and its four
 * error shapes. A handler returns a `Reply` (plain data); the emulator renders it as a Response.
 */

/** A response as data. */
export interface Reply {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** A JSON reply. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers })

/** A `{"detail": "..."}` reply. */
export const detail = (status: number, message: string, headers: Record<string, string> = {}): Reply =>
  json(status, { detail: message }, headers)

/** A 204 with no body. */
export const noContent: Reply = { status: 204 }

/** CVAT's 403 body. */
export const forbidden = (): Reply => detail(403, 'You do not have permission to perform this action.')

/** DRF's 404 for an object that is not there (or not in the context). */
export const notFound = (): Reply => detail(404, 'No Invitation matches the given query.')

/** Renders a reply as a fetch `Response`. */
export const toResponse = (r: Reply): Response =>
  new Response(r.body === undefined ? null : JSON.stringify(r.body), {
    status: r.status,
    headers: {
      ...(r.body === undefined ? {} : { 'content-type': 'application/vnd.cvat+json' }),
      vary: 'Accept, Origin, Cookie',
      allow: 'GET, POST, PATCH, DELETE, HEAD, OPTIONS',
      ...r.headers,
    },
  })

/** Encodes query pairs as Python's `urlencode` does (`+` for spaces), which DRF uses for links. */
export const pythonQuery = (pairs: ReadonlyArray<readonly [string, string]>): string =>
  pairs
    .map(([k, v]) => [k, v].map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+')).join('='))
    .join('&')
