// cvat/apps/engine/task.py _generate_segment_params (lines 147–196) and _create_segments_and_jobs
// (lines 198–236): the cuts checked against jobs CVAT made for its own fixtures (jobs.json).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyEngine } from '../../../src/testing/engine/model'
import { attachFrames, createData, defaultChunkSize, planFromMapping, planSegments } from '../../../src/testing/engine/segments'

const ranges = (size: number, segmentSize: number, overlap: number | null, mode = 'annotation') =>
  planSegments(size, { segmentSize, overlap, mode }).segments.map((s) => [s.start, s.stop])

describe('planSegments', () => {
  it('cuts as CVAT cut its fixture tasks', () => {
    expect(ranges(20, 5, null)).toEqual([[0, 4], [5, 9], [10, 14], [15, 19]]) // task 9: jobs 11–14
    expect(ranges(10, 6, null)).toEqual([[0, 5], [6, 9]]) // task 21: jobs 25, 26
    expect(ranges(11, 5, null)).toEqual([[0, 4], [5, 9], [10, 10]]) // task 23: jobs 29–31
    expect(ranges(25, 25, 5, 'interpolation')).toEqual([[0, 24]]) // task 5: job 7
  })

  it('settles segment size and overlap: 0 or too big is one segment; overlap defaults by mode and is at most half', () => {
    expect(planSegments(7, { segmentSize: 0, overlap: null, mode: 'annotation' })).toEqual({ segmentSize: 7, overlap: 0, segments: [{ start: 0, stop: 6 }] })
    expect(planSegments(20, { segmentSize: 10, overlap: null, mode: 'interpolation' })).toEqual({ segmentSize: 10, overlap: 5, segments: [{ start: 0, stop: 9 }, { start: 5, stop: 14 }, { start: 10, stop: 19 }] })
    expect(planSegments(10, { segmentSize: 4, overlap: 3, mode: 'annotation' }).overlap).toBe(2)
    expect(planSegments(0, { segmentSize: 0, overlap: null, mode: 'annotation' })).toEqual({ segmentSize: 0, overlap: 0, segments: [] })
  })

  it('covers every frame, each segment at most segment_size long, consecutive segments sharing exactly the overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 400 }), fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }), (size, segmentSize, overlap) => {
        const plan = planSegments(size, { segmentSize, overlap, mode: 'annotation' })
        const covered = new Set(plan.segments.flatMap((s) => Array.from({ length: s.stop - s.start + 1 }, (_, i) => s.start + i)))
        expect(covered.size).toBe(size)
        expect(plan.segments.every((s) => s.stop - s.start + 1 <= plan.segmentSize)).toBe(true)
        plan.segments.slice(1).forEach((s, i) => expect(plan.segments[i]!.stop - s.start + 1).toBe(plan.overlap))
      }),
    )
  })

  it('a job_file_mapping makes one consecutive segment per job, size and overlap 0', () => {
    expect(planFromMapping([2, 3, 1])).toEqual({ segmentSize: 0, overlap: 0, segments: [{ start: 0, stop: 1 }, { start: 2, stop: 4 }, { start: 5, stop: 5 }] })
  })
})

describe('attachFrames', () => {
  it('settles size, mode, chunk size and stop frame, then makes a job per segment plus consensus replicas', () => {
    const e = emptyEngine()
    const task = { id: 1, name: 't', projectId: null, mode: '' as const, ownerId: null, assigneeId: null, assigneeUpdatedDate: null, bugTracker: '', createdDate: 0, updatedDate: 0, overlap: null, segmentSize: 2, status: 'annotation' as const, dataId: null, dimension: '2d' as const, subset: '', organizationId: null, sourceStorage: null, targetStorage: null, consensusReplicas: 2, guideId: null }
    e.tasks.push(task)
    createData(e, task, { imageQuality: 70 })
    const jobs = attachFrames(e, task, [{ name: 'a.png', width: 1920, height: 1080 }, { name: 'b.png', width: 10, height: 10 }, { name: 'c.png', width: 10, height: 10 }], 5)
    expect(jobs.map((j) => [j.id, j.type, j.parentJobId, j.segmentId])).toEqual([[1, 'annotation', null, 1], [2, 'consensus_replica', 1, 1], [3, 'consensus_replica', 1, 1], [4, 'annotation', null, 2], [5, 'consensus_replica', 4, 2], [6, 'consensus_replica', 4, 2]])
    expect({ mode: task.mode, segmentSize: task.segmentSize, overlap: task.overlap }).toEqual({ mode: 'annotation', segmentSize: 2, overlap: 0 })
    expect({ size: e.data[0]!.size, chunk: e.data[0]!.chunkSize, stop: e.data[0]!.stopFrame }).toEqual({ size: 3, chunk: 36, stop: 2 })
  })

  it('picks the chunk size from the first image area, between 2 and 72', () => {
    expect([defaultChunkSize({ width: 1920, height: 1080 }), defaultChunkSize({ width: 8000, height: 8000 }), defaultChunkSize({ width: 10, height: 10 })]).toEqual([36, 2, 72])
  })
})
