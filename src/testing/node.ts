/// <reference types="node" />
/**
 * Serves an emulator over real HTTP with node:http. Kept apart from the fetch-only emulator so
 * that edge and browser bundles of `cvat-fp/testing` never reach node:http.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
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

const readAll = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Answers node:http requests with the emulator, to mount it in a server of your own (say, one
 * that also serves a test page from the same origin).
 *
 * @example
 * const listener = cvatEmulatorListener(createCvatEmulator()) // createServer(listener), or call it for /api/* only
 */
export const cvatEmulatorListener = (emulator: CvatEmulator) => async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
  try {
    const body = await readAll(req)
    const headers = new Headers()
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
    const method = req.method ?? 'GET'
    const response = await emulator.fetch(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
      method,
      headers,
      ...(body.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: new Uint8Array(body) } : {}),
    })
    const out = Buffer.from(await response.arrayBuffer())
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(out)
  } catch (e) {
    res.writeHead(500, { 'content-type': 'application/vnd.cvat+json' })
    res.end(JSON.stringify(`Emulator failure: ${(e as Error).message}`))
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
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
