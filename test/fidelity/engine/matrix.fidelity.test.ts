// CVAT's own permission matrices (cvat/apps/engine/rules/tests/configs/{projects,tasks,jobs}.csv at
// cae4e8f7) against the emulator's rego predicates, case by case as CVAT's generators enumerate
// them (rules/tests/generators/*_test.gen.rego.py: every scope × context × ownership × IAM group ×
// org role × same/other organisation; the expected answer is "some CSV row allows it"). The CSVs
// are read from a local git mirror of cvat-ai/cvat ($CVAT_REPO), never copied here.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RoleEnum } from '../../../src/generated/models/RoleEnum'
import type { EmulatedUser, Group } from '../../../src/testing/model'
import { type Auth, jobAllows, projectAllows, taskAllows } from '../../../src/testing/engine/perms'
import { sharedDir } from '../../helpers/shared'

const repo = process.env['CVAT_REPO'] ?? resolve(sharedDir, '../../.mirror/Christanding+cvat-yolo26-annotation-tool/repo')
const COMMIT = 'cae4e8f77d676be3990d838d32cb655461027b07'
const hasRepo = existsSync(repo)

type Row = Record<string, string>

// read_rules: lower-case, "n/a" → "na", and a row per value of a comma-separated cell.
const readRules = (name: string): Row[] => {
  const text = execFileSync('git', ['-C', repo, 'show', `${COMMIT}:cvat/apps/engine/rules/tests/configs/${name}.csv`], { encoding: 'utf8' })
  const cells = (line: string) => [...line.matchAll(/"([^"]*)"|([^,]+)|(?<=,)(?=,|$)/g)].map((m) => (m[1] ?? m[2] ?? '').trim())
  const [head, ...lines] = text.trim().split('\n')
  const keys = cells(head!).map((k) => k.toLowerCase())
  const rows: Row[] = []
  for (const line of lines) {
    const row = Object.fromEntries(cells(line).map((v, i) => [keys[i]!, v.toLowerCase().replace('n/a', 'na')]))
    const split = Object.entries(row).filter(([k, v]) => !['limit', 'method', 'url', 'resource'].includes(k) && v.includes(','))
    if (split.length === 0) rows.push(row)
    for (const [k, v] of split) for (const item of v.split(',')) rows.push({ ...row, [k]: item.trim() })
  }
  return rows
}

const GROUPS = ['admin', 'user', 'worker', 'none'] as const
const ROLES = ['owner', 'maintainer', 'supervisor', 'worker', null] as const

const expected = (rules: Row[], scope: string, ctx: string, ownership: string, privilege: string, role: string | null, sameOrg: boolean): boolean => {
  if (privilege === 'admin') return true
  if (ctx === 'organization' && !sameOrg) return false
  return rules.some(
    (r) =>
      r['scope'] === scope &&
      (r['context'] === 'na' || r['context'] === ctx) &&
      (r['ownership'] === 'na' || r['ownership'] === ownership) &&
      (r['membership'] === 'na' || ROLES.indexOf(role as never) <= ROLES.indexOf(r['membership'] as never)) &&
      (r['strict_privilege'] === 'true' ? privilege === r['privilege'] : GROUPS.indexOf(privilege as never) <= GROUPS.indexOf(r['privilege'] as never)),
  )
}

const ME = 7
const user = (privilege: string): EmulatedUser => ({
  id: ME, username: 'u', email: 'u@x', firstName: '', lastName: '', groups: privilege === 'none' ? [] : [privilege as Group], isStaff: false, isSuperuser: false,
  isActive: true, password: '', dateJoined: 0, lastLogin: null, hasAnalyticsAccess: false, isPlaceholder: false,
})
const auth = (privilege: string, ctx: string, role: RoleEnum | null): Auth => ({
  user: user(privilege),
  org: ctx === 'organization' ? { id: 100, slug: 'o', name: 'o', description: '', contact: {}, ownerId: role === 'owner' ? ME : 200, createdDate: 0, updatedDate: 0 } : null,
  role: role ?? undefined,
})
const mine = (ownership: string, key: string) => (ownership === key ? ME : 900 + key.length)

// Every case of a generator, as [scope, context, ownership, privilege, role, sameOrg].
const cases = (rules: Row[], ownerships: ReadonlyArray<string>, skip: (scope: string, ownership: string) => boolean) => {
  const out: Array<[string, string, string, string, RoleEnum | null, boolean]> = []
  for (const scope of [...new Set(rules.map((r) => r['scope']!))].filter((s) => s !== 'list'))
    for (const ctx of ['sandbox', 'organization'])
      for (const ownership of ownerships)
        for (const privilege of GROUPS)
          for (const role of ctx === 'sandbox' ? [null] : ROLES)
            for (const sameOrg of ctx === 'sandbox' ? [true] : [true, false]) if (!skip(scope, ownership)) out.push([scope, ctx, ownership, privilege, role, sameOrg])
  return out
}

describe.skipIf(!hasRepo)(`engine rego predicates against CVAT's permission matrices${hasRepo ? '' : ` (skipped: no cvat-ai/cvat mirror at ${repo}; set CVAT_REPO)`}`, () => {
  it('projects.csv: every scope but list', () => {
    const rules = readRules('projects')
    const wrong = cases(rules, ['owner', 'assignee', 'none'], (scope, o) => (scope === 'create' || scope === 'import:backup') && o !== 'none').filter(([scope, ctx, o, p, role, same]) => {
      const r = { ownerId: mine(o, 'owner'), assigneeId: mine(o, 'assignee'), orgId: same ? 100 : 101 }
      return projectAllows(scope as never, auth(p, ctx, role), r, '2.26') !== expected(rules, scope, ctx, o, p, role, same)
    })
    expect(wrong).toEqual([])
  })

  it('tasks.csv: every scope but list', () => {
    const rules = readRules('tasks')
    const wrong = cases(rules, ['project:owner', 'project:assignee', 'owner', 'assignee', 'none'], (scope, o) => (scope.startsWith('create') && (o === 'owner' || o === 'assignee')) || ((scope === 'create' || scope === 'import:backup') && o !== 'none')).filter(
      ([scope, ctx, o, p, role, same]) => {
        const r = { ownerId: mine(o, 'owner'), assigneeId: mine(o, 'assignee'), orgId: same ? 100 : 101, project: { ownerId: mine(o, 'project:owner'), assigneeId: mine(o, 'project:assignee') } }
        return taskAllows(scope as never, auth(p, ctx, role), r, '2.26') !== expected(rules, scope, ctx, o, p, role, same)
      },
    )
    expect(wrong).toEqual([])
  })

  it('jobs.csv: every scope but list', () => {
    const rules = readRules('jobs')
    const wrong = cases(rules, ['project:owner', 'project:assignee', 'task:owner', 'task:assignee', 'assignee', 'none'], () => false).filter(([scope, ctx, o, p, role, same]) => {
      const r = { assigneeId: mine(o, 'assignee'), orgId: same ? 100 : 101, task: { ownerId: mine(o, 'task:owner'), assigneeId: mine(o, 'task:assignee') }, project: { ownerId: mine(o, 'project:owner'), assigneeId: mine(o, 'project:assignee') } }
      return jobAllows(scope as never, auth(p, ctx, role), r, '2.26') !== expected(rules, scope, ctx, o, p, role, same)
    })
    expect(wrong).toEqual([])
  })
})
