/**
 * /api/jobs — JobViewSet (cvat/apps/engine/views.py lines 1941–2020): the list is narrowed by
 * jobs.rego `filter`; a detail request finds any job and jobs.rego `allow` decides. Annotation
 * jobs come from task data (segments.ts); POST makes only ground-truth jobs and DELETE removes
 * only those (JobWriteSerializer.create, serializers.py lines 677–935; perform_destroy).
 */
import type { AuthedEnv } from '../../env'
import { type Or, type Reply, forbidden, invalid, isReply, json, noContent, notFound } from '../../http'
import { type ListSpec, listReply } from '../../list'
import { userById } from '../../model'
import { bodyDict, pathId } from '../../views/common'
import { choice, collector, float, int, list as listOf } from '../fields'
import type { EmulatedJob, EmulatedTask } from '../model'
import { dataOf, nextId } from '../model'
import { type JobScope, authAt, authIn, jobAllows, listFilter, taskAllows } from '../perms'
import { renderJob } from '../render'
import { involves, jobResource, projectOfTask, taskResource } from '../resources'
import { newJob } from '../segments'
import { deleteJobs } from '../store'
import { allowedBy, mayNameUser, patchScopes, userIdField, viewOf } from './shared'

const taskOf = (env: AuthedEnv, j: EmulatedJob): EmulatedTask | undefined => env.s.engine.tasks.find((t) => t.id === j.taskId)

/** JobViewSet: search task/project name, assignee, state, stage; filters add ids, dimension, type, parent. */
export const JOB_LIST = (env: AuthedEnv): ListSpec<EmulatedJob> => {
  const e = env.s.engine
  const task = (j: EmulatedJob) => taskOf(env, j)
  return {
    fields: {
      task_name: { get: (j) => task(j)?.name ?? null, kind: 'str' },
      project_name: { get: (j) => { const t = task(j); return (t && projectOfTask(e, t)?.name) ?? null }, kind: 'str' },
      assignee: { get: (j) => userById(env.s, j.assigneeId)?.username ?? null, kind: 'str' },
      state: { get: (j) => j.state, kind: 'str' },
      stage: { get: (j) => j.stage, kind: 'str' },
      id: { get: (j) => j.id, kind: 'num' },
      task_id: { get: (j) => j.taskId, kind: 'num' },
      project_id: { get: (j) => task(j)?.projectId ?? null, kind: 'num' },
      updated_date: { get: (j) => j.updatedDate, kind: 'date' },
      dimension: { get: (j) => task(j)?.dimension ?? null, kind: 'str' },
      type: { get: (j) => j.type, kind: 'str' },
      parent_job_id: { get: (j) => j.parentJobId, kind: 'num' },
    },
    searchFields: ['task_name', 'project_name', 'assignee', 'state', 'stage'],
    simpleFilters: ['task_name', 'project_name', 'assignee', 'state', 'stage', 'task_id', 'project_id', 'dimension', 'type', 'parent_job_id'],
    orderingFields: ['task_name', 'project_name', 'assignee', 'state', 'stage', 'id', 'task_id', 'project_id', 'updated_date', 'dimension', 'type', 'parent_job_id'],
    ordering: '-id',
  }
}

/** jobs.rego `allow` for one scope (checked in the task's organisation). */
export const jobMay = (env: AuthedEnv, scope: JobScope, j: EmulatedJob): boolean => {
  const r = jobResource(env.s.engine, j)
  return r !== undefined && allowedBy(env, jobAllows(scope, authAt(env.s, env.user, taskOf(env, j)?.organizationId ?? null), r, env.config.serverVersion))
}

/** The job of a path id, or Django's 404. */
export const findJob = (env: AuthedEnv, raw: string): Or<EmulatedJob> => {
  const id = pathId(raw)
  return env.s.engine.jobs.find((j) => j.id === id) ?? notFound('Job')
}

/** GET /api/jobs */
export const list = (env: AuthedEnv): Reply => {
  const keep = listFilter(authIn(env.s, env.user, env.ctx), env.ctx)
  if (!keep) return forbidden()
  const e = env.s.engine
  const rows = e.jobs.filter((j) => {
    const t = taskOf(env, j)
    return t !== undefined && keep({ orgId: t.organizationId, mine: j.assigneeId === env.user.id || involves(env.user.id, t, projectOfTask(e, t)) })
  })
  const v = viewOf(env)
  return listReply(env, rows, JOB_LIST(env), (j) => renderJob(v, j))
}

/** GET /api/jobs/{id} */
export const retrieve = (env: AuthedEnv, raw: string): Reply => {
  const j = findJob(env, raw)
  if (isReply(j)) return j
  return jobMay(env, 'view', j) ? json(200, renderJob(viewOf(env), j)) : forbidden()
}

const SCOPES: Readonly<Record<string, JobScope>> = { assignee: 'update:assignee', stage: 'update:stage', state: 'update:state' }

