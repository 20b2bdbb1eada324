/**
 * PATCH …/data/meta — DataMetaWriteSerializer and JobDataMetaWriteSerializer (2.26.2
 * serializers.py lines 2668–2780): `deleted_frames` (required; integers ≥ 0, no repeats, known
 * frames; for a job, frames of its segment, merged with the task's other deleted frames). The
 * answer is the refreshed data/meta.
 */
import type { AuthedEnv } from '../../env'
import { type Reply, isReply, json } from '../../http'
import { bodyDict } from '../../views/common'
import type { EmulatedJob, EmulatedTask } from '../model'
import { dataOf, segmentOf } from '../model'
import { jobMeta, taskMeta } from './serve'

// utils.py format_list: at most 10 items, then "(and N more)".
const formatList = (xs: ReadonlyArray<string>): string => `${xs.slice(0, 10).join(', ')}${xs.length > 10 ? ` (and ${xs.length - 10} more)` : ''}`

const deletedFrames = (env: AuthedEnv): number[] | Reply => {
  const b = bodyDict(env)
  if (isReply(b)) return b
  const v = b['deleted_frames']
  if (v === undefined) return json(400, { deleted_frames: ['This field is required.'] })
  if (!Array.isArray(v)) return json(400, { deleted_frames: [`Expected a list of items but got type "${typeof v === 'string' ? 'str' : v === null ? 'NoneType' : typeof v === 'number' ? 'int' : typeof v === 'boolean' ? 'bool' : 'dict'}".`] })
  const errors: Record<number, string[]> = {}
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isInteger(x)) errors[i] = ['A valid integer is required.']
    else if (x < 0) errors[i] = ['Ensure this value is greater than or equal to 0.']
  })
  return Object.keys(errors).length > 0 ? json(400, { deleted_frames: errors }) : (v as number[])
}

/** PATCH /api/tasks/{id}/data/meta */
export const patchTaskMeta = (env: AuthedEnv, t: EmulatedTask): Reply => {
  const data = dataOf(env.s.engine, t)
  if (!data || t.mode === '') return json(400, ['Data is not uploaded for the task yet'])
  const frames = deletedFrames(env)
  if (isReply(frames)) return frames
  if (new Set(frames).size !== frames.length) return json(400, ['Deleted frames cannot repeat'])
  const unknown = [...new Set(frames)].filter((f) => f >= data.size).sort((a, b) => a - b)
  if (unknown.length > 0) return json(400, [`Unknown frames ${formatList(unknown.map(String))} requested for removal`])
  data.deletedFrames = frames
  t.updatedDate = env.now
  return taskMeta(env, t)
}

/** PATCH /api/jobs/{id}/data/meta */
export const patchJobMeta = (env: AuthedEnv, j: EmulatedJob, t: EmulatedTask): Reply => {
  const data = dataOf(env.s.engine, t)
  const g = segmentOf(env.s.engine, j)
  if (!data || !g) return json(400, ['Data is not uploaded for the task yet'])
  const frames = deletedFrames(env)
  if (isReply(frames)) return frames
  const mine = new Set(g.type === 'specific_frames' ? g.frames : Array.from({ length: g.stopFrame - g.startFrame + 1 }, (_, i) => g.startFrame + i))
  const unknown = [...new Set(frames)].filter((f) => !mine.has(f))
  if (unknown.length > 0) return json(400, [`Frames ${formatList(unknown.map(String))} do not belong to the job`])
  data.deletedFrames = [...frames, ...data.deletedFrames.filter((f) => !mine.has(f))]
  j.updatedDate = env.now
  return jobMeta(env, j, t)
}
