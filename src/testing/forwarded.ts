/**
 * The origin a request is answered for, as Django's `build_absolute_uri` makes it under CVAT's
 * settings (cvat/settings/base.py: `USE_X_FORWARDED_HOST = True`, `SECURE_PROXY_SSL_HEADER =
 * ("HTTP_X_FORWARDED_PROTO", "https")`): behind a proxy (CVAT's Traefik), `X-Forwarded-Host`
 * names the host and `X-Forwarded-Proto` the scheme, so every link CVAT renders (`url` fields, a
 * finished request's `result_url`, a TUS `Location`) points at the proxy.
 */

// django/http/request.py host_validation_re, matched on the lowercased host (split_domain_port).
const HOST = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:[0-9]+)?$/

/**
 * The request's origin (`scheme://host`), or `undefined` when `X-Forwarded-Host` is not a host:
 * Django's `get_host` raises DisallowedHost (a 400), and CommonMiddleware asks it on every request.
 */
export const requestOrigin = (req: Request, url: URL): string | undefined => {
  const forwarded = req.headers.get('x-forwarded-host')
  if (forwarded !== null && !HOST.test(forwarded.toLowerCase())) return undefined
  // HttpRequest.is_secure: the header's first value, stripped, equal to "https".
  const proto = req.headers.get('x-forwarded-proto')
  const scheme = proto === null ? url.protocol.slice(0, -1) : proto.split(',')[0]?.trim() === 'https' ? 'https' : 'http'
  return `${scheme}://${forwarded ?? url.host}`
}
