/**
 * Who may touch an object's data, exports and backups: the rego decisions part 1 implements
 * (tasks.rego, jobs.rego, projects.rego via perms.ts), looked up the way the views look up their
 * objects (a detail request finds any object — 404 for an unknown id — then `allow` decides).
 */
import type { AuthedEnv } from '../../env'
import type { EmulatedProject } from '../model'
import { type ProjectScope, authAt, projectAllows } from '../perms'
import { projectResource } from '../resources'
import { allowedBy } from '../views/shared'

/** projects.rego `allow` for one scope, in the project's organisation. */
export const projectMay = (env: AuthedEnv, scope: ProjectScope, p: EmulatedProject): boolean =>
  allowedBy(env, projectAllows(scope, authAt(env.s, env.user, p.organizationId), projectResource(p), env.config.serverVersion))

/** Finds a project by id. */
export const findProjectById = (env: AuthedEnv, id: number): EmulatedProject | undefined => env.s.engine.projects.find((p) => p.id === id)

export { findJob, jobMay } from '../views/jobs'
export { findProject } from '../views/projects'
export { findTask, taskMay } from '../views/tasks'
