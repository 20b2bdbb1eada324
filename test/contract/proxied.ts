// The client's own traffic through `prism proxy --errors` to a served emulator: a fetch for
// `createClient` that sends each request through Prism, which checks it and the emulator's answer
// against CVAT's schema and reports what breaks it (`sl-violations`), except the requests a rule
// sends straight to the emulator, each rule with its reason. Every request carries the
// `X-Forwarded-Host` a reverse proxy in front of CVAT sends (Traefik does; Prism does not), so the
// links the emulator renders (`result_url`, TUS `Location`) name Prism's origin, the client's own.
// Prism hands a proxied binary body on as text (UTF-8 replacement characters), which breaks any
// file: a GET answered with a file is checked through Prism, then its bytes are fetched direct.

export interface Violation {
  readonly location: ReadonlyArray<string>
  readonly severity: string
  readonly message: string
}

export interface Exchange {
  readonly method: string
  /** The path with its ids as `{id}`, the query left out. */
  readonly path: string
  readonly status: number
  readonly violations: ReadonlyArray<Violation>
}

export interface Sent {
  readonly method: string
  readonly url: URL
  readonly headers: Headers
  readonly body: unknown
}

/** Sends a request straight to the emulator when it says why (a schema gap CVAT's own schema has). */
export interface DirectRule {
  readonly reason: string
  readonly applies: (r: Sent) => boolean
}

export const shape = (path: string): string => path.replace(/\/\d+(?=\/|$)/g, '/{id}').replace(/\/(?:\d+_)?[0-9a-f]{8}-[0-9a-f-]{27}(?=\/|$)/g, '/{file_id}')

/** A fetch that routes through Prism or, by a rule, straight to the emulator, and records both. */
export const proxied = (prismUrl: () => string, emulatorUrl: () => string, rules: ReadonlyArray<DirectRule>) => {
  const seen: Exchange[] = []
  const direct = new Map<string, Set<string>>()
  const fetchThrough = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const headers = new Headers(init.headers)
    const method = (init.method ?? 'GET').toUpperCase()
    headers.set('x-forwarded-host', new URL(prismUrl()).host)
    const rule = rules.find((r) => r.applies({ method, url, headers, body: init.body }))
    if (rule !== undefined) {
      const to = new URL(`${url.pathname}${url.search}`, emulatorUrl())
      direct.set(rule.reason, (direct.get(rule.reason) ?? new Set()).add(`${method} ${shape(url.pathname)}`))
      return fetch(to, { ...init, headers })
    }
    const res = await fetch(url, { ...init, headers })
    seen.push({ method, path: shape(url.pathname), status: res.status, violations: JSON.parse(res.headers.get('sl-violations') ?? '[]') as Violation[] })
    const type = res.headers.get('content-type') ?? ''
    if (method !== 'GET' || !res.ok || type === '' || /json|^text\//.test(type)) return res
    await res.body?.cancel()
    const bytes = 'a file (checked through Prism, which breaks binary bodies; its bytes fetched direct)'
    direct.set(bytes, (direct.get(bytes) ?? new Set()).add(`${method} ${shape(url.pathname)}`))
    return fetch(new URL(`${url.pathname}${url.search}`, emulatorUrl()), { ...init, headers })
  }
  return { fetch: fetchThrough as typeof fetch, seen, direct }
}
