// CVAT's own files live in ../shared/cvat (or $CVAT_SHARED) and are never copied here. Suites that
// need them skip with a one-line reason where they are absent, and fail loudly under CI=true.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

export const sharedDir = process.env['CVAT_SHARED'] ?? resolve(here, '../../../shared/cvat')

export const hasShared = existsSync(resolve(sharedDir, 'invitations.openapi.yml'))

if (!hasShared && process.env['CI'] === 'true') {
  throw new Error(`CI=true but CVAT's shared files are missing at ${sharedDir} (set CVAT_SHARED)`)
}

// The summary at the end of `npm test` quotes the text after "skipped: " as the reason.
export const skipReason = hasShared
  ? ''
  : `skipped: CVAT's reference files not found at ${sharedDir} (CONTRIBUTING.md says where they come from; or set CVAT_SHARED); the cases those suites generate from them are not counted`

export const readShared = (relative: string): string => readFileSync(resolve(sharedDir, relative), 'utf8')

export const readSharedJson = <T = unknown>(relative: string): T => JSON.parse(readShared(relative)) as T
