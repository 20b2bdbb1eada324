// A scripted node:http server on 127.0.0.1 for fault tests: each request is answered by the next
// handler in the script (the last one repeats). It records every request and stops itself.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface Scripted {
  readonly url: string
  readonly requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; closedEarly: boolean }>
  readonly close: () => Promise<void>
}

export const scriptedServer = async (script: ReadonlyArray<Handler>): Promise<Scripted> => {
  const requests: Scripted['requests'] = []
  let n = 0
  const server = createServer((req, res) => {
    const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, closedEarly: false }
    requests.push(entry)
    res.on('close', () => {
      if (!res.writableFinished) entry.closedEarly = true
    })
    const handler = script[Math.min(n++, script.length - 1)]!
    handler(req, res)
  })
  // Bounded: whatever a test forgets, the server is gone after 60 s.
  const guard = setTimeout(() => server.close(), 60_000)
  guard.unref()
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        clearTimeout(guard)
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/vnd.cvat+json', ...headers })
    res.end(JSON.stringify(body))
  }

export const raw =
  (status: number, body: string | Buffer, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, headers)
    res.end(body)
  }

export const delayed =
  (ms: number, then: Handler): Handler =>
  (req, res) => {
    const t = setTimeout(() => then(req, res), ms)
    res.on('close', () => clearTimeout(t))
  }
