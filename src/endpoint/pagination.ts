/**
 * One pagination for every list endpoint. The server's numbers are a claim, not a plan: pages are
 * requested by number from the client's own base URL (a `next` link is never followed, so a
 * hostile one never receives credentials), nothing is allocated from `count` before it is checked
 * against the caller's bounds, and a list that changes while it is read is a `ListChangedError`.
 */
import * as E from '../http/either'
import type { TaskEither } from 'fp-ts/TaskEither'
import type { Client } from '../http/client'
import { type CvatError, listChangedError, requestError } from '../errors'
import { isRecord } from '../json'
import { DEFAULT_CONCURRENCY, boundedTraverse, countOption, isPositiveInt, readConcurrency } from './bounded'
import { UNREADABLE, clientProblem, describeValue } from './input'
import type { PageParams } from './params'

/**
 * Shapes one page of any CVAT list: the total `count`, the links, and this page's `results`.
 *
 * @example
 * const sizeOf = (page: Page<unknown>) => page.results.length
 */
export interface Page<Item> {
  readonly count: number
  readonly next?: string | null
  readonly previous?: string | null
  readonly results: ReadonlyArray<Item>
}

/**
 * Types any list endpoint: `(client, params) => TaskEither<CvatError, Page>`, as `invitationsList` is.
 *
 * @example
 * const list: ListFunction<InvitationsListParams, PaginatedInvitationReadList> = invitationsList
 */
export type ListFunction<P, R extends Page<unknown>> = (client: Client, params: P) => TaskEither<CvatError, R>

type AnyList = ListFunction<PageParams, Page<unknown>>

/**
 * Bounds what `listAll` reads; `undefined` and `null` mean the default.
 *
 * @example
 * const everything = listAll(invitationsList, cvat, { org: 'acme', pageSize: 100 }, { concurrency: 8, maxItems: 50_000 } satisfies ListAllOptions)
 */
export interface ListAllOptions {
  /** Pages fetched at once after the first: 1 to 64 (default 4). */
  readonly concurrency?: number
  /** Most items one call reads; a longer list is a `RequestError` (default 100,000). */
  readonly maxItems?: number
  /** Most pages one call requests; more is a `RequestError` (default 10,000). */
  readonly maxPages?: number
}

/**
 * Bounds what `pages` reads; `undefined` and `null` mean the default.
 *
 * @example
 * const bounded: PagesOptions = { maxPages: 100 }
 */
export interface PagesOptions {
  /** Most pages yielded; one more yields a `RequestError` and ends (default 10,000). */
  readonly maxPages?: number
  /** Most items read; one more yields a `RequestError` and ends (default 100,000). */
  readonly maxItems?: number
}

const MAX_ITEMS = 100_000
const MAX_PAGES = 10_000

interface Bounds {
  readonly concurrency: number
  readonly maxItems: number
  readonly maxPages: number
}

const paramsProblem = (v: unknown, name = 'params'): string | undefined =>
  typeof v === 'object' && v !== null ? undefined : `${name} must be an object, got ${describeValue(v)}`

// Options come from callers TypeScript cannot vouch for: read each field once, in a try.
const readBounds = (options: unknown): E.Either<string, Bounds> => {
  if (options === undefined) return E.right({ concurrency: DEFAULT_CONCURRENCY, maxItems: MAX_ITEMS, maxPages: MAX_PAGES })
  if (typeof options !== 'object' || options === null) return E.left(paramsProblem(options, 'options') ?? '')
  try {
    const o: { readonly [K in keyof ListAllOptions]?: unknown } = options
    const concurrency = readConcurrency(o.concurrency)
    const maxItems = countOption('maxItems', o.maxItems, MAX_ITEMS)
    const maxPages = countOption('maxPages', o.maxPages, MAX_PAGES)
    return E.isLeft(concurrency) ? concurrency : E.isLeft(maxItems) ? maxItems : E.isLeft(maxPages) ? maxPages : E.right({ concurrency: concurrency.right, maxItems: maxItems.right, maxPages: maxPages.right })
  } catch {
    return E.left(UNREADABLE.replace('params', 'options'))
  }
}

