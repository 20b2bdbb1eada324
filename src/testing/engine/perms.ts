/**
 * CVAT's engine rego rules as predicates (cvat/apps/engine/rules/{projects,tasks,jobs,labels}.rego
 * at cae4e8f7; the 2.73 differences noted where they are). The organisation a check runs in is
 * the object's own (iam/permissions.py get_organization: `obj.organization_id`, so a sandbox
 * object is checked in the sandbox whatever the context), or the request's context for create
 * and list. "Sandbox" is rego's `input.auth.organization == null`.
 */
import type { RoleEnum } from '../../generated/models/RoleEnum'
import type { OrgContext } from '../context'
import type { ServerVersion } from '../env'
import { type EmulatedOrganization, type EmulatedUser, type EmulatorState, activeRole } from '../model'
import { hasPerm, isAdmin } from '../perms'

/** The `auth` part of the OPA input: the caller and, outside the sandbox, their active role in the organisation. */
export interface Auth {
  readonly user: EmulatedUser
  readonly org: EmulatedOrganization | null
  readonly role: RoleEnum | undefined
}

/** Builds the auth part for a check in an organisation (by id; `null` or an unknown id is the sandbox). */
export const authAt = (s: EmulatorState, user: EmulatedUser, orgId: number | null): Auth => {
  const org = orgId === null ? null : (s.organizations.find((o) => o.id === orgId) ?? null)
  return { user, org, role: org ? activeRole(s, user.id, org.id) : undefined }
}

/** Builds the auth part from the request's context (create and list); no context and an empty one are the sandbox. */
export const authIn = (s: EmulatorState, user: EmulatedUser, ctx: OrgContext): Auth => authAt(s, user, ctx.kind === 'org' ? ctx.org.id : null)

const ROLE_RANK: Readonly<Record<RoleEnum, number>> = { owner: 0, maintainer: 50, supervisor: 75, worker: 100 }

/** organizations.rego has_perm: the active role is at least `role` (the role alone; ownership is not checked). */
export const orgHas = (a: Auth, role: RoleEnum): boolean => a.role !== undefined && ROLE_RANK[a.role] <= ROLE_RANK[role]
/** organizations.rego is_staff: the organisation's owner (role and FK) or a maintainer. */
const orgStaff = (a: Auth): boolean => (a.role === 'owner' && a.org?.ownerId === a.user.id) || a.role === 'maintainer'
const sandbox = (a: Auth): boolean => a.org === null
/** `input.auth.organization.id == input.resource.organization.id` (false in the sandbox). */
const same = (a: Auth, orgId: number | null): boolean => a.org !== null && a.org.id === orgId

/** Who stands in what relation to the resource (the `resource` part of the OPA input). */
export interface People {
  readonly ownerId?: number | null
  readonly assigneeId?: number | null
}

/** A project as projects.rego sees it. */
export interface ProjectResource extends People {
  readonly orgId: number | null
}

/** Scopes of projects.rego (permissions.py ProjectPermission.Scopes). */
export type ProjectScope = 'create' | 'import:backup' | 'view' | 'delete' | 'update:organization' | 'update:associated_storage' | 'update:desc' | 'import:dataset' | 'update:assignee' | 'update:owner' | 'export:annotations' | 'export:dataset' | 'export:backup'

const is = (id: number | null | undefined, u: EmulatedUser): boolean => id !== undefined && id !== null && id === u.id

