// The caller's hooks (observe's listener, the bulk helpers' onProgress, retry's onRetry) written
// as async functions that reject: contained, never an unhandled rejection, never a lost outcome.
import { describe, expect, it } from 'vitest'
import { type BulkProgress, type RequestEvent, createClient, destroyMany, observe, retry } from '../../src/index'
import { emptyResponse, recordingFetch } from '../helpers/fetch'

// Collects the unhandled rejections `run` causes, after letting pending microtasks and timers settle.
const unhandledDuring = async (run: () => Promise<unknown>): Promise<{ value: unknown; unhandled: unknown[] }> => {
  const unhandled: unknown[] = []
  const listener = (reason: unknown) => void unhandled.push(reason)
  process.on('unhandledRejection', listener)
  try {
    const value = await run()
    await new Promise((r) => setTimeout(r, 20))
    return { value, unhandled }
  } finally {
    process.off('unhandledRejection', listener)
  }
}

describe('a callback written as an async function that rejects', () => {
  // observe called the listener in a try, but an async listener returns a rejected promise
  // instead of throwing: nobody handled it, and Node ends the process on an unhandled rejection.
  it('observe: an async listener that rejects is contained, the request still answers', async () => {
    const { fetch } = recordingFetch(() => emptyResponse(204))
    const listener = async (_e: RequestEvent): Promise<void> => Promise.reject(new Error('listener down'))
    const observed = observe(listener)(createClient({ baseUrl: 'https://cvat.test', fetch }))
    const { value, unhandled } = await unhandledDuring(() => observed({ method: 'DELETE', url: '/api/invitations/k', query: [], headers: {} })())
    expect({ tag: (value as { _tag: string })._tag, unhandled }).toEqual({ tag: 'Right', unhandled: [] })
  })

  // Same for the bulk helpers' onProgress: "onProgress exceptions contained" held only for sync ones.
  it('destroyMany: an async onProgress that rejects is contained, every row has its outcome', async () => {
    const { fetch } = recordingFetch(() => emptyResponse(204))
    const seen: BulkProgress[] = []
    const onProgress = async (p: BulkProgress): Promise<void> => (seen.push(p), Promise.reject(new Error('progress bar down')))
    const { value, unhandled } = await unhandledDuring(() => destroyMany(createClient({ baseUrl: 'https://cvat.test', fetch }), { keys: ['a', 'b'], concurrency: 1, onProgress })())
    expect({ tags: (value as ReadonlyArray<{ _tag: string }>).map((o) => o._tag), seen, unhandled }).toEqual({
      tags: ['Done', 'Done'],
      seen: [
        { done: 1, failed: 0, total: 2 },
        { done: 2, failed: 0, total: 2 },
      ],
      unhandled: [],
    })
  })

  // The same shape, found at the end of the session: retry's onRetry hook was called in a try only.
  it('retry: an async onRetry that rejects is contained, the retry still happens', async () => {
    let calls = 0
    const fetch = async (): Promise<Response> => (++calls === 1 ? new Response('', { status: 503 }) : new Response(null, { status: 204 }))
    const onRetry = async (): Promise<void> => Promise.reject(new Error('log sink down'))
    const retried = retry({ baseDelay: 1, onRetry })(createClient({ baseUrl: 'https://cvat.test', fetch }))
    const { value, unhandled } = await unhandledDuring(() => retried({ method: 'DELETE', url: '/api/invitations/k', query: [], headers: {} })())
    expect({ tag: (value as { _tag: string })._tag, calls, unhandled }).toEqual({ tag: 'Right', calls: 2, unhandled: [] })
  })
})
