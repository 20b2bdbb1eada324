/**
 * GET /api/server/about and GET /api/server/plugins (cvat/apps/engine/views.py ServerViewSet,
 * `about` and `plugins`; serializers.py AboutSerializer and PluginsSerializer), as each
 * generation renders them. `about` is open to everyone (`permission_classes=[]`); `plugins` takes
 * any authenticated user (engine/rules/server.rego allows the `view` scope to all). The version is
 * the release whose schema the generation follows. ANALYTICS is settings.ANALYTICS_ENABLED (CVAT_ANALYTICS,
 * default off) and MODELS is CVAT_SERVERLESS: the emulator has neither, so both are false.
 */
import type { AuthedEnv, Env } from '../env'
import { type Reply, json } from '../http'

// The version each generation's schema names (info.version). Release 2.73.0's cvat/__init__.py is
// (2, 73, 0, "final"); the 2.26.2-era commit is develop after 2.26.1, (2, 26, 2, "alpha", 0), which
// utils/version.py get_version renders "2.26.2.dev<changeset>" — no 2.26.2 release was cut.
const VERSION = { '2.26': '2.26.2', '2.73': '2.73.0' } as const

// ServerViewSet.about's description, the same text in both generations.
const DESCRIPTION =
  'CVAT is completely re-designed and re-implemented version of Video Annotation Tool from Irvine, California tool. ' +
  'It is free, online, interactive video and image annotation tool for computer vision. ' +
  'It is being used by our team to annotate million of objects with different properties. ' +
  'Many UI and UX decisions are based on feedbacks from professional data annotation team.'

/** GET /api/server/about: 2.73 adds the logo's absolute URL (STATIC_URL + LOGO_FILENAME) and ABOUT_INFO's subtitle. */
export const about = (env: Env): Reply => {
  const base = { name: 'Computer Vision Annotation Tool', description: DESCRIPTION, version: VERSION[env.config.serverVersion] }
  return json(200, env.config.serverVersion === '2.26' ? base : { ...base, logo_url: `${env.origin}/static/logo.svg`, subtitle: 'Open Data Annotation Platform' })
}

/** GET /api/server/plugins: 2.26 still lists GIT_INTEGRATION and PREDICT (always false). */
export const plugins = (env: AuthedEnv): Reply =>
  json(200, env.config.serverVersion === '2.26' ? { GIT_INTEGRATION: false, ANALYTICS: false, MODELS: false, PREDICT: false } : { ANALYTICS: false, MODELS: false })