/** projects.rego allow. */
export const projectAllows = (scope: ProjectScope, a: Auth, r: ProjectResource, version: ServerVersion): boolean => {
  const u = a.user
  if (isAdmin(u)) return true
  const owner = is(r.ownerId, u)
  const staff = owner || is(r.assigneeId, u)
  const inOrg = same(a, r.orgId)
  switch (scope) {
    case 'create':
    case 'import:backup':
      return hasPerm(u, 'user') && (sandbox(a) || (inOrg && orgHas(a, 'supervisor')))
    case 'view':
      return (sandbox(a) && staff) || (inOrg && ((hasPerm(u, 'user') && orgHas(a, 'maintainer')) || (orgHas(a, 'worker') && staff)))
    case 'delete':
    case 'update:associated_storage':
    case 'update:organization': {
      // 2.73 moved update:organization to its own rules (not modelled: the emulator has no org transfer).
      if (scope === 'update:organization' && version === '2.73') return false
      return hasPerm(u, 'worker') && ((sandbox(a) && owner) || (inOrg && a.role !== undefined && owner)) || (inOrg && hasPerm(u, 'user') && orgStaff(a))
    }
    case 'update:desc':
    case 'import:dataset':
      return (sandbox(a) && staff && hasPerm(u, 'worker')) || (inOrg && ((hasPerm(u, 'user') && orgStaff(a)) || (staff && hasPerm(u, 'worker') && a.role !== undefined)))
    case 'update:assignee':
      return (sandbox(a) && owner && hasPerm(u, 'worker')) || (inOrg && ((owner && hasPerm(u, 'worker') && a.role !== undefined) || (hasPerm(u, 'user') && orgStaff(a))))
    case 'update:owner':
      return inOrg && ((owner && hasPerm(u, 'worker') && orgStaff(a)) || (hasPerm(u, 'user') && orgStaff(a)))
    case 'export:annotations':
    case 'export:dataset':
    case 'export:backup':
      if (sandbox(a)) return staff
      if (!inOrg) return false
      if (hasPerm(u, 'user') && orgHas(a, 'maintainer')) return true
      // 2.73: staff need supervisor, owners any membership.
      return version === '2.26' ? a.role !== undefined && staff : (orgHas(a, 'supervisor') && staff) || (a.role !== undefined && owner)
  }
}

/** A task as tasks.rego sees it: its people, its organisation and its project's people. */
export interface TaskResource extends People {
  readonly orgId: number | null
  readonly project: People | null
}

/** Scopes of tasks.rego (permissions.py TaskPermission.Scopes). */
export type TaskScope =
  | 'create' | 'import:backup' | 'create@project' | 'view' | 'view:annotations' | 'export:dataset' | 'view:metadata' | 'view:data' | 'export:annotations' | 'export:backup' | 'view:validation_layout'
  | 'update:desc' | 'update:annotations' | 'delete:annotations' | 'upload:data' | 'update:metadata' | 'import:annotations' | 'update:validation_layout'
  | 'update:owner' | 'update:assignee' | 'update:project' | 'delete' | 'update:organization' | 'update:associated_storage'

const VIEWS: ReadonlyArray<TaskScope> = ['view', 'view:annotations', 'view:metadata', 'view:data', 'view:validation_layout']
const EXPORTS: ReadonlyArray<TaskScope> = ['export:dataset', 'export:annotations', 'export:backup']
const EDITS: ReadonlyArray<TaskScope> = ['update:desc', 'update:annotations', 'delete:annotations', 'upload:data', 'update:metadata', 'import:annotations', 'update:validation_layout']
const MOVES: ReadonlyArray<TaskScope> = ['update:owner', 'update:assignee', 'update:project', 'delete', 'update:organization']

/** tasks.rego allow. */
export const taskAllows = (scope: TaskScope, a: Auth, r: TaskResource, version: ServerVersion): boolean => {
  const u = a.user
  if (isAdmin(u)) return true
  const taskOwner = is(r.ownerId, u)
  const projectOwner = is(r.project?.ownerId, u)
  const projectStaff = projectOwner || is(r.project?.assigneeId, u)
  const staff = projectStaff || taskOwner || is(r.assigneeId, u)
  const inOrg = same(a, r.orgId)
  const maintainer = inOrg && hasPerm(u, 'user') && orgHas(a, 'maintainer')
  if (scope === 'create' || scope === 'import:backup') return hasPerm(u, 'user') && (sandbox(a) || (inOrg && orgHas(a, 'supervisor')))
  if (scope === 'create@project')
    return hasPerm(u, 'user') && ((sandbox(a) && projectStaff) || (inOrg && (orgHas(a, 'supervisor') || (orgHas(a, 'worker') && projectStaff))))
  if (VIEWS.includes(scope) || (version === '2.26' && EXPORTS.includes(scope))) return (sandbox(a) && staff) || maintainer || (inOrg && orgHas(a, 'worker') && staff)
  if (EXPORTS.includes(scope))
    return (sandbox(a) && staff) || maintainer || (inOrg && ((orgHas(a, 'supervisor') && staff) || (orgHas(a, 'worker') && (taskOwner || projectOwner))))
  if (EDITS.includes(scope)) return (sandbox(a) && staff && hasPerm(u, 'worker')) || maintainer || (inOrg && staff && hasPerm(u, 'worker') && orgHas(a, 'worker'))
  if (scope === 'update:organization' && version === '2.73') return false
  if (MOVES.includes(scope))
    return (sandbox(a) && hasPerm(u, 'worker') && (projectStaff || taskOwner)) || maintainer || (inOrg && hasPerm(u, 'worker') && orgHas(a, 'worker') && (taskOwner || projectStaff))
  // update:associated_storage: owners of the task or of its project.
  return (sandbox(a) && hasPerm(u, 'worker') && (projectOwner || taskOwner)) || maintainer || (inOrg && hasPerm(u, 'worker') && orgHas(a, 'worker') && (taskOwner || projectOwner))
}

