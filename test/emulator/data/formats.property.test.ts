// Format round trips (export -> import gives the annotations back) for "CVAT for images 1.1" /
// "CVAT 1.1" and "COCO 1.0", their writers' exact text where CVAT's is known, and the XML parser.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ExportFrame, exportFrames, fixed2 } from '../../../src/testing/engine/formats/frames'
import { readCvatXml, writeCvatXml } from '../../../src/testing/engine/formats/cvatXml'
import { readCoco, writeCoco } from '../../../src/testing/engine/formats/coco'
import { isFailure, resolve } from '../../../src/testing/engine/formats/imported'
import { exportFiles, importFile } from '../../../src/testing/engine/formats/registry'
import { parseXml } from '../../../src/testing/engine/formats/xml'
import type { EmulatedLabel, JobAnnotations, Shape } from '../../../src/testing/engine/model'
import { writeZip } from '../../../src/testing/engine/zip/zip'

const LABELS: EmulatedLabel[] = [
  { id: 1, name: 'car', color: '#ff0000', type: 'any', projectId: null, taskId: 1, parentId: null, svg: null, attributes: [
    { id: 1, name: 'colour', mutable: false, inputType: 'select', defaultValue: 'red', values: ['red', 'blue', 'a "quoted" <value> & more'] },
    { id: 2, name: 'parked', mutable: true, inputType: 'checkbox', defaultValue: 'false', values: ['false'] },
    { id: 3, name: 'speed', mutable: true, inputType: 'number', defaultValue: '0', values: ['0', '100', '1'] },
  ] },
  { id: 2, name: 'person & "friend"', color: '#00ff00', type: 'any', projectId: null, taskId: 1, parentId: null, svg: null, attributes: [
    { id: 4, name: 'note', mutable: false, inputType: 'text', defaultValue: '', values: [''] },
  ] },
]
const FRAMES = [
  { name: 'images/0001.png', width: 640, height: 480 },
  { name: 'b/frame 2.jpg', width: 100, height: 50 },
  { name: 'c.png', width: 10, height: 10 },
]

const cents = fc.integer({ min: 0, max: 100_000 })
const attrsFor = (label: number) =>
  label === 1
    ? fc.tuple(fc.constantFrom('red', 'blue', 'a "quoted" <value> & more'), fc.boolean(), fc.integer({ min: 0, max: 100 })).map(([c, p, s]) => [
        { spec_id: 1, value: c },
        { spec_id: 2, value: String(p) },
        { spec_id: 3, value: String(s) },
      ])
    : fc.string({ maxLength: 12 }).filter((s) => !/[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/.test(s) && s.trim() === s).map((v) => [{ spec_id: 4, value: v }])
const shape = (types: ReadonlyArray<string>) =>
  fc.tuple(fc.constantFrom(...types), fc.constantFrom(1, 2), fc.integer({ min: 0, max: 2 }), fc.array(cents, { minLength: 6, maxLength: 10 }), fc.boolean(), fc.integer({ min: -3, max: 3 }))
    .chain(([type, label, frame, pts, occluded, z]) =>
      attrsFor(label).map((attributes): Shape => {
        const c = type === 'rectangle' ? [pts[0]!, pts[1]!, pts[0]! + pts[2]! + 1, pts[1]! + pts[3]! + 1] : pts.slice(0, pts.length - (pts.length % 2))
        const points = c.map((n) => n / 100)
        return { id: 0, type, occluded, outside: false, z_order: z, rotation: 0, points, frame, label_id: label, group: 0, source: 'manual', attributes }
      }),
    )
const tag = fc.tuple(fc.constantFrom(1, 2), fc.integer({ min: 0, max: 2 })).chain(([label, frame]) => attrsFor(label).map((attributes) => ({ id: 0, frame, label_id: label, group: 0, source: 'manual', attributes })))

const view = (a: JobAnnotations): ExportFrame[] => exportFrames({ labels: LABELS, frames: FRAMES, annotations: a, start: 0, stop: 2, deleted: new Set(), abs: (i) => i })
const match = (name: string, id: string | undefined) => {
  const i = FRAMES.findIndex((f) => f.name === name)
  return i >= 0 ? i : id !== undefined && /^\d+$/.test(id) && Number(id) < FRAMES.length ? Number(id) : undefined
}
// What an import gives back, comparable with what was exported: per frame, by z_order then stored order.
const normal = (shapes: ReadonlyArray<{ type: string; frame: number; label_id: number; points: ReadonlyArray<number>; occluded: boolean; z_order: number; attributes: ReadonlyArray<{ spec_id: number; value: string }> }>) =>
  shapes
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.frame - b.s.frame || a.s.z_order - b.s.z_order || a.i - b.i)
    .map(({ s }) => ({ type: s.type, frame: s.frame, label_id: s.label_id, points: [...s.points], occluded: s.occluded, z_order: s.z_order, attributes: [...s.attributes].sort((x, y) => x.spec_id - y.spec_id) }))

