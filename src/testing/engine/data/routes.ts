/**
 * The data side's URL map (cvat/apps/engine/urls.py router actions with `url_path` regexes such
 * as `data/?$`, so both `/data` and `/data/` match), placed before part 1's routes so that
 * detail=False actions like `tasks/backup` win over `tasks/{pk}`, as in DRF's router. Routes
 * that take uploads read their own body (`raw`).
 */
import type { AuthedEnv, ServerVersion } from '../../env'
import { type Reply, forbidden, isReply, methodNotAllowed } from '../../http'
import * as Ann from '../views/annotations'
import * as Req from '../requests/views'
import * as Fmt from '../formats/views'
import * as Bak from '../backup/views'
import { findJob, findProject, findTask, jobMay, projectMay, taskMay } from './access'
import * as Srv from './serve'
import { dataChunk, postData, tusIdPattern } from './upload'
import { patchJobMeta, patchTaskMeta } from './meta'
import { legacyStatus, share } from './misc'

type Handler = (env: AuthedEnv, param: string) => Reply | Promise<Reply>

/** A route of the data side. */
export interface DataRoute {
  readonly path: string
  readonly methods: Readonly<Record<string, Handler>>
  readonly raw?: (req: Request, url: URL) => boolean
}

const withTask =
  (scope: Parameters<typeof taskMay>[1], f: (env: AuthedEnv, t: Exclude<ReturnType<typeof findTask>, Reply>) => Reply | Promise<Reply>): Handler =>
  (env, raw) => {
    const t = findTask(env, raw)
    if (isReply(t)) return t
    return taskMay(env, scope, t) ? f(env, t) : forbidden()
  }

const withJob =
  (scope: Parameters<typeof jobMay>[1], f: (env: AuthedEnv, j: Exclude<ReturnType<typeof findJob>, Reply>, t: Exclude<ReturnType<typeof findTask>, Reply>) => Reply): Handler =>
  (env, raw) => {
    const j = findJob(env, raw)
    if (isReply(j)) return j
    const t = env.s.engine.tasks.find((x) => x.id === j.taskId)
    if (!t) return forbidden()
    return jobMay(env, scope, j) ? f(env, j, t) : forbidden()
  }

const uploadPost = (req: Request) => req.method === 'POST'
const annotationsRaw = (req: Request, url: URL) => req.method === 'POST' || (req.method === 'PUT' && url.searchParams.has('format'))

/** Lists the data side's routes for a generation. */
export const dataRoutes = (version: ServerVersion): ReadonlyArray<DataRoute> => [
  { path: '/api/tasks/backup/?', methods: { POST: Bak.importTask }, raw: uploadPost },
  { path: `/api/tasks/backup/(?:${tusIdPattern(version)})`, methods: { GET: Bak.taskChunk, PATCH: Bak.taskChunk }, raw: () => true },
  { path: '/api/projects/backup/?', methods: { POST: Bak.importProject }, raw: uploadPost },
  { path: `/api/projects/backup/(?:${tusIdPattern(version)})`, methods: { GET: Bak.projectChunk, PATCH: Bak.projectChunk }, raw: () => true },
  { path: '/api/tasks/{p}/data/?', methods: { GET: withTask('view:data', Srv.taskData), POST: postData }, raw: uploadPost },
  { path: `/api/tasks/{p}/data/(?:${tusIdPattern(version)})`, methods: { GET: (env, raw) => (env.req.method === 'HEAD' ? dataChunk(env, raw) : methodNotAllowed('GET')), PATCH: dataChunk }, raw: () => true },
  { path: '/api/tasks/{p}/data/meta', methods: { GET: withTask('view:metadata', Srv.taskMeta), PATCH: withTask('update:metadata', patchTaskMeta) } },
  { path: '/api/tasks/{p}/preview', methods: { GET: withTask('view', (env, t) => Srv.taskPreview(env, t)) } },
  { path: '/api/tasks/{p}/status', methods: { GET: withTask('view', legacyStatus) } },
  { path: '/api/tasks/{p}/annotations/?', methods: { GET: Fmt.taskAnnotations, PUT: Fmt.taskAnnotations, PATCH: Ann.task, DELETE: Ann.task, POST: Fmt.taskAnnotations }, raw: annotationsRaw },
  { path: `/api/tasks/{p}/annotations/(?:${tusIdPattern(version)})`, methods: { GET: Fmt.taskAnnotationsChunk, PATCH: Fmt.taskAnnotationsChunk }, raw: () => true },
  { path: '/api/jobs/{p}/data', methods: { GET: withJob('view:data', Srv.jobData) } },
  { path: '/api/jobs/{p}/data/meta', methods: { GET: withJob('view:metadata', Srv.jobMeta), PATCH: withJob('update:metadata', patchJobMeta) } },
  { path: '/api/jobs/{p}/preview', methods: { GET: withJob('view', (env, j, t) => Srv.jobPreview(env, j, t)) } },
  { path: '/api/jobs/{p}/annotations/?', methods: { GET: Fmt.jobAnnotations, PUT: Fmt.jobAnnotations, PATCH: Ann.job, DELETE: Ann.job, POST: Fmt.jobAnnotations }, raw: annotationsRaw },
  { path: `/api/jobs/{p}/annotations/(?:${tusIdPattern(version)})`, methods: { GET: Fmt.jobAnnotationsChunk, PATCH: Fmt.jobAnnotationsChunk }, raw: () => true },
  { path: '/api/projects/{p}/preview', methods: { GET: (env, raw) => {
    const p = findProject(env, raw)
    if (isReply(p)) return p
    return projectMay(env, 'view', p) ? Srv.projectPreview(env, p) : forbidden()
  } } },
  ...Fmt.exportRoutes(version),
  ...Bak.backupRoutes(version),
  { path: '/api/requests', methods: { GET: Req.list } },
  { path: '/api/requests/{p}', methods: { GET: Req.retrieve } },
  { path: '/api/requests/{p}/cancel', methods: { POST: Req.cancel } },
  { path: '/api/server/annotation/formats', methods: { GET: Fmt.formats } },
  { path: '/api/server/share', methods: { GET: share } },
]
