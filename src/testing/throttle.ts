/**
 * DRF's SimpleRateThrottle (rest_framework/throttling.py) as CVAT configures it: a history of
 * request times per key; a full history refuses with 429 and `Retry-After`, and a refused request
 * is not recorded. Throttles run in APIView.initial(), before the view looks anything up.
 */
import { type Reply, detail } from './http'
import type { EmulatorState } from './model'

/** Records a request under `key`, or answers the 429 when `limit` requests fell in the window. */
export const throttle = (s: EmulatorState, key: string, limit: number, windowMs: number, now: number): Reply | undefined => {
  const recent = (s.throttles.get(key) ?? []).filter((t) => t > now - windowMs)
  if (recent.length >= limit) {
    // wait(): the window minus the age of the oldest request in it, over the one slot it frees.
    const wait = Math.max(1, Math.ceil(((recent[0] ?? now) + windowMs - now) / 1000))
    s.throttles.set(key, recent)
    return detail(429, `Request was throttled. Expected available in ${wait} seconds.`, { 'retry-after': String(wait) })
  }
  s.throttles.set(key, [...recent, now])
  return undefined
}
