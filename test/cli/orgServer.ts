// A small CVAT stand-in over real HTTP for the organisation commands (`orgs list`, `members …`),
// answering in CVAT's shapes and logging every request, until the emulator serves those routes.
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface OrgServer {
  readonly url: string
  readonly log: Array<{ method: string; url: string; status: number; body?: unknown }>
  readonly memberships: Array<{ id: number; user: { id: number; username: string }; role: string; is_active: boolean; joined_date: string | null; org: string }>
  readonly close: () => Promise<void>
}

export const serveOrgs = async (): Promise<OrgServer> => {
  const orgs = [
    { id: 1, slug: 'acme', name: 'Acme', owner: { id: 2, username: 'olga' } },
    { id: 2, slug: 'globex', name: 'Globex', owner: { id: 3, username: 'oscar' } },
  ]
  const memberships: OrgServer['memberships'] = [
    { id: 10, user: { id: 2, username: 'olga' }, role: 'owner', is_active: true, joined_date: '2026-01-01T00:00:00Z', org: 'acme' },
    { id: 11, user: { id: 5, username: 'wes' }, role: 'worker', is_active: true, joined_date: '2026-01-02T00:00:00Z', org: 'acme' },
    { id: 12, user: { id: 6, username: 'wesley' }, role: 'worker', is_active: false, joined_date: null, org: 'acme' },
    { id: 13, user: { id: 3, username: 'oscar' }, role: 'owner', is_active: true, joined_date: '2026-01-01T00:00:00Z', org: 'globex' },
  ]
  const log: OrgServer['log'] = []
  const server: Server = createServer((req, res) => {
    let text = ''
    req.on('data', (d: Buffer) => (text += d.toString()))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      const body = text ? JSON.parse(text) : undefined
      const reply = (status: number, value?: unknown) => {
        log.push({ method: req.method ?? '', url: req.url ?? '', status, ...(body === undefined ? {} : { body }) })
        res.writeHead(status, { 'content-type': 'application/vnd.cvat+json' }).end(value === undefined ? '' : JSON.stringify(value))
      }
      if (req.headers.authorization !== 'Token token-olga') return reply(401, { detail: 'Invalid token.' })
      // Pages of 2, so the commands must follow every page.
      const page = <A>(items: ReadonlyArray<A>) => {
        const n = Number(url.searchParams.get('page') ?? '1')
        const results = items.slice((n - 1) * 2, n * 2)
        return { count: items.length, next: n * 2 < items.length ? `http://x/next` : null, previous: null, results }
      }
      if (req.method === 'GET' && url.pathname === '/api/organizations') return reply(200, page(orgs))
      if (req.method === 'GET' && url.pathname === '/api/memberships') {
        const user = url.searchParams.get('user')
        return reply(200, page(memberships.filter((m) => m.org === url.searchParams.get('org') && (user === null || m.user.username.includes(user))).map(({ org: _org, ...m }) => m)))
      }
      const one = /^\/api\/memberships\/(\d+)$/.exec(url.pathname)
      const i = one ? memberships.findIndex((m) => m.id === Number(one[1])) : -1
      if (one && i < 0) return reply(404, { detail: 'Not found.' })
      if (req.method === 'PATCH' && one) {
        memberships[i] = { ...memberships[i]!, role: body.role }
        const { org: _org, ...m } = memberships[i]!
        return reply(200, m)
      }
      if (req.method === 'DELETE' && one) return memberships.splice(i, 1), reply(204)
      return reply(404, { detail: 'Not found.' })
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    memberships,
    close: () => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))),
  }
}
