/**
 * The body of an upload request, parsed as DRF does for views with `_UPLOAD_PARSER_CLASSES`
 * (JSONParser + MultiPartParser, cvat/apps/engine/views.py): JSON or multipart/form-data, any
 * other type a 415. The body is read piece by piece up to `maxUploadBytes`, so a huge one is a
 * 413 before it is all in memory.
 */
import { type Reply, detail, isReply } from '../../http'
import { drain } from '../upload/store'

/** An uploaded file of a multipart body. */
export interface Upload {
  readonly name: string
  readonly bytes: Uint8Array
}

/** A parsed body: nothing, a JSON value, or multipart fields and files (in field order). */
export type Body =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'form'; readonly fields: ReadonlyArray<readonly [string, string]>; readonly files: ReadonlyArray<readonly [string, Upload]> }

const collect = async (req: Request, limit: number): Promise<Uint8Array | Reply> => {
  const parts: Uint8Array[] = []
  let size = 0
  const out = await drain(req, limit, (p) => {
    parts.push(p)
    size += p.length
    return true
  })
  if (out === 'over') return detail(413, 'Request body is too large.')
  if (out !== 'ok') return detail(400, 'The request body could not be read.')
  const bytes = new Uint8Array(size)
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0)
  return bytes
}

/** Reads and parses an upload request's body. */
export const readBody = async (req: Request, limit: number): Promise<Body | Reply> => {
  const raw = await collect(req, limit)
  if (isReply(raw)) return raw
  if (raw.length === 0) return { kind: 'none' }
  const ct = req.headers.get('content-type') ?? ''
  const type = ct.split(';')[0]?.trim().toLowerCase() ?? ''
  if (/^application\/(.+\+)?json$/.test(type)) {
    try {
      return { kind: 'json', value: JSON.parse(new TextDecoder().decode(raw)) }
    } catch (e) {
      return detail(400, `JSON parse error - ${(e as Error).message}`)
    }
  }
  if (type === 'multipart/form-data') {
    try {
      const form = await new Response(raw as Uint8Array<ArrayBuffer>, { headers: { 'content-type': ct } }).formData()
      const fields: Array<readonly [string, string]> = []
      const files: Array<readonly [string, Upload]> = []
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') fields.push([k, v])
        else files.push([k, { name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) }])
      }
      return { kind: 'form', fields, files }
    } catch {
      return detail(400, 'Multipart form parse error - Invalid boundary in multipart: None')
    }
  }
  return detail(415, `Unsupported media type "${type}" in request.`)
}

/** The JSON object of a body, the fields of a form as an object, or `{}` for none. */
export const bodyFields = (b: Body): Record<string, unknown> | undefined => {
  if (b.kind === 'none') return {}
  if (b.kind === 'json') return typeof b.value === 'object' && b.value !== null && !Array.isArray(b.value) ? (b.value as Record<string, unknown>) : undefined
  const out: Record<string, unknown> = {}
  for (const [k, v] of b.fields) out[k] = v
  return out
}
