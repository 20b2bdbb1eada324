/**
 * How far a workflow has come, on stderr: a bar redrawn in place on a terminal (bytes and percent
 * for uploads and downloads, CVAT's own progress while it processes), a few plain lines in a log
 * (each phase at 0, 25, 50, 75 and 100 %), and nothing at all with `--json`.
 */
import type { Progress } from '../index'
import type { Io } from './context'

/** Writes a byte count for people: `812 B`, `1.5 KiB`, `100.0 MiB`. */
export const bytes = (n: number): string => {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`
}

const WIDTH = 20
// A terminal is redrawn at most this often (a 5 GB upload reports every chunk it sends).
const REDRAW_MS = 100

const percentOf = (p: Progress): number | undefined => (p.total === undefined || p.total <= 0 ? undefined : Math.max(0, Math.min(100, Math.floor((100 * p.done) / p.total))))

// Processing is CVAT's fraction (total 1): no bytes to show beside it.
const amount = (p: Progress): string => (p.phase === 'processing' ? '' : p.total === undefined ? bytes(p.done) : `${bytes(p.done)} of ${bytes(p.total)}`)

const drawn = (p: Progress): string => {
  const pct = percentOf(p)
  const gauge = pct === undefined ? '' : `[${'#'.repeat(Math.round((pct * WIDTH) / 100)).padEnd(WIDTH, '-')}] ${String(pct).padStart(3)}%  `
  return `\r\x1b[K${p.phase.padEnd(11)} ${gauge}${amount(p)}`.trimEnd()
}

const line = (p: Progress): string => {
  const pct = percentOf(p)
  const size = p.phase === 'processing' || p.total === undefined ? '' : ` of ${bytes(p.total)}`
  return pct === undefined ? `${p.phase}: ${bytes(p.done)}\n` : `${p.phase}: ${pct}%${size}\n`
}

/** A workflow's `onProgress` and the `finish` that clears the bar (or ends the last phase's lines). */
export interface Bar {
  readonly onProgress: (p: Progress) => void
  readonly finish: () => void
}

/** Builds the progress report of one command: drawn on a terminal, plain lines otherwise, silent with `--json`. */
export const progressBar = (io: Io, json: boolean): Bar => {
  if (json) return { onProgress: () => undefined, finish: () => undefined }
  let phase: string | undefined
  let last: Progress | undefined
  let step = -1
  let drawnAt = -Infinity
  if (io.errIsTty)
    return {
      onProgress: (p) => {
        const complete = p.total !== undefined && p.done >= p.total
        if (p.phase === phase && !complete && io.now() - drawnAt < REDRAW_MS) return
        phase = p.phase
        drawnAt = io.now()
        io.err(drawn(p))
      },
      finish: () => phase !== undefined && io.err('\r\x1b[K'),
    }
  // In a log: a line as a phase starts, then one per quarter crossed; a size-less download says its bytes at the end.
  const close = () => last !== undefined && last.total === undefined && io.err(line(last))
  return {
    onProgress: (p) => {
      if (p.phase !== phase) {
        close()
        phase = p.phase
        step = -1
      }
      last = p
      const pct = percentOf(p)
      const now = pct === undefined ? 0 : Math.floor(pct / 25)
      if (now > step || (pct === undefined && step < 0)) io.err(pct === undefined ? `${p.phase}: started\n` : line(p))
      step = Math.max(step, now)
    },
    finish: () => {
      close()
      last = undefined
    },
  }
}
