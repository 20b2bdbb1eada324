// The test tiers, chosen by folder so a new folder lands in a tier without editing this file: a
// test file belongs to the first tier that names one of its folders (at any depth under test/),
// and to `unit` when none does. CONTRIBUTING.md#tests says the same for people.
//   package   the packed tarball: packaging checks, sizes, the runtime matrix, the demo, examples
//   types     tsc over src, tests and examples; TypeDoc and every documented example
//   e2e       over real sockets on 127.0.0.1: client and emulator, the `cvat-fp` binary spawned
//   contract  against CVAT's own schemas and fixtures (Prism, schema-driven properties) and the
//             emulator's fidelity to CVAT's rules
//   unit      everything else: in-process, injected fetch or the emulator's fetch
// `npm test` (test/run.sh) runs every tier under CI=true; elsewhere it leaves `package` out
// unless asked (CVAT_FP_TEST_ALL=1, or `npm run test:all`), and says so.
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

/** Each tier and the folder names that put a test file in it, first match wins. */
export const TIERS: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['package', ['package', 'runtimes']],
  ['types', ['types']],
  ['e2e', ['e2e', 'cli']],
  ['contract', ['contract', 'fidelity']],
]

const TESTS = 'test/**/*.test.ts'
const globs = (folders: ReadonlyArray<string>) => folders.map((f) => `test/**/${f}/**/*.test.ts`)

export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where
    // most suites wait on child processes and sockets rather than compute. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Property suites take seconds; on a shared 2-core machine under load, vitest's 5 s default
    // fails them for being slow, not wrong. A hung test still fails, later.
    testTimeout: 30_000,
    projects: [
      ...TIERS.map(([name, folders], i) => ({
        extends: true as const,
        test: { name, include: globs(folders), exclude: TIERS.slice(0, i).flatMap(([, f]) => globs(f)) },
      })),
      { extends: true as const, test: { name: 'unit', include: [TESTS], exclude: TIERS.flatMap(([, f]) => globs(f)) } },
    ],
  },
})
