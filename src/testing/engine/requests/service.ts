/**
 * Starting background requests as CVAT's request managers do (2.26: engine/background.py,
 * task.py create; 2.73: redis_handler/background.py AbstractRequestManager.enqueue_job): the id
 * is rendered, an existing request with that id that is still queued or started answers 409
 * (2.73) — a finished or failed one is replaced — and the meta CVAT keeps (owner, the object's
 * project/task/job and organisation) is recorded.
 */
import type { AuthedEnv } from '../../env'
import type { EmulatorState } from '../../model'
import type { EmulatedJob, EmulatedProject, EmulatedTask } from '../model'
import { dataState } from '../data/state'
import { type BackgroundRequest, type Outcome, type RequestKey, canonicalId, expired, renderId, settle } from './queue'

/** What a request is about: the object CVAT builds the meta from, if any. */
export type RequestObject = { readonly kind: 'project'; readonly p: EmulatedProject } | { readonly kind: 'task'; readonly t: EmulatedTask } | { readonly kind: 'job'; readonly j: EmulatedJob } | { readonly kind: 'none' }

/** How a new request behaves. */
export interface RequestSpec {
  readonly key: RequestKey
  readonly object: RequestObject
  readonly run: () => Outcome
  readonly startedMessage?: string
  readonly reportsProgress?: boolean
  readonly resultTtl: number
  readonly failureTtl: number
  readonly resultUrl?: (id: string) => string
}

const metaOf = (s: EmulatorState, o: RequestObject): BackgroundRequest['meta'] => {
  const e = s.engine
  const task = o.kind === 'task' ? o.t : o.kind === 'job' ? e.tasks.find((t) => t.id === o.j.taskId) : undefined
  const projectId = o.kind === 'project' ? o.p.id : (task?.projectId ?? null)
  const orgId = o.kind === 'project' ? o.p.organizationId : (task?.organizationId ?? null)
  return {
    projectId,
    taskId: task?.id ?? null,
    jobId: o.kind === 'job' ? o.j.id : null,
    orgId,
    orgSlug: s.organizations.find((x) => x.id === orgId)?.slug ?? null,
  }
}

/** Finds a live request by id, dropping it once its TTL has passed. */
export const findRequest = (env: Pick<AuthedEnv, 's' | 'config' | 'now'>, id: string): BackgroundRequest | undefined => {
  const d = dataState(env.s, env.config)
  const r = d.requests.get(id) ?? (env.config.serverVersion === '2.73' ? d.requests.get(canonicalId(id) ?? '') : undefined)
  if (r && expired(r, env.now)) {
    d.requests.delete(r.id)
    return undefined
  }
  return r
}

/** Tells whether a request is still waiting or running. */
export const running = (r: BackgroundRequest): boolean => r.status === 'queued' || r.status === 'started'

/** Starts a request, or returns the running one with the same id (the caller answers 409). */
export const enqueue = (env: AuthedEnv, spec: RequestSpec): { readonly request: BackgroundRequest; readonly conflict: boolean } => {
  const d = dataState(env.s, env.config)
  const id = renderId(env.config.serverVersion, spec.key)
  const existing = findRequest(env, id)
  if (existing && running(existing)) return { request: existing, conflict: true }
  const polls = env.config.data?.requestPolls ?? 2
  const r: BackgroundRequest = {
    id,
    key: spec.key,
    owner: { id: env.user.id, username: env.user.username },
    meta: metaOf(env.s, spec.object),
    status: 'queued',
    progress: 0,
    message: '',
    observed: 0,
    polls,
    createdDate: env.now,
    startedDate: null,
    finishedDate: null,
    resultTtl: spec.resultTtl,
    failureTtl: spec.failureTtl,
    resultUrl: spec.resultUrl ? spec.resultUrl(id) : null,
    startedMessage: spec.startedMessage ?? '',
    reportsProgress: spec.reportsProgress ?? false,
    outcome: null,
    run: spec.run,
  }
  // Re-created under the same id: the old one goes (RQ's job.delete()).
  d.requests.delete(id)
  d.requests.set(id, r)
  if (polls === 0) settle(r, env.now)
  return { request: r, conflict: false }
}

/** Time-to-live figures CVAT gives its jobs (settings IMPORT_CACHE_*_TTL, EXPORT_CACHE_TTL, RQ's 500 s default). */
export const TTL = {
  export: 24 * 3600,
  importSuccess: 3600,
  importFailure: 30 * 24 * 3600,
  rqDefault: 500,
} as const