describe('CVAT for images 1.1 -> CVAT 1.1', () => {
  it('round trip: shapes (boxes, polygons, polylines, points) and tags with attributes come back', () => {
    fc.assert(
      fc.property(fc.array(shape(['rectangle', 'polygon', 'polyline', 'points']), { maxLength: 8 }), fc.array(tag, { maxLength: 3 }), (shapes, tags) => {
        const xml = writeCvatXml([['task', [['id', '1']]]], view({ shapes, tags, tracks: [] }))
        const back = readCvatXml(xml, match)
        if (isFailure(back)) return expect(back).toBe('no failure')
        const r = resolve(back, LABELS)
        if (isFailure(r)) return expect(r).toBe('no failure')
        expect(normal(r.shapes)).toEqual(normal(shapes))
        expect(r.tags.map((t) => [t.frame, t.label_id, t.attributes])).toEqual([...tags].sort((a, b) => a.frame - b.frame).map((t) => [t.frame, t.label_id, t.attributes]))
      }),
      { numRuns: 150 },
    )
  }, 30_000)

  it("writes XMLGenerator's text: declaration, two-space indent, {:.2f} coordinates, quoteattr, <x></x> for empty", () => {
    const xml = writeCvatXml(
      [['task', [['id', '7'], ['name', 'a <b>'], ['owner', ''], ['segments', [['segment', [['id', '1']]]]]]], ['dumped', '2026-01-01 00:00:00+00:00']],
      view({ tags: [{ id: 0, frame: 1, label_id: 2, group: 3, source: 'manual', attributes: [{ spec_id: 4, value: 'x' }] }], tracks: [], shapes: [
        { id: 0, type: 'rectangle', occluded: true, outside: false, z_order: 1, rotation: 30, points: [0.125, 2, 3.5, 4.005], frame: 0, label_id: 1, group: 0, source: 'manual', attributes: [{ spec_id: 1, value: 'a "quoted" <value> & more' }] },
      ] }).slice(0, 2),
    )
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<annotations>',
        '  <version>1.1</version>',
        '  <meta>',
        '    <task>',
        '      <id>7</id>',
        '      <name>a &lt;b&gt;</name>',
        '      <owner></owner>',
        '      <segments>',
        '        <segment>',
        '          <id>1</id>',
        '        </segment>',
        '      </segments>',
        '    </task>',
        '    <dumped>2026-01-01 00:00:00+00:00</dumped>',
        '  </meta>',
        '  <image id="0" name="images/0001.png" width="640" height="480">',
        '    <box label="car" source="manual" occluded="1" xtl="0.12" ytl="2.00" xbr="3.50" ybr="4.00" rotation="30.00" z_order="1">',
        '      <attribute name="colour">a "quoted" &lt;value&gt; &amp; more</attribute>',
        '    </box>',
        '  </image>',
        '  <image id="1" name="b/frame 2.jpg" width="100" height="50">',
        `    <tag label='person & "friend"' source="manual" group_id="3">`.replace('&', '&amp;'),
        '      <attribute name="note">x</attribute>',
        '    </tag>',
        '  </image>',
        '</annotations>',
        '',
      ].join('\n'),
    )
  })

  it('import failures read as CVAT reports them: unknown label, unmatched image, missing attribute, bad number, bad XML', () => {
    const img = (inner: string, name = 'c.png') => `<annotations><image id="9" name="${name}">${inner}</image></annotations>`
    const failure = (xml: string) => {
      const r = readCvatXml(xml, match)
      return isFailure(r) ? r.message : (() => { const x = resolve(r, LABELS); return isFailure(x) ? x.message : 'ok' })()
    }
    expect(failure(img('<box label="bus" xtl="1" ytl="1" xbr="2" ybr="2"/>'))).toBe("ValueError: Label 'bus' is not registered for this task\n")
    expect(failure(img('', 'zzz.png'))).toBe("cvat.apps.dataset_manager.bindings.CvatImportError: Could not match item id: 'zzz' with any task frame\n")
    expect(failure(img('<box label="car" xtl="1" ytl="1" xbr="2"/>'))).toBe("KeyError: 'ybr'\n")
    expect(failure(img('<polygon label="car" points="1,2;x,3"/>'))).toBe("ValueError: could not convert string to float: 'x'\n")
    expect(failure('<annotations><image>')).toBe('xml.etree.ElementTree.ParseError: no element found: line 1, column 20\n')
    expect(failure('<!DOCTYPE x [<!ENTITY a "aaaa">]><annotations/>')).toMatch(/^xml\.etree\.ElementTree\.ParseError: DTDs are not supported/)
  })
})

