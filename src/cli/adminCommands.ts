/**
 * The organisation admin's commands: the emulator to try them on, logging in, organisations,
 * members and invitations. Each entry is a command's options, its help and what it runs.
 */
import { type Command, connected } from './command'
import { emulator } from './emulator'
import { bulkByKey, invite, list } from './invitations'
import { loginCommand } from './login'
import { ROLES, memberChange, membersList, orgsList } from './members'

const ORG = { org: { type: 'string' } } as const
const WRITE = { 'dry-run': { type: 'boolean' }, concurrency: { type: 'string' } } as const

/** The organisation admin's commands, by their words. */
export const ADMIN_COMMANDS: Readonly<Record<string, Command>> = {
  emulator: {
    options: { port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, server: { type: 'string' } },
    help: `cvat-fp emulator [--port N] [--host 127.0.0.1] [--seed demo|empty|FILE.json] [--server 2.26|2.73] [--json]
Serves the CVAT emulator over HTTP; prints its URL and the seeded users' credentials. Ctrl-C stops it.`,
    run: (io, values, _p, stopped) => emulator(io, values, stopped),
  },
  login: {
    options: { username: { type: 'string' } },
    help: `cvat-fp login [--username NAME] [--json]
Logs in and prints only the token: export CVAT_TOKEN=$(cvat-fp login). The username comes from
--username or CVAT_USERNAME; the password only from CVAT_PASSWORD or a no-echo prompt on a terminal.`,
    run: (io, values) => loginCommand(io, values),
  },
  'orgs list': {
    options: {},
    help: `cvat-fp orgs list [--json]
Lists the organisations you own or belong to.`,
    run: connected(false, (io, client, f) => orgsList(io, client, f)),
  },
  'members list': {
    options: { ...ORG },
    help: `cvat-fp members list --org SLUG [--json]
Lists the organisation's members, with role and state (pending until they accept).`,
    run: connected(true, (io, client, f) => membersList(io, client, f)),
  },
  'members set-role': {
    options: { ...ORG, 'dry-run': { type: 'boolean' } },
    positionals: true,
    help: `cvat-fp members set-role --org SLUG USERNAME ROLE [--dry-run] [--json]
Changes a member's role (${ROLES.join(', ')}).`,
    run: connected(true, (io, client, f, args) => memberChange(io, client, f, args, 'set-role')),
  },
  'members remove': {
    options: { ...ORG, 'dry-run': { type: 'boolean' } },
    positionals: true,
    help: `cvat-fp members remove --org SLUG USERNAME [--dry-run] [--json]
Removes a member from the organisation (their invitation goes too).`,
    run: connected(true, (io, client, f, args) => memberChange(io, client, f, args, 'remove')),
  },
  'invitations list': {
    options: { ...ORG, pending: { type: 'boolean' } },
    help: `cvat-fp invitations list --org SLUG [--pending] [--json]
Lists every invitation of the organisation (--pending: not accepted yet).`,
    run: connected(true, (io, client, f) => list(io, client, f)),
  },
  'invitations invite': {
    options: { ...ORG, ...WRITE, role: { type: 'string' }, csv: { type: 'string' }, 'skip-existing': { type: 'boolean' } },
    positionals: true,
    help: `cvat-fp invitations invite --org SLUG (--role ROLE EMAIL… | --csv FILE) [--skip-existing] [--concurrency N] [--dry-run] [--json]
Invites each address once (CSV: email,role per line, header optional). --skip-existing reports
"already a member / already invited" as skipped, not failed. --dry-run shows what would be sent.`,
    run: connected(true, (io, client, f, emails) => invite(io, client, f, emails)),
  },
  'invitations resend': {
    options: { ...ORG, ...WRITE, pending: { type: 'boolean' }, 'older-than': { type: 'string' } },
    help: `cvat-fp invitations resend --org SLUG [--pending] [--older-than 7d] [--concurrency N] [--dry-run] [--json]
Resends invitations (--pending: not accepted; --older-than: created at least that long ago, h or d).
CVAT allows 5 resends per hour: after its 429 nothing more is sent (those rows are "not sent").
A resend renews the invitation's expiry.`,
    run: connected(true, (io, client, f) => bulkByKey(io, client, f, 'resend')),
  },
  'invitations cleanup': {
    options: { ...ORG, ...WRITE, expired: { type: 'boolean' }, 'older-than': { type: 'string' }, 'remove-membership': { type: 'boolean' } },
    help: `cvat-fp invitations cleanup --org SLUG [--expired] [--older-than 30d] [--remove-membership] [--concurrency N] [--dry-run] [--json]
Deletes pending invitations that match every criterion given (at least one of --expired, --older-than).
Deleting an invitation leaves the person's pending membership (CVAT's rule), so they stay
"pending": a plain re-invite is refused and --skip-existing skips them. --remove-membership
deletes that pending membership instead, which takes the invitation with it.
A resend renews an invitation's expiry: resend, then cleanup --expired, finds nothing.`,
    run: connected(true, (io, client, f) => bulkByKey(io, client, f, 'cleanup')),
  },
}
