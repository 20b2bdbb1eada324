/// <reference types="node" />
/**
 * Serves an emulator over real HTTP with node:http. Kept apart from the fetch-only emulator so
 * that edge and browser bundles of `cvat-fp/testing` never reach node:http.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import type { CvatEmulator } from './emulator'

/**
 * Exposes a listening server: its base URL and how to stop it.
 *
 * @example
 * const served: ServedEmulator = await serveCvatEmulator(createCvatEmulator())
 * await served.close()
 */
export interface ServedEmulator {
  /** The base URL, `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly port: number
  /** Stops listening and closes open connections. */
  readonly close: () => Promise<void>
}

// Reads at most `limit` bytes; `undefined` once the body is larger (the rest is discarded).
const readAll = async (req: IncomingMessage, limit: number): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/vnd.cvat+json' })
  res.end(JSON.stringify(body))
}

// A Host header is a host name or address and an optional port; user-info or a bad port is
// Django's DisallowedHost, a 400 that never echoes the value.
const requestUrl = (req: IncomingMessage): string | undefined => {
  const host = req.headers.host ?? '127.0.0.1'
  if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host) || Number(host.split(':').pop()) > 65535) return undefined
  try {
    return new URL(`http://${host}${(req.url ?? '/').startsWith('/') ? req.url : '/'}`).href
  } catch {
    return undefined
  }
}

/**
 * Answers node:http requests with the emulator, to mount it in a server of your own (say, one
 * that also serves a test page from the same origin). Every Set-Cookie header is passed on.
 *
 * @example
 * const listener = cvatEmulatorListener(createCvatEmulator()) // createServer(listener), or call it for /api/* only
 */
export const cvatEmulatorListener = (emulator: CvatEmulator) => async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
  try {
    const url = requestUrl(req)
    if (url === undefined) return send(res, 400, { detail: 'Bad Request (400)' })
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
    const method = req.method ?? 'GET'
    const limit = Math.max(emulator.maxBodyBytes, emulator.maxUploadBytes)
    const declared = Number(req.headers['content-length'] ?? 0)
    // Uploads (task data, TUS chunks, imports) stream into the emulator, which bounds each route;
    // a declared length over every limit is refused before a byte is read.
    if (declared > limit) {
      res.setHeader('connection', 'close')
      req.resume()
      return send(res, 413, { detail: 'Request body is too large.' })
    }
    const streamed = method !== 'GET' && method !== 'HEAD' && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined)
    const body = streamed ? undefined : await readAll(req, emulator.maxBodyBytes)
    if (body === undefined && !streamed) {
      res.setHeader('connection', 'close')
      return send(res, 413, { detail: 'Request body is too large.' })
    }
    const response = await emulator.fetch(url, {
      method,
      headers,
      ...(streamed ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : body && body.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: new Uint8Array(body) } : {}),
    } as RequestInit)
    const out = Buffer.from(await response.arrayBuffer())
    const plain = Object.fromEntries([...response.headers].filter(([k]) => k !== 'set-cookie'))
    const cookies = response.headers.getSetCookie()
    res.writeHead(response.status, { ...plain, ...(cookies.length > 0 ? { 'set-cookie': cookies } : {}) })
    res.end(out)
  } catch {
    // Whatever went wrong, the client gets an answer, and no error text is echoed.
    if (!res.headersSent) send(res, 500, 'A server error occurred.')
    else res.end()
  }
}

/**
 * Listens on 127.0.0.1 (a free port unless one is given) and serves the emulator.
 *
 * @example
 * const served = await serveCvatEmulator(createCvatEmulator(), { port: 8080 })
 * console.log(served.url) // http://127.0.0.1:8080
 */
export const serveCvatEmulator = (
  emulator: CvatEmulator,
  options: { readonly port?: number; readonly host?: string } = {},
): Promise<ServedEmulator> =>
  new Promise((resolve, reject) => {
    const server = createServer(cvatEmulatorListener(emulator))
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      const host = options.host ?? '127.0.0.1'
      resolve({
        // An IPv6 address is bracketed in a URL (RFC 3986): http://[::1]:8080, not http://::1:8080.
        url: `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