// A refusal names the list's own path: the list builds its request for a client that records the
// path and sends nothing. Its own RequestError (bad params) wins, being the first thing to fix.
const refuse =
  (list: AnyList, params: PageParams, message: string): TaskEither<CvatError, never> =>
  async () => {
    let url = ''
    const probe: Client = (req) => () => ((url = req.url), Promise.resolve(E.left(requestError(req.method, req.url, message))))
    const r = await call(list, probe, params)()
    return E.isLeft(r) && r.left._tag === 'RequestError' ? E.left(r.left) : E.left(requestError('GET', url, message))
  }

// A list written without `guard` may still throw while it builds its request.
const call =
  (list: AnyList, client: Client, params: PageParams): TaskEither<CvatError, Page<unknown>> =>
  () => {
    try {
      return list(client, params)()
    } catch {
      return Promise.resolve(E.left(requestError('GET', '', UNREADABLE)))
    }
  }

// Items are told apart by `id` (users, organizations, memberships, tokens) or `key` (invitations);
// one with neither (users on some servers) by its content: each parsed item is a new object, so
// telling them apart by object would keep an item that a shifted page repeats.
const identity = (item: unknown): unknown => {
  const id = isRecord(item) ? (item['id'] ?? item['key']) : undefined
  if (id !== undefined) return id
  try {
    return `\u0000${JSON.stringify(item)}`
  } catch {
    return item
  }
}

const collect = (url: string, pages: ReadonlyArray<Page<unknown>>): E.Either<CvatError, ReadonlyArray<unknown>> => {
  const all = pages.flatMap((p) => p.results)
  const counts = [...new Set(pages.map((p) => p.count))]
  const distinct = new Set(all.map(identity)).size
  // Every page but the last links onward, the last does not: otherwise the list moved under us.
  const linked = pages.every((p, i) => (p.next === null || p.next === undefined) === (i === pages.length - 1))
  return counts.length === 1 && all.length === pages[0]?.count && distinct === all.length && linked
    ? E.right(all)
    : E.left(listChangedError(url, counts, all.length, distinct))
}

// `count` is what the server claims, when the refusal rests on it; otherwise items were counted.
const tooMany = (url: string, max: number, count?: number) =>
  requestError('GET', url, `${count === undefined ? `the list has more than maxItems (${max}) items` : `the list has ${count} items, more than maxItems (${max})`}: narrow it with filters or raise maxItems`)

// The whole read, once the options are known good.
const readAll =
  (list: AnyList, client: Client, base: PageParams, bounds: Bounds): TaskEither<CvatError, ReadonlyArray<unknown>> =>
  async () => {
    let url = ''
    const tracking: Client = (req) => ((url ||= req.url), client(req))
    const first = await call(list, tracking, base)()
    if (E.isLeft(first)) return first
    const { count, next, results } = first.right
    if (results.length > bounds.maxItems) return E.left(tooMany(url, bounds.maxItems))
    if (next === null || next === undefined || results.length === 0) return collect(url, [first.right])
    if (count > bounds.maxItems) return E.left(tooMany(url, bounds.maxItems, count))
    // Bounded by maxItems above, so this array is too.
    const last = Math.ceil(count / results.length)
    if (last > bounds.maxPages) return E.left(requestError('GET', url, `the list has ${last} pages, more than maxPages (${bounds.maxPages}): raise pageSize or maxPages`))
    let read = results.length
    const over = (r: E.Either<CvatError, Page<unknown>>) => E.isLeft(r) || (read += r.right.results.length) > bounds.maxItems
    const numbers = Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 2)
    const rest = await boundedTraverse(bounds.concurrency, (page: number) => call(list, tracking, { ...base, page }), over)(numbers)()
    const failed = rest.find((r): r is E.Left<CvatError> => r !== undefined && E.isLeft(r))
    if (failed !== undefined) return failed
    if (read > bounds.maxItems) return E.left(tooMany(url, bounds.maxItems))
    return collect(url, [first.right, ...rest.flatMap((r) => (r !== undefined && E.isRight(r) ? [r.right] : []))])
  }

/**
 * Fetches every page of any list endpoint, in order: page 1 first, then the rest by number with bounded concurrency, within `maxItems` and `maxPages`.
 *
 * @example
 * listAll(invitationsList, cvat, { org: 'my-org', pageSize: 100 }, { concurrency: 4 })
 */
