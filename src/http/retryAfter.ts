/**
 * `Retry-After` parsing, kept pure (the clock is a parameter) so retry and errors share it.
 */

/**
 * Parses `Retry-After` (delay-seconds or HTTP-date) into seconds from `now`; `undefined` when absent, unreadable or not a string.
 *
 * @example
 * parseRetryAfter('120') // 120
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:00Z')) // 60
 */
export const parseRetryAfter = (value: string | undefined, now: number = Date.now()): number | undefined => {
  // Untyped callers may pass anything: only a string is read, and only a finite clock used.
  if (typeof value !== 'string') return undefined
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v)
  // An HTTP-date names a weekday and a month; a bare number-ish string that Date accepts is not one.
  if (!/[a-z]/i.test(v) || !Number.isFinite(now)) return undefined
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000))
}
