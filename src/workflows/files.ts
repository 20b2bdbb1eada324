/**
 * The files a workflow uploads: a `File`, or a name with a `Blob` or bytes. Nothing is read whole:
 * a file is handed to the transport slice by slice (`Blob.slice` is lazy, so a 5 GB
 * `fs.openAsBlob` file costs one chunk of memory at a time), and bytes already in memory are
 * copied a chunk at a time.
 */
import * as E from '../http/either'
import { describeValue } from '../endpoint/input'
import { isWellFormed } from '../http/request'
import { isBlob } from '../json'

/**
 * Describes a file to upload: a `File` (a browser's, or Node's), or a name with its data as a
 * `Blob` (in Node, `await fs.openAsBlob(path)` reads lazily) or bytes.
 *
 * @example
 * const file: UploadFile = { name: 'frame_0001.jpg', data: new Uint8Array([0xff, 0xd8, 0xff]) }
 */
export type UploadFile = File | { readonly name: string; readonly data: Blob | Uint8Array }

/** A file as the upload reads it: its name and size, read once, and its bytes by range. */
export interface Source {
  readonly name: string
  readonly size: number
  /** The bytes from `start` to `end` (exclusive), as the transport sends them; `undefined` when a hand-made Blob's `slice` fails. */
  readonly part: (start: number, end: number) => Blob | Uint8Array<ArrayBuffer> | undefined
  /** The whole file as a `Blob` (for a multipart part): the caller's own Blob, or a copy of bytes. */
  readonly whole: () => Blob
}

// A Blob-like value of the caller's may fail when sliced: the upload then stops with a RequestError.
const sliced = (blob: Blob, start: number, end: number): Blob | undefined => {
  try {
    const part: unknown = blob.slice(start, end)
    return isBlob(part) ? part : undefined
  } catch {
    return undefined
  }
}

// Control characters would break a multipart header or a log line; CVAT's own file names hold none.
const CONTROL = /[\u0000-\u001f\u007f]/

const nameProblem = (name: unknown): string | undefined =>
  typeof name !== 'string' || name === ''
    ? `must have a non-empty name, got ${describeValue(name)}`
    : name.length > 1024
      ? 'has a name longer than 1024 characters'
      : !isWellFormed(name) || CONTROL.test(name)
        ? 'has a name with control characters or malformed text'
        : undefined

const fromBlob = (name: string, blob: Blob): E.Either<string, Source> => {
  const size: unknown = blob.size
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return E.left('has a size that is not a whole number of bytes')
  return E.right({ name, size, part: (start, end) => sliced(blob, start, end), whole: () => blob })
}

const fromBytes = (name: string, bytes: ArrayBufferView): Source => {
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // A copy per part: the caller's view may share a larger or a shared buffer, and fetch copies anyway.
  return { name, size: view.byteLength, part: (start, end) => view.slice(start, end), whole: () => new Blob([view.slice()]) }
}

/**
 * Reads a file the caller passed (any JavaScript value): its name and data are read once; what is
 * not a file is the reason, to be completed by the caller's label (`file`, `resources[2]`).
 */
export const readFile = (v: unknown): E.Either<string, Source> => {
  if (typeof v !== 'object' || v === null) return E.left(`must be a File or { name, data }, got ${describeValue(v)}`)
  const name: unknown = Reflect.get(v, 'name')
  const problem = nameProblem(name)
  if (problem !== undefined) return E.left(problem)
  const label = String(name)
  if (isBlob(v)) return fromBlob(label, v)
  const data: unknown = Reflect.get(v, 'data')
  if (isBlob(data)) return fromBlob(label, data)
  if (ArrayBuffer.isView(data)) return E.right(fromBytes(label, data))
  return E.left(`must have data that is a Blob or bytes, got ${describeValue(data)}`)
}