/** A job as jobs.rego sees it: its assignee, organisation (its project's when in one), task and project people. */
export interface JobResource {
  readonly assigneeId: number | null
  readonly orgId: number | null
  readonly task: People
  readonly project: People | null
}

/** Scopes of jobs.rego (permissions.py JobPermission.Scopes). */
export type JobScope =
  | 'create' | 'delete' | 'view' | 'export:dataset' | 'export:annotations' | 'view:annotations' | 'view:data' | 'view:metadata'
  | 'update:state' | 'update:annotations' | 'delete:annotations' | 'import:annotations' | 'update:metadata' | 'update:stage' | 'update:assignee'
  | 'view:validation_layout' | 'update:validation_layout'

const JOB_VIEWS: ReadonlyArray<JobScope> = ['view', 'view:annotations', 'view:data', 'view:metadata']
const JOB_EDITS: ReadonlyArray<JobScope> = ['update:state', 'update:annotations', 'delete:annotations', 'import:annotations', 'update:metadata']

/** jobs.rego allow. */
export const jobAllows = (scope: JobScope, a: Auth, r: JobResource, version: ServerVersion): boolean => {
  const u = a.user
  if (isAdmin(u)) return true
  const owners = is(r.task.ownerId, u) || is(r.project?.ownerId, u)
  const taskStaff = owners || is(r.task.assigneeId, u) || is(r.project?.assigneeId, u)
  const assignee = is(r.assigneeId, u)
  const staff = taskStaff || assignee
  const inOrg = same(a, r.orgId)
  const maintainer = inOrg && hasPerm(u, 'user') && orgHas(a, 'maintainer')
  // A worker-group assignee outside the organisation (crowdsourcing) may view and annotate the job.
  const outsider = inOrg && u.groups.length > 0 && !hasPerm(u, 'user') && hasPerm(u, 'worker') && a.role === undefined && assignee
  if (scope === 'create' || scope === 'delete') return hasPerm(u, 'user') && taskStaff && (sandbox(a) || (inOrg && orgHas(a, 'supervisor'))) || maintainer
  const exported = scope === 'export:dataset' || scope === 'export:annotations'
  if (JOB_VIEWS.includes(scope) || (version === '2.26' && exported))
    return (sandbox(a) && staff) || maintainer || (inOrg && orgHas(a, 'worker') && staff) || (outsider && JOB_VIEWS.includes(scope))
  if (exported) return (sandbox(a) && staff) || maintainer || (inOrg && ((orgHas(a, 'supervisor') && staff) || (orgHas(a, 'worker') && owners)))
  if (JOB_EDITS.includes(scope)) return (sandbox(a) && hasPerm(u, 'worker') && staff) || maintainer || (inOrg && hasPerm(u, 'worker') && orgHas(a, 'worker') && staff) || outsider
  if (scope === 'update:stage' || scope === 'update:assignee') return (sandbox(a) && hasPerm(u, 'worker') && taskStaff) || maintainer || (inOrg && hasPerm(u, 'worker') && orgHas(a, 'worker') && taskStaff)
  // view/update:validation_layout
  return (sandbox(a) && taskStaff) || (inOrg && orgHas(a, 'worker') && taskStaff) || maintainer
}

/**
 * The list `filter` of projects/tasks/jobs/labels.rego combined with iam/filters.py
 * OrganizationFilterBackend: in an organisation, admins and maintainers (privilege ≥ user) see
 * all of it, other members what they own or are assigned; in the sandbox everyone sees what
 * they own or are assigned (admins: everything); `org=` (present, empty) narrows to objects
 * with no organisation. `undefined` means the list itself is refused (403: not a member).
 */
export const listFilter = (a: Auth, ctx: OrgContext): ((row: { readonly orgId: number | null; readonly mine: boolean }) => boolean) | undefined => {
  const u = a.user
  if (a.org !== null && !isAdmin(u) && a.role === undefined) return undefined
  const orgId = a.org?.id
  const all = isAdmin(u) || (a.org !== null && hasPerm(u, 'user') && orgHas(a, 'maintainer'))
  return (row) => (all || row.mine) && (orgId !== undefined ? row.orgId === orgId : ctx.kind === 'personal' ? row.orgId === null : true)
}
