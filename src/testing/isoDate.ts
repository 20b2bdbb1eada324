/**
 * A datetime as DRF's DateTimeField reads one with its default ISO_8601 input format
 * (rest_framework/fields.py DateTimeField.to_internal_value → django.utils.dateparse
 * parse_datetime): Python's `datetime.fromisoformat` (3.12, as CVAT 2.73's image ships), then
 * Django's own pattern. A naive datetime is in CVAT's TIME_ZONE, Etc/UTC (cvat/settings/base.py).
 * Nothing else is a datetime: not RFC 2822, not `2030/01/02`, not a number of milliseconds.
 */

type Parts = { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number; offsetMin: number }

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

// Python's datetime(...) range checks: a 30 February or an hour 24 is a ValueError.
const valid = (p: Parts): boolean =>
  p.y >= 1 && p.mo >= 1 && p.mo <= 12 && p.d >= 1 && p.d <= (p.mo === 2 && leap(p.y) ? 29 : (MONTH_DAYS[p.mo - 1] ?? 0)) && p.h <= 23 && p.mi <= 59 && p.s <= 59

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not.
const toMs = (p: Parts): number => {
  const d = new Date(0)
  d.setUTCFullYear(p.y, p.mo - 1, p.d)
  d.setUTCHours(p.h, p.mi, p.s, p.ms)
  return d.getTime() - p.offsetMin * 60_000
}

const num = (s: string | undefined): number => (s === undefined || s === '' ? 0 : Number(s))
const fraction = (s: string | undefined): number => (s === undefined ? 0 : Math.floor(Number(`0.${s.slice(0, 6)}`) * 1000))

const offset = (tz: string | undefined): number | undefined => {
  if (tz === undefined || tz === '' || tz === 'Z') return 0
  const m = /^([+-])(\d{2})(?::?(\d{2})(?::?(\d{2})(?:\.\d{1,6})?)?)?$/.exec(tz)
  if (!m || num(m[2]) > 23 || num(m[3]) > 59 || num(m[4]) > 59) return undefined
  return (m[1] === '-' ? -1 : 1) * (num(m[2]) * 60 + num(m[3]) + num(m[4]) / 60)
}

// datetime.fromisoformat (Python 3.11+): YYYY-MM-DD or YYYYMMDD, then any one separator and a time
// (HH[:MM[:SS[.f…]]] or HH[MM[SS[.f…]]]) with an optional Z or ±HH[:MM] offset; a date alone is midnight.
const PYTHON = /^(\d{4})(?:-(\d{2})-(\d{2})|(\d{2})(\d{2}))(?:.(\d{2})(?:(:?)(\d{2})(?:\7(\d{2})(?:[.,](\d{1,6}))?)?)?(Z|[+-][\d:.]+)?)?$/su

// django.utils.dateparse.datetime_re: one-digit months, days and hours, a space or T, and
// whitespace before the offset.
const DJANGO = /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

const parts = (m: RegExpExecArray, [y, mo, d, h, mi, s, f, tz]: ReadonlyArray<number>): Parts | undefined => {
  const offsetMin = offset(m[tz!])
  if (offsetMin === undefined) return undefined
  return { y: num(m[y!]), mo: num(m[mo!]), d: num(m[d!]), h: num(m[h!]), mi: num(m[mi!]), s: num(m[s!]), ms: fraction(m[f!]), offsetMin }
}

/** Milliseconds since the epoch of an ISO 8601 datetime as CVAT reads it, or `undefined`. */
export const parseIsoDateTime = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined
  const py = PYTHON.exec(value)
  if (py) {
    const extended = py[2] !== undefined
    const p = parts(py, [1, extended ? 2 : 4, extended ? 3 : 5, 6, 8, 9, 10, 11])
    if (p && valid(p)) return toMs(p)
  }
  const dj = DJANGO.exec(value)
  const p = dj ? parts(dj, [1, 2, 3, 4, 5, 6, 7, 8]) : undefined
  return p && valid(p) ? toMs(p) : undefined
}