describe('COCO 1.0', () => {
  it('round trip: boxes and polygons with every attribute; points and polylines are not COCO instances', () => {
    fc.assert(
      fc.property(fc.array(shape(['rectangle', 'polygon', 'points']), { maxLength: 8 }), (shapes) => {
        const json = writeCoco(LABELS, view({ shapes, tags: [], tracks: [] }))
        const back = readCoco(json, (n) => match(n, undefined))
        if (isFailure(back)) return expect(back).toBe('no failure')
        const r = resolve(back, LABELS)
        if (isFailure(r)) return expect(r).toBe('no failure')
        const kept = shapes.filter((s) => s.type !== 'points').map((s) => ({ ...s, z_order: 0 }))
        // x + (x1 - x0) is float arithmetic, in Python as here: compare at two decimals.
        const bag = (xs: ReturnType<typeof normal>) => xs.map((x) => JSON.stringify({ ...x, points: x.points.map((p) => Math.round(p * 100)) })).sort()
        expect(bag(normal(r.shapes))).toEqual(bag(normal(kept)))
      }),
      { numRuns: 150 },
    )
  }, 30_000)

  it('writes the instances document: licenses, info, categories from 1, images from 1, typed attributes with defaults', () => {
    const json = JSON.parse(writeCoco(LABELS, view({ tags: [], tracks: [], shapes: [
      { id: 0, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 2, 11, 22], frame: 1, label_id: 1, group: 0, source: 'manual', attributes: [{ spec_id: 3, value: '42' }] },
    ] })))
    expect(json).toEqual({
      licenses: [{ name: '', id: 0, url: '' }],
      info: { contributor: '', date_created: '', description: '', url: '', version: '', year: '' },
      categories: [{ id: 1, name: 'car', supercategory: '' }, { id: 2, name: 'person & "friend"', supercategory: '' }],
      images: FRAMES.map((f, i) => ({ id: i + 1, width: f.width, height: f.height, file_name: f.name, license: 0, flickr_url: '', coco_url: '', date_captured: 0 })),
      annotations: [{ id: 1, image_id: 2, category_id: 1, segmentation: [], area: 200, bbox: [1, 2, 10, 20], iscrowd: 0, attributes: { colour: 'red', parked: false, speed: 42, occluded: false, rotation: 0 } }],
    })
  })
})

describe('archives', () => {
  it('lays out CVAT and COCO zips as CVAT does, and imports them back (zip or bare file)', () => {
    const a: JobAnnotations = { tags: [], tracks: [], shapes: [{ id: 0, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [1, 2, 3, 4], frame: 2, label_id: 1, group: 0, source: 'manual', attributes: [] }] }
    const part = { frames: view(a), subset: 'default', taskId: 1, image: (i: number) => new Uint8Array([i]) }
    const cvat = exportFiles('CVAT for images 1.1', LABELS, [], [part], true, false)
    expect(cvat.map((f) => f.name)).toEqual(['annotations.xml', 'images/images/0001.png', 'images/b/frame 2.jpg', 'images/c.png'])
    const coco = exportFiles('COCO 1.0', LABELS, [], [part], true, false)
    expect(coco.map((f) => f.name)).toEqual(['annotations/instances_default.json', 'images/default/images/0001.png', 'images/default/b/frame 2.jpg', 'images/default/c.png'])
    for (const [format, files] of [['CVAT 1.1', cvat], ['COCO 1.0', coco]] as const) {
      const fromZip = importFile(format, writeZip(files), match, 1 << 20)
      const bare = importFile(format, files[0]!.bytes, match, 1 << 20)
      expect(isFailure(fromZip) ? fromZip : fromZip.shapes.map((s) => [s.frame, s.points])).toEqual([[2, [1, 2, 3, 4]]])
      expect(bare).toEqual(fromZip)
    }
  })

  it('an archive without the format\'s file fails as CVAT words it', () => {
    const junk = writeZip([{ name: 'incorrect_file1.txt', bytes: new TextEncoder().encode('Some text') }])
    expect(importFile('CVAT 1.1', junk, match, 1 << 20)).toMatchObject({ message: expect.stringContaining('Dataset must contain a file:') })
    expect(importFile('COCO 1.0', junk, match, 1 << 20)).toMatchObject({ message: expect.stringContaining('Failed to find dataset') })
  })
})

describe('fixed2 and the XML parser', () => {
  it('fixed2 is Python "{:.2f}" (ties to even on the exact binary value)', () => {
    expect([0.125, 0.375, 2.675, 1.005, -0.001, 0, 1e21, 123.456].map(fixed2)).toEqual(['0.12', '0.38', '2.67', '1.00', '-0.00', '0.00', '1000000000000000000000.00', '123.46'])
  })

  it('parses any text without throwing; escaping round-trips through attributes and text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => {
      expect(['Xml', 'XmlError']).toContain(parseXml(s)._tag)
    }))
    fc.assert(fc.property(fc.string().filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff\r]/.test(s)), (s) => {
      const xml = writeCvatXml([['name', s]], [])
      const doc = parseXml(xml)
      expect(doc._tag === 'Xml' && doc.root.children[1]?.children[0]?.text).toBe(s)
    }))
  })
})
