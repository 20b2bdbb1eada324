/**
 * Reads the data options of createCvatEmulator into a DataConfig: counts are clamped to sane
 * ranges, and the `share` and `remoteFiles` maps keep only entries whose value is bytes.
 */
import { DATA_DEFAULTS, type DataConfig } from './state'

/** The data options as createCvatEmulator receives them (already type-checked by options.ts). */
export interface DataOptions {
  readonly requestPolls?: number
  readonly maxStoredBytes?: number
  readonly maxUploadBytes?: number
  readonly share?: Readonly<Record<string, Uint8Array>>
  readonly remoteFiles?: Readonly<Record<string, Uint8Array>>
}

const isBytes = (v: unknown): v is Uint8Array => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]'

const bytesOf = (m: Readonly<Record<string, unknown>> | undefined, key: (k: string) => string): ReadonlyMap<string, Uint8Array> => {
  const out = new Map<string, Uint8Array>()
  try {
    for (const [k, v] of Object.entries(m ?? {})) if (isBytes(v)) out.set(key(k), v)
  } catch {
    // A hostile object (a throwing Proxy) is an empty map.
  }
  return out
}

const clamp = (v: number | undefined, min: number, max: number, fallback: number): number =>
  v === undefined || !Number.isFinite(v) ? fallback : Math.min(max, Math.max(min, Math.floor(v)))

/** Builds the data settings from the options, CVAT's defaults for what is not given. */
export const dataConfig = (o: DataOptions): DataConfig => ({
  requestPolls: clamp(o.requestPolls, 0, 1000, DATA_DEFAULTS.requestPolls),
  maxStoredBytes: clamp(o.maxStoredBytes, 0, 2 ** 40, DATA_DEFAULTS.maxStoredBytes),
  maxUploadBytes: clamp(o.maxUploadBytes, 0, 2 ** 40, DATA_DEFAULTS.maxUploadBytes),
  // Share paths are relative to SHARE_ROOT: a leading slash is dropped, as the share view does.
  share: bytesOf(o.share, (k) => k.replace(/^\/+/, '')),
  remote: bytesOf(o.remoteFiles, (k) => k),
})
