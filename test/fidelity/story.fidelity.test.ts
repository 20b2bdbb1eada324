// The administrator's story over real HTTP, against both server generations (issue 12, "Proof").
import { describe, expect, it } from 'vitest'
import { serve } from './helpers'
import { STORY, adminStory } from './story'

describe.each(['2.26', '2.73'] as const)('the admin story on %s', (version) => {
  const server = serve({ serverVersion: version })
  it('register → login → create org → invite → accept → members → role → remove → delete org', async () => {
    expect(await adminStory(server.call, version)).toEqual(STORY[version])
  })
})
