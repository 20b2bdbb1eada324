/**
 * `npm run size`: bundles single-import entries of the built package with esbuild and rollup
 * (minified, gzipped) and prints one table, with openapi-fetch measured in the same run as the
 * yardstick, then `createClient` with each endpoint (esbuild). Exits 1 when a budget is broken:
 *   - an endpoint alone over 4.3 kB gzipped, one with no body to decode (204) over 2.4 kB;
 *   - a realistic application (createClient + an auth + retry + timeout + one endpoint) over its
 *     own budget (`REALISTIC`, the measured size plus a little headroom: growth must be decided);
 *   - `createClient` + any one endpoint over the largest measured plus ~2%;
 *   - any bundle of ours holding fp-ts or io-ts code (their types are the API; none of their code runs);
 *   - a one-endpoint bundle holding another endpoint's path, cross-fetch, node-fetch or emulator code;
 *   - an empty import that is not empty.
 */
import { gzipSync } from 'node:zlib'
import nodeResolve from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import { build } from 'esbuild'
import { rollup } from 'rollup'

// Raised from 4.0 kB to 5.6 kB with the hardening of issue 10 (bounded error drawing, body
// excerpts, credential scrubbing, run-time input checks); lowered with issue 11's size pass (the
// codecs built by our own kernel instead of io-ts's run-time modules, -1.3 kB; a leaner transport,
// -0.25 kB) and raised a little by the second review's scrubbing fixes: the largest measured
// (invitationsPartialUpdate, 4.21 kB) plus ~2%; raised by issue 20's linear, cut-first scrubbing
// and the quoted-JSON echo forms (+~110 B gzipped everywhere): 4.33 kB plus ~2%.
const BUDGET = 4420
// An endpoint with no body to decode: measured 2.35 kB, 2.47 kB after issue 20's scrubbing, plus ~2%.
const NO_CODEC_BUDGET = 2520
const NO_CODEC: ReadonlyArray<string> = ['invitationsDestroy', 'invitationsDecline', 'invitationsResend']
const ENDPOINTS = {
  invitationsCreate: 'invitationWriteRequest',
  // Its codec's name: `page_size` is the interpreter's, in every bundle.
  invitationsList: 'PaginatedInvitationReadList',
  invitationsRetrieve: undefined,
  invitationsPartialUpdate: 'patchedInvitationWriteRequest',
  invitationsDestroy: undefined,
  invitationsAccept: '/accept',
  invitationsDecline: '/decline',
  invitationsResend: '/resend',
} as const
const FORBIDDEN = [/node_modules\/(cross-fetch|node-fetch)/, /node-fetch/, /createCvatEmulator|Email backend is not configured|node:http/]

// What an application really ships: the client, one auth scheme, the two policies, an endpoint.
// Budgets in gzipped bytes (esbuild and rollup alike): the figures measured after issue 11's size
// pass, the second review's fixes, the middleware's totality wrapper and issue 20's scrubbing
// (+~110 B), plus ~2%.
const REALISTIC: ReadonlyArray<readonly [string, ReadonlyArray<string>, number]> = [
  ['createClient + tokenAuth + invitationsRetrieve', ['createClient', 'tokenAuth', 'invitationsRetrieve'], 6690],
  ['createClient + tokenAuth + retry + timeout + invitationsRetrieve', ['createClient', 'tokenAuth', 'retry', 'timeout', 'invitationsRetrieve'], 7960],
  ['createClient + sessionAuth + retry + timeout + invitationsCreate', ['createClient', 'sessionAuth', 'retry', 'timeout', 'invitationsCreate'], 8190],
  ['createClient + basicAuth + retry + timeout + invitationsList', ['createClient', 'basicAuth', 'retry', 'timeout', 'invitationsList'], 8310],
  ['createClient + signatureAuth + timeout + invitationsRetrieve', ['createClient', 'signatureAuth', 'timeout', 'invitationsRetrieve'], 7060],
]
// fp-ts and io-ts are the API's types only: no bundle of ours may hold any of their code (Either
// values and decode-error trees are built by src/http/either.ts and src/codecs/decoder.ts).
const FP_TS = /node_modules\/(fp-ts|io-ts)\//

