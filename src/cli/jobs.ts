/**
 * `cvat-fp jobs ls | assign` (cvat-cli has no jobs group): the jobs of a task or of everything you
 * see, and who works on one. `assign` finds the person among the users of the job's own
 * organisation (CVAT shows a non-admin only those), then sends one PATCH.
 */
import { type JobRead, jobsList, jobsPartialUpdate, jobsRetrieve, listAll, usersList } from '../index'
import { type Session, type Values, count, flag, idArg } from './command'
import { type Exit, type Fault, type Io, type Usage, cell, fault, faultOf, isUsage, table, usage } from './context'
import { report } from './resources'

/** Parses `jobs ls [--task-id N] [--project-id N] [--assignee USER]`. */
export const parseJobsLs = (_io: Io, v: Values): { readonly taskId?: number; readonly projectId?: number; readonly assignee?: string } | Usage => {
  const taskId = count(v, 'task-id')
  const projectId = count(v, 'project-id')
  if (isUsage(taskId)) return taskId
  if (isUsage(projectId)) return projectId
  const assignee = typeof v['assignee'] === 'string' ? v['assignee'] : undefined
  return { ...(taskId === undefined ? {} : { taskId }), ...(projectId === undefined ? {} : { projectId }), ...(assignee === undefined ? {} : { assignee }) }
}

// One frame is one number; a range has a dash.
const frames = (j: JobRead): string =>
  j.start_frame === undefined || j.stop_frame === undefined ? '-' : j.start_frame === j.stop_frame ? String(j.start_frame) : `${j.start_frame}–${j.stop_frame}`

/** `jobs ls`: the jobs, as a table or JSON. */
export const jobsLs = async (s: Session, plan: { readonly taskId?: number; readonly projectId?: number; readonly assignee?: string }): Promise<Exit | Fault> => {
  const r = await listAll(jobsList, s.client, { ...s.org, ...plan, pageSize: 100 })()
  if (r._tag === 'Left') return faultOf(r.left)
  if (s.json) return report(s, '', r.right)
  const rows = r.right.map((j) => [String(j.id), String(j.task_id ?? '-'), frames(j), j.type ?? '-', j.stage ?? '-', j.state ?? '-', cell(j.assignee?.username ?? '-', 24)])
  s.io.out(`${table(['ID', 'TASK', 'FRAMES', 'TYPE', 'STAGE', 'STATE', 'ASSIGNEE'], rows)}\n${r.right.length} job${r.right.length === 1 ? '' : 's'}\n`)
  return 0
}

interface AssignPlan {
  readonly id: number
  /** The username, or undefined to unassign. */
  readonly username?: string
  readonly dryRun: boolean
}

/** Parses `jobs assign JOB_ID USERNAME` and `jobs assign JOB_ID --unassign`. */
export const parseAssign = (_io: Io, v: Values, args: ReadonlyArray<string>): AssignPlan | Usage => {
  const [first, username, ...rest] = args
  const id = idArg('JOB_ID', first)
  if (isUsage(id)) return id
  if (rest.length > 0) return usage(`unexpected argument ${JSON.stringify(rest[0])}`)
  const unassign = flag(v, 'unassign')
  if (unassign === (username !== undefined)) return usage('give JOB_ID USERNAME, or JOB_ID --unassign')
  return { id, ...(username === undefined ? {} : { username }), dryRun: flag(v, 'dry-run') }
}

/** `jobs assign`: reads the job, finds the user in its organisation, then PATCHes the assignee. */
export const jobsAssign = async (s: Session, plan: AssignPlan): Promise<Exit | Fault> => {
  const job = await jobsRetrieve(s.client, { id: plan.id })()
  if (job._tag === 'Left') return faultOf(job.left)
  const orgId = job.right.organization
  let assignee: number | null = null
  if (plan.username !== undefined) {
    // The job's organisation, by id: a user outside it cannot be assigned anyway.
    const found = await usersList(s.client, { username: plan.username, ...(orgId == null ? {} : { orgId }) })()
    if (found._tag === 'Left') return faultOf(found.left)
    const user = found.right.results.find((u) => u.username === plan.username)
    if (user?.id === undefined) return fault('NotFound', `no user ${JSON.stringify(plan.username)} ${orgId == null ? 'visible to you' : "in the job's organisation"}`)
    assignee = user.id
  }
  const who = plan.username ?? 'nobody'
  const was = job.right.assignee?.username ?? 'nobody'
  const span = frames(job.right)
  const what = `job ${plan.id} (task ${job.right.task_id ?? '?'}, ${span.includes('–') ? 'frames' : 'frame'} ${span})`
  const request = { method: 'PATCH', url: `/api/jobs/${plan.id}`, body: { assignee } }
  if (plan.dryRun) return report(s, `would assign ${what} to ${who} (now ${was}): PATCH ${request.url} ${JSON.stringify(request.body)}`, { dryRun: true, id: plan.id, assignee: plan.username ?? null, was: job.right.assignee?.username ?? null, request })
  const r = await jobsPartialUpdate(s.client, { id: plan.id, patchedJobWriteRequest: { assignee } })()
  if (r._tag === 'Left') return faultOf(r.left)
  return report(s, plan.username === undefined ? `unassigned ${what} (was ${was})` : `assigned ${what} to ${who} (was ${was})`, r.right)
}
