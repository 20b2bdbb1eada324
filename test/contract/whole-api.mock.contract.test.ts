// `prism mock -d` serving CVAT's whole schema of each version (full/cvat-schema.2.26.2.yml and
// 2.73.0.yml): Prism invents every answer from the schema (random values, nulls where nullable,
// extra properties, each member of a oneOf). Every operation whose function reads JSON (a model,
// a model or nothing, a request id on 202) is called CALLS times for each 2xx status its schema
// declares (`Prefer: code=…` picks it), with the params made from the schema (whole.ts, the
// required ones: Prism validates each request, so a Right is a valid request too). Every answer
// must decode to a Right.
//
// Two kinds of case are not asked of Prism, each named below with its reason:
// - the schema declares a status without a body while CVAT sends one (overrides.answers says
//   which and why): Prism, following the schema, sends nothing, which no model decodes;
// - a oneOf whose other member is a file (`format: binary`: the answer is the file itself, never
//   JSON): Prism invents that member as a JSON string. Those answers are counted apart and must
//   be exactly such strings, every other answer a Right.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as api from '../../src/index'
import { answers, bodies, unions } from '../../scripts/generate/overrides'
import { hasShared, sharedDir, skipReason } from '../helpers/shared'
import { type Prism, startPrism } from './prism'
import { type SchemaOperation, VERSIONS, type Version, camel, expectedOf, operations } from './whole'

const CALLS = 20
// Calls in flight at once against one Prism (it answers in ~10 ms; a few at once keep it busy).
const PARALLEL = 4

type Endpoint = (client: api.Client, params?: unknown) => () => Promise<E.Either<api.CvatError, unknown>>
const exported = { ...api } as Record<string, unknown>
const lowerFirst = (s: string): string => s[0]!.toLowerCase() + s.slice(1)

interface Response {
  readonly content?: Readonly<Record<string, unknown>>
}
type Security = ReadonlyArray<Readonly<Record<string, unknown>>>
interface Full {
  readonly tags?: ReadonlyArray<string>
  readonly security?: Security
  readonly responses: Readonly<Record<string, Response>>
}
const full = (o: SchemaOperation): Full => o.op as unknown as Full

// How the generated function reads its answer, from its descriptor (src/generated/<tag>/<fn>.ts).
const answerKind = (o: SchemaOperation): string => {
  const source = readFileSync(`src/generated/${full(o).tags?.[0]}/${camel(o.op.operationId)}.ts`, 'utf8')
  return /\n {2}answer: (?:\/\*#__PURE__\*\/ )?(\w+)/.exec(source)?.[1] ?? 'unknown'
}
const READS_JSON = ['model', 'modelOrNothing', 'byStatus']

// Prism enforces each operation's security: Basic satisfies one alternative of almost every
// operation; `access_tokens/self` takes only a personal access token (Bearer).
// `Prefer: code=…` picks the status; every status answered is recorded in `seen`.
const clientFor = (url: string, o: SchemaOperation, status: string, seen: number[]): api.Client => {
  const prefer: api.Middleware = (next) => (req) => {
    const sent = next({ ...req, headers: { ...req.headers, prefer: `code=${status}` } })
    return () => sent().then((r) => (E.isRight(r) && seen.push(r.right.status), r))
  }
  const client = pipe(api.createClient({ baseUrl: url }), prefer)
  const schemes: Security = full(o).security ?? []
  return schemes.some((s) => 'basicAuth' in s)
    ? pipe(client, api.basicAuth({ username: 'u', password: 'p' }))
    : schemes.some((s) => 'accessTokenAuth' in s)
      ? pipe(client, api.bearerAuth('personal-access-token'))
      : client
}

// Params as the conformance suite makes them; a text path parameter whose schema wants digits
// (`delivery_id`, `^\d+$`) gets digits.
const paramsOf = async (o: SchemaOperation): Promise<{ readonly fn: string; readonly params: Record<string, unknown> }> => {
  const newer = bodies[o.op.operationId] && o.version !== '2.73.0' ? operations.find((x) => x.version === '2.73.0' && x.op.operationId === o.op.operationId) : undefined
  const expected = await expectedOf(o, 'required', (c) => (c ? lowerFirst(c) : 'body'), newer?.op, newer?.doc)
  const digits = (o.op.parameters ?? []).filter((p) => p.in === 'path' && (p.schema as { pattern?: string }).pattern === '^\\d+$')
  return { fn: expected.fn, params: { ...expected.params, ...Object.fromEntries(digits.map((p) => [camel(p.name), '7'])) } }
}

interface Case {
  readonly name: string
  readonly o: SchemaOperation
  readonly status: string
  /** Why Prism is not asked, when it is not. */
  readonly skip?: string
  /** The oneOf member (a file) Prism may invent as a JSON string. */
  readonly fileMember?: string
}

const casesOf = (version: Version): ReadonlyArray<Case> =>
  operations
    .filter((o) => o.version === version && READS_JSON.includes(answerKind(o)))
    .flatMap((o) =>
      Object.entries(full(o).responses)
        .filter(([status]) => /^2\d\d$/.test(status))
        .map(([status, res]): Case => {
          const id = o.op.operationId
          const name = `${id} ${status}`
          const kind = answerKind(o)
          const override = answers[id]
          // A model read where the schema declares no body: only overrides.answers may say so.
          if (res.content === undefined && kind !== 'modelOrNothing')
            return { name, o, status, skip: `the schema declares ${status} without a body; ${override?.reason ?? 'NO OVERRIDE SAYS WHY'}` }
          const union = Object.entries(unions).find(([component, u]) => 'only' in u && JSON.stringify(res.content ?? {}).includes(`/${component}"`))
          return union ? { name, o, status, fileMember: `${union[0]}: ${union[1].reason}` } : { name, o, status }
        }),
    )

// Runs `work` for 0…n-1, PARALLEL at a time, in order of the results.
const pool = async <A>(n: number, work: (i: number) => Promise<A>): Promise<A[]> => {
  const out: A[] = new Array(n)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, n) }, async () => {
      for (let i = next++; i < n; i = next++) out[i] = await work(i)
    }),
  )
  return out
}

