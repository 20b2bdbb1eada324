// Plain `emulator.fetch` calls for the data side: what a user's script sends, no client between.
import type { CvatEmulator } from '../../../src/testing'

/** One answer: status, headers, the body as text and, when it parses, as JSON. */
export interface Got {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly bytes: Uint8Array
  readonly json: unknown
}

const BASE = 'http://cvat.test'

/** Sends a request as a seeded user (token auth); `body` may be JSON, FormData or bytes. */
export const call = async (
  em: CvatEmulator,
  as: string,
  method: string,
  path: string,
  opts: { readonly body?: unknown; readonly headers?: Record<string, string> } = {},
): Promise<Got> => {
  const b = opts.body
  const isJson = b !== undefined && !(b instanceof FormData) && !(b instanceof Uint8Array) && typeof b !== 'string'
  const res = await em.fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Token ${em.credentials(as).token}`, origin: BASE, ...(isJson ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    ...(b === undefined ? {} : { body: isJson ? JSON.stringify(b) : (b as BodyInit) }),
  })
  const bytes = new Uint8Array(await res.arrayBuffer())
  const text = new TextDecoder().decode(bytes)
  let json: unknown = undefined
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, bytes, json }
}

/** A multipart form with files under `client_files[i]` and the given fields. */
export const form = (files: ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>, fields: Record<string, string> = {}, field = (i: number) => `client_files[${i}]`): FormData => {
  const f = new FormData()
  files.forEach((x, i) => f.append(field(i), new Blob([x.bytes as Uint8Array<ArrayBuffer>]), x.name))
  for (const [k, v] of Object.entries(fields)) f.append(k, v)
  return f
}

/** Polls /api/requests/{id} until it ends (at most `max` polls); the last answer. */
export const waitFor = async (em: CvatEmulator, as: string, id: string, max = 20): Promise<Record<string, unknown>> => {
  let last: Record<string, unknown> = {}
  for (let i = 0; i < max; i++) {
    last = (await call(em, as, 'GET', `/api/requests/${encodeURIComponent(id)}`)).json as Record<string, unknown>
    if (last['status'] === 'finished' || last['status'] === 'failed') return last
  }
  return last
}

/** Creates a task (in the sandbox or an org) with inline labels; its id. */
export const newTask = async (em: CvatEmulator, as: string, body: Record<string, unknown> = {}, org?: string): Promise<number> => {
  const r = await call(em, as, 'POST', `/api/tasks${org ? `?org=${org}` : ''}`, { body: { name: 'pictures', labels: [{ name: 'car', type: 'rectangle', attributes: [{ name: 'colour', mutable: false, input_type: 'select', default_value: 'red', values: ['red', 'blue'] }] }, { name: 'person', type: 'polygon' }], ...body } })
  return (r.json as { id: number }).id
}
