// `cvat-fp/testing`: the fetch-only CVAT emulator (no node:http here; see `cvat-fp/testing/node`).
export { createCvatEmulator } from './testing/emulator'
export type { CvatEmulator, CvatEmulatorOptions, LoggedRequest } from './testing/emulator'
export type { ServerVersion } from './testing/env'
export { credentialsOf } from './testing/model'
export type {
  EmulatedAccessToken,
  EmulatedInvitation,
  EmulatedMembership,
  EmulatedOrganization,
  EmulatedUser,
  EmulatorState,
  Group,
} from './testing/model'
export type { CvatAssets, InvitationSeed, OrganizationSeed, UserSeed } from './testing/seeding'
export type {
  EmulatedAttribute,
  EmulatedCloudStorage,
  EmulatedComment,
  EmulatedData,
  EmulatedFrame,
  EmulatedIssue,
  EmulatedJob,
  EmulatedLabel,
  EmulatedProject,
  EmulatedSegment,
  EmulatedStorage,
  EmulatedTask,
  EngineState,
  JobAnnotations,
  LabelType as EmulatedLabelType,
  StatusChoice,
} from './testing/engine/model'
// Renamed where the library exports a model of the same name (the wire types of `cvat-fp`).
export type {
  AttributeVal as EmulatedAttributeVal,
  Shape as EmulatedShape,
  Tag as EmulatedTag,
  Track as EmulatedTrack,
  TrackedShape as EmulatedTrackedShape,
} from './testing/engine/annotationModel'
export type { EngineAssets, LabelAsset, PersonAsset, StorageAsset } from './testing/engine/seeding'
export { DEFAULT_INVITATIONS, DEFAULT_ORGANIZATIONS, DEFAULT_USERS } from './testing/seed'
