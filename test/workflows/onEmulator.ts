// The emulator served on 127.0.0.1 for the workflow suites that run end to end on it, and the
// files they send and read back: PNG frames (one large enough to go by TUS), zips opened whole.
import * as E from 'fp-ts/Either'
import { crc32 } from 'node:zlib'
import { afterAll, beforeAll, expect } from 'vitest'
import { type Client, type Download, createClient, readDownload, tokenAuth } from '../../src/index'
import { type CvatEmulator, type CvatEmulatorOptions, createCvatEmulator } from '../../src/testing'
import { type ServedEmulator, serveCvatEmulator } from '../../src/testing/node'
import { unzipAll } from '../../src/testing/engine/zip/zip'
import { png } from '../emulator/data/images'

export type Version = '2.26' | '2.73'

export interface OnEmulator {
  readonly emulator: CvatEmulator
  readonly served: ServedEmulator
  /** olga (owner of `acme`) by token. */
  readonly cvat: Client
}

/** Serves one emulator of `version` for the suite (started before it, closed after it). */
export const useEmulator = (version: Version, options: CvatEmulatorOptions = {}): (() => OnEmulator) => {
  let on: OnEmulator | undefined
  beforeAll(async () => {
    const emulator = createCvatEmulator({ serverVersion: version, ...options })
    const served = await serveCvatEmulator(emulator)
    on = { emulator, served, cvat: tokenAuth(emulator.credentials('olga').token)(createClient({ baseUrl: served.url })) }
  })
  afterAll(async () => {
    await on?.served.close()
  })
  return () => on!
}

/** The bytes of a Right, or the Left's tag and message in a thrown error (a test's own failure). */
export const right = <A>(r: E.Either<{ readonly _tag: string }, A>): A => {
  if (E.isLeft(r)) expect.fail(`expected a Right, got ${JSON.stringify(r.left).slice(0, 600)}`)
  return r.right
}

/** A whole download (at most 300 MiB). */
export const bytesOf = async (d: Download): Promise<Uint8Array> => right(await readDownload(d, 300 * 2 ** 20)())

/** The files of a zip, by name. */
export const unzip = (bytes: Uint8Array): Map<string, Uint8Array> => {
  const files = unzipAll(bytes, 300 * 2 ** 20)
  if (!(files instanceof Map)) expect.fail(`not a zip: ${files.reason}`)
  return files
}

export const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b)

/**
 * A valid PNG of `width`×`height` carrying `padding` bytes in a private ancillary chunk (`prVt`,
 * which decoders skip): a picture larger than 100 MiB, so the workflow sends it by TUS.
 */
export const paddedPng = (width: number, height: number, padding: number): Uint8Array => {
  const small = png(width, height)
  const IHDR_END = 8 + 25 // signature, then IHDR (length, type, 13 bytes, CRC)
  const type = new TextEncoder().encode('prVt')
  const data = new Uint8Array(padding).fill(0x5a)
  const out = new Uint8Array(small.length + 12 + padding)
  const view = new DataView(out.buffer)
  out.set(small.subarray(0, IHDR_END), 0)
  view.setUint32(IHDR_END, padding)
  out.set(type, IHDR_END + 4)
  out.set(data, IHDR_END + 8)
  view.setUint32(IHDR_END + 8 + padding, crc32(data, crc32(type)))
  out.set(small.subarray(IHDR_END), IHDR_END + 12 + padding)
  return out
}

export { png }
