/**
 * Background requests as CVAT's RQ queues hold them: task creation, imports and exports, each
 * with an id of CVAT's format per generation (2.26: engine/rq_job_handler.py RQId.render;
 * 2.73: redis_handler/rq.py RequestId.render with engine/rq.py's field order), an owner, the
 * meta CVAT stores (project/task/job/org ids), a status and a progress.
 *
 * Deterministic time: a request does not run on a worker; it advances one step each time it is
 * observed (a poll of /api/requests, a legacy status or export check). Polls answer with the
 * state before they advance it, so with `polls: n` they see `queued`, then `started` with
 * progress 1/n … (n-1)/n, then `finished` or `failed`: the job runs at the n-th observation.
 * With `polls: 0` a request has already run when it is created.
 */

/** CVAT's request statuses (models.py RequestStatus). */
export type RequestStatus = 'queued' | 'started' | 'finished' | 'failed'

/** How a request's job ended: a result (a file, an id) or the exception CVAT would format. */
export type Outcome =
  | { readonly ok: true; readonly file?: { readonly bytes: Uint8Array; readonly filename: string }; readonly resultId?: number }
  | { readonly ok: false; readonly message: string }

/** What identifies a request (RQId / RequestId fields). */
export interface RequestKey {
  readonly action: 'create' | 'import' | 'export'
  readonly target: 'project' | 'task' | 'job'
  /** The target's id; `null` for a backup import (identified by a uuid instead). */
  readonly targetId: number | null
  readonly uuid?: string
  readonly subresource: 'annotations' | 'dataset' | 'backup' | null
  readonly format: string | null
  /** Exports are per user (their id carries it). */
  readonly userId: number | null
}

/** One background request. */
export interface BackgroundRequest {
  readonly id: string
  readonly key: RequestKey
  readonly owner: { readonly id: number; readonly username: string }
  readonly meta: { readonly projectId: number | null; readonly taskId: number | null; readonly jobId: number | null; readonly orgId: number | null; readonly orgSlug: string | null }
  status: RequestStatus
  progress: number
  /** The job's own status line while started (rq meta `status`); the exception once failed. */
  message: string
  observed: number
  readonly polls: number
  readonly createdDate: number
  startedDate: number | null
  finishedDate: number | null
  /** Seconds a finished (or failed) request is kept (rq result_ttl / failure_ttl). */
  readonly resultTtl: number
  readonly failureTtl: number
  /** Where a finished export is downloaded (meta result_url). */
  readonly resultUrl: string | null
  /** The status line CVAT's job sets while it runs. */
  readonly startedMessage: string
  /** Whether the job reports progress (task creation and project imports do; exports do not). */
  readonly reportsProgress: boolean
  outcome: Outcome | null
  readonly run: () => Outcome
}

// 2.73 RequestId.normalize: "." → "~", " " → "_" (values are kept readable, not percent-encoded).
const enc = (v: string): string => v.replace(/\./g, '~').replace(/ /g, '_')

/** Renders a request id as the generation does. */
export const renderId = (version: '2.26' | '2.73', k: RequestKey): string => {
  if (version === '2.26') {
    const prefix = `${k.action}:${k.target}-${k.targetId ?? k.uuid}`
    if (k.action === 'create') return prefix
    if (k.action === 'import') return `${prefix}-${k.subresource}`
    return k.format === null ? `${prefix}-${k.subresource}-by-${k.userId}` : `${prefix}-${k.subresource}-in-${k.format.replace(/ /g, '_').replace(/\./g, '@')}-format-by-${k.userId}`
  }
  // attrs field order: action, target, target_id, id, user_id, [lightweight], format, subresource; falsy values dropped.
  const pairs: Array<[string, string | number | null | undefined]> = [
    ['action', k.action],
    ['target', k.target],
    ['target_id', k.targetId],
    ['id', k.uuid],
    ['user_id', k.userId],
    ['format', k.format],
    ['subresource', k.subresource],
  ]
  return pairs.flatMap(([n, v]) => (v === null || v === undefined || v === '' || v === 0 ? [] : [`${n}=${enc(String(v))}`])).join('&')
}