/** PATCH /api/jobs/{id}: assignee, stage, state; a stage change resets the state and sets the status (JobWriteSerializer.update). */
export const partialUpdate = (env: AuthedEnv, raw: string): Reply => {
  const j = findJob(env, raw)
  if (isReply(j)) return j
  const b = bodyDict(env)
  if (isReply(b)) return b
  const scopes = patchScopes(b, SCOPES)
  if (isReply(scopes)) return scopes
  if (!scopes.every((s) => jobMay(env, s, j))) return forbidden()
  if (b['assignee'] && !mayNameUser(authAt(env.s, env.user, taskOf(env, j)?.organizationId ?? null), b['assignee'])) return forbidden()
  const c = collector(b)
  const assignee = c.field('assignee', userIdField(env.s), { allowNull: true })
  const stage = c.field('stage', (v) => choice(v, ['annotation', 'validation', 'acceptance'] as const)) ?? undefined
  const givenState = c.field('state', (v) => choice(v, ['new', 'in progress', 'completed', 'rejected'] as const)) ?? undefined
  if (c.failed()) return json(400, c.errors)
  const nextStage = stage ?? j.stage
  const state = givenState ?? (nextStage !== j.stage ? 'new' : j.state)
  if (stage !== undefined || givenState !== undefined)
    j.status = nextStage === 'annotation' ? 'annotation' : nextStage === 'acceptance' && state === 'completed' ? 'completed' : 'validation'
  j.stage = nextStage
  j.state = state
  if (assignee !== undefined && assignee !== j.assigneeId) {
    j.assigneeId = assignee
    j.assigneeUpdatedDate = env.now
  }
  j.updatedDate = env.now
  // signals.py __save_job_handler: the task's status follows its jobs'.
  const t = taskOf(env, j)
  if (t) {
    const jobs = env.s.engine.jobs.filter((x) => x.taskId === t.id)
    const status = jobs.some((x) => x.status === 'annotation') ? 'annotation' : jobs.some((x) => x.status === 'validation') ? 'validation' : 'completed'
    if (status !== t.status) {
      t.status = status
      t.updatedDate = env.now
    }
  }
  return json(200, renderJob(viewOf(env), j))
}

const formatList = (xs: ReadonlyArray<number>) => `${xs.slice(0, 10).join(', ')}${xs.length > 10 ? ` (and ${xs.length - 10} more)` : ''}`

// Picks `n` distinct items. CVAT uses numpy's MT19937; the emulator its own seeded generator, so
// the frames differ from CVAT's for the same seed but repeat for the same emulator seed.
const pick = (xs: ReadonlyArray<number>, n: number, random: () => number): number[] => {
  const pool = [...xs]
  const out: number[] = []
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!)
  return out
}

