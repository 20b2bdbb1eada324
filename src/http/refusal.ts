/**
 * The refusal of a request before it is sent, one helper for every refusal (middleware, auth,
 * request bodies), so no bundle spells it twice.
 */
import { type RequestError, requestError } from '../errors'
import * as E from './either'
import { type HttpRequest, resolveUrl } from './request'

/**
 * Refuses a request: a `RequestError` naming its method and URL, or neither when a hand-made
 * request cannot be read (a getter or Proxy that throws).
 */
export const refused = (req: Pick<HttpRequest, 'method' | 'url' | 'query'>, message: string): E.Either<RequestError, never> => {
  try {
    return E.left(requestError(String(req.method), resolveUrl('', req), message))
  } catch {
    return E.left(requestError('', '', message))
  }
}
