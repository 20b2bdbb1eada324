// The owner scenario through `prism proxy --errors`: every request our client sends and every
// response the emulator returns is validated against CVAT's official OpenAPI document.
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, type Middleware, createClient, sessionAuth, tokenAuth } from '../../src/index'
import { useEmulator } from '../e2e/helpers'
import { EXPECTED, scenario } from '../e2e/scenario'
import { hasShared, sharedDir, skipReason } from '../helpers/shared'
import { type Prism, startPrism } from './prism'

interface Violation {
  readonly location: ReadonlyArray<string>
  readonly severity: string
  readonly message: string
}

describe.skipIf(!hasShared)(`prism proxy over the emulator ${skipReason}`, () => {
  const live = useEmulator({ serverVersion: '2.26', confirmInvitations: true })
  let prism: Prism
  const seen: Array<{ readonly method: string; readonly path: string; readonly status: number; readonly violations: ReadonlyArray<Violation> }> = []

  // Prism reports what it found in an `sl-violations` response header; record it for every call.
  const recordViolations: Middleware = (next) => (req) =>
    pipe(
      next(req),
      TE.tap((res) =>
        TE.fromIO(() => {
          seen.push({ method: req.method, path: req.url, status: res.status, violations: JSON.parse(res.headers['sl-violations'] ?? '[]') })
        }),
      ),
    )

  // The schema lists token + session cookie + CSRF cookie as ONE security requirement, and Prism
  // enforces it; real servers accept the token alone. Here we send all three so Prism lets the
  // request through, and the emulator authenticates by the token (its first scheme), as CVAT does.
  const as = (username: string): Client => {
    const c = live.emulator.credentials(username)
    return pipe(createClient({ baseUrl: prism.url }), tokenAuth(c.token), sessionAuth({ sessionId: c.sessionId, csrfToken: c.csrfToken }), recordViolations)
  }

  beforeAll(async () => {
    prism = await startPrism(['proxy', `${sharedDir}/invitations.openapi.yml`, live.served.url, '--errors'])
  }, 90_000)

  afterAll(async () => {
    await prism?.stop()
  })

  it('yields the same transcript as the direct run', async () => {
    expect(await scenario(as)).toEqual(EXPECTED)
  }, 60_000)

  it('no request or response broke the schema', () => {
    const errors = seen.flatMap((s) => s.violations.filter((v) => v.severity === 'Error').map((v) => ({ ...s, violations: [v] })))
    expect(errors).toEqual([])
    // Prism only warns about statuses the document does not list (CVAT documents few error
    // responses); anything else would be a real finding.
    const otherWarnings = seen.flatMap((s) => s.violations.filter((v) => !v.message.startsWith('Unable to match the returned status code')))
    expect(otherWarnings).toEqual([])
    expect(seen.length).toBe(EXPECTED.length)
    expect(seen.filter((s) => s.status < 300).length).toBeGreaterThan(10)
  })

  it('a request off the schema is refused by Prism, proving it validates', async () => {
    const c = live.emulator.credentials('olga')
    const raw = await fetch(`${prism.url}/api/invitations?org=acme`, {
      method: 'POST',
      headers: { authorization: `Token ${c.token}`, cookie: `sessionid=${c.sessionId}; csrftoken=${c.csrfToken}`, 'content-type': 'application/json', 'x-csrftoken': c.csrfToken },
      body: JSON.stringify({ role: 'worker', email: 'not-an-email' }),
    })
    expect(raw.status).toBe(422)
  })
})
