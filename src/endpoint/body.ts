/**
 * How an operation's body is sent: JSON, multipart (`FormData`), or whichever of the two the
 * value needs (multipart when it holds a file). Every body is first decoded by its codec, so
 * only the schema's fields are sent and a wrong value is a `RequestError` before anything goes
 * out; each builder is its own value, so bundles hold only the encodings they use.
 */
import type * as D from 'io-ts/Decoder'
import { type RequestError, requestError } from '../errors'
import { drawDecodeError } from '../errors/draw'
import * as E from '../http/either'
import { type HttpRequest, jsonText, resolveUrl, withHeader } from '../http/request'
import { isBlob, isFileValue, isRecord } from '../json'

/**
 * Describes an operation's body: the parameter that holds it, and how it becomes the request's body.
 *
 * @example
 * const body: Body = json('taskWriteRequest', TaskWriteRequest)
 */
export interface Body {
  /** The parameter holding the body (`taskWriteRequest`, `body`, …). */
  readonly name: string
  /** Absent (`undefined` or `null`) means no body at all (a PATCH with nothing to change). */
  readonly optional?: true
  readonly attach: (req: HttpRequest, value: unknown) => E.Either<RequestError, HttpRequest>
}

/** Says why a body cannot be sent. */
export const UNSERIALISABLE = 'the body cannot be sent as JSON (a BigInt, a cycle, or a getter, toJSON or Proxy that throws)'

const refuse = (req: HttpRequest, message: string): E.Either<RequestError, never> => E.left(requestError(req.method, resolveUrl('', req), message))

// The value as its codec reads it (unknown fields dropped); a failure is drawn bounded, as a response's is.
const decode = (req: HttpRequest, name: string, codec: D.Decoder<unknown, unknown>, value: unknown): E.Either<RequestError, unknown> => {
  const decoded = codec.decode(value)
  return E.isLeft(decoded) ? refuse(req, `${name}: ${drawDecodeError(decoded.left)}`) : decoded
}

const asJson = (req: HttpRequest, name: string, value: unknown): E.Either<RequestError, HttpRequest> => {
  const text = jsonText(value)
  return text === undefined ? refuse(req, `${name}: ${UNSERIALISABLE}`) : E.right({ ...withHeader('content-type', 'application/json')(req), body: text })
}

// A field as CVAT's SDK writes it: a file as a file part, a scalar as text, an object as JSON text.
const part = (form: FormData, name: string, v: unknown): void => {
  if (v === undefined || v === null) return
  // Bytes are copied into a Blob of their own (a view may share a larger or a shared buffer).
  if (ArrayBuffer.isView(v)) form.append(name, new Blob([new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice()]))
  else if (isBlob(v)) form.append(name, v)
  else form.append(name, typeof v === 'object' ? (jsonText(v) ?? '') : String(v))
}

const asForm = (req: HttpRequest, value: unknown): E.Either<RequestError, HttpRequest> => {
  const form = new FormData()
  // A list becomes `name[0]`, `name[1]`, … as CVAT's SDK sends it (DRF reads that as a list).
  for (const [k, v] of Object.entries(isRecord(value) ? value : {})) {
    if (Array.isArray(v)) v.forEach((item, i) => part(form, `${k}[${i}]`, item))
    else part(form, k, v)
  }
  // fetch writes the multipart Content-Type with its boundary: a JSON one must not remain.
  const { 'content-type': _json, ...headers } = req.headers
  return E.right({ ...req, headers, body: form })
}

const holdsFile = (value: unknown): boolean =>
  isRecord(value) && Object.values(value).some((v) => isFileValue(v) || (Array.isArray(v) && v.some(isFileValue)))

const body = (name: string, codec: D.Decoder<unknown, unknown>, optional: boolean, send: (req: HttpRequest, value: unknown) => E.Either<RequestError, HttpRequest>): Body => ({
  name,
  ...(optional ? { optional: true as const } : {}),
  attach: (req, value) => {
    const decoded = decode(req, name, codec, value)
    return E.isLeft(decoded) ? decoded : send(req, decoded.right)
  },
})

/**
 * Sends the body as JSON.
 *
 * @example
 * const body = json('taskWriteRequest', TaskWriteRequest)
 */
export const json = (name: string, codec: D.Decoder<unknown, unknown>, optional = false): Body => body(name, codec, optional, (req, v) => asJson(req, name, v))

/**
 * Sends the body as `multipart/form-data`, the only kind the operation takes.
 *
 * @example
 * const body = multipart('body', UploadedFileRequest)
 */
export const multipart = (name: string, codec: D.Decoder<unknown, unknown>, optional = false): Body => body(name, codec, optional, asForm)

/**
 * Sends the body as multipart when it holds a file (a `Blob`, `File` or bytes), else as JSON.
 *
 * @example
 * const body = jsonOrMultipart('dataRequest', DataRequest)
 */
export const jsonOrMultipart = (name: string, codec: D.Decoder<unknown, unknown>, optional = false): Body =>
  body(name, codec, optional, (req, v) => (holdsFile(v) ? asForm(req, v) : asJson(req, name, v)))
