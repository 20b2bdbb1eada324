/**
 * Annotations as CVAT serves them (serializers.py LabeledImage, LabeledShape, LabeledTrack,
 * TrackedShape, AttributeVal): the emulator stores a job's annotations in this wire shape, ids
 * given out, so reading them back is rendering, not translating.
 */

/**
 * Holds an attribute value of an annotation (AttributeValSerializer).
 *
 * @example
 * const colour: EmulatedAttributeVal = { spec_id: 1, value: 'red' }
 */
export interface AttributeVal {
  readonly spec_id: number
  readonly value: string
}

/**
 * Holds a tag (LabeledImageSerializer), as stored and served.
 *
 * @example
 * const tags = (s: EmulatorState, jobId: number): ReadonlyArray<EmulatedTag> => s.engine.annotations.get(jobId)?.tags ?? []
 */
export interface Tag {
  readonly id: number
  readonly frame: number
  readonly label_id: number
  readonly group: number | null
  readonly source: string
  readonly attributes: ReadonlyArray<AttributeVal>
}

/**
 * Holds a tracked shape (TrackedShapeSerializer): one keyframe of a track, with ShapeSerializer's fields.
 *
 * @example
 * const keyframes = (t: EmulatedTrack): ReadonlyArray<EmulatedTrackedShape> => t.shapes.filter((s) => !s.outside)
 */
export interface TrackedShape {
  readonly id: number
  readonly type: string
  readonly occluded: boolean
  readonly outside: boolean
  readonly z_order: number
  readonly rotation: number
  readonly points: ReadonlyArray<number>
  readonly frame: number
  readonly attributes: ReadonlyArray<AttributeVal>
}

/**
 * Holds a shape (LabeledShapeSerializer): a keyframe's fields plus a label; `elements` holds a skeleton's points.
 *
 * @example
 * const boxes = (a: JobAnnotations): ReadonlyArray<EmulatedShape> => a.shapes.filter((s) => s.type === 'rectangle')
 */
export interface Shape extends TrackedShape {
  readonly label_id: number
  readonly group: number | null
  readonly source: string
  readonly elements?: ReadonlyArray<Shape>
}

/**
 * Holds a track (LabeledTrackSerializer); `elements` holds a skeleton's tracks.
 *
 * @example
 * const tracks = (s: EmulatorState, jobId: number): ReadonlyArray<EmulatedTrack> => s.engine.annotations.get(jobId)?.tracks ?? []
 */
export interface Track {
  readonly id: number
  readonly frame: number
  readonly label_id: number
  readonly group: number | null
  readonly source: string
  readonly shapes: ReadonlyArray<TrackedShape>
  readonly attributes: ReadonlyArray<AttributeVal>
  readonly elements?: ReadonlyArray<Track>
}

/**
 * Stores one job's annotations as CVAT serves them (LabeledDataSerializer), ids assigned.
 *
 * @example
 * const shapes = (s: EmulatorState, jobId: number) => s.engine.annotations.get(jobId)?.shapes ?? []
 */
export interface JobAnnotations {
  tags: Tag[]
  shapes: Shape[]
  tracks: Track[]
}
