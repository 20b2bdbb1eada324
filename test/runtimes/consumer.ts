// A throwaway consumer of the packed tarball (`npm pack`), as a user would install it.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

export const ROOT = resolve('.tmp/runtimes')
export const CONSUMER = join(ROOT, 'consumer')

/** Packs the built package and installs it, with fp-ts and io-ts, into a fresh consumer. */
export const prepareConsumer = (): string => {
  rmSync(ROOT, { recursive: true, force: true })
  mkdirSync(CONSUMER, { recursive: true })
  execFileSync('npm', ['pack', '--silent', '--pack-destination', ROOT], { stdio: 'pipe' })
  const tarball = readdirSync(ROOT).find((f) => f.endsWith('.tgz'))
  if (!tarball) throw new Error('npm pack produced no tarball')
  writeFileSync(join(CONSUMER, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }))
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(ROOT, tarball), 'fp-ts@2.16.11', 'io-ts@2.2.22'], {
    cwd: CONSUMER,
    stdio: 'pipe',
  })
  return CONSUMER
}

/** The program every runtime runs: list acme's invitations, then invite one address. */
export const PROGRAM = `
  const cvat = tokenAuth('token-olga')(createClient({ baseUrl }))
  const list = await invitationsList(cvat, { org: 'acme' })()
  const created = await invitationsCreate(cvat, { org: 'acme', invitationWriteRequest: { role: 'worker', email } })()
  const result = {
    globalFetch: typeof globalThis.fetch,
    list: list._tag === 'Right' ? list.right.results.map((i) => i.user.username) : formatError(list.left),
    created: created._tag === 'Right' ? created.right.user.username : formatError(created.left),
  }
`

export const IMPORTS = `createClient, tokenAuth, invitationsList, invitationsCreate, formatError`

export const writeConsumerFile = (name: string, code: string | Uint8Array): string => {
  const file = join(CONSUMER, name)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, code)
  return file
}
