// Review 3 (pagination, bulk, observe, CLI): breaks found by attacking them with hostile callbacks
// and hostile servers on 127.0.0.1. Each test failed before its fix; the comment above it says
// what went wrong.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type BulkProgress, type RequestEvent, basicAuth, createClient, destroyMany, observe, organizationsList, pages, retry } from '../../src/index'
import { json } from '../helpers/server'
import { useScriptedServers } from '../helpers/hostile'
import { emptyResponse, jsonResponse, recordingFetch } from '../helpers/fetch'
import { binIsBuilt, cli } from '../cli/run'

const serve = useScriptedServers()

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

describe('the CLI prints server data to a terminal', () => {
  // `orgs list` printed an organisation's name as the server sent it: a hostile server (or any
  // org member who names an org) could send terminal escapes (clear screen, set the window title,
  // OSC 52 to write the clipboard, hyperlinks) and bidi overrides that reorder what the user reads.
  it('orgs list shows control and bidi characters as escapes, never raw', async () => {
    binIsBuilt()
    const hostile = 'acme\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2J\u202egpj.exe\r\n'
    const s = await serve(
      json(200, { count: 1, next: null, previous: null, results: [{ id: 7, slug: 'ac\x1b[31mme', name: hostile, owner: { id: 1, username: 'ow\u2066ner', first_name: '', last_name: '' }, description: '', created_date: '', updated_date: '', contact: {} }] }),
    )
    const ran = await cli(['orgs', 'list', '--url', s.url], { CVAT_TOKEN: 'tok3nS3cretValue42' })
    expect(ran).toEqual({
      code: 0,
      stdout:
        `${'SLUG'.padEnd(14)}  ${'NAME'.padEnd(72)}  ${'OWNER'.padEnd(11)}  ID\n` +
        'ac\\u001b[31mme  acme\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u001b[2J\\u202egpj.exe\\u000d\\u000a  ow\\u2066ner  7\n' +
        '1 organisation\n',
      stderr: '',
    })
  })
})

describe('pages against a server whose pages are empty yet link onward', () => {
  // listAll called such a list changed at once; pages asked for page after page (10,000 requests
  // by default) of a list that claims 2 items and never yields one.
  it('an empty page with a `next` is a ListChangedError, as in listAll', async () => {
    const { fetch, sent } = recordingFetch(() => jsonResponse(200, { count: 2, next: 'https://cvat.test/api/organizations?page=2', previous: null, results: [] }))
    const yielded = []
    for await (const page of pages(organizationsList, createClient({ baseUrl: 'https://cvat.test', fetch }), { pageSize: 1 })) yielded.push(page)
    expect({ yielded, sent: sent.map((s) => s.url) }).toEqual({
      yielded: [{ _tag: 'Left', left: { _tag: 'ListChangedError', method: 'GET', url: '/api/organizations', counts: [2], read: 0, distinct: 0 } }],
      sent: ['https://cvat.test/api/organizations?page=1&page_size=1'],
    })
  })
})

describe('observe with bodies, a server echoing the password form-encoded', () => {
  // A password with spaces, echoed as a form or URLSearchParams writes it (space as `+`), was
  // reported as it came: every other percent-encoded form was scrubbed, this one was not.
  it('redacts the password written with `+` for each space', async () => {
    const { fetch } = recordingFetch(() => jsonResponse(400, { detail: 'bad form: username=alice&password=correct+horse+battery+staple' }))
    const events: RequestEvent[] = []
    const observed = observe((e) => void events.push(e), { bodies: true, now: () => 0 })(basicAuth({ username: 'alice', password: 'correct horse battery staple' })(createClient({ baseUrl: 'https://cvat.test', fetch })))
    await observed({ method: 'GET', url: '/api/users/self', query: [], headers: {} })()
    expect(events).toEqual([
      { type: 'start', method: 'GET', url: '/api/users/self', attempt: 1 },
      { type: 'end', method: 'GET', url: '/api/users/self', attempt: 1, status: 400, durationMs: 0, responseBody: '{"detail":"bad form: username=[redacted]&password=[redacted]"}' },
    ])
  })
})

