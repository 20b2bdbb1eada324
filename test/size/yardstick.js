// The yardstick of issue 17 ("Size, honestly"): what a user would assemble instead of cvat-fp for
// `createClient` + an auth + `retry` + `timeout` + one retrieve, with the same features where
// these libraries have them: openapi-fetch's client with a middleware setting `Authorization`,
// p-retry around the call, a timeout by `AbortSignal.timeout`, and the answer validated by a
// valibot schema of `InvitationRead`. `npm run size` bundles it as it bundles ours (esbuild and
// rollup, minified, gzipped) and prints our ratio to it. devDependencies only: nothing here ships.
import createClient from 'openapi-fetch'
import pRetry from 'p-retry'
import * as v from 'valibot'

const Int = v.pipe(v.number(), v.integer())
const BasicUser = v.object({
  url: v.optional(v.string()),
  id: v.optional(Int),
  username: v.string(),
  first_name: v.optional(v.string()),
  last_name: v.optional(v.string()),
})
const InvitationRead = v.object({
  key: v.string(),
  created_date: v.optional(v.string()),
  owner: v.nullable(BasicUser),
  role: v.picklist(['worker', 'supervisor', 'maintainer', 'owner']),
  user: BasicUser,
  organization: Int,
  expired: v.optional(v.nullable(v.boolean())),
  accepted: v.optional(v.boolean()),
  organization_info: v.optional(v.object({ id: v.optional(Int), slug: v.optional(v.string()) })),
})

/** A client for `baseUrl` that sends `Token <token>`. */
export const connect = (baseUrl, token) => {
  const client = createClient({ baseUrl })
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', `Token ${token}`)
      return request
    },
  })
  return client
}

/** GET /api/invitations/{key}: retried on 429 and 5xx, each attempt at most `ms`, the answer validated. */
export const invitationsRetrieve = (client, key, ms = 30_000) =>
  pRetry(
    async () => {
      const { data, error, response } = await client.GET('/api/invitations/{key}', { params: { path: { key } }, signal: AbortSignal.timeout(ms) })
      if (error !== undefined) {
        const failure = new Error(`HTTP ${response.status}`)
        failure.status = response.status
        throw failure
      }
      return v.parse(InvitationRead, data)
    },
    { retries: 3, shouldRetry: ({ error }) => error.status === 429 || error.status >= 500 },
  )
