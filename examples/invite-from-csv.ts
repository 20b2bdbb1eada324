/**
 * Bulk-invites the people listed in a CSV file (`email,role` per line, a header line allowed).
 *
 *   CVAT_URL=https://app.cvat.ai CVAT_ACCESS_TOKEN=… CVAT_ORG=my-org tsx examples/invite-from-csv.ts team.csv
 *
 * Each distinct address is invited once (a repeat is reported, not dropped); one failure never
 * stops the rest. Prints one line per row and exits 1 if any failed.
 */
import { readFileSync } from 'node:fs'
import { type InvitationWriteRequest, type InviteOutcome, type RoleEnum, bearerAuth, createClient, formatError, inviteMany, retry, tokenAuth } from 'cvat-fp'

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

const lineOf = (o: InviteOutcome): string =>
  o._tag === 'Done'
    ? `invited ${o.input.email} as ${o.value.role}`
    : o._tag === 'Failed'
      ? `failed  ${o.input.email}: ${formatError(o.error)}`
      : o._tag === 'Skipped'
        ? `skipped ${o.input.email}: ${o.reason === 'duplicate' ? `same address as row ${(o.firstRow ?? 0) + 1}` : 'already a member or invited'}`
        : `not sent ${o.input.email}`

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
  const cvat = retry()(auth(createClient({ baseUrl: CVAT_URL })))
  const outcomes = await inviteMany(cvat, { org: CVAT_ORG, invitations, concurrency: 4 })()
  outcomes.forEach((o) => console.log(lineOf(o)))
  const count = (tag: InviteOutcome['_tag']) => outcomes.filter((o) => o._tag === tag).length
  const failed = count('Failed') + count('NotSent')
  console.log(`${count('Done')} invited, ${failed} failed, ${rejected.length + count('Skipped')} skipped`)
  if (failed > 0 || rejected.length > 0) process.exitCode = 1
}

void main()
