/**
 * /api/issues and /api/comments, read side only (cvat/apps/engine/views.py IssueViewSet and
 * CommentViewSet lines 2501–2640; rules/issues.rego, comments.rego): lists narrowed by the rego
 * `filter`, details checked by `view` in the job's organisation. An issue's staff are its owner
 * and assignee and the job's staff; a comment's add the comment's owner. Creating and editing
 * issues is not modelled (405).
 */
import type { AuthedEnv } from '../../env'
import { type Or, type Reply, forbidden, isReply, json, notFound } from '../../http'
import { type ListSpec, listReply } from '../../list'
import { userById } from '../../model'
import { hasPerm, isAdmin } from '../../perms'
import { pathId } from '../../views/common'
import type { EmulatedComment, EmulatedIssue } from '../model'
import { authAt, authIn, listFilter, orgHas } from '../perms'
import { renderComment, renderIssue } from '../render'
import { involves, projectOfTask } from '../resources'
import { allowedBy, viewOf } from './shared'

// The organisation and staff of an issue's job (jobs.rego's is_job_staff plus the issue's people).
const around = (env: AuthedEnv, i: EmulatedIssue, extra: number | null = null) => {
  const e = env.s.engine
  const j = e.jobs.find((x) => x.id === i.jobId)
  const t = j && e.tasks.find((x) => x.id === j.taskId)
  const p = t && projectOfTask(e, t)
  const staff = involves(env.user.id, i, t, p) || j?.assigneeId === env.user.id || extra === env.user.id
  return { orgId: p ? p.organizationId : (t?.organizationId ?? null), staff }
}

const mayView = (env: AuthedEnv, i: EmulatedIssue, extra: number | null = null): boolean => {
  const { orgId, staff } = around(env, i, extra)
  const a = authAt(env.s, env.user, orgId)
  const inOrg = a.org !== null && a.org.id === orgId
  return allowedBy(env, isAdmin(env.user) || (a.org === null && staff) || (inOrg && ((hasPerm(env.user, 'user') && orgHas(a, 'maintainer')) || (a.role !== undefined && staff))))
}

/** IssueViewSet's list declaration. */
export const ISSUE_LIST = (env: AuthedEnv): ListSpec<EmulatedIssue> => ({
  fields: {
    owner: { get: (i) => userById(env.s, i.ownerId)?.username ?? null, kind: 'str' },
    assignee: { get: (i) => userById(env.s, i.assigneeId)?.username ?? null, kind: 'str' },
    id: { get: (i) => i.id, kind: 'num' },
    job_id: { get: (i) => i.jobId, kind: 'num' },
    task_id: { get: (i) => env.s.engine.jobs.find((j) => j.id === i.jobId)?.taskId ?? null, kind: 'num' },
    resolved: { get: (i) => i.resolved, kind: 'bool' },
    frame_id: { get: (i) => i.frame, kind: 'num' },
  },
  searchFields: ['owner', 'assignee'],
  simpleFilters: ['owner', 'assignee', 'job_id', 'task_id', 'resolved', 'frame_id'],
  orderingFields: ['owner', 'assignee', 'id', 'job_id', 'task_id', 'resolved', 'frame_id'],
  ordering: '-id',
})

/** CommentViewSet's list declaration. */
export const COMMENT_LIST = (env: AuthedEnv): ListSpec<EmulatedComment> => {
  const issue = (c: EmulatedComment) => env.s.engine.issues.find((i) => i.id === c.issueId)
  return {
    fields: {
      owner: { get: (c) => userById(env.s, c.ownerId)?.username ?? null, kind: 'str' },
      id: { get: (c) => c.id, kind: 'num' },
      issue_id: { get: (c) => c.issueId, kind: 'num' },
      frame_id: { get: (c) => issue(c)?.frame ?? null, kind: 'num' },
      job_id: { get: (c) => issue(c)?.jobId ?? null, kind: 'num' },
    },
    searchFields: ['owner'],
    simpleFilters: ['owner', 'issue_id', 'frame_id', 'job_id'],
    orderingFields: ['owner', 'id', 'issue_id', 'frame_id', 'job_id'],
    ordering: '-id',
  }
}

/** GET /api/issues */
export const listIssues = (env: AuthedEnv): Reply => {
  const keep = listFilter(authIn(env.s, env.user, env.ctx), env.ctx)
  if (!keep) return forbidden()
  const rows = env.s.engine.issues.filter((i) => keep({ ...around(env, i), mine: around(env, i).staff }))
  const v = viewOf(env)
  return listReply(env, rows, ISSUE_LIST(env), (i) => renderIssue(v, i))
}

const findIssue = (env: AuthedEnv, raw: string): Or<EmulatedIssue> => {
  const id = pathId(raw)
  return env.s.engine.issues.find((i) => i.id === id) ?? notFound('Issue')
}

/** GET /api/issues/{id} */
export const retrieveIssue = (env: AuthedEnv, raw: string): Reply => {
  const i = findIssue(env, raw)
  if (isReply(i)) return i
  return mayView(env, i) ? json(200, renderIssue(viewOf(env), i)) : forbidden()
}

/** GET /api/comments */
export const listComments = (env: AuthedEnv): Reply => {
  const keep = listFilter(authIn(env.s, env.user, env.ctx), env.ctx)
  if (!keep) return forbidden()
  const e = env.s.engine
  const rows = e.comments.filter((c) => {
    const i = e.issues.find((x) => x.id === c.issueId)
    if (!i) return false
    const at = around(env, i, c.ownerId)
    return keep({ orgId: at.orgId, mine: at.staff })
  })
  const v = viewOf(env)
  return listReply(env, rows, COMMENT_LIST(env), (c) => renderComment(v, c))
}

/** GET /api/comments/{id} */
export const retrieveComment = (env: AuthedEnv, raw: string): Reply => {
  const id = pathId(raw)
  const c = env.s.engine.comments.find((x) => x.id === id)
  const i = c && env.s.engine.issues.find((x) => x.id === c.issueId)
  if (!c || !i) return notFound('Comment')
  return mayView(env, i, c.ownerId) ? json(200, renderComment(viewOf(env), c)) : forbidden()
}
