/**
 * /api/jobs/{id}/annotations and /api/tasks/{id}/annotations — the `annotations` actions of
 * JobViewSet and TaskViewSet (cvat/apps/engine/views.py lines 2163–2215 and 1588–1650): GET
 * (view:annotations), PUT (update:annotations), PATCH ?action=create|update|delete, DELETE
 * (delete:annotations). Requests carrying `format` (file export and import) belong to the
 * dataset part of the emulator: `formatHandlers` is where it plugs in.
 */
import type { AuthedEnv } from '../../env'
import { type Reply, forbidden, invalid, isReply, json, noContent } from '../../http'
import { bodyDict } from '../../views/common'
import { type PatchAction, clearJob, readJob, writeJob } from '../annotations'
import { readTask, taskJobs, writeTask } from '../taskAnnotations'
import { labeledData } from '../labeledData'
import type { EmulatedJob, EmulatedTask, JobAnnotations } from '../model'
import { dataOf } from '../model'
import { findJob, jobMay } from './jobs'
import { findTask, taskMay } from './tasks'

/**
 * The file side of the annotations endpoints (`?format=`: export on GET, import on PUT/POST),
 * answered with CVAT's 400 until the dataset part sets these (views.py export_dataset_v1 and
 * _import_annotations).
 */
export const formatHandlers: {
  task?: (env: AuthedEnv, task: EmulatedTask) => Reply
  job?: (env: AuthedEnv, job: EmulatedJob) => Reply
} = {}

const noFormat = (env: AuthedEnv): Reply => json(400, `Unknown format specified for the request: ${env.url.searchParams.get('format') ?? ''}`)

const wire = (env: AuthedEnv, d: JobAnnotations) => ({ version: 0, ...d, ...(env.config.serverVersion === '2.73' ? { intervals: [] } : {}) })

const action = (env: AuthedEnv): PatchAction | 'put' | Reply => {
  if (env.req.method === 'PUT') return 'put'
  const a = env.url.searchParams.get('action')
  return a === 'create' || a === 'update' || a === 'delete' ? a : invalid("Please specify a correct 'action' for the request")
}

const body = (env: AuthedEnv) => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const d = labeledData(b, env.config.serverVersion)
  return d.ok ? d.value : json(400, d.error)
}

/** GET, PUT, PATCH, DELETE /api/jobs/{id}/annotations */
export const job = (env: AuthedEnv, raw: string): Reply => {
  const j = findJob(env, raw)
  if (isReply(j)) return j
  const method = env.req.method === 'HEAD' ? 'GET' : env.req.method
  const format = env.url.searchParams.has('format')
  const scope = method === 'GET' ? (format ? 'export:annotations' : 'view:annotations') : method === 'DELETE' ? 'delete:annotations' : method === 'POST' || (method === 'PUT' && format) ? 'import:annotations' : 'update:annotations'
  if (!jobMay(env, scope, j)) return forbidden()
  if (format || method === 'POST') return formatHandlers.job?.(env, j) ?? noFormat(env)
  const t = env.s.engine.tasks.find((x) => x.id === j.taskId)
  if (!t) return forbidden()
  if (method === 'GET') return json(200, wire(env, readJob(env.s.engine, t, j)))
  if (method === 'DELETE') {
    clearJob(env.s.engine, j, env.now)
    return noContent
  }
  const act = action(env)
  if (isReply(act)) return act
  const d = body(env)
  if (isReply(d)) return d
  const out = writeJob(env.s.engine, t, j, d, act, env.now)
  return isReply(out) ? out : json(200, wire(env, out))
}

/** GET, PUT, PATCH, DELETE /api/tasks/{id}/annotations (a task without data: CVAT's 400). */
export const task = (env: AuthedEnv, raw: string): Reply => {
  const t = findTask(env, raw)
  if (isReply(t)) return t
  const method = env.req.method === 'HEAD' ? 'GET' : env.req.method
  const format = env.url.searchParams.has('format')
  const scope = method === 'GET' ? (format ? 'export:annotations' : 'view:annotations') : method === 'DELETE' ? 'delete:annotations' : method === 'POST' || (method === 'PUT' && format) ? 'import:annotations' : 'update:annotations'
  if (!taskMay(env, scope, t)) return forbidden()
  const e = env.s.engine
  if (!dataOf(e, t)) {
    // GET answers HttpResponseBadRequest; the writes fail on `task.data` being None (CVAT: 400 for PATCH, 500 for PUT and DELETE).
    return json(400, method === 'GET' ? 'Exporting annotations from a task without data is not allowed' : "'NoneType' object has no attribute 'validation_mode'")
  }
  if (format || method === 'POST') return formatHandlers.task?.(env, t) ?? noFormat(env)
  if (method === 'GET') return json(200, wire(env, readTask(e, t)))
  if (method === 'DELETE') {
    for (const j of taskJobs(e, t)) clearJob(e, j, env.now)
    return noContent
  }
  const act = action(env)
  if (isReply(act)) return act
  const d = body(env)
  if (isReply(d)) return d
  const out = writeTask(e, t, d, act, env.now)
  return isReply(out) ? out : json(200, wire(env, out))
}
