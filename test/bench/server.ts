// The benchmark's server, in its own process so the client's CPU can be measured alone. It serves
// CVAT-shaped invitation pages with identical bytes for every contender:
//   /api/invitations?page_size=N          page 1 of N invitations (N = 10, 100, 1000), instantly
//   /slow/api/invitations?page=P          page P of 30 (10 each), after 20 ms, with absolute `next`
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const invitation = (i: number) => ({
  key: `k${String(i).padStart(63, '0')}`,
  created_date: '2026-11-20T10:00:00.000000Z',
  owner: { url: 'http://localhost/api/users/2', id: 2, username: 'olga', first_name: 'Olga', last_name: 'Owner' },
  role: 'worker',
  user: { url: `http://localhost/api/users/${100 + i}`, id: 100 + i, username: `user${i}`, first_name: 'Ann', last_name: 'Lee' },
  organization: 1,
  expired: false,
  organization_info: { id: 1, slug: 'acme' },
})

export const pageBody = (size: number): string =>
  JSON.stringify({ count: size * 30, next: null, previous: null, results: Array.from({ length: size }, (_, i) => invitation(i)) })

const pages = new Map([10, 100, 1000].map((n) => [String(n), Buffer.from(pageBody(n))]))
const SLOW_PAGES = 30
const SLOW_SIZE = 10

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
  const headers = { 'content-type': 'application/vnd.cvat+json' }
  if (url.pathname === '/api/invitations') {
    const body = pages.get(url.searchParams.get('page_size') ?? '10') ?? pages.get('10')!
    res.writeHead(200, { ...headers, 'content-length': String(body.length) })
    return res.end(body)
  }
  if (url.pathname === '/slow/api/invitations') {
    const page = Number(url.searchParams.get('page') ?? '1')
    const base = `http://${req.headers.host}/slow/api/invitations`
    const body = JSON.stringify({
      count: SLOW_PAGES * SLOW_SIZE,
      next: page < SLOW_PAGES ? `${base}?page=${page + 1}&page_size=${SLOW_SIZE}` : null,
      previous: page > 1 ? `${base}?page=${page - 1}&page_size=${SLOW_SIZE}` : null,
      results: Array.from({ length: SLOW_SIZE }, (_, i) => invitation((page - 1) * SLOW_SIZE + i)),
    })
    return void setTimeout(() => res.writeHead(200, headers).end(body), 20)
  }
  res.writeHead(404, headers).end('{"detail":"Not found."}')
})
server.keepAliveTimeout = 60_000

if (/server\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })))
  // Bounded: the benchmark stops it; if it does not, it stops itself.
  setTimeout(() => process.exit(0), 20 * 60_000).unref()
  process.on('disconnect', () => process.exit(0))
}
