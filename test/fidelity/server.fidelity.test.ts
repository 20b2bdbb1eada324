// GET /api/server/about and /api/server/plugins: cvat/apps/engine/views.py ServerViewSet.about
// (2.73.0 lines 200-233; 2.26 lines 201-225) and .plugins (2.73.0 lines 316-331; 2.26 lines
// 289-303), serializers.py AboutSerializer and PluginsSerializer (2.73.0 lines 3624-3659), the
// version from cvat/__init__.py, ABOUT_INFO and LOGO_FILENAME from cvat/settings/base.py
// (2.73.0 lines 841-844). `about` has `permission_classes=[]`; engine/rules/server.rego allows
// the `view` scope to every authenticated user.
import { describe, expect, it } from 'vitest'
import { sb, serve } from './helpers'

const DESCRIPTION =
  'CVAT is completely re-designed and re-implemented version of Video Annotation Tool from Irvine, California tool. It is free, online, interactive video and image annotation tool for computer vision. It is being used by our team to annotate million of objects with different properties. Many UI and UX decisions are based on feedbacks from professional data annotation team.'

describe('server information, 2.73', () => {
  const server = serve({ serverVersion: '2.73' })

  it('about: to anyone, with the logo on the server (or its proxy) and the subtitle', async () => {
    const body = { name: 'Computer Vision Annotation Tool', description: DESCRIPTION, version: '2.73.0', logo_url: `${server.served.url}/static/logo.svg`, subtitle: 'Open Data Annotation Platform' }
    expect(sb(await server.call(null, 'GET', '/api/server/about'))).toEqual({ status: 200, body })
    expect(sb(await server.call('otto', 'GET', '/api/server/about'))).toEqual({ status: 200, body })
    const proxied = await server.call(null, 'GET', '/api/server/about', undefined, { 'x-forwarded-host': 'cvat.example.org', 'x-forwarded-proto': 'https' })
    expect((proxied.body as { logo_url: string }).logo_url).toBe('https://cvat.example.org/static/logo.svg')
  })

  it('about: a bad credential is still refused (authentication runs before AllowAny)', async () => {
    expect(sb(await server.call({ headers: { authorization: 'Token nope' } }, 'GET', '/api/server/about'))).toEqual({ status: 401, body: { detail: 'Invalid token.' } })
  })

  it('plugins: neither analytics nor serverless functions, to any user; 401 to nobody', async () => {
    expect(sb(await server.call('otto', 'GET', '/api/server/plugins'))).toEqual({ status: 200, body: { ANALYTICS: false, MODELS: false } })
    expect((await server.call(null, 'GET', '/api/server/plugins')).status).toBe(401)
  })
})

describe('server information, 2.26', () => {
  const server = serve({ serverVersion: '2.26' })

  it('about: name, description and version only', async () => {
    expect(sb(await server.call(null, 'GET', '/api/server/about'))).toEqual({ status: 200, body: { name: 'Computer Vision Annotation Tool', description: DESCRIPTION, version: '2.26.2' } })
  })

  it('plugins: GIT_INTEGRATION and PREDICT still listed, all false', async () => {
    expect(sb(await server.call('otto', 'GET', '/api/server/plugins'))).toEqual({ status: 200, body: { GIT_INTEGRATION: false, ANALYTICS: false, MODELS: false, PREDICT: false } })
  })
})
