// Every workflow is total for a plain-JavaScript caller: whatever the client, params and options
// (anything at all, Proxies whose traps throw, getters that throw), it returns a Task that
// resolves to an Either, never throws and never rejects.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as lib from '../../src/index'

const workflows = {
  waitForRequest: lib.waitForRequest,
  tasksCreateFromData: lib.tasksCreateFromData,
  tasksExportDataset: lib.tasksExportDataset,
  projectsExportDataset: lib.projectsExportDataset,
  jobsExportDataset: lib.jobsExportDataset,
  projectsImportDataset: lib.projectsImportDataset,
  tasksImportAnnotations: lib.tasksImportAnnotations,
  jobsImportAnnotations: lib.jobsImportAnnotations,
  tasksDownloadBackup: lib.tasksDownloadBackup,
  projectsDownloadBackup: lib.projectsDownloadBackup,
  tasksCreateFromBackup: lib.tasksCreateFromBackup,
  projectsCreateFromBackup: lib.projectsCreateFromBackup,
} as const
type Workflow = (client: unknown, params: unknown, options?: unknown) => () => Promise<unknown>

const trap = () => { throw new Error('trap') }
// Built inside the property: fast-check itself reads what it generates.
const HOSTILE: ReadonlyArray<() => unknown> = [
  () => new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap }),
  () => Object.defineProperty({}, 'id', { get: trap, enumerable: true }),
  () => Object.defineProperty({ id: 1, format: 'x' }, 'file', { get: trap, enumerable: true }),
  () => ({ id: 1, format: 'CVAT 1.1', file: { get name(): string { throw new Error('name') }, data: new Uint8Array(1) } }),
  () => ({ id: 1, format: 'CVAT 1.1', file: { name: 'a', data: { size: 5, slice: trap, arrayBuffer: trap } } }),
  () => ({ spec: { name: 't' }, resources: [{ name: 'a', data: { size: 5, slice: trap, arrayBuffer: trap } }] }),
  () => ({ spec: { toJSON: trap }, resources: [{ name: 'a', data: new Uint8Array(1) }] }),
  () => ({ file: { name: 'b.zip', data: { size: 5, slice: trap, arrayBuffer: trap } } }),
]
const hostile = fc.integer({ min: 0, max: HOSTILE.length - 1 }).map((i) => ({ hostile: i }))
const build = (v: unknown): unknown => (typeof v === 'object' && v !== null && 'hostile' in v && typeof v.hostile === 'number' ? HOSTILE[v.hostile]!() : v)
// A client answering every request with a 500 at once (nothing reaches a network).
const answering = (req: lib.HttpRequest) => () => Promise.resolve({ _tag: 'Right' as const, right: { status: 500, statusText: '', headers: {}, body: '', url: `http://h${req.url}` } })

describe('workflows never throw or reject', () => {
  it.each(Object.entries(workflows))('%s, for any client, params and options', async (_, f) => {
    const run = f as unknown as Workflow
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant<unknown>(answering), fc.constant<unknown>(trap), fc.constant<unknown>(() => () => Promise.reject(new Error('x'))), fc.anything()),
        fc.oneof(fc.anything(), hostile),
        fc.oneof(fc.anything(), fc.constant<unknown>({ onProgress: trap, pollInterval: 1, timeout: 50 })),
        async (client, params, options) => {
          let task: () => Promise<unknown>
          expect(() => (task = run(client, build(params), options))).not.toThrow()
          const result = (await task!()) as { _tag?: string }
          expect(['Left', 'Right']).toContain(result._tag)
        },
      ),
      { numRuns: 60 },
    )
  })
})
