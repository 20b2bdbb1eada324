// A recording fetch: tests inject it through createClient({ fetch }) instead of mocking globals.

export interface Sent {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

export type Reply = (sent: Sent) => Response | Promise<Response>

export const recordingFetch = (reply: Reply) => {
  const sent: Sent[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((v, k) => {
      headers[k] = v
    })
    const s: Sent = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers,
      ...(init?.body === undefined ? {} : { body: String(init.body) }),
    }
    sent.push(s)
    return reply(s)
  }
  return { fetch: fetch as typeof globalThis.fetch, sent }
}

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/vnd.cvat+json', ...headers },
  })

export const emptyResponse = (status: number, headers: Record<string, string> = {}): Response =>
  new Response(null, { status, headers })

export const textResponse = (status: number, text: string, contentType = 'text/html'): Response =>
  new Response(text, { status, headers: { 'content-type': contentType } })
