/**
 * DataSerializer (cvat/apps/engine/serializers.py; DataRequest in the schema): the fields of a
 * data request read from JSON or from multipart fields (`client_files[N]` indexed as DRF's
 * parse_html_list reads them), with DRF's messages per field, then validate(): stop ≥ start,
 * frame_filter "step=N", chunk_size > 0, job_file_mapping without repeats, and (2.73) http(s)
 * remote URLs.
 */
import type { ServerVersion } from '../../env'
import type { SortingMethod } from '../media/kinds'
import type { Body, Upload } from './body'

/** A validated data request. */
export interface DataRequest {
  readonly imageQuality?: number
  readonly chunkSize?: number | null
  readonly startFrame?: number
  readonly stopFrame?: number
  readonly frameFilter?: string
  readonly clientFiles: ReadonlyArray<Upload>
  readonly serverFiles: ReadonlyArray<string>
  readonly remoteFiles: ReadonlyArray<string>
  readonly serverFilesExclude: ReadonlyArray<string>
  readonly useZipChunks: boolean
  readonly useCache: boolean
  readonly copyData: boolean
  readonly cloudStorageId?: number | null
  readonly storageMethod?: 'cache' | 'file_system'
  readonly storage?: 'cloud_storage' | 'local' | 'share'
  readonly sortingMethod?: SortingMethod
  readonly filenamePattern?: string | null
  readonly jobFileMapping?: ReadonlyArray<ReadonlyArray<string>>
  readonly uploadFileOrder: ReadonlyArray<string>
  readonly validationParams?: unknown
}

type Errors = Record<string, unknown>

