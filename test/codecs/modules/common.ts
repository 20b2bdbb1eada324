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
} from '../../../src/codecs/primitives'
export { RoleEnum, RoleEnumGuard as RoleGuard } from '../../../src/generated/models/RoleEnum'
export { BasicUser, BasicUserGuard, BasicUserDecoder } from '../../../src/generated/models/BasicUser'
export { BasicOrganization, BasicOrganizationGuard, BasicOrganizationDecoder } from '../../../src/generated/models/BasicOrganization'
