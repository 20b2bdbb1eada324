/**
 * Two small server views: the deprecated GET /api/tasks/{id}/status (views.py TaskViewSet.status:
 * RqStatusSerializer, a `Deprecation: true` header; it observes the creation request like any
 * poll) and GET /api/server/share (ServerViewSet.share: the share's entries in one directory,
 * directories first, each with its type and mime type).
 */
import type { AuthedEnv } from '../../env'
import { type Reply, json } from '../../http'
import type { EmulatedTask } from '../model'
import { kindOf } from '../media/kinds'
import { observe, renderId } from '../requests/queue'
import { findRequest } from '../requests/service'
import { DATA_DEFAULTS } from './state'

/** GET /api/tasks/{id}/status */
export const legacyStatus = (env: AuthedEnv, t: EmulatedTask): Reply => {
  const id = renderId(env.config.serverVersion, { action: 'create', target: 'task', targetId: t.id, subresource: null, format: null, userId: null })
  const r = findRequest(env, id)
  const body =
    !r || r.status === 'finished'
      ? { state: 'Finished', message: '', progress: 0 }
      : r.status === 'queued'
        ? { state: 'Queued', message: '', progress: 0 }
        : r.status === 'failed'
          ? { state: 'Failed', message: r.message, progress: 0 }
          : { state: 'Started', message: r.message, progress: r.progress }
  if (r) observe(r, env.now)
  return json(200, body, { Deprecation: 'true' })
}

// get_mime: 'image', 'video', 'zip' shown as 'archive', …; anything else 'unknown'.
const mimeOf = (name: string): string => {
  const k = kindOf(name)
  return k === 'zip' ? 'archive' : k === 'manifest' ? 'unknown' : k
}

/** GET /api/server/share?directory=&search= */
export const share = (env: AuthedEnv): Reply => {
  const dir = (env.url.searchParams.get('directory') ?? '/').replace(/^\/+/, '').replace(/\/+$/, '')
  const search = env.url.searchParams.get('search') ?? ''
  const files = [...(env.config.data ?? DATA_DEFAULTS).share.keys()]
  const prefix = dir === '' ? '' : `${dir}/`
  const under = files.filter((f) => f.startsWith(prefix))
  if (dir.split('/').includes('..') || (dir !== '' && under.length === 0)) return json(400, `${dir} is an invalid directory`)
  const entries = new Map<string, { name: string; type: 'REG' | 'DIR'; mime_type: string }>()
  for (const f of under) {
    const rest = f.slice(prefix.length)
    const name = rest.split('/')[0] as string
    if (!name.startsWith(search)) continue
    entries.set(name, rest.includes('/') ? { name, type: 'DIR', mime_type: 'DIR' } : { name, type: 'REG', mime_type: mimeOf(name) })
  }
  return json(200, [...entries.values()].sort((a, b) => (a.type === b.type ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.type < b.type ? -1 : 1)))
}
