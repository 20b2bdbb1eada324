import { describe, expect, it } from 'vitest'
import { useEmulator } from './helpers'
import { EXPECTED, scenario } from './scenario'

describe('the owner scenario, directly against the emulator over HTTP', () => {
  const live = useEmulator({ serverVersion: '2.26' })
  it('yields the expected transcript', async () => {
    expect(await scenario((u) => live.as(u))).toEqual(EXPECTED)
  })
})
