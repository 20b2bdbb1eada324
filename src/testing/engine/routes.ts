/**
 * The engine's URL map (cvat/apps/engine/urls.py: a DRF router without trailing slashes), as
 * plain data the emulator's route table takes in: `{p}` is the path parameter.
 */
import type { AuthedEnv, ServerVersion } from '../env'
import type { Reply } from '../http'
import * as Ann from './views/annotations'
import * as Iss from './views/issues'
import * as Job from './views/jobs'
import * as Lab from './views/labels'
import * as Prj from './views/projects'
import * as Tsk from './views/tasks'

type Handler = (env: AuthedEnv, param: string) => Reply

/** Lists the engine's routes for a server generation. */
export const engineRoutes = (_version: ServerVersion): ReadonlyArray<{ readonly path: string; readonly methods: Readonly<Record<string, Handler>> }> => [
  { path: '/api/projects', methods: { GET: Prj.list, POST: Prj.create } },
  { path: '/api/projects/{p}', methods: { GET: Prj.retrieve, PATCH: Prj.partialUpdate, DELETE: Prj.destroy } },
  { path: '/api/tasks', methods: { GET: Tsk.list, POST: Tsk.create } },
  { path: '/api/tasks/{p}', methods: { GET: Tsk.retrieve, PATCH: Tsk.partialUpdate, DELETE: Tsk.destroy } },
  // views.py: url_path=r'annotations/?$' (the schema names the path with the slash, the SDK sends it).
  { path: '/api/tasks/{p}/annotations/?', methods: { GET: Ann.task, PUT: Ann.task, PATCH: Ann.task, DELETE: Ann.task, POST: Ann.task } },
  { path: '/api/jobs', methods: { GET: Job.list, POST: Job.create } },
  { path: '/api/jobs/{p}', methods: { GET: Job.retrieve, PATCH: Job.partialUpdate, DELETE: Job.destroy } },
  { path: '/api/jobs/{p}/annotations/?', methods: { GET: Ann.job, PUT: Ann.job, PATCH: Ann.job, DELETE: Ann.job, POST: Ann.job } },
  { path: '/api/labels', methods: { GET: Lab.list } },
  { path: '/api/labels/{p}', methods: { GET: Lab.retrieve, PATCH: Lab.partialUpdate, DELETE: Lab.destroy } },
  { path: '/api/issues', methods: { GET: Iss.listIssues } },
  { path: '/api/issues/{p}', methods: { GET: Iss.retrieveIssue } },
  { path: '/api/comments', methods: { GET: Iss.listComments } },
  { path: '/api/comments/{p}', methods: { GET: Iss.retrieveComment } },
]
