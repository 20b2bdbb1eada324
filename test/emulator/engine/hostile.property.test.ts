// The engine routes hold the emulator's guarantees for any input: `emulator.fetch` resolves, the
// status is below 500, a JSON answer's body is JSON (CVAT answers some with text: 2.73's 410 for a
// retired export by `?action=`), and the server keeps answering afterwards.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCvatEmulator } from '../../../src/testing'

// Each property gets a fresh demo server: the first one deletes things at random.
const fresh = () => createCvatEmulator({ seed: 'demo' })
const auth = (who: string) => ({ authorization: `Token token-${who}` })

const PATHS = [
  '/api/projects', '/api/projects/1', '/api/projects/999', '/api/tasks', '/api/tasks/1', '/api/tasks/1/annotations', '/api/tasks/x/annotations',
  '/api/jobs', '/api/jobs/1', '/api/jobs/2/annotations', '/api/jobs/99999999999999999999', '/api/labels', '/api/labels/1', '/api/labels/2',
  '/api/issues', '/api/issues/1', '/api/comments', '/api/comments/1',
]
const QUERY_KEYS = ['org', 'org_id', 'filter', 'search', 'sort', 'page', 'page_size', 'project_id', 'task_id', 'job_id', 'action', 'format', 'name', 'owner', 'type', 'stage', 'parent_job_id']

const answered = async (res: Response, method: string) => {
  expect(res.status).toBeLessThan(500)
  const text = await res.text()
  const json = /json/.test(res.headers.get('content-type') ?? '')
  if (method !== 'HEAD' && text !== '' && json) expect(() => JSON.parse(text)).not.toThrow()
}

// Values shaped like the engine's bodies: mostly valid (the demo's labels 1–3, attribute 1 on
// `car`, frames 0–9) so writes get past validation, with any JSON now and then where a field goes.
const anyJson = fc.anything({ maxDepth: 3 })
const field = <A>(known: fc.Arbitrary<A>) => fc.oneof({ arbitrary: known, weight: 15 }, { arbitrary: anyJson, weight: 1 })
const attribute = fc.record({ spec_id: field(fc.constantFrom(1, 2)), value: field(fc.constantFrom('red', 'blue', 'x')) })
const point = fc.double({ min: -1e6, max: 1e6, noNaN: true })
const shape = fc.record(
  { id: field(fc.constantFrom(null, null, null, 5)), type: field(fc.constantFrom('rectangle', 'points', 'skeleton', 'polygon')), frame: field(fc.integer({ min: 0, max: 9 })), label_id: field(fc.constantFrom(1, 2, 3)), points: field(fc.array(point, { maxLength: 8 })), attributes: field(fc.oneof({ arbitrary: fc.constant([]), weight: 4 }, { arbitrary: fc.array(attribute, { maxLength: 1 }), weight: 1 })), elements: fc.array(field(fc.constant({ type: 'points', frame: 0, label_id: 1, points: [1, 2] })), { maxLength: 1 }), rotation: field(fc.double({ min: 0, max: 360, noNaN: true })), group: field(fc.constantFrom(null, 0, 1)), outside: field(fc.boolean()) },
  { requiredKeys: ['type', 'frame', 'label_id'] },
)
const keyframe = fc.record({ type: field(fc.constantFrom('rectangle', 'points')), frame: field(fc.integer({ min: 0, max: 9 })), points: field(fc.array(point, { minLength: 4, maxLength: 4 })), outside: field(fc.boolean()) }, { requiredKeys: ['type', 'frame'] })
const track = fc.record({ frame: field(fc.integer({ min: 0, max: 9 })), label_id: field(fc.constantFrom(1, 2)), shapes: field(fc.array(keyframe, { maxLength: 3 })), elements: field(fc.array(fc.record({ label_id: field(fc.constantFrom(1, 2)), frame: field(fc.integer({ min: 0, max: 9 })), shapes: fc.array(keyframe, { maxLength: 2 }) }), { maxLength: 1 })) }, { requiredKeys: ['frame', 'label_id', 'shapes'] })
const tag = fc.record({ id: field(fc.constantFrom(null, null, 99)), frame: field(fc.integer({ min: 0, max: 9 })), label_id: field(fc.constantFrom(1, 2, 3)) }, { requiredKeys: ['frame', 'label_id'] })
const labeledData = fc.record({ version: field(fc.nat()), tags: field(fc.array(tag, { maxLength: 3 })), shapes: field(fc.array(shape, { maxLength: 4 })), tracks: field(fc.array(track, { maxLength: 2 })) }, { requiredKeys: [] })
const label = fc.record({ id: field(fc.constantFrom(1, 2, 3, 9)), name: field(fc.string({ maxLength: 70 })), color: field(fc.constantFrom('#ff0000', '')), type: field(fc.constantFrom('any', 'skeleton', 'points')), deleted: field(fc.boolean()), svg: field(fc.string()), attributes: field(fc.array(fc.record({ id: field(fc.constantFrom(1, 7)), name: field(fc.string({ maxLength: 5 })), mutable: field(fc.boolean()), input_type: field(fc.constantFrom('select', 'text')), values: field(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 })), default_value: field(fc.string({ maxLength: 5 })) }, { requiredKeys: [] }), { maxLength: 2 })), sublabels: field(fc.array(fc.record({ name: field(fc.string({ maxLength: 5 })), type: field(fc.constantFrom('points')) }), { maxLength: 2 })) }, { requiredKeys: [] })
const writeBody = fc.record({ name: field(fc.string({ maxLength: 300 })), labels: field(fc.array(label, { maxLength: 3 })), project_id: field(fc.constantFrom(null, 1, 2)), owner_id: field(fc.constantFrom(null, 1, 2, 99)), assignee_id: field(fc.constantFrom(null, 2, 6)), assignee: field(fc.constantFrom(null, 2, 6)), bug_tracker: field(fc.string({ maxLength: 5 })), subset: field(fc.string({ maxLength: 5 })), segment_size: field(fc.integer({ min: -1, max: 12 })), overlap: field(fc.integer({ min: -1, max: 6 })), consensus_replicas: field(fc.integer({ min: 0, max: 13 })), source_storage: field(fc.record({ location: fc.constantFrom('local', 'cloud_storage'), cloud_storage_id: fc.constantFrom(null, 1) }, { requiredKeys: [] })), stage: field(fc.constantFrom('annotation', 'validation', 'acceptance')), state: field(fc.constantFrom('new', 'completed')), task_id: field(fc.constantFrom(1, 2)), type: field(fc.constantFrom('ground_truth', 'annotation')), frame_selection_method: field(fc.constantFrom('manual', 'random_uniform', 'random_per_job')), frames: field(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 4 })), frame_count: field(fc.integer({ min: 0, max: 12 })), frame_share: field(fc.double({ min: -1, max: 2, noNaN: true })) }, { requiredKeys: [] })

