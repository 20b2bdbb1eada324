// cvat/apps/engine/filters.py (JsonLogicFilter, SimpleFilter, SearchFilter, OrderingFilter),
// pagination.py and the routers' URL patterns — one test per rule, over real HTTP.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../src/testing'
import { names, sb, serve } from './helpers'

const q = (filter: unknown) => `/api/users?sort=id&filter=${encodeURIComponent(typeof filter === 'string' ? filter : JSON.stringify(filter))}`
const bad = (message: string) => ({ status: 400, body: [message] })

describe('JsonLogicFilter._build_Q: CVAT\'s operators', () => {
  const s = serve()

  it.each<[string, unknown, string[]]>([
    ['==', { '==': [{ var: 'username' }, 'olga'] }, ['olga']],
    ['< on id', { '<': [{ var: 'id' }, 3] }, ['admin', 'olga']],
    ['>= on id', { '>=': [{ var: 'id' }, 8] }, ['otto', 'ivy']],
    ['<= between (three arguments)', { '<=': [2, { var: 'id' }, 3] }, ['olga', 'oscar']],
    ['in a list', { in: [{ var: 'username' }, ['wes', 'ivy']] }, ['wes', 'ivy']],
    ['in: a string contained in the field (case-sensitive)', { in: ['sc', { var: 'username' }] }, ['oscar']],
    ['! around a rule', { '!': { '<': [{ var: 'id' }, 9] } }, ['ivy']],
    ['!! around a rule', { '!!': { '==': [{ var: 'id' }, 1] } }, ['admin']],
    ['and / or', { or: [{ '==': [{ var: 'id' }, 1] }, { and: [{ '==': [{ var: 'last_name' }, 'Owner'] }, { '>': [{ var: 'id' }, 2] }] }] }, ['admin', 'oscar']],
    ['a boolean field takes "true"', { '==': [{ var: 'is_active' }, 'false'] }, []],
  ])('%s', async (_op, rule, expected) => {
    expect(names(await s.call('admin', 'GET', q(rule)))).toEqual(expected)
  })

  // The texts changed with 2.73's FilterParsingError (engine/filters.py _build_Q at ac6e63b9: "term
  // '{name}' is not supported", "operation '{op}' with arguments '{args}' is not supported").
  it.each<[string, unknown, string]>([
    ['!= is not an operator', { '!=': [{ var: 'id' }, 1] }, "filter: operation '!=' with arguments '[{'var': 'id'}, 1]' is not supported"],
    ['an unknown field', { '==': [{ var: 'email' }, 'x'] }, "filter: term 'email' is not supported"],
    ['an empty rule', {}, "filter shouldn't be empty"],
  ])('%s is a 400 with CVAT 2.73\'s text', async (_name, rule, message) => {
    expect(sb(await s.call('admin', 'GET', q(rule)))).toEqual(bad(message))
  })

  it('errors come from compiling the rule — after the permission check, even over zero rows', async () => {
    expect(sb(await s.call('wes', 'GET', `/api/users?org=globex&filter=${encodeURIComponent('{"==":[{"var":"nope"},1]}')}`))).toEqual({ status: 403, body: { detail: 'You do not have permission to perform this action.' } })
    expect(sb(await s.call('otto', 'GET', `/api/organizations?filter=${encodeURIComponent('{"==":[{"var":"nope"},1]}')}`))).toEqual(bad("filter: term 'nope' is not supported"))
  })
})

describe("JsonLogicFilter on 2.26: that generation's texts (engine/filters.py at cae4e8f7)", () => {
  const s = serve({ serverVersion: '2.26' })

  it.each<[string, unknown, string]>([
    ['!= is not an operator', { '!=': [{ var: 'id' }, 1] }, "filter: != operation with [{'var': 'id'}, 1] arguments is not implemented"],
    ['an unknown field', { '==': [{ var: 'email' }, 'x'] }, "filter: 'email' term is not supported"],
    ['an empty rule', {}, "filter shouldn't be empty"],
    ['broken JSON', '{"==":', 'filter: Json syntax should be used'],
  ])('%s is a 400 with CVAT 2.26\'s text', async (_name, rule, message) => {
    expect(sb(await s.call('admin', 'GET', q(rule)))).toEqual(bad(message))
  })
})

describe('SimpleFilter, SearchFilter, OrderingFilter, pagination', () => {
  const s = serve()

  it('a simple ?field= filter is exact equality (JSON Logic ==), not a search', async () => {
    expect(names(await s.call('admin', 'GET', '/api/users?username=olg'))).toEqual([])
    expect(names(await s.call('admin', 'GET', '/api/users?username=olga'))).toEqual(['olga'])
    expect(names(await s.call('admin', 'GET', '/api/users?is_active=true&last_name=Owner'))).toEqual(['oscar', 'olga'])
  })

  it('sort: unknown fields are dropped, and with none left the default order (-id) applies', async () => {
    expect(names(await s.call('admin', 'GET', '/api/users?sort=email,-nothing&page_size=3'))).toEqual(['ivy', 'otto', 'wendy'])
    expect(names(await s.call('admin', 'GET', '/api/users?sort=-last_name,username&page_size=3'))).toEqual(['wendy', 'wes', 'sam'])
  })

  it('page_size: a positive integer or `all`; anything else falls back to 10', async () => {
    expect(((await s.call('admin', 'GET', '/api/users?page_size=0')).body as { results: unknown[] }).results.length).toBe(9)
    expect(((await s.call('admin', 'GET', '/api/users?page_size=2')).body as { next: string }).next).toBe(`${s.served.url}/api/users?page=2&page_size=2`)
  })
})

describe('urls.py: DRF routers without trailing slashes', () => {
  const s = serve()
  it.each(['/api/users/', '/api/organizations/', '/api/memberships/1/', '/api/invitations/', '/api/auth/login/', '/api/projects/', '/api/cloudstorages'])('%s is Django\'s 404', async (path) => {
    expect(sb(await s.call('admin', 'GET', path))).toEqual({ status: 404, body: { detail: 'Not found.' } })
  })
})

describe('any filter value', () => {
  const emulator = createCvatEmulator()

  it('property: an arbitrary JSON filter is a page or a 400 with one message, never a crash', async () => {
    const op = fc.constantFrom('and', 'or', '!', '!!', 'var', '==', '!=', '<', '<=', '>', '>=', 'in', 'x')
    const rule = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), fc.dictionary(op, tie('node'), { minKeys: 1, maxKeys: 2 }), fc.array(tie('node'), { maxLength: 3 }), fc.record({ var: fc.constantFrom('id', 'username', 'is_active', 'email', 1) })),
    })).node
    await fc.assert(
      fc.asyncProperty(rule, async (r) => {
        const res = await emulator.fetch(`http://x${q(r)}`, { headers: { authorization: 'Token token-admin' } })
        const body = await res.json()
        if (res.status === 200) expect(Object.keys(body)).toEqual(['count', 'next', 'previous', 'results'])
        else expect([res.status, Array.isArray(body) && body.length === 1 && typeof body[0] === 'string']).toEqual([400, true])
      }),
      { numRuns: 400 },
    )
  })
})
