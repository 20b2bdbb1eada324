/**
 * The organisation context, read from `org`, `org_id` and `X-Organization` as CVAT's middleware
 * does (cvat/apps/iam/middleware.py): conflicting sources are a 400, an unknown organisation a
 * 404, an empty value the personal workspace, and no value at all "every organisation".
 */
import { type Or, detail, json } from './http'
import type { EmulatedOrganization, EmulatorState } from './model'

/** The context a request runs in; `personal` and `any` are both CVAT's sandbox (no org). */
export type OrgContext =
  | { readonly kind: 'any' }
  | { readonly kind: 'personal' }
  | { readonly kind: 'org'; readonly org: EmulatedOrganization }

/** The organisation of the context, if any. */
export const ctxOrg = (ctx: OrgContext): EmulatedOrganization | undefined => (ctx.kind === 'org' ? ctx.org : undefined)

/** Resolves the context, or the reply that rejects it. */
export const resolveContext = (s: EmulatorState, req: Request, url: URL): Or<OrgContext> => {
  const slug = url.searchParams.get('org')
  const id = url.searchParams.get('org_id')
  const header = req.headers.get('x-organization')
  if (id !== null && (slug !== null || header !== null))
    return json(400, ['You cannot specify "org_id" query parameter with "org" query parameter or "X-Organization" HTTP header at the same time.'])
  if (slug !== null && header !== null && slug !== header)
    return json(400, ['You cannot specify "org" query parameter and "X-Organization" HTTP header with different values.'])
  const value = id ?? slug ?? header
  if (value === null) return { kind: 'any' }
  if (value === '') return { kind: 'personal' }
  const org = id !== null ? (/^\d+$/.test(id) ? s.organizations.find((o) => o.id === Number(id)) : undefined) : s.organizations.find((o) => o.slug === value)
  return org ? { kind: 'org', org } : detail(404, `${value} organization does not exist.`)
}
