/**
 * Ids that cannot be confused: every resource's integer id is its own branded type. The brand is
 * an optional property keyed by a symbol that exists only in the types, so it costs nothing at
 * run time and a plain number (typed by a person, read from a CSV) is still accepted where an id
 * is expected; but an id taken from another resource's answer (`member.user.id`, a `UserId`)
 * passed where a `MembershipId` belongs is a compile error. The generator brands a model's `id`
 * by its resource, `<resource>_id` fields, `organization` integers and the id parameters of paths
 * and queries (scripts/generate/overrides.ts says which is which). Each decoder is `Int` itself.
 */
import { Int } from './primitives'
import type * as D from './decoder'

declare const idKind: unique symbol

/**
 * Brands a number as the id of one kind of resource; any plain number is assignable to it, an id of another kind is not.
 *
 * @example
 * const byHand: Id<'task'> = 42
 */
export type Id<K extends string> = number & { readonly [idKind]?: K }

/**
 * Names a user's id (`BasicUser.id`, `user_id`, `owner_id`, `assignee_id`).
 *
 * @example
 * const ann: UserId = 7
 */
export type UserId = Id<'user'>
/**
 * Decodes a user's id (an integer; `Int` itself, no cost).
 *
 * @example
 * UserId.decode(7) // Right(7)
 */
export const UserId: D.Decoder<unknown, UserId> = Int

/**
 * Names an organisation's id (`OrganizationRead.id`, `organization`, `org_id`).
 *
 * @example
 * const acme: OrganizationId = 1
 */
export type OrganizationId = Id<'organization'>
/**
 * Decodes an organisation's id (an integer; `Int` itself, no cost).
 *
 * @example
 * OrganizationId.decode(7) // Right(7)
 */
export const OrganizationId: D.Decoder<unknown, OrganizationId> = Int

/**
 * Names a membership's id (`MembershipRead.id`), never a user's.
 *
 * @example
 * const seat: MembershipId = 3
 */
export type MembershipId = Id<'membership'>
/**
 * Decodes a membership's id (an integer; `Int` itself, no cost).
 *
 * @example
 * MembershipId.decode(7) // Right(7)
 */
export const MembershipId: D.Decoder<unknown, MembershipId> = Int

/**
 * Names a project's id (`ProjectRead.id`, `project_id`).
 *
 * @example
 * const project: ProjectId = 5
 */
export type ProjectId = Id<'project'>
/**
 * Decodes a project's id (an integer; `Int` itself, no cost).
 *
 * @example
 * ProjectId.decode(7) // Right(7)
 */
export const ProjectId: D.Decoder<unknown, ProjectId> = Int

/**
 * Names a task's id (`TaskRead.id`, `task_id`), never a job's.
 *
 * @example
 * const task: TaskId = 12
 */
export type TaskId = Id<'task'>
/**
 * Decodes a task's id (an integer; `Int` itself, no cost).
 *
 * @example
 * TaskId.decode(7) // Right(7)
 */
export const TaskId: D.Decoder<unknown, TaskId> = Int

/**
 * Names a job's id (`JobRead.id`, `job_id`, `parent_job_id`), never a task's.
 *
 * @example
 * const job: JobId = 40
 */
export type JobId = Id<'job'>
/**
 * Decodes a job's id (an integer; `Int` itself, no cost).
 *
 * @example
 * JobId.decode(7) // Right(7)
 */
export const JobId: D.Decoder<unknown, JobId> = Int

/**
 * Names a label's id (`Label.id`, `label_id`, a label's `parent_id`).
 *
 * @example
 * const car: LabelId = 9
 */
export type LabelId = Id<'label'>
/**
 * Decodes a label's id (an integer; `Int` itself, no cost).
 *
 * @example
 * LabelId.decode(7) // Right(7)
 */
export const LabelId: D.Decoder<unknown, LabelId> = Int

/**
 * Names a label attribute's id (`Attribute.id`, `spec_id`).
 *
 * @example
 * const colour: AttributeId = 4
 */
export type AttributeId = Id<'attribute'>
/**
 * Decodes a label attribute's id (an integer; `Int` itself, no cost).
 *
 * @example
 * AttributeId.decode(7) // Right(7)
 */
export const AttributeId: D.Decoder<unknown, AttributeId> = Int

/**
 * Names an issue's id (`IssueRead.id`, `issue_id`).
 *
 * @example
 * const issue: IssueId = 2
 */
export type IssueId = Id<'issue'>
/**
 * Decodes an issue's id (an integer; `Int` itself, no cost).
 *
 * @example
 * IssueId.decode(7) // Right(7)
 */
export const IssueId: D.Decoder<unknown, IssueId> = Int

/**
 * Names a comment's id (`CommentRead.id`).
 *
 * @example
 * const comment: CommentId = 8
 */
export type CommentId = Id<'comment'>
/**
 * Decodes a comment's id (an integer; `Int` itself, no cost).
 *
 * @example
 * CommentId.decode(7) // Right(7)
 */
export const CommentId: D.Decoder<unknown, CommentId> = Int

/**
 * Names a cloud storage's id (`CloudStorageRead.id`, `cloud_storage_id`).
 *
 * @example
 * const bucket: CloudStorageId = 1
 */
