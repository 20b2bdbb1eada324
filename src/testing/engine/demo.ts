/**
 * The `seed: 'demo'` data set: one project in the default `acme` organisation with labels (a
 * rectangle with an attribute, a polygon, a tag), one task of ten 640×480 frames cut into jobs of
 * four, and a few annotations, so a script has something to list, read and export. The frames
 * exist as names and sizes; the media part of the emulator supplies their pixels.
 */
import type { EmulatorState } from '../model'
import { writeJob } from './annotations'
import { createLabels } from './labels'
import type { EmulatedTask } from './model'
import { nextId } from './model'
import { attachFrames, createData } from './segments'

/** The demo task's frames: names and sizes (the media part renders the images). */
export const DEMO_FRAMES = Array.from({ length: 10 }, (_, i) => ({ name: `street_${String(i).padStart(3, '0')}.png`, width: 640, height: 480 }))

/** Grows the demo project, task, jobs and annotations; needs the default users and `acme` (else one problem line). */
export const seedDemo = (s: EmulatorState, now: number, problems: string[]): void => {
  const e = s.engine
  const id = (name: string) => s.users.find((u) => u.username === name)?.id
  const olga = id('olga')
  const acme = s.organizations.find((o) => o.slug === 'acme')
  if (olga === undefined || acme === undefined) return void problems.push("seed 'demo' needs the default users and the acme organization (defaultSeed: true): skipped")
  const project = {
    id: nextId(e, 'project'), name: 'Street scenes', ownerId: olga, assigneeId: id('mia') ?? null, assigneeUpdatedDate: now, bugTracker: '', status: 'annotation' as const,
    organizationId: acme.id, sourceStorage: null, targetStorage: null, createdDate: now, updatedDate: now, guideId: null,
  }
  e.projects.push(project)
  createLabels(e, { projectId: project.id }, [
    { name: 'car', color: '#fa3253', type: 'rectangle', attributes: [{ name: 'colour', mutable: false, inputType: 'select', defaultValue: 'red', values: ['red', 'blue', 'white'] }], sublabels: [] },
    { name: 'person', color: '#33ddff', type: 'polygon', attributes: [], sublabels: [] },
    { name: 'night', color: '#2a7dd1', type: 'tag', attributes: [], sublabels: [] },
  ])
  const task: EmulatedTask = {
    id: nextId(e, 'task'), name: 'Street frames', projectId: project.id, mode: '', ownerId: olga, assigneeId: null, assigneeUpdatedDate: null, bugTracker: '',
    createdDate: now, updatedDate: now, overlap: null, segmentSize: 4, status: 'annotation', dataId: null, dimension: '2d', subset: 'train', organizationId: acme.id,
    sourceStorage: null, targetStorage: null, consensusReplicas: 0, guideId: null,
  }
  e.tasks.push(task)
  createData(e, task, { imageQuality: 70, sortingMethod: 'lexicographical' })
  const [first, second] = attachFrames(e, task, DEMO_FRAMES, now)
  if (first) {
    first.assigneeId = id('wes') ?? null
    first.assigneeUpdatedDate = first.assigneeId === null ? null : now
  }
  const label = (name: string) => e.labels.find((l) => l.projectId === project.id && l.name === name)?.id ?? 0
  const colour = e.labels.find((l) => l.name === 'car' && l.projectId === project.id)?.attributes[0]?.id ?? 0
  const box = (frame: number, points: number[], value: string) => ({ id: null, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points, frame, label_id: label('car'), group: 0, source: 'manual', attributes: [{ spec_id: colour, value }] })
  if (first)
    writeJob(e, task, first, {
      tags: [{ id: null, frame: 0, label_id: label('night'), group: 0, source: 'manual', attributes: [] }],
      shapes: [box(0, [32, 200, 224, 330], 'blue'), box(1, [40, 204, 236, 334], 'blue'), { ...box(2, [300, 120, 340, 120, 350, 300, 290, 300], 'red'), type: 'polygon', label_id: label('person'), attributes: [] }],
      tracks: [{ id: null, frame: 0, label_id: label('car'), group: 0, source: 'manual', attributes: [{ spec_id: colour, value: 'white' }], shapes: [{ id: null, type: 'rectangle', occluded: false, outside: false, z_order: 0, rotation: 0, points: [400, 220, 560, 320], frame: 0, attributes: [] }, { id: null, type: 'rectangle', occluded: false, outside: true, z_order: 0, rotation: 0, points: [420, 224, 580, 324], frame: 3, attributes: [] }] }],
    }, 'put', now)
  if (second) writeJob(e, task, second, { tags: [], shapes: [box(5, [10, 10, 120, 90], 'white')], tracks: [] }, 'put', now)
}
