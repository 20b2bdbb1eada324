// Every component of CVAT's whole schemas (2.26.2 and 2.73.0, 210 in all) against its generated
// codec, with values generated from the schemas themselves (test/helpers/schema.ts, written apart
// from the generator): what the loosest union of the two versions allows decodes to itself
// (answers keep fields the schema does not know, bodies drop them); a value broken at any depth
// decodes exactly when the merged schema still allows it; each answer model's fast guard agrees
// with its explaining decoder.
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import type * as D from 'io-ts/Decoder'
import type * as G from 'io-ts/Guard'
import { beforeAll, describe, expect, it } from 'vitest'
import { DELETE, breakField } from '../helpers/breaking'
import { type Schema, allows, arbitraryOf, mergeSchema } from '../helpers/schema'
import { hasShared, skipReason } from '../helpers/shared'
import { documents } from './whole'

const isRequest = (name: string): boolean => /.Request$/.test(name)
const REPLACEMENTS: ReadonlyArray<unknown> = [DELETE, null, 'x', '', 1.5, 7, [], {}, true, 'a'.repeat(300), 'no such value!']

interface Module {
  readonly codec: D.Decoder<unknown, unknown>
  readonly guard?: G.Guard<unknown, unknown>
  readonly decoder?: D.Decoder<unknown, unknown>
}

describe.skipIf(!hasShared)(`every component of the full schemas against its generated codec ${skipReason}`, () => {
  const [older, newer] = documents.map(([, d]) => d.components.schemas as unknown as Record<string, Schema>) as [Record<string, Schema>, Record<string, Schema>]
  const names = hasShared ? [...new Set([...Object.keys(older), ...Object.keys(newer)])].sort() : []
  const merged = Object.fromEntries(names.map((n) => [n, mergeSchema(older[n], newer[n])]))
  const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })
  const modules = new Map<string, Module>()

  beforeAll(async () => {
    for (const name of names) {
      const m = (await import(`../../src/generated/models/${name}.ts`)) as Record<string, unknown>
      modules.set(name, {
        codec: m[name] as D.Decoder<unknown, unknown>,
        ...(m[`${name}Guard`] ? { guard: m[`${name}Guard`] as G.Guard<unknown, unknown> } : {}),
        ...(m[`${name}Decoder`] ? { decoder: m[`${name}Decoder`] as D.Decoder<unknown, unknown> } : {}),
      })
    }
  })

  it('has 210 components, each with its codec; every answer model (not an enum) with its guard and decoder', () => {
    expect(names.length).toBe(210)
    expect(names.filter((n) => typeof modules.get(n)?.codec.decode !== 'function')).toEqual([])
    const answers = names.filter((n) => !isRequest(n) && merged[n]!.enum === undefined)
    expect(answers.filter((n) => modules.get(n)?.guard === undefined || modules.get(n)?.decoder === undefined)).toEqual([])
  })

  it.each(names)('%s: every value the merged schema allows decodes to itself', (name) => {
    const { codec } = modules.get(name)!
    fc.assert(
      fc.property(arbitraryOf(merged, ref(name), !isRequest(name)), ({ value, expected }) => {
        expect(allows(merged, ref(name), value, isRequest(name))).toBe(true)
        expect(codec.decode(value)).toEqual(E.right(expected))
      }),
      { numRuns: 15 },
    )
  })

  it.each(names)('%s: a value broken at any depth decodes exactly when the merged schema allows it; the guard agrees', (name) => {
    const { codec, guard, decoder } = modules.get(name)!
    const broken = fc
      .tuple(arbitraryOf(merged, ref(name), !isRequest(name)), fc.nat(), fc.constantFrom(...REPLACEMENTS), fc.nat(9))
      .map(([{ value }, pick, replacement, whole]) => ((whole === 0 || typeof value !== 'object' || value === null) && replacement !== DELETE ? replacement : breakField(value, pick, replacement)))
    fc.assert(
      fc.property(broken, (value) => {
        expect(E.isRight(codec.decode(value))).toBe(allows(merged, ref(name), value, isRequest(name)))
        if (guard && decoder) expect(guard.is(value)).toBe(E.isRight(decoder.decode(value)))
      }),
      { numRuns: 25 },
    )
  })
})
