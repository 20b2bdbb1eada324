/**
 * Reads `createCvatEmulator`'s options as plain JavaScript may pass them: the emulator is a test
 * tool, so odd options never throw. A non-object, a Proxy that throws, a wrong-typed value or an
 * unknown `serverVersion` is CVAT's default, and each is one line in the emulator's `problems`.
 */
// The emulator's options are declared in emulator.ts (the public type lives with createCvatEmulator);
// this module reads them by name, so it imports nothing from there and the two form no cycle.
// test/layout/imports.test.ts checks, at compile time, that every name here is an option.

type Kind = 'function' | 'number' | 'boolean' | 'string' | 'array' | 'object' | 'version'

// Interface order, so the problems read in the order the options are documented.
const KINDS = [
  ['serverVersion', 'version'],
  ['now', 'function'],
  ['random', 'function'],
  ['defaultSeed', 'boolean'],
  ['users', 'array'],
  ['organizations', 'array'],
  ['invitations', 'array'],
  ['assets', 'object'],
  ['seed', 'string'],
  ['password', 'string'],
  ['expiryDays', 'number'],
  ['confirmInvitations', 'boolean'],
  ['emailBackend', 'boolean'],
  ['resendLimit', 'number'],
  ['resendWindowSeconds', 'number'],
  ['maxAccessTokens', 'number'],
  ['anonRateLimit', 'number'],
  ['maxBodyBytes', 'number'],
  ['requestPolls', 'number'],
  ['maxStoredBytes', 'number'],
  ['maxUploadBytes', 'number'],
  ['share', 'object'],
  ['remoteFiles', 'object'],
] as const satisfies ReadonlyArray<readonly [string, Kind]>

/** Names every option `readOptions` reads, in the order they are documented. */
export const OPTION_NAMES: ReadonlyArray<(typeof KINDS)[number][0]> = /*#__PURE__*/ KINDS.map(([name]) => name)

/** Lists the server generations the emulator reproduces; the first is the default. */
export const SERVER_VERSIONS = ['2.73', '2.26'] as const

const fits = (kind: Kind, v: unknown): boolean =>
  kind === 'array'
    ? Array.isArray(v)
    : kind === 'object'
      ? typeof v === 'object' && v !== null && !Array.isArray(v)
      : kind === 'number'
        ? typeof v === 'number' && Number.isFinite(v)
        : kind === 'version'
          ? SERVER_VERSIONS.some((s) => s === v)
          : typeof v === kind

const article = (kind: Kind) => (kind === 'array' || kind === 'object' ? 'an' : 'a')

/** Names a value's kind for a problem line. */
export const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' || typeof v === 'undefined' ? `an ${typeof v}` : `a ${typeof v}`

const messageOf = (e: unknown): string => {
  try {
    return String((e as { message?: unknown } | null)?.message ?? e)
  } catch {
    return 'unreadable error'
  }
}

/** Copies the usable options into a plain object of type `O`; null or undefined means "not given". */
export const readOptions = <O extends object>(options: unknown): { readonly options: O; readonly problems: ReadonlyArray<string> } => {
  if (options === undefined || options === null) return { options: {} as O, problems: options === null ? ['options must be an object, got null: using the defaults'] : [] }
  if (typeof options !== 'object' || Array.isArray(options)) return { options: {} as O, problems: [`options must be an object, got ${kindOf(options)}: using the defaults`] }
  const read: Record<string, unknown> = {}
  const problems: string[] = []
  try {
    for (const [key, kind] of KINDS) {
      const v: unknown = (options as Record<string, unknown>)[key]
      if (v === undefined || v === null) continue
      if (fits(kind, v)) read[key] = v
      else if (kind === 'version') problems.push(`serverVersion ${typeof v === 'string' ? JSON.stringify(v) : kindOf(v)} is not one of ${[...SERVER_VERSIONS].sort().join(', ')}: serving ${SERVER_VERSIONS[0]}`)
      else problems.push(`option ${key} must be ${article(kind)} ${kind}: using the default`)
    }
  } catch (e) {
    return { options: {} as O, problems: [`options could not be read (${messageOf(e)}): using the defaults`] }
  }
  return { options: read as O, problems }
}
