/**
 * A list endpoint as CVAT's filter backends and paginator build it (cvat/settings/base.py
 * DEFAULT_FILTER_BACKENDS; cvat/apps/engine/filters.py; cvat/apps/engine/pagination.py):
 * simple `?field=` equality filters, `search` split into terms, JSON Logic `filter`, `sort`,
 * then page-number pagination with absolute `next`/`previous` links that keep the query.
 */
import type { Env } from './env'
import { type Or, type Reply, detail, isReply, json, pythonQuery } from './http'
import { type Field, type Scalar, compileFilter } from './jsonLogic'

/** What a viewset declares about its list. */
export interface ListSpec<T> {
  /** filter_fields with their lookups (e.g. `owner` → the owner's username). */
  readonly fields: Readonly<Record<string, Field<T>>>
  /** The fields `filter` may name (default: every field). */
  readonly filterFields?: ReadonlyArray<string>
  readonly searchFields: ReadonlyArray<string>
  readonly simpleFilters: ReadonlyArray<string>
  readonly orderingFields: ReadonlyArray<string>
  /** The viewset's `ordering`, e.g. `-id`. */
  readonly ordering: string
}

const DEFAULT_PAGE_SIZE = 10

const cmp = (a: Scalar, b: Scalar): number => {
  // PostgreSQL sorts NULL after every value in ascending order.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1
  return a < b ? -1 : a > b ? 1 : 0
}

const sortRows = <T>(rows: ReadonlyArray<T>, spec: ListSpec<T>, sort: string | null): T[] => {
  // DRF OrderingFilter.remove_invalid_fields: unknown terms are dropped; none left → default.
  const asked = (sort ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '' && spec.orderingFields.includes(t.replace(/^-/, '')))
  const terms = (asked.length > 0 ? asked : [spec.ordering]).flatMap((t) => {
    const f = spec.fields[t.replace(/^-/, '')]
    return f ? [{ f, sign: t.startsWith('-') ? -1 : 1 }] : []
  })
  return rows.map((r, i) => ({ r, i })).sort((a, b) => terms.reduce((acc, { f, sign }) => acc || sign * cmp(f.get(a.r), f.get(b.r)), 0) || a.i - b.i).map((x) => x.r)
}

/** DRF SearchFilter.get_search_terms: commas are spaces, then split on whitespace. */
export const searchTerms = (search: string): string[] => search.replace(/\0/g, '').replace(/,/g, ' ').split(/\s+/).filter((t) => t !== '')

const searched = <T>(rows: ReadonlyArray<T>, spec: ListSpec<T>, search: string): T[] => {
  const terms = searchTerms(search).map((t) => t.toLowerCase())
  const getters = spec.searchFields.flatMap((n) => spec.fields[n] ?? [])
  // Every term must match some field, case-insensitively (icontains).
  return rows.filter((r) => terms.every((t) => getters.some((f) => String(f.get(r) ?? '').toLowerCase().includes(t))))
}

// DRF's replace_query_param / remove_query_param: parse, change, sort by name, urlencode.
const link = (env: Env, page: number | undefined): string => {
  const grouped = new Map<string, string[]>()
  for (const [k, v] of env.url.searchParams) if (k !== 'page') grouped.set(k, [...(grouped.get(k) ?? []), v])
  if (page !== undefined) grouped.set('page', [String(page)])
  const pairs = [...grouped.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([k, vs]) => vs.map((v) => [k, v] as const))
  const qs = pythonQuery(pairs)
  return `${env.origin}${env.url.pathname}${qs === '' ? '' : `?${qs}`}`
}

/** Applies the filter backends to rows the caller may see. */
export const filterRows = <T>(env: Env, rows: ReadonlyArray<T>, spec: ListSpec<T>): Or<T[]> => {
  const q = env.url.searchParams
  // SimpleFilter builds {"and": [{"==": [{"var": field}, value]}, …]} and compiles it as a filter.
  const simple = spec.simpleFilters.filter((f) => q.has(f)).map((f) => ({ '==': [{ var: f }, q.get(f)] }))
  let out = [...rows]
  if (simple.length > 0) {
    const p = compileFilter(JSON.stringify({ and: simple }), spec.fields, env.config.serverVersion)
    if (isReply(p)) return p
    out = out.filter(p)
  }
  const search = q.get('search')
  if (search) out = searched(out, spec, search)
  const filter = q.get('filter')
  if (filter) {
    const names = spec.filterFields ?? Object.keys(spec.fields)
    const p = compileFilter(filter, Object.fromEntries(Object.entries(spec.fields).filter(([k]) => names.includes(k))), env.config.serverVersion)
    if (isReply(p)) return p
    out = out.filter(p)
  }
  return sortRows(out, spec, q.get('sort'))
}

/** Filters, sorts and paginates; `render` turns a row into its JSON. */
export const listReply = <T>(env: Env, rows: ReadonlyArray<T>, spec: ListSpec<T>, render: (row: T) => unknown): Reply => {
  const items = filterRows(env, rows, spec)
  if (isReply(items)) return items
  const sizeParam = env.url.searchParams.get('page_size') ?? ''
  const size = sizeParam === 'all' ? Math.max(items.length, 1) : /^\d+$/.test(sizeParam) && Number(sizeParam) > 0 ? Number(sizeParam) : DEFAULT_PAGE_SIZE
  const pages = Math.max(1, Math.ceil(items.length / size))
  const pageParam = env.url.searchParams.get('page') ?? '1'
  const page = pageParam === 'last' ? pages : /^\d+$/.test(pageParam) ? Number(pageParam) : Number.NaN
  if (!(page >= 1 && page <= pages)) return detail(404, 'Invalid page.')
  return json(200, {
    count: items.length,
    next: page < pages ? link(env, page + 1) : null,
    previous: page > 1 ? link(env, page === 2 ? undefined : page - 1) : null,
    results: items.slice((page - 1) * size, page * size).map(render),
  })
}
