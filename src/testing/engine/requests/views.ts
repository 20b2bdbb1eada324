/**
 * /api/requests — RequestViewSet (2.26: engine/views.py lines 3573–3769; 2.73:
 * redis_handler/views.py) and RequestSerializer (2.26: engine/serializers.py lines 3471–3580;
 * 2.73: redis_handler/serializers.py): the caller's own requests, filtered, sorted (default
 * -created_date) and paginated; retrieve and cancel by id with CVAT's plain-text 404 and 400s.
 * Every retrieve (and every list) is an observation: it answers with the request as it stands,
 * then advances it one step (queue.ts), so queued, started and finished are each seen once.
 */
import type { AuthedEnv } from '../../env'
import { type Reply, detail, forbidden, isoMicro, json } from '../../http'
import { type ListSpec, listReply } from '../../list'
import { isAdmin } from '../../perms'
import { dataState } from '../data/state'
import { findProjectById, jobMay, projectMay, taskMay } from '../data/access'
import { type BackgroundRequest, observe, typeOf } from './queue'
import { findRequest } from './service'

/** Django's HttpResponseNotFound / HttpResponseBadRequest: plain text, not JSON. */
export const plain = (status: number, text: string): Reply => ({ _tag: 'Reply', status, raw: text, headers: { 'content-type': 'text/html; charset=utf-8' } })

/** Renders a request as RequestSerializer does for the generation. */
export const renderRequest = (env: AuthedEnv, r: BackgroundRequest): Record<string, unknown> => {
  const k = r.key
  const v73 = env.config.serverVersion === '2.73'
  const operation = v73
    ? { type: typeOf(k), target: k.target, project_id: r.meta.projectId, task_id: r.meta.taskId, job_id: r.meta.jobId, org_id: r.meta.orgId, format: k.format, lightweight: null }
    : { type: typeOf(k), target: k.target, project_id: r.meta.projectId, task_id: r.meta.taskId, job_id: r.meta.jobId, format: k.format, function_id: null }
  const ttl = r.status === 'finished' ? r.resultTtl : r.status === 'failed' ? r.failureTtl : null
  const out: Record<string, unknown> = {
    status: r.status,
    message: r.message,
    id: r.id,
    operation,
    progress: r.progress,
    created_date: isoMicro(r.createdDate),
    started_date: r.startedDate === null ? null : isoMicro(r.startedDate),
    finished_date: r.finishedDate === null ? null : isoMicro(r.finishedDate),
    expiry_date: ttl === null || r.finishedDate === null ? null : isoMicro(r.finishedDate + ttl * 1000),
    owner: { id: r.owner.id, username: r.owner.username },
  }
  if (r.status === 'finished') {
    if (k.action === 'export') out['result_url'] = r.resultUrl
    else if (r.outcome?.ok && r.outcome.resultId !== undefined && (v73 || k.subresource === 'backup')) out['result_id'] = r.outcome.resultId
  }
  return out
}

const SPEC: ListSpec<BackgroundRequest> = {
  fields: {
    created_date: { get: (r) => r.createdDate, kind: 'num' },
    status: { get: (r) => r.status, kind: 'str' },
    action: { get: (r) => r.key.action, kind: 'str' },
    target: { get: (r) => r.key.target, kind: 'str' },
    subresource: { get: (r) => r.key.subresource, kind: 'str' },
    format: { get: (r) => r.key.format, kind: 'str' },
    project_id: { get: (r) => r.meta.projectId, kind: 'num' },
    task_id: { get: (r) => r.meta.taskId, kind: 'num' },
    job_id: { get: (r) => r.meta.jobId, kind: 'num' },
    org: { get: (r) => r.meta.orgSlug, kind: 'str' },
    org_id: { get: (r) => r.meta.orgId, kind: 'num' },
  },
  filterFields: ['status', 'project_id', 'task_id', 'job_id', 'action', 'target', 'subresource', 'format'],
  searchFields: [],
  simpleFilters: ['status', 'project_id', 'task_id', 'job_id', 'action', 'target', 'subresource', 'format', 'org'],
  orderingFields: ['created_date', 'status', 'action'],
  ordering: '-created_date',
}

/** GET /api/requests: the caller's requests (is_rq_job_owner), each observed once. */
export const list = (env: AuthedEnv): Reply => {
  const d = dataState(env.s, env.config)
  const mine = [...d.requests.keys()].flatMap((id) => findRequest(env, id) ?? []).filter((r) => r.owner.id === env.user.id)
  const spec = env.config.serverVersion === '2.73' ? { ...SPEC, filterFields: [...(SPEC.filterFields ?? []), 'org', 'org_id'], simpleFilters: [...SPEC.simpleFilters, 'org_id'] } : SPEC
  // The answer shows each request as it was; the poll then moves it on.
  const answer = listReply(env, mine, spec, (r) => renderRequest(env, r))
  for (const r of mine) observe(r, env.now)
  return answer
}

// 2.73 RequestPermission: a per-user request (an export) is its owner's; a creation or import
// is visible to whoever may view its target; admins see everything.
const mayView = (env: AuthedEnv, r: BackgroundRequest): boolean => {
  if (env.config.serverVersion === '2.26' || r.key.userId !== null || r.key.targetId === null) return r.owner.id === env.user.id || (env.config.serverVersion === '2.73' && isAdmin(env.user))
  const e = env.s.engine
  const id = r.key.targetId
  if (r.key.target === 'task') {
    const t = e.tasks.find((x) => x.id === id)
    return t ? taskMay(env, 'view', t) : r.owner.id === env.user.id || isAdmin(env.user)
  }
  if (r.key.target === 'job') {
    const j = e.jobs.find((x) => x.id === id)
    return j ? jobMay(env, 'view', j) : r.owner.id === env.user.id || isAdmin(env.user)
  }
  const p = findProjectById(env, id)
  return p ? projectMay(env, 'view', p) : r.owner.id === env.user.id || isAdmin(env.user)
}

const refused = (env: AuthedEnv): Reply => (env.config.serverVersion === '2.26' ? detail(403, "You don't have permission to perform this action") : forbidden())

/** GET /api/requests/{id} */
export const retrieve = (env: AuthedEnv, id: string): Reply => {
  const r = findRequest(env, id)
  if (!r) return plain(404, 'There is no request with specified id')
  if (!mayView(env, r)) return refused(env)
  const answer = json(200, renderRequest(env, r))
  observe(r, env.now)
  return answer
}

/** POST /api/requests/{id}/cancel */
export const cancel = (env: AuthedEnv, id: string): Reply => {
  const d = dataState(env.s, env.config)
  const r = findRequest(env, id)
  if (!r) return plain(404, 'There is no request with specified id')
  if (!(r.owner.id === env.user.id || (env.config.serverVersion === '2.73' && isAdmin(env.user)))) return refused(env)
  if (env.config.serverVersion === '2.26') {
    if (r.status !== 'queued') return plain(400, 'Only requests that have not yet been started can be cancelled')
  } else if (r.status !== 'queued') {
    if (r.status !== 'started') return plain(400, `Requests with status '${r.status}' cannot be cancelled`)
    // A started export is stopped on the worker; a started import or creation cannot be.
    if (r.key.action !== 'export') return plain(400, 'Cancellation of started requests is supported only for export requests executed by production workers')
  }
  d.requests.delete(r.id)
  return { _tag: 'Reply', status: 200 }
}
