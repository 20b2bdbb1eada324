// The emulator never answers 5xx for hostile input, and emulator.fetch never rejects. Issue 20:
// one create storing a deeply nested organisation `contact` made every later list of
// organisations answer 500 (rendering it overflowed the stack) and the create's own answer made
// emulator.fetch reject; JSON Logic filters naming `constructor`, `__proto__`, `toString` or
// `hasOwnProperty` found Object.prototype's members where a field was expected: a 500, where CVAT
// answers 400 "filter: term '<name>' is not supported" (cvat/apps/engine/filters.py at 2.73,
// _build_Q: a var not in filter_fields; 2.26 says "filter: '<name>' term is not supported").
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../src/testing'

const olga = { authorization: 'Token token-olga', 'content-type': 'application/json' }

const call = async (emulator: ReturnType<typeof createCvatEmulator>, method: string, path: string, body?: string) => {
  const res = await emulator.fetch(`http://cvat.test${path}`, { method, headers: olga, ...(body === undefined ? {} : { body }) }).then(
    (r) => r,
    (e: unknown) => `rejected: ${String(e)}`,
  )
  if (typeof res === 'string') return { status: 0, body: res }
  const text = await res.text()
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

describe('a body nested past what CVAT can parse', () => {
  // CPython's json module parses recursively: past the recursion limit (1000) CVAT cannot read
  // the body at all (RecursionError: a 500 there, a 400 here, as for filters).
  it.each([
    ['an organisation contact 5,000 deep', '/api/organizations', (deep: string) => `{"slug":"deep","name":"Deep","contact":${deep}}`],
    ['an organisation contact 200,000 deep', '/api/organizations', (deep: string) => `{"slug":"deep","name":"Deep","contact":${deep}}`],
    ['a whole body 5,000 deep', '/api/organizations', (deep: string) => deep],
  ])('%s is a 400 that stores nothing; later lists still answer', async (name, path, body) => {
    const depth = name.includes('200,000') ? 200_000 : 5_000
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`
    const emulator = createCvatEmulator({ maxBodyBytes: 1_000_000 })
    const created = await call(emulator, 'POST', path, body(deep))
    expect(created).toEqual({ status: 400, body: { detail: 'JSON parse error - maximum recursion depth exceeded while decoding a JSON array from a unicode string' } })
    expect((await call(emulator, 'GET', '/api/organizations')).status).toBe(200)
    expect(emulator.state.organizations.map((o) => o.slug)).not.toContain('deep')
  })

  it('a contact 800 deep (within what CVAT parses) is stored, rendered and listed', async () => {
    const deep = `${'['.repeat(800)}${']'.repeat(800)}`
    const emulator = createCvatEmulator()
    const created = await call(emulator, 'POST', '/api/organizations', `{"slug":"deep","name":"Deep","contact":${deep}}`)
    expect(created.status).toBe(201)
    const listed = await call(emulator, 'GET', '/api/organizations?slug=deep')
    expect([listed.status, JSON.stringify((listed.body as { results: Array<{ contact: unknown }> }).results[0]?.contact)]).toEqual([200, deep])
  })
})

describe('JSON Logic naming what every JavaScript object has', () => {
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf']
  const lists = ['/api/users', '/api/organizations', '/api/memberships', '/api/invitations', '/api/auth/access_tokens']
  it.each(names)('a filter on %s is CVAT\'s 400 on every list', async (name) => {
    const emulator = createCvatEmulator()
    const answers = await Promise.all(
      lists.map((list) => call(emulator, 'GET', `${list}?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: name }, 1] }))}`)),
    )
    // CVAT 2.73's text (engine/filters.py FilterParsingError), the emulator's default generation.
    expect(answers).toEqual(lists.map(() => ({ status: 400, body: [`filter: term '${name}' is not supported`] })))
  })

  it.each(names)('a simple filter, a search or a sort on %s never answers 5xx', async (name) => {
    const emulator = createCvatEmulator()
    const answers = await Promise.all(lists.flatMap((list) => [`${list}?${name}=1`, `${list}?sort=${name}`, `${list}?search=${name}`].map((path) => call(emulator, 'GET', path))))
    expect(answers.filter((a) => a.status >= 500 || a.status === 0)).toEqual([])
  })
})