export type CloudStorageId = Id<'cloudStorage'>
/**
 * Decodes a cloud storage's id (an integer; `Int` itself, no cost).
 *
 * @example
 * CloudStorageId.decode(7) // Right(7)
 */
export const CloudStorageId: D.Decoder<unknown, CloudStorageId> = Int

/**
 * Names a webhook's id (`WebhookRead.id`, `webhook_id`).
 *
 * @example
 * const hook: WebhookId = 6
 */
export type WebhookId = Id<'webhook'>
/**
 * Decodes a webhook's id (an integer; `Int` itself, no cost).
 *
 * @example
 * WebhookId.decode(7) // Right(7)
 */
export const WebhookId: D.Decoder<unknown, WebhookId> = Int

/**
 * Names a webhook delivery's id (`WebhookDeliveryRead.id`, the path's `delivery_id`).
 *
 * @example
 * const delivery: WebhookDeliveryId = 30
 */
export type WebhookDeliveryId = Id<'webhookDelivery'>
/**
 * Decodes a webhook delivery's id (an integer; `Int` itself, no cost).
 *
 * @example
 * WebhookDeliveryId.decode(7) // Right(7)
 */
export const WebhookDeliveryId: D.Decoder<unknown, WebhookDeliveryId> = Int

/**
 * Names a personal access token's id (`AccessTokenRead.id`).
 *
 * @example
 * const token: AccessTokenId = 2
 */
export type AccessTokenId = Id<'accessToken'>
/**
 * Decodes a personal access token's id (an integer; `Int` itself, no cost).
 *
 * @example
 * AccessTokenId.decode(7) // Right(7)
 */
export const AccessTokenId: D.Decoder<unknown, AccessTokenId> = Int

/**
 * Names an annotation guide's id (`AnnotationGuideRead.id`, `guide_id`).
 *
 * @example
 * const guide: AnnotationGuideId = 1
 */
export type AnnotationGuideId = Id<'annotationGuide'>
/**
 * Decodes an annotation guide's id (an integer; `Int` itself, no cost).
 *
 * @example
 * AnnotationGuideId.decode(7) // Right(7)
 */
export const AnnotationGuideId: D.Decoder<unknown, AnnotationGuideId> = Int

/**
 * Names a quality report's id (`QualityReport.id`, `report_id`, a report's `parent_id`).
 *
 * @example
 * const report: QualityReportId = 11
 */
export type QualityReportId = Id<'qualityReport'>
/**
 * Decodes a quality report's id (an integer; `Int` itself, no cost).
 *
 * @example
 * QualityReportId.decode(7) // Right(7)
 */
export const QualityReportId: D.Decoder<unknown, QualityReportId> = Int

/**
 * Names a quality settings instance's id (`QualitySettings.id`).
 *
 * @example
 * const settings: QualitySettingsId = 3
 */
export type QualitySettingsId = Id<'qualitySettings'>
/**
 * Decodes a quality settings instance's id (an integer; `Int` itself, no cost).
 *
 * @example
 * QualitySettingsId.decode(7) // Right(7)
 */
export const QualitySettingsId: D.Decoder<unknown, QualitySettingsId> = Int

/**
 * Names a consensus settings instance's id (`ConsensusSettings.id`).
 *
 * @example
 * const settings: ConsensusSettingsId = 3
 */
export type ConsensusSettingsId = Id<'consensusSettings'>
/**
 * Decodes a consensus settings instance's id (an integer; `Int` itself, no cost).
 *
 * @example
 * ConsensusSettingsId.decode(7) // Right(7)
 */
export const ConsensusSettingsId: D.Decoder<unknown, ConsensusSettingsId> = Int

/**
 * Names an annotation conflict's id (`AnnotationConflict.id`).
 *
 * @example
 * const conflict: AnnotationConflictId = 17
 */
export type AnnotationConflictId = Id<'annotationConflict'>
/**
 * Decodes an annotation conflict's id (an integer; `Int` itself, no cost).
 *
 * @example
 * AnnotationConflictId.decode(7) // Right(7)
 */
export const AnnotationConflictId: D.Decoder<unknown, AnnotationConflictId> = Int

/**
 * Names an annotated shape's id (`LabeledShape.id`, `SubLabeledShape.id`).
 *
 * @example
 * const box: ShapeId = 100
 */
export type ShapeId = Id<'shape'>
/**
 * Decodes an annotated shape's id (an integer; `Int` itself, no cost).
 *
 * @example
 * ShapeId.decode(7) // Right(7)
 */
export const ShapeId: D.Decoder<unknown, ShapeId> = Int

/**
 * Names an annotated track's id (`LabeledTrack.id`, `SubLabeledTrack.id`).
 *
 * @example
 * const track: TrackId = 20
 */
export type TrackId = Id<'track'>
/**
 * Decodes an annotated track's id (an integer; `Int` itself, no cost).
 *
 * @example
 * TrackId.decode(7) // Right(7)
 */
export const TrackId: D.Decoder<unknown, TrackId> = Int

/**
 * Names a tag's id (`LabeledImage.id`: a label on a whole frame).
 *
 * @example
 * const tag: TagId = 5
 */
export type TagId = Id<'tag'>
/**
 * Decodes a tag's id (an integer; `Int` itself, no cost).
 *
 * @example
 * TagId.decode(7) // Right(7)
 */
export const TagId: D.Decoder<unknown, TagId> = Int