describe('engine routes under hostile input', () => {
  it('property: any method, engine path, query, caller and JSON body answers below 500', async () => {
    const emulator = fresh()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'),
        fc.constantFrom(...PATHS),
        fc.dictionary(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.string(), fc.constantFrom('1', '', 'all', 'update', 'delete', 'create', 'acme', '{"==":[{"var":"id"},1]}')), { maxKeys: 4 }),
        fc.oneof(anyJson, writeBody, labeledData).map((v) => JSON.stringify(v) ?? 'null'),
        fc.constantFrom('olga', 'admin', 'wes', 'otto', 'mia'),
        async (method, path, query, body, who) => {
          const qs = new URLSearchParams(query).toString()
          const res = await emulator.fetch(`http://x${path}${qs ? `?${qs}` : ''}`, { method, headers: { ...auth(who), 'content-type': 'application/json' }, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) })
          await answered(res, method)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('property: annotation bodies shaped like LabeledData, on jobs and tasks, by every action (many get past validation)', async () => {
    const emulator = fresh()
    let written = 0
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('PUT', 'PATCH'), fc.constantFrom('/api/jobs/1/annotations', '/api/jobs/2/annotations', '/api/tasks/1/annotations'), fc.constantFrom('create', 'update', 'delete', 'x'), labeledData, async (method, path, act, data) => {
        const res = await emulator.fetch(`http://x${path}?action=${act}`, { method, headers: { ...auth('admin'), 'content-type': 'application/json' }, body: JSON.stringify(data) })
        if (res.status === 200) written++
        await answered(res, method)
        await answered(await emulator.fetch(`http://x${path}`, { headers: auth('admin') }), 'GET')
      }),
      { numRuns: 300 },
    )
    expect(written).toBeGreaterThan(30)
  })

  it('property: project, task and job bodies with any field values, created and patched', async () => {
    const emulator = fresh()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('POST /api/projects', 'POST /api/tasks', 'POST /api/jobs', 'PATCH /api/projects/1', 'PATCH /api/tasks/1', 'PATCH /api/jobs/1', 'PATCH /api/labels/1'), writeBody, fc.constantFrom('admin', 'olga', 'wes'), async (line, body, who) => {
        const [method, path] = line.split(' ') as [string, string]
        const res = await emulator.fetch(`http://x${path}?org=acme`, { method, headers: { ...auth(who), 'content-type': 'application/json' }, body: JSON.stringify(body) })
        await answered(res, method)
      }),
      { numRuns: 300 },
    )
  })

  it('values nested far deeper than any serializer reads are a 4xx, not a stack overflow', async () => {
    const emulator = fresh()
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`
    for (const [path, body] of [
      ['/api/jobs/1/annotations', `{"shapes":[{"type":"rectangle","frame":0,"label_id":1,"points":[1,2,3,4],"attributes":[{"spec_id":1,"value":${deep}}]}]}`],
      ['/api/projects', `{"name":"p","labels":[{"name":"a","type":${deep}}]}`],
      ['/api/jobs', `{"task_id":1,"type":"ground_truth","frame_selection_method":${deep}}`],
    ] as const) {
      const res = await emulator.fetch(`http://x${path}`, { method: path.includes('annotations') ? 'PUT' : 'POST', headers: { ...auth('admin'), 'content-type': 'application/json' }, body })
      expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true])
    }
  })

  it('a server that took the writes of a property still answers its lists', async () => {
    const emulator = fresh()
    for (const body of fc.sample(writeBody, 100)) await emulator.fetch('http://x/api/tasks?org=acme', { method: 'POST', headers: { ...auth('olga'), 'content-type': 'application/json' }, body: JSON.stringify(body) })
    for (const path of ['/api/projects', '/api/tasks', '/api/jobs', '/api/labels']) expect((await emulator.fetch(`http://x${path}`, { headers: auth('admin') })).status).toBe(200)
  })
})
