/**
 * The annotation commands, named as cvat-cli names them (2.73.0: commands_tasks.py,
 * commands_projects.py, command_base.py) so its users feel at home — `tasks`, `projects`, `jobs` —
 * and `api`, any operation by its id. Each entry is a command's options, its help and what it runs.
 */
import { API_HELP } from './apiHelp'
import { type Command, prepared } from './command'
import { isUsage } from './context'

// Each command's module loads when it runs: `cvat-fp login` starts without the workflows, and
// only `api` loads the table of every operation.
const lazily =
  (make: () => Promise<Command['run']>): Command['run'] =>
  async (io, values, positionals, stopped) =>
    (await make())(io, values, positionals, stopped)
const tasks = () => import('./tasks')
const projects = () => import('./projects')
const jobs = () => import('./jobs')
const resources = () => import('./resources')

const S = { type: 'string' } as const
const B = { type: 'boolean' } as const
const ORG = { org: S } as const

// The commands tasks and projects share (cvat-cli's Generic*Command), for one noun.
const shared = (noun: 'task' | 'project'): Readonly<Record<string, Command>> => {
  const group = `${noun}s`
  const ID = `${noun.toUpperCase()}_ID`
  return {
    [`${group} delete`]: {
      options: { ...ORG, 'dry-run': B },
      positionals: true,
      help: `cvat-fp ${group} delete ${ID}… [--dry-run] [--json]
Deletes ${noun}s; an id that does not exist is skipped, as cvat-cli skips it. Exit 1 if one could not be deleted.`,
      run: lazily(async () => { const r = await resources(); return prepared(r.parseIds(noun), r.deleteEach(noun, r.WORKFLOWS[noun].destroy)) }),
    },
    [`${group} export-dataset`]: {
      options: { ...ORG, format: S, 'with-images': S },
      positionals: true,
      help: `cvat-fp ${group} export-dataset ${ID} [FILENAME|DIR/] [--format "CVAT for images 1.1"] [--with-images true|false] [--json]
Exports the ${noun} as a dataset in a format CVAT knows ("COCO 1.0", "YOLO 1.1", …; annotations only
unless --with-images true), waits for CVAT, and streams the file to FILENAME (replaced if it exists),
or into DIR/ or the current folder under the server's name when that is a plain *.zip name (else
${noun}_${ID}_dataset.zip), never over a file already there.`,
      run: lazily(async () => { const r = await resources(); return prepared(r.parseOut(noun, true), r.saveOut(noun, 'dataset', r.WORKFLOWS[noun].exportDataset, (p, s) => ({ id: p.id, format: p.format ?? '', saveImages: p.saveImages === true, ...s.org })), true) }),
    },
    [`${group} import-dataset`]: {
      options: { ...ORG, format: S },
      positionals: true,
      help: `cvat-fp ${group} import-dataset ${ID} FILENAME [--format "CVAT 1.1"] [--json]
${noun === 'task' ? 'Imports annotations into the task from a file in a format CVAT knows (replacing its annotations).' : 'Creates tasks in the project from a dataset file (images and annotations) in a format CVAT knows.'}`,
      run: lazily(async () => { const r = await resources(); return prepared(r.parseIn(noun, true), r.importInto(noun, r.WORKFLOWS[noun].importDataset), true) }),
    },
    [`${group} backup`]: {
      options: { ...ORG },
      positionals: true,
      help: `cvat-fp ${group} backup ${ID} [FILENAME|DIR/] [--json]
Downloads a backup of the ${noun} (where the file goes: as export-dataset; else ${noun}_${ID}_backup.zip).`,
      run: lazily(async () => { const r = await resources(); return prepared(r.parseOut(noun, false), r.saveOut(noun, 'backup', r.WORKFLOWS[noun].downloadBackup, (p, s) => ({ id: p.id, ...s.org })), true) }),
    },
    [`${group} create-from-backup`]: {
      options: { ...ORG },
      positionals: true,
      help: `cvat-fp ${group} create-from-backup FILENAME [--org SLUG] [--json]
Restores a ${noun} from a backup file (into --org's organisation when given) and prints its id.`,
      run: lazily(async () => { const r = await resources(); return prepared(r.parseIn(noun, false), r.restore(r.WORKFLOWS[noun].createFromBackup), true) }),
    },
  }
}

const CREATE_OPTIONS = {
  ...ORG,
  labels: S,
  'resource-type': S,
  'project-id': S,
  'image-quality': S,
  'segment-size': S,
  overlap: S,
  'chunk-size': S,
  'sorting-method': S,
  'start-frame': S,
  'stop-frame': S,
  'frame-step': S,
  'bug-tracker': S,
  'cloud-storage-id': S,
  'filename-pattern': S,
  'copy-data': B,
  'use-cache': B,
  'use-zip-chunks': B,
  'annotation-path': S,
  'annotation-format': S,
  'keep-on-failure': B,
} as const