interface Entry {
  readonly name: string
  readonly code: string
  readonly endpoint?: keyof typeof ENDPOINTS
  readonly empty?: boolean
  readonly budget?: number
}

const entries: ReadonlyArray<Entry> = [
  { name: 'empty import', code: `import 'cvat-fp'`, empty: true },
  ...Object.keys(ENDPOINTS).map((e) => ({
    name: `${e} alone`,
    code: `export { ${e} } from 'cvat-fp'`,
    endpoint: e as keyof typeof ENDPOINTS,
    ...(NO_CODEC.includes(e) ? { budget: NO_CODEC_BUDGET } : {}),
  })),
  ...REALISTIC.map(([name, names, budget]) => ({ name, code: `export { ${names.join(', ')} } from 'cvat-fp'`, budget })),
  { name: 'all eight endpoints', code: `export { ${Object.keys(ENDPOINTS).join(', ')} } from 'cvat-fp'` },
  // Measured 4.66 kB (the middleware totality wrapper and the reviews' fixes included), plus ~2%.
  { name: 'createClient + tokenAuth + retry', code: `export { createClient, tokenAuth, retry } from 'cvat-fp'`, budget: 4930 },
  { name: 'cvat-fp/testing (emulator)', code: `export { createCvatEmulator } from 'cvat-fp/testing'` },
  {
    name: 'yardstick: openapi-fetch createClient + GET',
    code: `import createClient from 'openapi-fetch'\nexport const list = (baseUrl) => createClient({ baseUrl }).GET('/api/invitations', {})`,
  },
]

const viaEsbuild = async (code: string): Promise<{ js: string; inputs: ReadonlyArray<string> }> => {
  const out = await build({
    metafile: true,
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  })
  // The modules that left code in the bundle (an import tree-shaken to nothing is not one).
  const kept = Object.entries(Object.values(out.metafile.outputs)[0]!.inputs).filter(([, i]) => i.bytesInOutput > 0)
  return { js: out.outputFiles[0]!.text, inputs: kept.map(([path]) => path) }
}

const viaRollup = async (code: string): Promise<string> => {
  const bundle = await rollup({
    input: 'entry',
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? code : null) },
      nodeResolve({ browser: true, mainFields: ['module', 'main'], exportConditions: ['browser', 'import'] }),
      terser(),
    ],
    onwarn: () => {},
  })
  const { output } = await bundle.generate({ format: 'es' })
  await bundle.close()
  return output[0].code
}

// Every endpoint function with createClient (issue 11: "any single new endpoint with createClient
// <= 4 kB gz"), esbuild only: it keeps more than rollup, so it is the upper figure, and 40 rollup
// builds would triple the run. The budget is the largest measured plus ~2%; the table says which
// meet the issue's 4 kB target.
const TARGET = 4000
const WITH_CLIENT_BUDGET = 6580
const endpointNames = async (): Promise<ReadonlyArray<string>> => {
  const api: Record<string, unknown> = await import('cvat-fp')
  return Object.keys(api)
    .filter((k) => /^(auth|users|organizations|memberships|invitations)[A-Z]/.test(k) && typeof api[k] === 'function' && !/(ListAll|Pages|Many)$/.test(k))
    .sort()
}

const gz = (s: string): number => (s.trim() === '' ? 0 : gzipSync(s, { level: 9 }).length)
const kb = (n: number): string => (n / 1000).toFixed(2)

