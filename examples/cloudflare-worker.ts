/**
 * A Cloudflare Worker that lists the pending invitations of an organisation as JSON.
 *
 * Bindings (examples/wrangler.toml `[vars]`, and the secret CVAT_ACCESS_TOKEN): CVAT_URL, CVAT_ORG,
 * CVAT_ACCESS_TOKEN. Deploy with `npx wrangler deploy -c examples/wrangler.toml`.
 * Only the functions imported here end up in the Worker bundle; there is no cross-fetch in it.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { bearerAuth, createClient, filterString, formatError, invitationsListAll, pendingInvitations, retry, timeout } from 'cvat-fp'

export interface Env {
  readonly CVAT_URL: string
  readonly CVAT_ORG: string
  readonly CVAT_ACCESS_TOKEN: string
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const cvat = pipe(createClient({ baseUrl: env.CVAT_URL }), bearerAuth(env.CVAT_ACCESS_TOKEN), timeout(5_000), retry(), timeout(20_000))
    const result = await pipe(
      invitationsListAll(cvat, { org: env.CVAT_ORG, filter: filterString(pendingInvitations), sort: 'created_date', pageSize: 100 }),
      TE.map((invitations) => ({
        organization: env.CVAT_ORG,
        pending: invitations.map((i) => ({ user: i.user.username, role: i.role, invitedBy: i.owner?.username ?? null, expired: i.expired ?? null })),
      })),
    )()
    return pipe(
      result,
      E.match(
        (e) => Response.json({ error: formatError(e) }, { status: 502 }),
        (body) => Response.json(body),
      ),
    )
  },
}
