import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { problemsOf } from '../../src/cli/problems'
import { TaskWriteRequest } from '../../src/generated/models/TaskWriteRequest'

const left = (value: unknown) => {
  const r = TaskWriteRequest.decode(value)
  return E.isLeft(r) ? r.left : expect.fail('expected a Left')
}

describe('problemsOf', () => {
  it('names each failing field by its path, its value cut to 40 characters', () => {
    expect(problemsOf(left({ name: 'x'.repeat(300), labels: [{ name: 'car', attributes: [{ name: 'a', mutable: 'yes' }] }] }))).toBe(
      'name: cannot decode "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…, should be string (1..256 characters); ' +
        'labels[0].attributes[0].mutable: cannot decode "yes", should be boolean; ' +
        'labels[0].attributes[0].input_type: cannot decode undefined, should be "checkbox" | "radio" | "number" | "text" | "select"; ' +
        'labels[0].attributes[0].values: cannot decode undefined, should be Array<unknown>',
    )
  })

  it('says at most five and counts the rest', () => {
    const labels = Array.from({ length: 9 }, () => ({ name: '' }))
    expect(problemsOf(left({ name: 't', labels }))).toBe(
      Array.from({ length: 5 }, (_, i) => `labels[${i}].name: cannot decode "", should be string (1..64 characters)`).join('; ') + '; and 4 more',
    )
  })
})
