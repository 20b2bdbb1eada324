// The data side over a real socket on 127.0.0.1: raw requests a user's own script sends (TUS
// PATCHes, multipart forms, downloads), answers with their bytes.
import { afterAll, beforeAll } from 'vitest'
import { type CvatEmulator, type CvatEmulatorOptions, createCvatEmulator } from '../../../src/testing'
import { type ServedEmulator, serveCvatEmulator } from '../../../src/testing/node'

/** One answer, its bytes, and its JSON when it parses. */
export interface Got {
  readonly status: number
  readonly headers: Headers
  readonly bytes: Uint8Array
  readonly text: string
  readonly json: unknown
}

/** A served emulator for a describe block. */
export interface Site {
  emulator: CvatEmulator
  served: ServedEmulator
  /** Sends a request as a seeded user (token auth; an Origin header unless `headers` sets one to ''). */
  call: (as: string, method: string, path: string, opts?: { readonly body?: unknown; readonly headers?: Record<string, string> }) => Promise<Got>
}

const isPlain = (b: unknown) => b !== undefined && !(b instanceof FormData) && !(b instanceof Uint8Array) && typeof b !== 'string'

/** Serves a fresh emulator for the enclosing describe block. */
export const site = (options: CvatEmulatorOptions = {}): Site => {
  const s = {} as Site
  beforeAll(async () => {
    s.emulator = createCvatEmulator(options)
    s.served = await serveCvatEmulator(s.emulator)
    s.call = async (as, method, path, opts = {}) => {
      const b = opts.body
      const headers: Record<string, string> = { authorization: `Token ${s.emulator.credentials(as).token}`, origin: s.served.url, ...(isPlain(b) ? { 'content-type': 'application/json' } : {}), ...opts.headers }
      for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k]
      const res = await fetch(`${s.served.url}${path}`, { method, headers, ...(b === undefined ? {} : { body: isPlain(b) ? JSON.stringify(b) : (b as BodyInit) }) })
      const bytes = new Uint8Array(await res.arrayBuffer())
      const text = new TextDecoder().decode(bytes)
      let json: unknown
      try {
        json = text === '' ? undefined : JSON.parse(text)
      } catch {
        json = undefined
      }
      return { status: res.status, headers: res.headers, bytes, text, json }
    }
  })
  afterAll(async () => {
    await s.served?.close()
  })
  return s
}

/** The answer's status and JSON, for whole-value comparison. */
export const sj = (g: Got) => ({ status: g.status, body: g.json })

/** A multipart form: files under `field(i)` (client_files[i] by default) and text fields. */
export const form = (files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>, fields: Record<string, string> = {}, field = (i: number) => `client_files[${i}]`): FormData => {
  const f = new FormData()
  files.forEach((x, i) => f.append(field(i), new Blob([x.bytes as Uint8Array<ArrayBuffer>]), x.name))
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  return f
}

/** Polls /api/requests/{id} until it ends; every answer, last one last. */
export const poll = async (s: Site, as: string, id: string, max = 10): Promise<Array<Record<string, unknown>>> => {
  const seen: Array<Record<string, unknown>> = []
  for (let i = 0; i < max; i++) {
    const r = (await s.call(as, 'GET', `/api/requests/${encodeURIComponent(id)}`)).json as Record<string, unknown>
    seen.push(r)
    if (r['status'] === 'finished' || r['status'] === 'failed') break
  }
  return seen
}

/** The last answer of `poll`. */
export const settled = async (s: Site, as: string, id: string) => (await poll(s, as, id)).pop() as Record<string, unknown>

/** A task with a rectangle label (with a select attribute) and a polygon label; its id. */
export const makeTask = async (s: Site, as: string, extra: Record<string, unknown> = {}, query = ''): Promise<number> => {
  const r = await s.call(as, 'POST', `/api/tasks${query}`, {
    body: { name: 'pictures', labels: [{ name: 'car', type: 'rectangle', attributes: [{ name: 'colour', mutable: false, input_type: 'select', default_value: 'red', values: ['red', 'blue'] }] }, { name: 'person', type: 'polygon' }], ...extra },
  })
  return (r.json as { id: number }).id
}

/** Creates a task and gives it these images in one multipart request; the task id once processed. */
export const taskWith = async (s: Site, as: string, files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>, fields: Record<string, string> = { image_quality: '70' }, extra: Record<string, unknown> = {}): Promise<number> => {
  const id = await makeTask(s, as, extra)
  const r = await s.call(as, 'POST', `/api/tasks/${id}/data/`, { body: form(files, fields) })
  await settled(s, as, (r.json as { rq_id: string }).rq_id)
  return id
}

export const b64 = (s: string): string => btoa(String.fromCharCode(...new TextEncoder().encode(s)))
