// The release matrix: which CVAT releases (2.26.0 … 2.73.0, releases.tar.xz) have each operation,
// and each operation's parameters. The 57 schemas are not parsed as YAML (that would take a
// minute): drf-spectacular writes them in one layout, so a line scan finds every `operationId:`
// and the `name:` of each parameter listed under it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A release's operations, each with the names of its parameters. */
export interface Release {
  readonly version: string
  readonly operations: ReadonlyMap<string, ReadonlySet<string>>
}

const numeric = (v: string): ReadonlyArray<number> => v.split('.').map(Number)

/** Orders versions as numbers (2.9 before 2.10). */
export const compareVersions = (a: string, b: string): number => {
  const [x, y] = [numeric(a), numeric(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0)
  return 0
}

// `      operationId: x` opens an operation (6 spaces); a parameter is an item `      - ` at the same
// depth whose `name:` is on its first line or the next; a line at 4 spaces or less closes it.
const scan = (text: string): Map<string, Set<string>> => {
  const operations = new Map<string, Set<string>>()
  let current: Set<string> | undefined
  let item = false
  for (const line of text.split('\n')) {
    const op = /^ {6}operationId: (\S+)$/.exec(line)
    if (op) {
      current = new Set()
      operations.set(op[1]!, current)
      continue
    }
    if (current === undefined) continue
    if (/^ {0,4}\S/.test(line)) {
      current = undefined
      continue
    }
    const first = /^ {6}- (?:name: (\S+))?/.exec(line)
    if (first) {
      item = first[1] === undefined
      if (first[1] !== undefined) current.add(first[1])
      continue
    }
    const name = item ? /^ {8}name: (\S+)$/.exec(line) : null
    if (name) {
      current.add(name[1]!)
      item = false
    }
  }
  return operations
}

/** Reads every release schema of `releases.tar.xz` (listed in `releases.tsv`), oldest first. */
export const readReleases = (shared: string): ReadonlyArray<Release> => {
  const listed = readFileSync(join(shared, 'full/releases.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t')[0]!)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
  const dir = mkdtempSync(join(tmpdir(), 'cvat-releases-'))
  try {
    execFileSync('tar', ['-xJf', join(shared, 'full/releases.tar.xz'), '-C', dir])
    const files = new Set(readdirSync(dir))
    return [...listed]
      .sort(compareVersions)
      .filter((v) => files.has(`${v}.yml`))
      .map((version) => ({ version, operations: scan(readFileSync(join(dir, `${version}.yml`), 'utf8')) }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const minor = (v: string): string => v.split('.').slice(0, 2).join('.')

/** Which releases have something: the first and last (as minor versions), and whether every release has it. */
export interface Span {
  readonly first: string
  readonly last: string
  readonly every: boolean
  readonly fromStart: boolean
  readonly toEnd: boolean
  /** The first release without it after `last` (its removal), if any. */
  readonly removedIn?: string
}

/** The releases (of `releases`) for which `has` holds, as one contiguous span, or undefined when they are not contiguous or none. */
export const spanOf = (releases: ReadonlyArray<Release>, has: (r: Release) => boolean): Span | undefined => {
  const idx = releases.map((r, i) => (has(r) ? i : -1)).filter((i) => i >= 0)
  if (idx.length === 0) return undefined
  const [a, b] = [idx[0]!, idx[idx.length - 1]!]
  if (b - a + 1 !== idx.length) return undefined
  const removed = releases[b + 1]
  return {
    first: minor(releases[a]!.version),
    last: minor(releases[b]!.version),
    every: idx.length === releases.length,
    fromStart: a === 0,
    toEnd: b === releases.length - 1,
    ...(removed ? { removedIn: minor(removed.version) } : {}),
  }
}

/** The JSDoc words for a span: `CVAT ≥ 2.26 (every supported version)`, `CVAT 2.26–2.45 (removed in 2.46)`, `CVAT ≥ 2.48`. */
export const serversOf = (span: Span): string =>
  span.every
    ? `CVAT ≥ ${span.first} (every supported version)`
    : span.toEnd
      ? `CVAT ≥ ${span.first}`
      : `CVAT ${span.first}–${span.last}${span.removedIn ? ` (removed in ${span.removedIn})` : ''}`