const seeded = (seed: number | undefined, fallback: () => number): (() => number) => {
  if (seed === undefined) return fallback
  let x = seed >>> 0 || 1
  return () => ((x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 4294967296
}

/** Chooses a ground-truth job's frames (JobWriteSerializer.create), or the 400 that refuses the request. */
const chooseFrames = (env: AuthedEnv, t: EmulatedTask, b: Record<string, unknown>): Or<number[]> => {
  const c = collector(b)
  const method = c.field('frame_selection_method', (v) => choice(v, ['random_uniform', 'random_per_job', 'manual'] as const), { required: true })
  const frames = c.field('frames', (v) => listOf(v, (x) => int(x, { min: 0 }), { allowEmpty: false }))
  const count = c.field('frame_count', (v) => int(v, { min: 1 }))
  const share = c.field('frame_share', (v) => float(v))
  const perJobCount = c.field('frames_per_job_count', (v) => int(v, { min: 1 }))
  const perJobShare = c.field('frames_per_job_share', (v) => float(v))
  const seed = c.field('random_seed', (v) => int(v, { min: 0 })) ?? c.field('seed', (v) => int(v, { min: 0 })) ?? undefined
  for (const k of ['frame_share', 'frames_per_job_share']) if (typeof b[k] === 'number' && ((b[k] as number) < 0 || (b[k] as number) > 1)) c.errors[k] = ['Value must be in the range [0; 1]']
  if (c.failed()) return json(400, c.errors)
  const oneOf = (keys: ReadonlyArray<string>) => {
    const n = keys.filter((k) => k in b).length
    const options = keys.map((k) => `"${k}"`).join(', ')
    return n === 1 ? undefined : json(400, { non_field_errors: [n === 0 ? `One of the fields ${options} required` : `Only 1 of the fields ${options} can be used`] })
  }
  const problem = method === 'random_uniform' ? oneOf(['frame_count', 'frame_share']) : method === 'random_per_job' ? oneOf(['frames_per_job_count', 'frames_per_job_share']) : 'frames' in b ? undefined : json(400, { non_field_errors: ['The "frames" field is required'] })
  if (problem) return problem
  if ('frames' in b && method !== 'manual') return json(400, { non_field_errors: ['"frames" can only be used when "frame_selection_method" is "manual"'] })
  const d = dataOf(env.s.engine, t)
  const size = d?.size ?? 0
  const random = seeded(seed, env.config.random)
  if (method === 'manual') {
    const fs = frames ?? []
    if (new Set(fs).size !== fs.length) return invalid('Frames must not repeat')
    const bad = [...new Set(fs)].filter((f) => f >= size).sort((x, y) => x - y)
    return bad.length > 0 ? invalid(`The following frames do not exist in the task: ${formatList(bad)}`) : fs
  }
  if (method === 'random_uniform') {
    if (count != null && size < count) return invalid(`The number of frames requested (${count}) must be not be greater than the number of the task frames (${size})`)
    const n = count ?? Math.max(1, Math.floor((share ?? 0) * size))
    return pick(Array.from({ length: size }, (_, i) => i), n, random)
  }
  if (perJobCount != null && size < perJobCount) return invalid(`The number of frames requested (${perJobCount}) must be not be greater than the segment size (${t.segmentSize})`)
  const n = perJobCount ?? Math.min(Math.max(1, Math.floor((perJobShare ?? 0) * t.segmentSize)), size)
  const out: number[] = []
  for (const g of env.s.engine.segments.filter((x) => x.taskId === t.id && x.type === 'range')) {
    const frames = Array.from({ length: g.stopFrame - g.startFrame + 1 }, (_, i) => g.startFrame + i)
    const missing = Math.min(frames.length, n) - frames.filter((f) => out.includes(f)).length
    if (missing > 0) out.push(...pick(frames.slice(g.startFrame === 0 ? 0 : (t.overlap ?? 0)).filter((f) => !out.includes(f)), missing, random))
  }
  return out
}

/** POST /api/jobs: a ground-truth job on chosen frames of a 2D task with data. */
export const create = (env: AuthedEnv): Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const e = env.s.engine
  if (b['task_id'] === undefined || b['task_id'] === null) return invalid('task_id is not specified')
  const t = e.tasks.find((x) => String(x.id) === String(b['task_id']))
  if (!t) return invalid('Task matching query does not exist.')
  const a = authAt(env.s, env.user, t.organizationId)
  const p = projectOfTask(e, t)
  const version = env.config.serverVersion
  const resource = { assigneeId: null, orgId: p ? p.organizationId : t.organizationId, task: { ownerId: t.ownerId, assigneeId: t.assigneeId }, project: p ? { ownerId: p.ownerId, assigneeId: p.assigneeId } : null }
  if (!allowedBy(env, taskAllows('view', a, taskResource(e, t), version) && jobAllows('create', a, resource, version))) return forbidden()
  if (b['assignee'] && !mayNameUser(a, b['assignee'])) return forbidden()
  const c = collector(b)
  const type = c.field('type', (v) => choice(v, ['annotation', 'ground_truth', 'consensus_replica'] as const), { required: true })
  const assignee = c.field('assignee', userIdField(env.s), { allowNull: true })
  if (c.failed()) return json(400, c.errors)
  if (type !== 'ground_truth') return invalid(`Unexpected job type '${type ?? ''}'`)
  const d = dataOf(e, t)
  if (!d) return invalid('This task has no data attached yet. Please set up task data and try again')
  if (t.dimension !== '2d') return invalid('Ground Truth jobs can only be added in 2d tasks')
  if (d.validationMode !== null) return invalid(`Task with validation mode "${d.validationMode}" cannot have more than 1 GT job`)
  const frames = chooseFrames(env, t, b)
  if (isReply(frames)) return frames
  const segment = { id: nextId(e, 'segment'), taskId: t.id, startFrame: 0, stopFrame: d.size - 1, type: 'specific_frames' as const, frames: [...frames].sort((x, y) => x - y) }
  e.segments.push(segment)
  const job = newJob(e, segment.id, t.id, 'ground_truth', null, env.now)
  if (assignee) {
    job.assigneeId = assignee
    job.assigneeUpdatedDate = env.now
  }
  d.validationMode = 'gt'
  return json(201, renderJob(viewOf(env), job))
}

/** DELETE /api/jobs/{id}: ground-truth jobs only, and not in gt_pool validation. */
export const destroy = (env: AuthedEnv, raw: string): Reply => {
  const j = findJob(env, raw)
  if (isReply(j)) return j
  if (!jobMay(env, 'delete', j)) return forbidden()
  if (j.type !== 'ground_truth') return invalid('Only ground truth jobs can be removed')
  const t = taskOf(env, j)
  const d = t && dataOf(env.s.engine, t)
  if (d?.validationMode === 'gt_pool') return invalid('GT jobs cannot be removed when task validation mode is "gt_pool"')
  deleteJobs(env.s.engine, (x) => x === j)
  if (d) d.validationMode = null
  return noContent
}