/** The annotation commands, by their words. */
export const WORK_COMMANDS: Readonly<Record<string, Command>> = {
  'tasks ls': {
    options: { ...ORG, 'project-id': S },
    help: `cvat-fp tasks ls [--org SLUG] [--project-id N] [--json]
Lists every task you can see (in the organisation's context with --org), with status, frames and jobs.`,
    run: lazily(async () => { const t = await tasks(); return prepared(t.parseTasksLs, t.tasksLs) }),
  },
  'tasks create': {
    options: CREATE_OPTIONS,
    positionals: true,
    help: `cvat-fp tasks create NAME FILE…|URL…|PATH… (--labels JSON|FILE | --project-id N) [--resource-type local|remote|share] [--image-quality 70] [--segment-size N] [--org SLUG] [--json]
Creates a task, sends its data and waits until CVAT has processed it; prints the task's id.
  --resource-type   local: files on this machine (default; uploaded by CVAT's protocol, large
                    ones resumably by TUS); remote: URLs; share: paths on the server's share
                    (cvat-cli's word after NAME works too: tasks create NAME local FILE…)
  --labels          JSON, or a file holding it: [{"name": "car"}, {"name": "person"}]
  --image-quality, --segment-size, --overlap, --chunk-size, --start-frame, --stop-frame,
  --frame-step, --sorting-method lexicographical|natural|predefined|random, --bug-tracker,
  --cloud-storage-id, --filename-pattern, --copy-data, --use-cache, --use-zip-chunks:
                    as in CVAT's task form and cvat-cli (which spells them --image_quality…)
  --annotation-path FILE [--annotation-format "CVAT 1.1"]: then imports these annotations
  --keep-on-failure keep the task when its data fails (by default it is deleted again)
Ctrl-C stops the upload and deletes the half-made task.`,
    run: lazily(async () => { const t = await tasks(); return prepared(t.parseCreate, t.tasksCreate, true) }),
  },
  'tasks frames': {
    options: { ...ORG, outdir: S, quality: S },
    positionals: true,
    help: `cvat-fp tasks frames TASK_ID FRAME… [--outdir DIR] [--quality original|compressed] [--json]
Downloads frames and saves them as task_<ID>_frame_<FRAME>.<ext> (six digits), as cvat-cli does.`,
    run: lazily(async () => { const t = await tasks(); return prepared(t.parseFrames, t.tasksFrames, true) }),
  },
  ...shared('task'),
  'projects ls': {
    options: { ...ORG },
    help: `cvat-fp projects ls [--org SLUG] [--json]
Lists every project you can see (in the organisation's context with --org).`,
    run: lazily(async () => { const p = await projects(); return prepared(() => ({}), p.projectsLs) }),
  },
  'projects create': {
    options: { ...ORG, labels: S, 'bug-tracker': S, 'dataset-path': S, 'dataset-format': S },
    positionals: true,
    help: `cvat-fp projects create NAME [--labels JSON|FILE] [--bug-tracker URL] [--dataset-path FILE [--dataset-format "CVAT 1.1"]] [--org SLUG] [--json]
Creates a project (and imports a dataset into it); prints its id.`,
    run: lazily(async () => { const p = await projects(); return prepared(p.parseProjectCreate, p.projectsCreateCommand, true) }),
  },
  ...shared('project'),
  'jobs ls': {
    options: { ...ORG, 'task-id': S, 'project-id': S, assignee: S },
    help: `cvat-fp jobs ls [--task-id N] [--project-id N] [--assignee USERNAME] [--org SLUG] [--json]
Lists jobs with their frames, stage, state and assignee.`,
    run: lazily(async () => { const j = await jobs(); return prepared(j.parseJobsLs, j.jobsLs) }),
  },
  'jobs assign': {
    options: { ...ORG, unassign: B, 'dry-run': B },
    positionals: true,
    help: `cvat-fp jobs assign JOB_ID (USERNAME | --unassign) [--dry-run] [--json]
Assigns a job to a user of the job's organisation (or to nobody).`,
    run: lazily(async () => { const j = await jobs(); return prepared(j.parseAssign, j.jobsAssign) }),
  },
  api: {
    options: { ...ORG, param: { type: 'string', short: 'p', multiple: true }, body: S, output: S, list: B },
    positionals: true,
    help: API_HELP,
    // The table of every operation loads only when `api` runs: every other command starts without it.
    helpOf: async ([name]) => {
      if (name === undefined) return undefined
      const { operationHelp, operationOf } = await import('./api')
      const op = operationOf(name)
      return isUsage(op) ? undefined : operationHelp(op)
    },
    // --list needs no server.
    run: async (io, values, positionals, stopped) => {
      const { api, operationList, parseApi } = await import('./api')
      if (values['list'] === true) return io.out(`${operationList()}\n`), 0
      return prepared(parseApi, api, true)(io, values, positionals, stopped)
    },
  },
}

/** The groups of two-word annotation commands, and what each is about. */
export const WORK_GROUPS: Readonly<Record<string, string>> = {
  tasks: 'annotation tasks: create from your files, export, import, back up',
  projects: 'projects: the labels and tasks of one dataset',
  jobs: "a task's jobs and who works on them",
}
