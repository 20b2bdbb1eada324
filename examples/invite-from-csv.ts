/**
 * Bulk-invites the people listed in a CSV file (`email,role` per line, a header line allowed).
 *
 *   CVAT_URL=https://app.cvat.ai CVAT_ACCESS_TOKEN=… CVAT_ORG=my-org tsx examples/invite-from-csv.ts team.csv
 *
 * Each distinct address is invited once; one failure never stops the rest. Prints one line per
 * address and exits 1 if any failed.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { type InvitationWriteRequest, type RoleEnum, bearerAuth, createClient, formatError, inviteMany, retry, tokenAuth } from 'cvat-fp'

const ROLES: ReadonlyArray<string> = ['worker', 'supervisor', 'maintainer', 'owner']

/** Parses `email,role` lines; returns the invitations and the lines it could not read. */
export const parseCsv = (text: string): { invitations: InvitationWriteRequest[]; rejected: string[] } => {
  const invitations: InvitationWriteRequest[] = []
  const rejected: string[] = []
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (line === '' || (i === 0 && /^email\s*,/i.test(line))) continue
    const [email = '', role = 'worker'] = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
    if (email.includes('@') && ROLES.includes(role)) invitations.push({ email, role: role as RoleEnum })
    else rejected.push(`line ${i + 1}: ${line}`)
  }
  return { invitations, rejected }
}

const main = async (): Promise<void> => {
  const [file] = process.argv.slice(2)
  const { CVAT_URL, CVAT_ORG, CVAT_ACCESS_TOKEN, CVAT_TOKEN } = process.env
  if (!file || !CVAT_URL || !CVAT_ORG || !(CVAT_ACCESS_TOKEN || CVAT_TOKEN)) {
    console.error('usage: CVAT_URL=… CVAT_ORG=… CVAT_ACCESS_TOKEN=… (or CVAT_TOKEN=…) tsx examples/invite-from-csv.ts people.csv')
    process.exitCode = 2
    return
  }
  const { invitations, rejected } = parseCsv(readFileSync(file, 'utf8'))
  rejected.forEach((r) => console.log(`skipped ${r}`))
  const auth = CVAT_ACCESS_TOKEN ? bearerAuth(CVAT_ACCESS_TOKEN) : tokenAuth(CVAT_TOKEN ?? '')
  const cvat = pipe(createClient({ baseUrl: CVAT_URL }), auth, retry())
  const outcomes = await inviteMany(cvat, { org: CVAT_ORG, invitations, concurrency: 4 })()
  for (const o of outcomes) console.log(pipe(o.result, E.match((e) => `failed  ${o.email}: ${formatError(e)}`, (inv) => `invited ${o.email} as ${inv.role}`)))
  const failed = outcomes.filter((o) => E.isLeft(o.result)).length
  console.log(`${outcomes.length - failed} invited, ${failed} failed, ${rejected.length} skipped`)
  if (failed > 0 || rejected.length > 0) process.exitCode = 1
}

void main()