const LEGACY: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => RequestKey]> = [
  [/^export:(task|project)-(\d+)-backup-by-(\d+)$/, (m) => ({ action: 'export', target: m[1] as 'task', targetId: Number(m[2]), subresource: 'backup', format: null, userId: Number(m[3]) })],
  [/^export:(project|task|job)-(\d+)-(annotations|dataset)-in-([\w@]+)-format-by-(\d+)$/, (m) => ({ action: 'export', target: m[1] as 'task', targetId: Number(m[2]), subresource: m[3] as 'dataset', format: (m[4] as string).replace(/_/g, ' ').replace(/@/g, '.'), userId: Number(m[5]) })],
  [/^create:task-(\d+)$/, (m) => ({ action: 'create', target: 'task', targetId: Number(m[1]), subresource: null, format: null, userId: null })],
  [/^import:(task|project|job)-(\d+)-(annotations|dataset)$/, (m) => ({ action: 'import', target: m[1] as 'task', targetId: Number(m[2]), subresource: m[3] as 'dataset', format: null, userId: null })],
  [/^import:(task|project)-([a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12})-backup$/, (m) => ({ action: 'import', target: m[1] as 'task', targetId: null, uuid: m[2] as string, subresource: 'backup', format: null, userId: null })],
]

/**
 * The canonical id of a request id as 2.73 reads it (RequestId.parse with try_legacy_format):
 * key=value pairs in any order, or a 2.26-style legacy id; `undefined` when it is neither.
 */
export const canonicalId = (id: string): string | undefined => {
  for (const [re, key] of LEGACY) {
    const m = re.exec(id)
    if (m) return renderId('2.73', key(m))
  }
  if (!id.includes('=')) return undefined
  const pairs = new Map(id.split('&').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const))
  const v = (k: string) => pairs.get(k)?.replace(/~/g, '.').replace(/_/g, ' ')
  const action = v('action')
  const target = v('target')
  if ((action !== 'create' && action !== 'import' && action !== 'export') || (target !== 'task' && target !== 'project' && target !== 'job')) return undefined
  const num = (k: string) => (pairs.has(k) && /^\d+$/.test(pairs.get(k) as string) ? Number(pairs.get(k)) : null)
  const sub = v('subresource')
  return renderId('2.73', { action, target, targetId: num('target_id'), ...(pairs.has('id') ? { uuid: pairs.get('id') as string } : {}), subresource: sub === 'annotations' || sub === 'dataset' || sub === 'backup' ? sub : null, format: v('format') ?? null, userId: num('user_id') })
}

/** The `operation.type` of a request: action and subresource (or target). */
export const typeOf = (k: RequestKey): string => `${k.action}:${k.subresource ?? k.target}`

/** Advances a request by one observation; at the last one its job runs. */
export const observe = (r: BackgroundRequest, now: number): void => {
  if (r.status === 'finished' || r.status === 'failed') return
  r.observed += 1
  if (r.observed >= r.polls) return settle(r, now)
  r.status = 'started'
  // RQ's timestamps always increase: created < started < finished, even within one millisecond.
  r.startedDate ??= Math.max(now, r.createdDate + 1)
  r.message = r.startedMessage
  if (r.reportsProgress) r.progress = r.observed / r.polls
}

/** Runs a request's job now and records how it ended. */
export const settle = (r: BackgroundRequest, now: number): void => {
  if (r.status === 'finished' || r.status === 'failed') return
  r.startedDate ??= Math.max(now, r.createdDate + 1)
  r.finishedDate = Math.max(now, r.startedDate + 1)
  // A job that throws is a bug of ours; it fails the request like any exception would.
  let outcome: Outcome
  try {
    outcome = r.run()
  } catch (e) {
    outcome = { ok: false, message: `Exception: ${String((e as { message?: unknown } | null)?.message ?? e)}\n` }
  }
  r.outcome = outcome
  r.status = outcome.ok ? 'finished' : 'failed'
  r.message = outcome.ok ? '' : outcome.message
  if (outcome.ok && r.reportsProgress) r.progress = 1
}

/** Tells whether a request has outlived its result or failure TTL (RQ deletes it then). */
export const expired = (r: BackgroundRequest, now: number): boolean =>
  r.finishedDate !== null && now > r.finishedDate + 1000 * (r.status === 'failed' ? r.failureTtl : r.resultTtl)

/** Formats an exception as RQ stores it (traceback.format_exception_only). */
export const exceptionText = (type: string, message: string): string => `${type}: ${message}\n`

/** Formats a DRF ValidationError raised inside a job, as its formatted exception reads. */
export const validationText = (message: string): string => {
  const q = message.includes("'") && !message.includes('"') ? `"${message}"` : `'${message.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  return `rest_framework.exceptions.ValidationError: [ErrorDetail(string=${q}, code='invalid')]\n`
}
