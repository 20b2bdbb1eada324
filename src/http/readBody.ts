/**
 * Reading a response body under a byte limit: the stream is read chunk by chunk and cancelled the
 * moment the limit is passed, so neither an endless body nor a small gzip that inflates to
 * gigabytes is ever held whole.
 */

// A fetch that returns no web stream (an old polyfill, a hand-made response) is read with
// `text()`; its size is then checked after the fact, in UTF-16 code units. A hand-made `text()`
// that gives anything but a string has given no body: that is a failure to read one.
const readText = (res: Response, limit: number): Promise<string | undefined> =>
  res.text().then((text) => (typeof text !== 'string' ? Promise.reject(text) : text.length > limit ? undefined : text))

/** Reads a body as UTF-8 text; `undefined` when it is longer than `limit` bytes (the rest is not read). */
export const readBody = (res: Response, limit: number): Promise<string | undefined> => {
  // The client checked `headers.get` is a function. No header is `null`, which is 0; an
  // unreadable one is NaN, which no limit is below.
  const declared = Number(res.headers.get('content-length'))
  const body = res.body
  if (declared > limit) return (body?.cancel().catch(() => undefined) ?? Promise.resolve()).then(() => undefined)
  if (typeof body?.getReader !== 'function') return readText(res, limit)
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let size = 0
  let text = ''
  const pump = (): Promise<string | undefined> =>
    reader.read().then(({ done, value }) => {
      if (done) return text + decoder.decode()
      size += value.byteLength
      if (size > limit) return reader.cancel().then(
        () => undefined,
        () => undefined,
      )
      text += decoder.decode(value, { stream: true })
      return pump()
    })
  return pump()
}