describe('observe with bodies, JSON nested deeper than the stack', () => {
  // Walking a 20,000-deep JSON body to redact it overflowed the stack: the 200 answer became a
  // RequestError ("a client under this middleware threw") and no `end` event was sent. The
  // observer failed the request it observes; a hostile server needed 40 kB to do it.
  it('reports such a body by its length; the answer and the events are intact', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    const { fetch } = recordingFetch(() => new Response(deep, { status: 200, headers: { 'content-type': 'application/json' } }))
    const events: RequestEvent[] = []
    const observed = observe((e) => void events.push(e), { bodies: true, now: () => 0 })(createClient({ baseUrl: 'https://cvat.test', fetch }))
    const r = await observed({ method: 'POST', url: '/api/x', query: [], headers: {}, body: deep })()
    expect({ tag: r._tag, events }).toEqual({
      tag: 'Right',
      events: [
        { type: 'start', method: 'POST', url: '/api/x', attempt: 1, requestBody: '[40000 characters, nested too deeply]' },
        { type: 'end', method: 'POST', url: '/api/x', attempt: 1, status: 200, durationMs: 0, responseBody: '[40000 characters, nested too deeply]' },
      ],
    })
  })
})

describe('the CLI with --json, a server answer nested deeper than the stack', () => {
  // `orgs list --json` of an organisation whose free-form `contact` is 50,000 `[` deep: printing
  // it overflowed the stack, the CLI said "internal error" on stderr and stdout held no JSON
  // document, though --json promises one whatever happens.
  it('is a failure with one JSON document on stdout, exit 1', async () => {
    binIsBuilt()
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(`{"count":1,"next":null,"previous":null,"results":[{"id":1,"slug":"a","owner":null,"contact":${deep}}]}`)
    })
    const ran = await cli(['orgs', 'list', '--json', '--url', s.url], { CVAT_TOKEN: 'tok3nS3cretValue42' })
    expect(ran).toEqual({
      code: 1,
      stdout: '{"error":{"_tag":"InternalError","message":"internal error: Maximum call stack size exceeded"}}\n',
      stderr: 'internal error: Maximum call stack size exceeded\n',
    })
  })
})

describe('the CLI reads a hostile CSV', () => {
  // A usage error quoted the bad line with JSON.stringify, which leaves bidi overrides and line
  // separators as they are: a CSV from someone else could reorder the message on the terminal.
  it('quotes a bad line with its bidi characters escaped', async () => {
    binIsBuilt()
    const csv = join(mkdtempSync(join(tmpdir(), 'review3-')), 'rows.csv')
    writeFileSync(csv, 'ann@example.com,worker\u202e,x\u2028y\n')
    const ran = await cli(['invitations', 'invite', '--org', 'acme', '--csv', csv, '--url', 'http://127.0.0.1:9'], { CVAT_TOKEN: 'tok3nS3cretValue42' })
    expect({ code: ran.code, stdout: ran.stdout, firstLine: ran.stderr.split('\n')[0] }).toEqual({
      code: 2,
      stdout: '',
      firstLine: 'cvat-fp: CSV line 1: expected "email,role" with role one of worker, supervisor, maintainer, owner, got "ann@example.com,worker\\u202e,x\\u2028y"',
    })
  })
})

describe('the CLI given a server URL with a query or a fragment', () => {
  // The client joins paths to the base URL as text, so `--url http://host/?x=1` sent every request
  // to `http://host/?x=1/api/organizations` (the server's root, the path inside the query). The
  // CLI now refuses such a URL before sending anything, as it refuses a URL that is not http(s).
  it('is a usage error, exit 2, nothing sent', async () => {
    binIsBuilt()
    const s = await serve(json(200, { count: 0, next: null, previous: null, results: [] }))
    const ran = await cli(['orgs', 'list', '--json', '--url', `${s.url}/?x=1`], { CVAT_TOKEN: 'tok3nS3cretValue42' })
    expect({ code: ran.code, stdout: ran.stdout, sent: s.requests.length }).toEqual({
      code: 2,
      stdout: `{"error":{"_tag":"Usage","message":"--url / CVAT_URL must have no query or fragment, got \\"${s.url}/?x=1\\""}}\n`,
      sent: 0,
    })
  })
})