// The first form is a list called without params; in the second `page?: never` refuses a `page`
// at compile time (every page is read), and `P` comes from the list, so its params are checked.
export function listAll<R extends Page<unknown>>(list: ListFunction<PageParams, R>, client: Client, params?: undefined, options?: ListAllOptions): TaskEither<CvatError, ReadonlyArray<R['results'][number]>>
export function listAll<P, R extends Page<unknown>>(list: ListFunction<P, R>, client: Client, params: P & { readonly page?: never }, options?: ListAllOptions): TaskEither<CvatError, ReadonlyArray<R['results'][number]>>
export function listAll(list: AnyList, client: Client, params: PageParams = {}, options?: ListAllOptions): TaskEither<CvatError, ReadonlyArray<unknown>> {
  if (typeof list !== 'function') return () => Promise.resolve(E.left(requestError('GET', '', `list must be a list endpoint function, got ${describeValue(list)}`)))
  const bounds = readBounds(options)
  if (E.isLeft(bounds)) return refuse(list, params, bounds.left)
  const badClient = clientProblem(client)
  if (badClient !== undefined) return refuse(list, params, badClient)
  // A caller's `page` is dropped (every page is read); a params object that cannot be copied is refused.
  const problem = paramsProblem(params)
  if (problem !== undefined) return refuse(list, params, problem)
  try {
    const { page: _ignored, ...base } = params
    return readAll(list, client, base, bounds.right)
  } catch {
    return refuse(list, {}, UNREADABLE)
  }
}

/**
 * Yields each page of any list endpoint lazily as an `Either` for `for await`, by page number, stopping after the last page, the first `Left`, `maxPages` or `maxItems`, and at a `ListChangedError` when the list changes while it is read (as `listAll`).
 *
 * @example
 * for await (const page of pages(invitationsList, cvat, { org: 'my-org' })) if (E.isRight(page)) console.log(page.right.results.length)
 */
export function pages<R extends Page<unknown>>(list: ListFunction<PageParams, R>, client: Client, params?: undefined, options?: PagesOptions): AsyncGenerator<E.Either<CvatError, R>, void, undefined>
export function pages<P, R extends Page<unknown>>(list: ListFunction<P, R>, client: Client, params: P, options?: PagesOptions): AsyncGenerator<E.Either<CvatError, R>, void, undefined>
export async function* pages(list: AnyList, client: Client, params: PageParams = {}, options?: PagesOptions): AsyncGenerator<E.Either<CvatError, Page<unknown>>, void, undefined> {
  if (typeof list !== 'function') return yield E.left(requestError('GET', '', `list must be a list endpoint function, got ${describeValue(list)}`))
  const bounds = readBounds(options)
  const problem = E.isLeft(bounds) ? bounds.left : (clientProblem(client) ?? paramsProblem(params))
  if (problem !== undefined || E.isLeft(bounds)) return yield await refuse(list, params, problem ?? '')()
  let url = ''
  const tracking: Client = (req) => ((url ||= req.url), client(req))
  let start: unknown
  try {
    start = params.page ?? 1
  } catch {
    return yield await refuse(list, {}, UNREADABLE)()
  }
  // A bad `page` is the list's to refuse: the params go to it unchanged.
  if (!isPositiveInt(start)) return yield await call(list, client, params)()
  // What has been read so far, checked after each page as listAll checks the whole.
  const counts: number[] = []
  const ids = new Set<unknown>()
  let read = 0
  for (let page = start; ; page++) {
    if (page - start >= bounds.right.maxPages) return yield E.left(requestError('GET', url, `more than maxPages (${bounds.right.maxPages}) pages: raise pageSize or maxPages`))
    let result: E.Either<CvatError, Page<unknown>>
    try {
      result = await call(list, tracking, { ...params, page })()
    } catch {
      result = await refuse(list, {}, UNREADABLE)()
    }
    if (E.isLeft(result)) return yield result
    const { count, next, results } = result.right
    read += results.length
    if (read > bounds.right.maxItems) return yield E.left(tooMany(url, bounds.right.maxItems))
    if (!counts.includes(count)) counts.push(count)
    for (const item of results) ids.add(identity(item))
    const last = next === null || next === undefined
    // The same count throughout, no item twice, and `next` exactly until the count is reached
    // (read from page 1; from a later page only a `next` at or past the count is known wrong),
    // and no empty page before the last (else a server could keep us asking for nothing).
    const moved = counts.length > 1 || ids.size < read || (last ? start === 1 && read !== count : read >= count || results.length === 0)
    if (moved) return yield E.left(listChangedError(url, counts, read, ids.size))
    yield result
    // Page numbers come from here, never from the server's `next` URL.
    if (last) return
  }
}
