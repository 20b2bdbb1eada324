/**
 * The invitation actions: accept, decline, resend (throttled, cvat/apps/organizations/throttle.py)
 * and, on 2.26 only, PATCH — which never changes role or e-mail and, with `?accepted`, accepts.
 */
import type { AuthedEnv } from '../env'
import { type Reply, isReply, json, noContent } from '../http'
import { throttle } from '../throttle'
import { isExpired } from '../render'
import { acceptMembership, deleteMemberships } from '../store'
import { type Row, rendered, target } from './invitations'

const acceptRow = (env: AuthedEnv, r: Row): Reply | undefined => {
  if (isExpired(r.inv, env.now, env.config.expiryDays)) return json(400, 'Your invitation is expired. Please contact organization owner to renew it.')
  if (r.m.isActive) return json(400, 'Your invitation is already accepted.')
  acceptMembership(r.m, env.now)
  return undefined
}

/** POST /api/invitations/{key}/accept */
export const accept = (env: AuthedEnv, key: string): Reply => {
  const r = target(env, key, 'accept')
  if (isReply(r)) return r
  const org = env.s.organizations.find((o) => o.id === r.m.orgId)
  return acceptRow(env, r) ?? json(200, { organization_slug: org?.slug ?? '' })
}

/** POST /api/invitations/{key}/decline: deletes the membership (and so the invitation), even an accepted one. */
export const decline = (env: AuthedEnv, key: string): Reply => {
  const r = target(env, key, 'decline')
  if (isReply(r)) return r
  deleteMemberships(env.s, (m) => m === r.m)
  return noContent
}

/**
 * POST /api/invitations/{key}/resend: throttled per user before the invitation is looked up
 * (organizations/throttle.py, run by DRF's initial()), so refused attempts count too.
 */
export const resend = (env: AuthedEnv, key: string): Reply => {
  const throttled = throttle(env.s, `resend:${env.user.id}`, env.config.resendLimit, env.config.resendWindowMs, env.now)
  if (throttled) return throttled
  const r = target(env, key, 'resend')
  if (isReply(r)) return r
  if (r.m.isActive) return json(400, 'This invitation is already accepted.')
  if (!env.config.emailBackend) return json(500, 'Email backend is not configured.')
  r.inv.sentDate = env.now
  return noContent
}

/**
 * PATCH /api/invitations/{key} (2.26–2.69): scope `accept` with `?accepted`, else `resend`
 * (iam/permissions.py InvitationPermission), then the serializer's validation, then
 * views.py perform_update: with `?accepted` it calls Invitation.accept(), which checks neither
 * expiry nor an earlier acceptance (models.py), unlike POST …/accept; without it it calls
 * serializer.save() without the `request` InvitationWriteSerializer.save requires — CVAT's 500,
 * a 400 here (the emulator never answers 5xx for a request CVAT crashes on; cvat-ai/cvat#10850).
 */
export const partialUpdate = (env: AuthedEnv, key: string): Reply => {
  const accepting = env.url.searchParams.has('accepted')
  const r = target(env, key, accepting ? 'accept' : 'resend')
  if (isReply(r)) return r
  if (isReply(env.body)) return env.body
  const b = env.body
  if (b !== undefined && typeof b === 'object' && b !== null && !Array.isArray(b)) {
    const role = (b as Record<string, unknown>)['role']
    if (role !== undefined && (typeof role !== 'string' || !['worker', 'supervisor', 'maintainer', 'owner'].includes(role)))
      return json(400, { role: [`"${String(role)}" is not a valid choice.`] })
  }
  if (!accepting)
    return json(400, [
      "CVAT 2.26-2.69 answers 500 here: PATCH without ?accepted calls InvitationWriteSerializer.save() without its 'request' argument (a TypeError); accept with ?accepted or POST /api/invitations/{key}/accept",
    ])
  if (!r.m.isActive) acceptMembership(r.m, env.now)
  return rendered(env, r)
}
