// The models CVAT shares between resources and the codec primitives, under the names they had
// before the generator: the primitives live in ./primitives.ts (the generated models import
// them, so this module, which re-exports generated models, cannot be their home), and RoleEnum,
// BasicUser and BasicOrganization are generated (src/generated/models, `npm run generate`).
export {
  checked,
  isOptionalString,
  isOptionalInt,
  isOptionalBoolean,
  isOptionalNullableString,
  isStringArray,
  type Optionals,
  optional,
  IntGuard,
  Int,
  OptionalString,
  OptionalInt,
  OptionalBoolean,
  OptionalNullableString,
  type TextRules,
  text,
  secret,
  Anything,
  type Page,
  pageGuard,
  pageDecoder,
} from './primitives'
import type * as G from 'io-ts/Guard'
import { type RoleEnum as Role, RoleEnumGuard } from '../generated/models/RoleEnum'

export { RoleEnum } from '../generated/models/RoleEnum'

/** Checks a membership role (`RoleEnumGuard`, under the name it had before the generator). */
// Annotated: an inferred type is declared as `import("..").RoleEnum`, which Node10 and Node16 resolution cannot follow (attw).
export const RoleGuard: G.Guard<unknown, Role> = RoleEnumGuard
export { BasicUser, BasicUserGuard, BasicUserDecoder } from '../generated/models/BasicUser'
export { BasicOrganization, BasicOrganizationGuard, BasicOrganizationDecoder } from '../generated/models/BasicOrganization'
