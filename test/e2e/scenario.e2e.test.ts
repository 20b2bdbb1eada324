import { describe, expect, it } from 'vitest'
import { useEmulator } from './helpers'
import { EXPECTED, scenario } from './scenario'

// 2.70 removed PATCH /api/invitations/{key}; every other step answers the same on both generations.
const EXPECTED_2_73 = EXPECTED.map(([label, outcome]) =>
  label === 'olga patches a role (CVAT crashes)' ? ([label, { status: 405, body: { _tag: 'Detail', detail: 'Method "PATCH" not allowed.' } }] as const) : ([label, outcome] as const),
)

describe.each([
  ['2.26', EXPECTED],
  ['2.73', EXPECTED_2_73],
] as const)('the owner scenario, directly against the emulator (%s) over HTTP', (serverVersion, expected) => {
  // The scenario follows the e-mail flow (ORG_INVITATION_CONFIRM on).
  const live = useEmulator({ serverVersion, confirmInvitations: true })
  it('yields the expected transcript', async () => {
    expect(await scenario((u) => live.as(u))).toEqual(expected)
  })
})
