/**
 * The data side's own state, kept beside the emulator's tables (a WeakMap keyed by the state, so
 * nothing of it leaks into `emulator.state`'s shape): upload directories, the bytes of every
 * task's frames, the background requests, and the settings that bound them.
 */
import type { EmulatorState } from '../../model'
import type { BackgroundRequest } from '../requests/queue'
import { type Budget, type UploadDir, clearDir, emptyDir } from '../upload/store'

/** The emulator's data settings (options of createCvatEmulator, CVAT's values by default). */
export interface DataConfig {
  /** Observations a background request takes to end (0: it has ended when created). */
  readonly requestPolls: number
  /** Bytes of uploaded files the emulator keeps in memory at most. */
  readonly maxStoredBytes: number
  /** The largest body of one upload request (a multipart request or one TUS chunk). */
  readonly maxUploadBytes: number
  /** The server share (SHARE_ROOT): path → bytes. */
  readonly share: ReadonlyMap<string, Uint8Array>
  /** What `remote_files` URLs download to; any other URL is unreachable (HTTP 404). */
  readonly remote: ReadonlyMap<string, Uint8Array>
}

/** The defaults: two polls per request, 512 MiB kept, 100 MiB per request (DATA_UPLOAD_MAX_MEMORY_SIZE). */
export const DATA_DEFAULTS: DataConfig = {
  requestPolls: 2,
  maxStoredBytes: 512 * 1024 * 1024,
  maxUploadBytes: 100 * 1024 * 1024,
  share: new Map(),
  remote: new Map(),
}

/** One task frame's bytes, as uploaded. */
export interface FrameBytes {
  readonly bytes: Uint8Array
  readonly mime: string
}

/** Everything the data side keeps. */
export interface DataState {
  readonly budget: Budget
  /** Upload directories: `data:<dataId>`, `task:<id>`, `job:<id>`, `project:<id>`, `backup`. */
  readonly dirs: Map<string, UploadDir>
  /** Data id → frames' bytes by relative frame (absent for seeded tasks: rendered on demand). */
  readonly media: Map<number, Array<FrameBytes | undefined>>
  readonly requests: Map<string, BackgroundRequest>
  /** When a data record's chunks last changed (chunks_updated_date). */
  readonly chunksUpdated: Map<number, number>
}

const states = new WeakMap<EmulatorState, DataState>()

// Cascades (models.py on_delete): a deleted task's data, a deleted job's or project's uploads go
// with them, and their bytes go back to the budget.
const sweep = (s: EmulatorState, d: DataState): void => {
  const e = s.engine
  for (const [id, frames] of d.media)
    if (!e.data.some((x) => x.id === id)) {
      d.budget.used -= frames.reduce((n, f) => n + (f?.bytes.length ?? 0), 0)
      d.media.delete(id)
      d.chunksUpdated.delete(id)
    }
  for (const [key, dir] of d.dirs) {
    const [kind, raw] = key.split(':')
    const id = Number(raw)
    const gone = kind === 'data' ? !e.data.some((x) => x.id === id) : kind === 'task' ? !e.tasks.some((x) => x.id === id) : kind === 'job' ? !e.jobs.some((x) => x.id === id) : kind === 'project' ? !e.projects.some((x) => x.id === id) : false
    if (gone) {
      clearDir(d.budget, dir)
      d.dirs.delete(key)
    }
  }
}

/** Gets (or starts) the data state of an emulator, dropping what deleted objects left behind. */
export const dataState = (s: EmulatorState, config: { readonly data?: DataConfig }): DataState => {
  const found = states.get(s)
  if (found) {
    sweep(s, found)
    return found
  }
  const made: DataState = { budget: { used: 0, max: (config.data ?? DATA_DEFAULTS).maxStoredBytes }, dirs: new Map(), media: new Map(), requests: new Map(), chunksUpdated: new Map() }
  states.set(s, made)
  return made
}

/** Gets (or creates) an upload directory. */
export const dirOf = (d: DataState, key: string): UploadDir => {
  const found = d.dirs.get(key)
  if (found) return found
  const made = emptyDir()
  d.dirs.set(key, made)
  return made
}
