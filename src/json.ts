/** Shapes of parsed JSON, shared by the codecs and the error-body classifier. */

/** Whether a value is a JSON object (not null, not an array), as io-ts's `UnknownRecord` says. */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u)

/** Whether a value is an array of strings (`every`, like io-ts's array decoder, skips holes). */
export const isStringArray = (u: unknown): u is ReadonlyArray<string> => Array.isArray(u) && u.every((s) => typeof s === 'string')
