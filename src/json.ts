/** Shapes of parsed JSON, shared by the codecs and the error-body classifier. */

/** Whether a value is a JSON object (not null, not an array), as io-ts's `UnknownRecord` says. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u)

/** Whether a value is an array of strings (`every`, like io-ts's array decoder, skips holes). */
export const isStringArray = (u: unknown): u is ReadonlyArray<string> => Array.isArray(u) && u.every((s) => typeof s === 'string')

/** Whether a value is a `Blob` (a `File` is one), by what it can do rather than by its class (a Blob of another realm or runtime counts). */
export const isBlob = (v: unknown): v is Blob =>
  typeof v === 'object' && v !== null && typeof Reflect.get(v, 'arrayBuffer') === 'function' && typeof Reflect.get(v, 'slice') === 'function' && typeof Reflect.get(v, 'size') === 'number'

/** Whether a value is a file to upload: a `Blob` or bytes (any typed array view). */
export const isFileValue = (v: unknown): v is Blob | ArrayBufferView => ArrayBuffer.isView(v) || isBlob(v)
