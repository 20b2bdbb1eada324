// CVAT's REST-test database (tests/python/shared/assets/*.json at cae4e8f7) for the engine suites:
// the fixture files as seed, and small readers over them (like CVAT's conftest fixtures).
import type { CvatAssets, CvatEmulatorOptions } from '../../../src/testing'
import { hasShared, readSharedJson } from '../../helpers/shared'
import { type Answer, type Server, serve } from '../helpers'

const NAMES = ['users', 'organizations', 'memberships', 'invitations', 'projects', 'tasks', 'jobs', 'labels', 'issues', 'comments', 'cloudstorages'] as const

/** A fixture object: CVAT's JSON as dumped. */
export type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** The `results` of a fixture file. */
export const fixture = (name: (typeof NAMES)[number]): Obj[] => (hasShared ? readSharedJson<{ results: Obj[] }>(`assets/${name}.json`).results : [])

/** Every fixture file as the emulator's `assets` option. */
export const cvatAssets = (): CvatAssets =>
  hasShared ? ({ ...Object.fromEntries(NAMES.map((n) => [n, fixture(n)])), annotations: readSharedJson('assets/annotations.json') } as CvatAssets) : {}

/** Serves an emulator holding CVAT's test database (2.26 unless told). */
export const serveFixtures = (options: CvatEmulatorOptions = {}): Server =>
  serve({ serverVersion: '2.26', defaultSeed: false, assets: cvatAssets(), now: () => Date.parse('2025-02-04T00:00:00Z'), ...options })

/** Rewrites the fixtures' origin (http://localhost:8080) to the served emulator's. */
export const rebase = <A>(v: A, origin: string): A => JSON.parse(JSON.stringify(v).replaceAll('http://localhost:8080', origin)) as A

/** The results of a list answer. */
export const results = (a: Answer): Obj[] => (a.body as { results?: Obj[] }).results ?? []

/** Ids of a list answer, sorted. */
export const ids = (a: Answer): number[] => results(a).map((r) => r['id'] as number).sort((x, y) => x - y)

/** The user of a fixture username. */
export const userNamed = (name: string): Obj => fixture('users').find((u) => u['username'] === name) ?? {}

/** Active memberships as (username, org id, role). */
export const members = (): Array<{ username: string; org: number; role: string }> =>
  fixture('memberships').filter((m) => m['is_active']).map((m) => ({ username: m['user']['username'], org: m['organization'], role: m['role'] }))

/** The IAM group of a fixture user ('none' when in no group). */
export const privilegeOf = (name: string): string => (userNamed(name)['groups'] as string[] | undefined)?.[0] ?? 'none'
