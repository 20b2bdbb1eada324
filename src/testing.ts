// `cvat-fp/testing`: the fetch-only CVAT emulator (no node:http here; see `cvat-fp/testing/node`).
export { createCvatEmulator } from './testing/emulator'
export type { CvatEmulator, CvatEmulatorOptions, LoggedRequest } from './testing/emulator'
export { credentialsOf } from './testing/model'
export type {
  EmulatedInvitation,
  EmulatedMembership,
  EmulatedOrganization,
  EmulatedUser,
  EmulatorState,
  InvitationSeed,
  OrganizationSeed,
  UserSeed,
} from './testing/model'
export { DEFAULT_INVITATIONS, DEFAULT_ORGANIZATIONS, DEFAULT_USERS } from './testing/seed'