const TRUE = new Set<unknown>(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1', 1, true])
const FALSE = new Set<unknown>(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0', 0, 0.0, false])

// DRF IntegerField: ints, integral floats, and strings of them ("5", "5.0").
const int = (v: unknown, min: number, max: number): number | string[] => {
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : 'x') : typeof v === 'string' && v.length <= 1000 ? v.replace(/\.0*\s*$/, '') : 'x'
  if (typeof v === 'string' && v.length > 1000) return ['String value too large.']
  if (!/^\s*[+-]?\d+\s*$/.test(s) || typeof v === 'boolean') return ['A valid integer is required.']
  const n = Number(s)
  if (n < min) return [`Ensure this value is greater than or equal to ${min}.`]
  if (n > max) return [`Ensure this value is less than or equal to ${max}.`]
  return n
}

const listOf = (fields: Record<string, unknown>, form: Body | undefined, name: string, indexedOnly: boolean): unknown => {
  if (form?.kind !== 'form') return fields[name]
  // parse_html_list: name[0], name[1] … in index order; a ListField also takes repeated `name`.
  const indexed = form.fields.flatMap(([k, v]) => {
    const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\[(\\d+)\\]$`).exec(k)
    return m ? [[Number(m[1]), v] as const] : []
  })
  if (indexed.length > 0) return [...new Map(indexed.sort((a, b) => a[0] - b[0]))].map(([, v]) => v)
  if (indexedOnly) return undefined
  const plain = form.fields.filter(([k]) => k === name).map(([, v]) => v)
  return plain.length > 0 ? plain : undefined
}

/** Reads a data request as DataSerializer(data=request.data).is_valid() does; field errors as DRF renders them. */
export const readDataRequest = (body: Body, version: ServerVersion): DataRequest | Errors => {
  const form = body.kind === 'form' ? body : undefined
  const fields: Record<string, unknown> =
    body.kind === 'json' && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)
      ? (body.value as Record<string, unknown>)
      : Object.fromEntries(form?.fields ?? [])
  if (body.kind === 'json' && fields !== body.value) return { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(body.value) ? 'list' : typeof body.value === 'string' ? 'str' : typeof body.value === 'number' ? (Number.isInteger(body.value) ? 'int' : 'float') : typeof body.value === 'boolean' ? 'bool' : 'NoneType'}.`] }
  const errors: Errors = {}
  const has = (k: string) => fields[k] !== undefined
  const intField = (k: string, min: number, max: number, nullable = false): number | null | undefined => {
    if (!has(k)) return undefined
    const v = fields[k]
    if (v === null || (form && v === '' && nullable)) return nullable ? null : ((errors[k] = ['This field may not be null.']), undefined)
    const r = int(v, min, max)
    if (Array.isArray(r)) return (errors[k] = r), undefined
    return r
  }
  const boolField = (k: string): boolean => {
    if (!has(k)) return false
    const v = fields[k]
    if (TRUE.has(v)) return true
    if (FALSE.has(v)) return false
    errors[k] = ['Must be a valid boolean.']
    return false
  }
  const choiceField = <C extends string>(k: string, choices: ReadonlyArray<C>): C | undefined => {
    if (!has(k)) return undefined
    const v = fields[k]
    if (typeof v === 'string' && (choices as ReadonlyArray<string>).includes(v)) return v as C
    errors[k] = [`"${String(v)}" is not a valid choice.`]
    return undefined
  }
  const strings = (k: string, value: unknown, maxLength = 1024): string[] | undefined => {
    if (value === undefined) return []
    if (!Array.isArray(value)) return (errors[k] = [`Expected a list of items but got type "${typeof value === 'string' ? 'str' : value === null ? 'NoneType' : typeof value === 'number' ? 'int' : typeof value === 'boolean' ? 'bool' : 'dict'}".`]), undefined
    const bad: Record<number, string[]> = {}
    value.forEach((x, i) => {
      if (typeof x !== 'string' && typeof x !== 'number') bad[i] = ['Not a valid string.']
      else if (String(x).length > maxLength) bad[i] = [`Ensure this field has no more than ${maxLength} characters.`]
    })
    if (Object.keys(bad).length > 0) return (errors[k] = bad), undefined
    return value.map(String)
  }
  const imageQuality = intField('image_quality', version === '2.26' ? 0 : 1, 100)
  if (version === '2.26' && !has('image_quality')) errors['image_quality'] = ['This field is required.']
  const chunkSize = intField('chunk_size', 0, 2147483647, true)
  if (typeof chunkSize === 'number' && !(chunkSize > 0)) errors['chunk_size'] = ['Chunk size must be a positive integer']
  const startFrame = intField('start_frame', 0, 2147483647) ?? undefined
  const stopFrame = intField('stop_frame', 0, 2147483647) ?? undefined
  let frameFilter: string | undefined
  if (has('frame_filter')) {
    const v = fields['frame_filter']
    if (typeof v !== 'string' && typeof v !== 'number') errors['frame_filter'] = ['Not a valid string.']
    else if (String(v).length > 256) errors['frame_filter'] = ['Ensure this field has no more than 256 characters.']
    else if (!/step\s*=\s*([1-9]\d*)/.test(String(v))) errors['frame_filter'] = ['Invalid frame filter expression']
    else frameFilter = String(v)
  }
  // client_files: uploaded files under client_files[N]; in JSON (or as text) they are not files.
  const clientFiles: Upload[] = []
  if (form) {
    const indexed = form.files.flatMap(([k, f]) => {
      const m = /^client_files\[(\d+)\]$/.exec(k)
      return m ? [[Number(m[1]), f] as const] : []
    })
    clientFiles.push(...[...new Map(indexed.sort((a, b) => a[0] - b[0])).values()])
    if (form.fields.some(([k]) => /^client_files\[\d+\]$/.test(k))) errors['client_files'] = ['The submitted data was not a file. Check the encoding type on the form.']
  } else if (has('client_files') && !(Array.isArray(fields['client_files']) && fields['client_files'].length === 0))
    errors['client_files'] = Array.isArray(fields['client_files']) ? ['The submitted data was not a file. Check the encoding type on the form.'] : ['Expected a list of items but got type "str".']
  const serverFiles = strings('server_files', listOf(fields, form, 'server_files', true))
  const remoteFiles = strings('remote_files', listOf(fields, form, 'remote_files', true))
  const serverFilesExclude = strings('server_files_exclude', listOf(fields, form, 'server_files_exclude', false))
  const uploadFileOrder = strings('upload_file_order', listOf(fields, form, 'upload_file_order', false))
  if (version === '2.73' && remoteFiles) {
    const bad = remoteFiles.filter((u) => !/^https?:\/\/[^/?#]+/i.test(u)).map((u) => `'${u}': remote_files entries must be http(s) URLs.`)
    if (bad.length > 0) errors['remote_files'] = bad
  }
  let jobFileMapping: string[][] | undefined
  if (has('job_file_mapping')) {
    const v = fields['job_file_mapping']
    if (!Array.isArray(v) || !v.every((j) => Array.isArray(j) && j.every((f) => typeof f === 'string'))) errors['job_file_mapping'] = ['Expected a list of items but got type "str".']
    else {
      const seen = new Set<string>()
      const repeated = (v as string[][]).flat().find((f) => (seen.has(f) ? true : (seen.add(f), false)))
      if (repeated !== undefined) errors['job_file_mapping'] = [`The same file '${repeated}' cannot be used multiple times in the job file mapping`]
      else jobFileMapping = v as string[][]
    }
  }
  const storageMethod = choiceField('storage_method', ['cache', 'file_system'] as const)
  const storage = version === '2.26' ? choiceField('storage', ['cloud_storage', 'local', 'share'] as const) : undefined
  const sortingMethod = choiceField('sorting_method', ['lexicographical', 'natural', 'predefined', 'random'] as const)
  const cloudStorageId = intField('cloud_storage_id', -2147483648, 2147483647, true)
  const useZipChunks = boolField('use_zip_chunks')
  const useCache = boolField('use_cache')
  const copyData = boolField('copy_data')
  const filenamePattern = has('filename_pattern') ? (fields['filename_pattern'] === null ? null : String(fields['filename_pattern'])) : undefined
  if (Object.keys(errors).length > 0) return errors
  if (startFrame !== undefined && stopFrame !== undefined && startFrame > stopFrame) return { non_field_errors: ['Stop frame must be more or equal start frame'] }
  if (filenamePattern && (serverFiles ?? []).some((f) => !f.endsWith('.jsonl'))) return { non_field_errors: ['The filename_pattern can only be used with specified manifest or without server_files'] }
  if (filenamePattern && (serverFilesExclude ?? []).length > 0) return { non_field_errors: ['The filename_pattern and server_files_exclude cannot be used together'] }
  return {
    ...(imageQuality === undefined || imageQuality === null ? {} : { imageQuality }),
    ...(chunkSize === undefined ? {} : { chunkSize }),
    ...(startFrame === undefined ? {} : { startFrame }),
    ...(stopFrame === undefined ? {} : { stopFrame }),
    ...(frameFilter === undefined ? {} : { frameFilter }),
    clientFiles,
    serverFiles: serverFiles ?? [],
    remoteFiles: remoteFiles ?? [],
    serverFilesExclude: serverFilesExclude ?? [],
    useZipChunks,
    useCache,
    copyData,
    ...(cloudStorageId === undefined ? {} : { cloudStorageId }),
    ...(storageMethod === undefined ? {} : { storageMethod }),
    ...(storage === undefined ? {} : { storage }),
    ...(sortingMethod === undefined ? {} : { sortingMethod }),
    ...(filenamePattern === undefined ? {} : { filenamePattern }),
    ...(jobFileMapping === undefined ? {} : { jobFileMapping }),
    uploadFileOrder: uploadFileOrder ?? [],
    ...(fields['validation_params'] === undefined || fields['validation_params'] === null ? {} : { validationParams: fields['validation_params'] }),
  }
}

/** Tells a validated request from DRF's error dict. */
export const isDataRequest = (x: DataRequest | Errors): x is DataRequest => Array.isArray((x as DataRequest).clientFiles)
