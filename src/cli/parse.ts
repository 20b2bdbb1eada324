/**
 * Reading a command line in our words: option specs for Node's `util.parseArgs`, the nearest
 * command or flag for a typo, Node's parser messages said plainly, cvat-cli's spellings
 * (`--image_quality`) taken for ours (`--image-quality`), and usage messages of readable length.
 */
import { parseArgs } from 'node:util'

/** The options of one command, as `util.parseArgs` takes them. */
export type Spec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string; readonly multiple?: boolean }>>

/** Looks a name up among a table's own entries only (`constructor` is every object's). */
export const own = <V>(table: Readonly<Record<string, V>>, key: string): V | undefined => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined)

// Edit distance (Levenshtein) for "did you mean": small inputs only (command words, flag names).
const distance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    row = next
  }
  return row[b.length]!
}

/** The candidate nearest to `word`, if it is near enough to be a typo of it, or the one it begins. */
export const nearest = (word: string, candidates: ReadonlyArray<string>): string | undefined => {
  const scored = candidates.map((c) => ({ c, d: distance(word.slice(0, 64), c) })).sort((x, y) => x.d - y.d)
  const best = scored[0]
  if (best !== undefined && best.d <= Math.max(2, Math.floor(best.c.length / 3))) return best.c
  // The start of a longer name (`tasks export` for `tasks export-dataset`), when only one has it.
  const longer = candidates.filter((c) => word.length >= 3 && c.startsWith(word))
  return longer.length === 1 ? longer[0] : undefined
}

/** `; did you mean "…"?` for the nearest candidate, or nothing. */
export const didYouMean = (word: string, candidates: ReadonlyArray<string>, quote: (c: string) => string = (c) => JSON.stringify(c)): string => {
  const near = nearest(word, candidates)
  return near === undefined ? '' : `; did you mean ${quote(near)}?`
}

// A usage error quotes what it was given; a 1 MB CSV line must not become a 1 MB message.
const MAX_USAGE = 300

/** Cuts a usage message to a readable length, saying how much was left out. */
export const readable = (message: string): string => (message.length <= MAX_USAGE ? message : `${message.slice(0, MAX_USAGE)}… [${message.length - MAX_USAGE} more characters]`)

// The credentials people try as flags, and where they go instead.
const SECRET_FLAGS: Readonly<Record<string, string>> = { password: 'password', token: 'token', 'access-token': 'token' }
const SECRET_ENV: Readonly<Record<string, string>> = { password: 'CVAT_PASSWORD', token: 'CVAT_TOKEN', 'access-token': 'CVAT_ACCESS_TOKEN' }

/**
 * Takes cvat-cli's spelling of a flag (`--image_quality`, `--project_id`) for ours
 * (`--image-quality`) where the command has it, so its users' muscle memory works.
 */
export const withOurSpelling = (argv: ReadonlyArray<string>, options: Spec): ReadonlyArray<string> => {
  const end = argv.indexOf('--')
  return argv.map((arg, i) => {
    const m = /^--([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(=.*)?$/s.exec(arg)
    if (m === null || (end >= 0 && i > end) || own(options, m[1]!) !== undefined) return arg
    const ours = m[1]!.replace(/_/g, '-')
    return own(options, ours) === undefined ? arg : `--${ours}${m[2] ?? ''}`
  })
}

/**
 * Checks a command line against one command's options, in our words rather than Node's
 * ("argument is ambiguous"), with the nearest flag for a typo. Node's strict parse runs after.
 */
export const optionProblem = (argv: ReadonlyArray<string>, options: Spec): string | undefined => {
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true })
  const flags = Object.keys(options).map((n) => `--${n}`)
  const seen = new Set<string>()
  for (const t of tokens) {
    if (t.kind !== 'option') continue
    const spec = own(options, t.name)
    const secret = own(SECRET_FLAGS, t.name)
    if (spec === undefined && secret !== undefined) return `unknown option ${t.rawName}: a ${secret} is never a flag (flags show in ps); set ${own(SECRET_ENV, t.name) ?? ''}`
    if (spec === undefined) return `unknown option ${t.rawName}${t.rawName.startsWith('--') ? didYouMean(t.rawName, flags, (c) => c) : ''}`
    if (spec.type === 'boolean' && t.value !== undefined) return `${t.rawName} takes no value, got ${JSON.stringify(t.value)}`
    if (spec.type === 'string' && t.value === undefined) return `${t.rawName} needs a value`
    if (spec.type === 'string' && t.inlineValue === false && t.value !== undefined && t.value.length > 1 && t.value.startsWith('-'))
      return `${t.rawName} needs a value, got the option ${t.value} (a value starting with a dash is written ${t.rawName}=${t.value})`
    // Node keeps the last of two values silently: `--format A --format B` is a mistake to say.
    if (spec.type === 'string' && spec.multiple !== true && seen.has(t.name)) return `--${t.name} is given twice`
    seen.add(t.name)
  }
  return undefined
}
