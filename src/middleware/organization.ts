/**
 * A default organisation context as middleware, for clients that always work in one organisation.
 */
import type { Middleware } from '../http/client'
import { withHeader } from '../http/request'
import { aroundClient, refuseAll } from './policy'

/**
 * Sends `X-Organization: <slug>` on every request that does not already name a context (a slug that is not printable ASCII makes every request a `RequestError`).
 *
 * @example
 * const acme = pipe(createClient(), tokenAuth('my-token'), organization('acme'))
 */
export const organization =
  (slug: string): Middleware =>
  aroundClient((next) =>
    typeof slug === 'string' && /^[\x20-\x7e]*$/.test(slug)
      ? (req) =>
          next(
            req.headers['x-organization'] !== undefined || req.query.some(([k]) => k === 'org' || k === 'org_id')
              ? req
              : withHeader('x-organization', slug)(req),
          )
      : refuseAll('organization must be printable ASCII (an organisation slug)'),
  )
