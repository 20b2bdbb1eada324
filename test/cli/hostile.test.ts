// The `cvat-fp` binary against hostile input: server text that drives terminals, answers nested
// past the stack, a CSV from someone else, URLs that hide a password or a query. Each case failed
// before its fix; the comment inside says how.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { json } from '../helpers/server'
import { useScriptedServers } from '../helpers/hostile'
import { binIsBuilt, cli } from './run'

const serve = useScriptedServers()

describe('the command line quoting a CVAT_URL it refuses', () => {
  // It redacted only `//user:password@`: the spellings the URL parser also reads as user-info
  // (`http:\\u:p@h`, `http:u:p@h`, `http:/u:p@h`) were printed with the password.
  it('prints no password, in any spelling', async () => {
    binIsBuilt()
    const urls = ['http:\\\\ann:s3cretpw@127.0.0.1:9', 'http:ann:s3cretpw@127.0.0.1:9', 'http:/ann:s3cretpw@127.0.0.1:9']
    const results = await Promise.all(urls.map((url) => cli(['orgs', 'list'], { CVAT_URL: url, CVAT_TOKEN: 'tok3nabc' })))
    expect(results.map((r) => [r.code, r.stdout, r.stderr.split('\n')[0]])).toEqual([
      [2, '', 'cvat-fp: --url / CVAT_URL must be an http(s) URL, got "http:\\\\\\\\[redacted]@127.0.0.1:9"'],
      [2, '', 'cvat-fp: --url / CVAT_URL must be an http(s) URL, got "http:[redacted]@127.0.0.1:9"'],
      [2, '', 'cvat-fp: --url / CVAT_URL must be an http(s) URL, got "http:/[redacted]@127.0.0.1:9"'],
    ])
    for (const r of results) expect(r.stderr).not.toContain('s3cretpw')
  }, 30_000)
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
      // Escaped first, then cut to the column (tables fit 100 columns; --json has the whole name).
      stdout:
        `${'SLUG'.padEnd(14)}  ${'NAME'.padEnd(40)}  ${'OWNER'.padEnd(11)}  ID\n` +
        'ac\\u001b[31mme  acme\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\…  ow\\u2066ner  7\n' +
        '1 organisation\n',
      stderr: '',
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
    const csv = join(mkdtempSync(join(tmpdir(), 'cvat-fp-csv-')), 'rows.csv')
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
