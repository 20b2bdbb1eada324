/** The transport's documented limits, shared by the client that enforces them and the messages that name them. */

/** Same-origin redirects followed per request before a `RedirectError`. */
export const MAX_REDIRECTS = 5

/** The default `maxResponseBytes`: 64 MiB, room for a `page_size=all` list of ~100 000 invitations. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
