/**
 * The client's own origin, and the links a server hands back (a TUS `Location`, a finished
 * request's `result_url`) checked against it: a link is followed only on that origin, so the
 * caller's credentials never go anywhere else, whatever the server says.
 */
import * as E from '../http/either'
import { type RedirectError, redirectError } from '../errors'

const parse = (url: string, base?: string): URL | undefined => {
  try {
    return new URL(url, base)
  } catch {
    return undefined
  }
}

/** The origin (`scheme://host:port`) of an absolute http(s) URL, or `undefined`. */
export const originOf = (url: unknown): string | undefined => {
  const u = typeof url === 'string' ? parse(url) : undefined
  return u !== undefined && (u.protocol === 'http:' || u.protocol === 'https:') ? u.origin : undefined
}

/**
 * Resolves a link the server sent (relative to the answer that carried it) and keeps it only on
 * `origin`: anything else, an unknown origin, a link with user-info (an `origin` leaves it out,
 * yet it names another identity) or a link that is no URL, is a `RedirectError` (`cross-origin`)
 * naming the answer that carried it, and nothing is sent there.
 */
export const ownLink = (
  link: string,
  answer: { readonly method: string; readonly url: string; readonly status: number },
  origin: string | undefined,
): E.Either<RedirectError, string> => {
  const target = parse(link, answer.url)
  return target !== undefined && origin !== undefined && target.origin === origin && /^https?:$/.test(target.protocol) && target.username === '' && target.password === ''
    ? E.right(target.href)
    : E.left(redirectError(answer.method, answer.url, answer.status, 'cross-origin', target?.href ?? link))
}
