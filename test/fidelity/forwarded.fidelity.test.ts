// Behind a proxy (CVAT's Traefik): cvat/settings/base.py sets USE_X_FORWARDED_HOST = True
// (lines 670-672 at 2.73.0, 609-611 at the 2.26 commit) and SECURE_PROXY_SSL_HEADER =
// ("HTTP_X_FORWARDED_PROTO", "https") (line 666), so Django's build_absolute_uri — every `url`
// field DRF renders, background.py's result_url (`reverse(..., request=...)`), mixins.py's TUS
// Location — names the proxy; CommonMiddleware (settings line 244) asks request.get_host() on every
// request, which refuses a forwarded host that is no host (DisallowedHost: 400). The CSRF check
// compares Origin with the same host (django/middleware/csrf.py _origin_verified).
import { describe, expect, it } from 'vitest'
import { serve } from './helpers'

const PROXY = { 'x-forwarded-host': 'cvat.example.org:8443', 'x-forwarded-proto': 'https' }

describe.each(['2.73', '2.26'] as const)('forwarded host and scheme (%s)', (version) => {
  const server = serve({ serverVersion: version, seed: 'demo', requestPolls: 0 })

  it("renders every link on the proxy's origin", async () => {
    const self = await server.call('olga', 'GET', '/api/users/self', undefined, PROXY)
    expect((self.body as { url: string }).url).toBe('https://cvat.example.org:8443/api/users/2')
    const task = await server.call('olga', 'GET', '/api/tasks/1', undefined, PROXY)
    expect((task.body as { url: string; jobs: { url: string } }).jobs.url).toBe('https://cvat.example.org:8443/api/jobs?task_id=1')
  })

  it("gives a finished export's result_url on the proxy's origin", async () => {
    const started = await server.call('olga', 'POST', '/api/tasks/1/dataset/export?format=CVAT%20for%20images%201.1', undefined, PROXY)
    const id = (started.body as { rq_id: string }).rq_id
    const done = await server.call('olga', 'GET', `/api/requests/${encodeURIComponent(id)}`, undefined, PROXY)
    expect(new URL((done.body as { result_url: string }).result_url).origin).toBe('https://cvat.example.org:8443')
  })

  it('uses the scheme only when X-Forwarded-Proto says https (its first value), else http', async () => {
    const url = async (proto: string) => ((await server.call('olga', 'GET', '/api/users/self', undefined, { 'x-forwarded-host': 'p.example', 'x-forwarded-proto': proto })).body as { url: string }).url
    expect([await url('https'), await url('https, http'), await url('http'), await url('HTTPS')]).toEqual([
      'https://p.example/api/users/2',
      'https://p.example/api/users/2',
      'http://p.example/api/users/2',
      'http://p.example/api/users/2',
    ])
  })

  it('refuses a forwarded host that is no host with a 400, as get_host does, before authentication', async () => {
    const bad = await Promise.all(['evil.example/x', 'a b', 'p.example, q.example', 'p.example:port'].map((h) => server.call(null, 'GET', '/api/users/self', undefined, { 'x-forwarded-host': h })))
    expect(bad.map((a) => [a.status, a.body])).toEqual(Array(4).fill([400, { detail: 'Bad Request (400)' }]))
  })

  it("takes a session's unsafe request whose Origin is the proxy's", async () => {
    const c = server.emulator.credentials('olga')
    const session = { cookie: `sessionid=${c.sessionId}; csrftoken=${c.csrfToken}`, 'x-csrftoken': c.csrfToken }
    const patch = (origin: string) => server.call({ headers: session }, 'PATCH', '/api/tasks/1', { subset: 'train' }, { ...PROXY, origin })
    const [ours, theirs] = [await patch('https://cvat.example.org:8443'), await patch(server.served.url)]
    expect([ours.status, theirs.status, theirs.body]).toEqual([200, 403, { detail: `CSRF Failed: Origin checking failed - ${server.served.url} does not match any trusted origins.` }])
  })
})
