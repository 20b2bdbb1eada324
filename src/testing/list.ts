/**
 * `GET /api/invitations`: visibility, `owner`, `search`, JSON Logic `filter`, `sort`, and DRF's
 * page-number pagination with absolute `next`/`previous` links that keep the query.
 */
import type { Env } from './env'
import { type Reply, detail, json, pythonQuery } from './http'
import { evaluate } from './jsonLogic'
import { type Joined, filterFields, indexState, join, render, viewer } from './views'

const DEFAULT_PAGE_SIZE = 10

type SortKey = (j: Joined) => string | number

const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  owner: (j) => j.owner?.username ?? '',
  created_date: (j) => j.invitation.createdDate,
}

const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0)

const sortBy = (items: ReadonlyArray<Joined>, sort: string, order: Map<Joined, number>): Joined[] => {
  const keys = sort
    .split(',')
    .map((f) => f.trim())
    .flatMap((f) => {
      const desc = f.startsWith('-')
      const key = SORT_KEYS[desc ? f.slice(1) : f]
      return key ? [{ key, sign: desc ? -1 : 1 }] : []
    })
  const all = keys.length > 0 ? keys : [{ key: SORT_KEYS['created_date'] as SortKey, sign: -1 }]
  const tie = all[0]?.sign ?? -1
  return [...items].sort(
    (a, b) =>
      all.reduce((acc, { key, sign }) => acc || sign * compare(key(a), key(b)), 0) ||
      tie * compare(order.get(a) ?? 0, order.get(b) ?? 0),
  )
}

// DRF's replace_query_param / remove_query_param: parse, change, sort by name, urlencode.
const link = (env: Env, page: number | undefined): string => {
  const grouped = new Map<string, string[]>()
  for (const [k, v] of env.url.searchParams) if (k !== 'page') grouped.set(k, [...(grouped.get(k) ?? []), v])
  if (page !== undefined) grouped.set('page', [String(page)])
  const pairs = [...grouped.entries()]
    .sort(([a], [b]) => compare(a, b))
    .flatMap(([k, vs]) => vs.map((v) => [k, v] as const))
  const qs = pythonQuery(pairs)
  return `${env.origin}${env.url.pathname}${qs === '' ? '' : `?${qs}`}`
}

const applyFilter = (items: Joined[], filter: string): Joined[] | Reply => {
  let rule: unknown
  try {
    rule = JSON.parse(filter)
  } catch {
    return json(400, ['filter: Json syntax should be valid'])
  }
  const out: Joined[] = []
  for (const j of items) {
    const r = evaluate(rule, filterFields(j))
    if (!r.ok) return json(400, [`filter: ${r.error}`])
    if (r.value) out.push(j)
  }
  return out
}

/** Lists the invitations the caller may see in the context, one page at a time. */
export const list = (env: Env): Reply => {
  const { s, url, user, ctx } = env
  const idx = indexState(s)
  const joined = s.invitations.flatMap((i) => join(s, i, idx) ?? [])
  const order = new Map(joined.map((j, i) => [j, i]))
  let items = joined
    .filter((j) => (ctx.kind === 'personal' ? false : ctx.kind === 'org' ? j.membership.orgId === ctx.org.id : true))
    .filter(viewer(s, user))
  const owner = url.searchParams.get('owner')
  if (owner) items = items.filter((j) => j.owner?.username === owner)
  const search = url.searchParams.get('search')?.toLowerCase()
  if (search) items = items.filter((j) => (j.owner?.username ?? '').toLowerCase().includes(search))
  const filter = url.searchParams.get('filter')
  if (filter) {
    const filtered = applyFilter(items, filter)
    if (!Array.isArray(filtered)) return filtered
    items = filtered
  }
  items = sortBy(items, url.searchParams.get('sort') ?? '', order)

  const sizeParam = url.searchParams.get('page_size') ?? ''
  const size =
    sizeParam === 'all' ? Math.max(items.length, 1) : /^\d+$/.test(sizeParam) && Number(sizeParam) > 0 ? Number(sizeParam) : DEFAULT_PAGE_SIZE
  const pages = Math.max(1, Math.ceil(items.length / size))
  const pageParam = url.searchParams.get('page') ?? '1'
  const page = pageParam === 'last' ? pages : /^\d+$/.test(pageParam) ? Number(pageParam) : Number.NaN
  if (!(page >= 1 && page <= pages)) return detail(404, 'Invalid page.')
  return json(200, {
    count: items.length,
    next: page < pages ? link(env, page + 1) : null,
    previous: page > 1 ? link(env, page === 2 ? undefined : page - 1) : null,
    results: items
      .slice((page - 1) * size, page * size)
      .map((j) => render(j, env.origin, env.now, env.config.expiryDays)),
  })
}
