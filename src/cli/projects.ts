/**
 * `cvat-fp projects ls | create`, as cvat-cli's (commands_projects.py at 2.73.0): `create` takes
 * `--labels` (JSON or a file) and `--bug-tracker`, optionally imports a dataset into the new
 * project (`--dataset-path`, `--dataset-format`), and prints the project's id.
 */
import { type ProjectRead, type UploadFile, ProjectWriteRequest, listAll, projectsCreate, projectsImportDataset, projectsList } from '../index'
import { progressBar } from './bar'
import { type Session, type Values, text } from './command'
import { type Exit, type Fault, type Io, type Usage, cell, faultOf, isUsage, table, usage } from './context'
import { checkedBy, labelsArg, openLocal } from './files'
import { report, workflowFault } from './resources'

/** `projects ls`: every project you can see (in `--org`'s context when given), as a table or JSON. */
export const projectsLs = async (s: Session): Promise<Exit | Fault> => {
  const r = await listAll(projectsList, s.client, { ...s.org, pageSize: 100 })()
  if (r._tag === 'Left') return faultOf(r.left)
  if (s.json) return report(s, '', r.right)
  const rows = r.right.map((p: ProjectRead) => [String(p.id), cell(p.name ?? '', 40), p.status ?? '-', String(p.tasks?.count ?? 0), cell(p.owner?.username ?? '-', 16)])
  s.io.out(`${table(['ID', 'NAME', 'STATUS', 'TASKS', 'OWNER'], rows)}\n${r.right.length} project${r.right.length === 1 ? '' : 's'}\n`)
  return 0
}

interface CreatePlan {
  readonly spec: ProjectWriteRequest
  readonly dataset?: { readonly file: UploadFile; readonly format: string }
}

/** Parses `projects create NAME [--labels JSON|FILE] [--bug-tracker URL] [--dataset-path FILE [--dataset-format F]]`. */
export const parseProjectCreate = async (io: Io, v: Values, args: ReadonlyArray<string>): Promise<CreatePlan | Usage> => {
  const [name, ...rest] = args
  if (name === undefined || name === '') return usage('give the project NAME')
  if (rest.length > 0) return usage(`unexpected argument ${JSON.stringify(rest[0])}`)
  const labels = labelsArg(io, text(v, 'labels'))
  if (isUsage(labels)) return labels
  const bug = text(v, 'bug-tracker')
  const checked = checkedBy('project', ProjectWriteRequest, { name, ...labels, ...(bug === undefined ? {} : { bug_tracker: bug }) })
  if (isUsage(checked)) return checked
  const path = text(v, 'dataset-path')
  if (path === undefined || path === '') return { spec: checked }
  const files = await openLocal(io, [path])
  if (isUsage(files)) return files
  return { spec: checked, dataset: { file: files[0]!, format: text(v, 'dataset-format') ?? 'CVAT 1.1' } }
}

/** `projects create`: creates the project (and imports the dataset); prints its id, or the project with --json. */
export const projectsCreateCommand = async (s: Session, plan: CreatePlan): Promise<Exit | Fault> => {
  const created = await projectsCreate(s.client, { projectWriteRequest: plan.spec, ...s.org })()
  if (created._tag === 'Left') return faultOf(created.left)
  if (plan.dataset !== undefined) {
    const bar = progressBar(s.io, s.json)
    const imported = await projectsImportDataset(s.client, { id: created.right.id, ...plan.dataset }, { onProgress: bar.onProgress, signal: s.signal })()
    bar.finish()
    if (imported._tag === 'Left') return workflowFault(imported.left)
  }
  return report(s, String(created.right.id), created.right)
}