const isJsonString = (text: string): boolean => {
  try {
    return typeof JSON.parse(text) === 'string'
  } catch {
    return false
  }
}

const prisms = new Map<Version, Prism>()
const tally = new Map<Version, { operations: Set<string>; cases: number; calls: number; rights: number; fileStrings: number }>()

describe.skipIf(!hasShared)(`prism mock -d over CVAT's whole schemas ${skipReason}`, () => {
  beforeAll(async () => {
    const started = await Promise.all(VERSIONS.map((v) => startPrism(['mock', '-d', `${sharedDir}/full/cvat-schema.${v}.yml`])))
    VERSIONS.forEach((v, i) => prisms.set(v, started[i]!))
  }, 120_000)

  afterAll(async () => {
    await Promise.all([...prisms.values()].map((p) => p.stop()))
    for (const [v, t] of tally) console.log(`prism mock -d ${v}: ${t.operations.size} operations, ${t.cases} operation×status cases, ${t.calls} calls, ${t.rights} Right, ${t.fileStrings} file members invented as JSON strings`)
  })

  describe.each(VERSIONS)('CVAT %s', (version) => {
    const cases = casesOf(version)
    const asked = cases.filter((c) => c.skip === undefined)
    const t = { operations: new Set<string>(), cases: 0, calls: 0, rights: 0, fileStrings: 0 }
    tally.set(version, t)

    it.each(asked.map((c) => [c.name, c] as const))(`${CALLS} dynamic answers of %s decode`, async (_name, c) => {
      const { fn, params } = await paramsOf(c.o)
      const statuses: number[] = []
      const client = clientFor(prisms.get(version)!.url, c.o, c.status, statuses)
      const results = await pool(CALLS, () => (exported[fn] as Endpoint)(client, params)())
      const lefts = results.flatMap((r) => (E.isLeft(r) ? [r.left] : []))
      // A file member invented as a JSON string is the only Left allowed, and only in a union.
      const fileStrings = lefts.filter((l) => c.fileMember !== undefined && l._tag === 'DecodeError' && isJsonString(l.body))
      t.operations.add(c.o.op.operationId)
      t.cases++
      t.calls += CALLS
      t.rights += CALLS - lefts.length
      t.fileStrings += fileStrings.length
      expect(lefts.filter((l) => !fileStrings.includes(l)).map(api.formatError)).toEqual([])
      expect(statuses).toEqual(Array.from({ length: CALLS }, () => Number(c.status)))
      // Most answers of a union are its JSON member (Prism picks a member at random).
      expect(CALLS - lefts.length).toBeGreaterThan(0)
    }, 60_000)

    const skipped = cases.filter((c) => c.skip !== undefined)
    for (const c of skipped) it.skip(`${c.name} (skipped: ${c.skip})`, () => undefined)

    it('asks Prism for every JSON-reading operation but the ones named here, each with an override saying why', () => {
      expect(skipped.filter((c) => c.skip?.includes('NO OVERRIDE'))).toEqual([])
      const expected =
        version === '2.26.2'
          ? [
              'jobs_retrieve_annotations 201',
              'jobs_retrieve_annotations 202',
              'jobs_update_annotations 201',
              'jobs_update_annotations 202',
              'jobs_partial_update_annotations 200',
              'lambda_list_functions 200',
              'lambda_create_functions 200',
              'tasks_retrieve_annotations 201',
              'tasks_retrieve_annotations 202',
              'tasks_update_annotations 201',
              'tasks_update_annotations 202',
            ]
          : ['jobs_update_annotations 200', 'jobs_partial_update_annotations 200', 'lambda_list_functions 200', 'lambda_create_functions 200', 'tasks_update_annotations 200']
      expect(skipped.map((c) => c.name).sort()).toEqual([...expected].sort())
      expect(asked.filter((c) => c.fileMember !== undefined).map((c) => c.name).sort()).toEqual(
        version === '2.26.2' ? ['jobs_retrieve_annotations 200', 'tasks_create_data 202', 'tasks_retrieve_annotations 200'] : ['tasks_create_data 202'],
      )
    })
  })
})