const main = async (): Promise<void> => {
  const failures: string[] = []
  const rows: string[][] = []
  for (const e of entries) {
    const [{ js: esb, inputs }, rol] = await Promise.all([viaEsbuild(e.code), viaRollup(e.code)])
    const sizes = { esbuild: gz(esb), rollup: gz(rol) }
    rows.push([e.name, kb(esb.length), kb(sizes.esbuild), kb(rol.length), kb(sizes.rollup)])
    if (e.empty && (sizes.esbuild !== 0 || sizes.rollup !== 0)) failures.push(`${e.name} is not empty: ${JSON.stringify({ esb, rol })}`)
    if (!e.name.startsWith('yardstick') && inputs.some((i) => FP_TS.test(i))) failures.push(`${e.name} holds fp-ts or io-ts: ${inputs.filter((i) => FP_TS.test(i)).join(', ')}`)
    if (e.budget !== undefined)
      for (const [tool, size] of Object.entries(sizes)) if (size > e.budget) failures.push(`${e.name} (${tool}) is ${kb(size)} kB gzipped, over its ${kb(e.budget)} kB`)
    if (e.endpoint) {
      for (const [tool, size] of Object.entries(sizes)) if (size > BUDGET) failures.push(`${e.name} (${tool}) is ${kb(size)} kB gzipped, over ${kb(BUDGET)} kB`)
      for (const [other, marker] of Object.entries(ENDPOINTS))
        if (other !== e.endpoint && marker !== undefined && marker !== ENDPOINTS[e.endpoint])
          for (const [tool, js] of [['esbuild', esb], ['rollup', rol]] as const)
            if (js.includes(marker)) failures.push(`${e.name} (${tool}) holds ${other}'s "${marker}"`)
      for (const re of FORBIDDEN) for (const [tool, js] of [['esbuild', esb], ['rollup', rol]] as const) if (re.test(js)) failures.push(`${e.name} (${tool}) holds ${re}`)
    }
  }
  const withClient: string[][] = []
  for (const name of await endpointNames()) {
    const { js, inputs } = await viaEsbuild(`export { createClient, ${name} } from 'cvat-fp'`)
    const size = gz(js)
    if (inputs.some((i) => FP_TS.test(i))) failures.push(`createClient + ${name} holds fp-ts or io-ts`)
    withClient.push([`createClient + ${name}`, kb(js.length), kb(size), size <= TARGET ? 'yes' : 'no'])
    if (size > WITH_CLIENT_BUDGET) failures.push(`createClient + ${name} is ${kb(size)} kB gzipped, over its ${kb(WITH_CLIENT_BUDGET)} kB`)
  }
  const head = ['entry', 'esbuild min kB', 'esbuild gzip kB', 'rollup min kB', 'rollup gzip kB']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  console.log([line(head), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n'))
  const head2 = ['createClient + one endpoint (esbuild)', 'min kB', 'gzip kB', `≤ ${kb(TARGET)} kB`]
  const widths2 = head2.map((h, i) => Math.max(h.length, ...withClient.map((r) => r[i]!.length)))
  const line2 = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths2[i]!) : c.padStart(widths2[i]!))).join(' | ')} |`
  console.log(['', line2(head2), `|${widths2.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...withClient.map(line2)].join('\n'))
  const largest = withClient.reduce((a, b) => (Number(b[2]) > Number(a[2]) ? b : a))
  console.log(
    `createClient + one endpoint: ${withClient.filter((r) => r[3] === 'yes').length} of ${withClient.length} within ${kb(TARGET)} kB gzipped; largest ${largest[2]} kB (${largest[0]}); budget ${kb(WITH_CLIENT_BUDGET)} kB`,
  )
  console.log(`budget: one endpoint alone ≤ ${kb(BUDGET)} kB gzipped (esbuild and rollup), ${NO_CODEC.join(', ')} ≤ ${kb(NO_CODEC_BUDGET)} kB; createClient + tokenAuth + retry ≤ 4.93 kB; realistic applications: ${REALISTIC.map(([n, , b]) => `${n} ≤ ${kb(b)} kB`).join('; ')}`)
  if (failures.length > 0) {
    console.log(`SIZE BUDGET FAILED:\n- ${failures.join('\n- ')}`)
    process.exitCode = 1
  } else console.log('size budgets: all met')
}

void main()
